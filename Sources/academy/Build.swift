import AcademyCore
import ArgumentParser
import Foundation
import SiteBuilder

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the content and write the static site and course.json.",
        discussion: "The new build is written beside OUTPUT and swapped in at the end: a failed build leaves the previous one in place."
    )

    @OptionGroup var options: ContentOptions

    func validate() throws {
        try options.requireCurriculum()
    }

    @Option(name: .shortAndLong, help: "Where to write site/ and course.json.")
    var output: String = "academy-data/build"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print each build step with the seconds it started at, for profiling.")
    var timings = false

    func run() async throws {
        let interactive = isatty(STDERR_FILENO) == 1 && !quiet && !timings
        let builder = SiteBuilder(root: options.rootURL)
        let started = Date()
        let timings = self.timings
        do {
            let summary = try await builder.build(output: URL(fileURLWithPath: output)) { step in
                if timings {
                    FileHandle.standardError.write(Data(String(format: "%7.3f s  %@\n", Date().timeIntervalSince(started), step).utf8))
                } else if interactive {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(step)…".utf8))
                }
            }
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            printDiagnostics(summary.warnings)
            if !quiet {
                let report = summary.report
                printLine(String(
                    format: "Built %d pages, %d words, %d questions in %.2f s → %@",
                    summary.pages, report.words, report.questions, summary.seconds, output
                ))
            }
        } catch let error as ContentError {
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            printDiagnostics(error.diagnostics)
            FileHandle.standardError.write(Data("build failed: \(error.diagnostics.count) problem(s); the previous build is unchanged\n".utf8))
            throw ExitCode(1)
        }
    }
}

import AcademyCore
import ArgumentParser
import Foundation
import SiteBuilder

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate the content without writing anything.")

    @OptionGroup var options: ContentOptions

    func validate() throws {
        try options.requireCurriculum()
    }

    @Flag(help: "Print the course's counts as one JSON object.")
    var json = false

    func run() async throws {
        do {
            let (report, warnings) = try await SiteBuilder(root: options.rootURL).check()
            printDiagnostics(warnings)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                printLine(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                printLine("""
                OK: \(report.tracks) tracks, \(report.modules) modules, \(report.lessons) lessons, \(report.words) words, \
                \(report.questions) questions, \(report.glossaryTerms) glossary terms, \(report.rubrics) rubrics, \(report.programmes) programmes
                """)
                if !report.objectivesWithFewerThan3Questions.isEmpty {
                    printLine("objectives with fewer than 3 questions: " + report.objectivesWithFewerThan3Questions.joined(separator: ", "))
                }
            }
        } catch let error as ContentError {
            printDiagnostics(error.diagnostics)
            FileHandle.standardError.write(Data("check failed: \(error.diagnostics.count) problem(s)\n".utf8))
            throw ExitCode(1)
        }
    }
}

import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import SiteBuilder

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export records.",
        subcommands: [Completions.self]
    )

    struct Completions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "completions",
            abstract: "Export completion records as CSV, JSON or xAPI statements (JSON lines).",
            discussion: "Streams a page of trainees at a time, so memory stays flat however many there are. Recorded in the audit log."
        )
        @OptionGroup var data: DataOptions
        @OptionGroup var content: ContentOptions
        @Option(help: "csv, json or xapi.") var format: String = "csv"
        @Option(help: "Only this cohort's trainees.") var cohort: String?
        @Option(help: "Only this track's trainees.") var track: String?
        @Option(help: "Only rows with activity on or after this day (YYYY-MM-DD).") var since: String?
        @Option(help: "Only rows with activity on or before this day (YYYY-MM-DD).") var until: String?
        @Option(help: "New file to write (- for standard output).") var output: String
        @Flag(help: "Start the CSV with a byte-order mark, for Excel.") var bom = false
        @Option(help: "The platform's public address, for xAPI actors and activity ids.") var baseURL: String = "http://127.0.0.1:8080"

        func validate() throws {
            guard CompletionExport.Format(rawValue: format) != nil else { throw ValidationError("--format must be csv, json or xapi") }
            if let since, Day(since) == nil { throw ValidationError("--since must be a day written YYYY-MM-DD") }
            if let until, Day(until) == nil { throw ValidationError("--until must be a day written YYYY-MM-DD") }
            if output != "-", FileManager.default.fileExists(atPath: output) { throw ValidationError("\(output) exists already; choose a new file") }
            try content.requireCurriculum()
        }

        func run() async throws {
            let course: Course
            do {
                course = try await ContentCompiler(root: content.rootURL).course()
            } catch {
                printDiagnostics(error.diagnostics)
                throw ExitCode(1)
            }
            let store = try data.openStore()
            let filter = CompletionFilter(cohort: cohort, track: track, since: since.flatMap(Day.init), until: until.flatMap(Day.init))
            if let cohort, try await store.cohort(code: cohort) == nil { throw ValidationError(StoreError.unknownCohort(cohort).description) }
            if let track, course.track(track) == nil { throw ValidationError("no track '\(track)'") }
            let handle: FileHandle
            let partial = output + ".partial"
            if output == "-" {
                handle = .standardOutput
            } else {
                guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
                      let opened = FileHandle(forWritingAtPath: partial) else { throw ValidationError("cannot write \(partial)") }
                handle = opened
            }
            let exportFormat = CompletionExport.Format(rawValue: format)!
            try await store.recordExport(filter, format: exportFormat, actor: "cli")
            let exporter = CompletionExport(format: exportFormat, byteOrderMark: bom, baseURL: baseURL)
            let rows: Int
            do {
                rows = try await store.export(filter, course: course, through: exporter) { try handle.write(contentsOf: $0) }
                if output != "-" {
                    try handle.synchronize()
                    try handle.close()
                    try FileManager.default.moveItem(atPath: partial, toPath: output)
                }
            } catch {
                if output != "-" { try? FileManager.default.removeItem(atPath: partial) }
                throw error
            }
            FileHandle.standardError.write(Data("exported \(rows) completion records\n".utf8))
        }
    }
}

import AcademyStore
import ArgumentParser
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the tamper-evident audit log.",
        subcommands: [Verify.self, List.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Walk the hash chain; exit 1 at the first broken link.")
        @OptionGroup var data: DataOptions

        func run() async throws {
            let result = try await data.openStore().verifyAudit()
            if let broken = result.firstBroken {
                FileHandle.standardError.write(Data("audit log broken at entry \(broken): \(result.problem ?? "")\n".utf8))
                throw ExitCode(1)
            }
            printLine("audit log intact: \(result.entries) entries")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the audit log, oldest first.")
        @OptionGroup var data: DataOptions

        func run() async throws {
            for entry in try await data.openStore().auditEntries() {
                printLine([String(entry.id), entry.at.formatted(.iso8601), entry.actor, entry.action, entry.subject, entry.details].joined(separator: "\t"))
            }
        }
    }
}

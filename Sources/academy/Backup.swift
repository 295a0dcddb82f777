import AcademyStore
import ArgumentParser
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file while the server keeps running.",
        discussion: "The copy is one consistent snapshot (SQLite's VACUUM INTO), checked with PRAGMA integrity_check before it is given its name."
    )
    @OptionGroup var data: DataOptions
    @Option(help: "New file for the copy.") var to: String

    func run() async throws {
        let store = try data.openStore()
        do {
            let bytes = try await store.backup(to: URL(fileURLWithPath: to))
            printLine("backed up \(data.folder.path)/academy.sqlite to \(to) (\(bytes) bytes)")
        } catch let error as BackupError {
            throw ValidationError(error.description)
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database of a stopped server with a backup.",
        discussion: "Refuses while a server uses the data folder. The database it replaces is kept beside it as academy.sqlite.before-restore-TIME."
    )
    @OptionGroup var data: DataOptions
    @Option(help: "Backup file made by academy backup.") var from: String

    func run() async throws {
        do {
            let kept = try AcademyStore.restore(from: URL(fileURLWithPath: from), into: data.folder)
            printLine("restored \(from) into \(data.folder.path)" + (kept.map { "; the previous database is kept as \($0)" } ?? ""))
        } catch let error as BackupError {
            throw ValidationError(error.description)
        }
    }
}

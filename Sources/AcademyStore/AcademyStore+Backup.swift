import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a backup or restore was refused.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    case exists(String)
    case notADatabase(String, String)
    case newerSchema(String, String)
    case folderInUse(String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) exists already; choose a new file name"
        case .notADatabase(let path, let why): "\(path) is not a usable Academy backup: \(why)"
        case .newerSchema(let path, let migration): "\(path) was made by a newer version of Academy (it has the migration '\(migration)')"
        case .folderInUse(let path): "a server is using \(path); stop it before restoring"
        }
    }
}

/// An advisory lock on a data folder, held by the server for as long as it runs, so that `restore`
/// can refuse to replace a database in use.
public final class DataFolderLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, or returns nil when another process holds it.
    public init?(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("academy.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension AcademyStore {
    /// Writes a consistent copy of the database to `file` while the server keeps running (`VACUUM INTO`
    /// reads one snapshot; writers are not blocked in WAL mode), then checks the copy.
    /// Returns the copy's size in bytes.
    @discardableResult
    public func backup(to file: URL) async throws -> Int {
        guard !FileManager.default.fileExists(atPath: file.path) else { throw BackupError.exists(file.path) }
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: partial)
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [partial.path])
        }
        do {
            try Self.check(backup: partial)
            try Self.synchronize(partial)
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        return (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }

    /// Checks that `file` is a whole Academy database this version understands.
    static func check(backup file: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: file.path, configuration: configuration)
        } catch {
            throw BackupError.notADatabase(file.path, "\(error)")
        }
        try queue.read { db in
            let result: String
            do {
                result = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer"
            } catch {
                throw BackupError.notADatabase(file.path, "\(error)")
            }
            guard result == "ok" else { throw BackupError.notADatabase(file.path, "integrity check says \(result)") }
            guard try db.tableExists("grdb_migrations"), try db.tableExists("account") else {
                throw BackupError.notADatabase(file.path, "it has no Academy tables")
            }
            let known = Set(Migrations.migrator.migrations)
            if let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").first(where: { !known.contains($0) }) {
                throw BackupError.newerSchema(file.path, unknown)
            }
        }
    }

    /// Replaces the database in `folder` with the backup `file`. The folder must not be in use (the
    /// server holds its lock). The database it replaces is kept beside it, renamed
    /// `academy.sqlite.before-restore-TIME`, with its WAL, so a restore loses nothing.
    /// Returns the name the replaced database was kept under, if there was one.
    @discardableResult
    public static func restore(from file: URL, into folder: URL, now: Date = Date()) throws -> String? {
        guard let lock = try DataFolderLock(folder: folder) else { throw BackupError.folderInUse(folder.path) }
        defer { withExtendedLifetime(lock) {} }
        try check(backup: file)
        let database = folder.appendingPathComponent("academy.sqlite")
        let incoming = folder.appendingPathComponent(".academy.sqlite.restoring")
        try? FileManager.default.removeItem(at: incoming)
        try FileManager.default.copyItem(at: file, to: incoming)
        try synchronize(incoming)
        var kept: String?
        if FileManager.default.fileExists(atPath: database.path) {
            let stamp = isoStamp(now)
            kept = "academy.sqlite.before-restore-\(stamp)"
            for suffix in ["", "-wal", "-shm"] {
                let from = folder.appendingPathComponent("academy.sqlite\(suffix)")
                guard FileManager.default.fileExists(atPath: from.path) else { continue }
                try FileManager.default.moveItem(at: from, to: folder.appendingPathComponent("academy.sqlite.before-restore-\(stamp)\(suffix)"))
            }
        }
        try FileManager.default.moveItem(at: incoming, to: database)
        try synchronize(folder)
        return kept
    }

    static func isoStamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// fsync a file or folder, so that a rename after it is not seen before its contents.
    static func synchronize(_ url: URL) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        try? handle.synchronize()
    }
}

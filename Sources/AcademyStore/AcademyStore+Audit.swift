import AcademyCore
import Crypto
import Foundation
import GRDB

/// One entry of the tamper-evident audit log.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var details: String
    public var previousHash: String
    public var hash: String
}

/// The result of walking the audit chain.
public struct AuditVerification: Sendable, Equatable {
    public var entries: Int
    /// The id of the first entry whose link is broken (edited, or a neighbour deleted); nil when intact.
    public var firstBroken: Int64?
    public var problem: String?
}

extension AcademyStore {
    static let genesisHash = String(repeating: "0", count: 64)

    /// The hash that chains an entry to the one before it: SHA-256 over the previous hash and every field.
    static func auditHash(id: Int64, at: Double, actor: String, action: String, subject: String, details: String, previous: String) -> String {
        let canonical = [String(id), String(at), actor, action, subject, details, previous].joined(separator: "\u{1F}")
        return hexString(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// Appends an entry inside the caller's transaction, so a change and its record commit together.
    static func appendAudit(_ db: Database, actor: String, action: String, subject: String, details: String = "", at: Date = Date()) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1") ?? genesisHash
        let id = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM audit")) ?? 1
        let time = at.timeIntervalSince1970
        let hash = auditHash(id: id, at: time, actor: actor, action: action, subject: subject, details: details, previous: previous)
        try db.execute(
            sql: "INSERT INTO audit (id, at, actor, action, subject, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, time, actor, action, subject, details, previous, hash]
        )
    }

    /// Records an administrative event that changes nothing else (for example an export).
    public func audit(actor: String, action: String, subject: String, details: String = "") async throws {
        try await writer.write { db in try Self.appendAudit(db, actor: actor, action: action, subject: subject, details: details) }
    }

    public func auditEntries() async throws -> [AuditEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id").map(Self.auditEntry)
        }
    }

    /// One page of the log, newest first: entries older than `before` (an entry id), by `actor` and
    /// `action` when given, and with `text` in the subject or the details when given.
    public func auditPage(actor: String?, action: String?, text: String?, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let actor { conditions.append("actor = ?"); arguments += [actor] }
            if let action { conditions.append("action = ?"); arguments += [action] }
            if let text {
                conditions.append("(instr(lower(subject), lower(?)) > 0 OR instr(lower(details), lower(?)) > 0)")
                arguments += [text, text]
            }
            if let before { conditions.append("id < ?"); arguments += [before] }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM audit \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments).map(Self.auditEntry)
        }
    }

    /// The actions and actors found in the log, for the filters of the audit page.
    public func auditVocabulary() async throws -> (actions: [String], actors: [String]) {
        try await writer.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT action FROM audit ORDER BY action"),
             try String.fetchAll(db, sql: "SELECT DISTINCT actor FROM audit ORDER BY actor"))
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], action: row["action"],
                   subject: row["subject"], details: row["details"], previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// Walks the chain from the first entry and reports the first broken link: an edited entry no longer
    /// matches its hash; a deleted entry leaves its successor pointing at a hash that is not there.
    public func verifyAudit() async throws -> AuditVerification {
        let rows: [(Int64, Double, String, String, String, String, String, String)] = try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id").map {
                ($0["id"], $0["at"], $0["actor"], $0["action"], $0["subject"], $0["details"], $0["previous_hash"], $0["hash"])
            }
        }
        var previous = Self.genesisHash
        var expectedID: Int64 = 1
        for (id, at, actor, action, subject, details, previousHash, hash) in rows {
            if id != expectedID {
                return AuditVerification(entries: rows.count, firstBroken: id, problem: "entry \(expectedID) is missing before entry \(id)")
            }
            if previousHash != previous {
                return AuditVerification(entries: rows.count, firstBroken: id, problem: "entry \(id) does not follow the entry before it")
            }
            if Self.auditHash(id: id, at: at, actor: actor, action: action, subject: subject, details: details, previous: previousHash) != hash {
                return AuditVerification(entries: rows.count, firstBroken: id, problem: "entry \(id) was changed after it was written")
            }
            previous = hash
            expectedID += 1
        }
        return AuditVerification(entries: rows.count, firstBroken: nil, problem: nil)
    }
}

import AcademyCore
import Foundation
import GRDB
import Synchronization

/// The one gatekeeper to the database. Every read and write goes through its methods, which keep the
/// invariants (logins unique, sessions tied to live accounts, progress idempotent).
///
/// It holds `any DatabaseWriter`: a WAL `DatabasePool` in production, an in-memory `DatabaseQueue` in
/// tests. A PostgreSQL implementation could replace it without touching the server.
public final class AcademyStore: Sendable {
    let writer: any DatabaseWriter
    let coalescer: WriteCoalescer
    /// Sessions already read, so that a trainee's requests do not each cost a database read. Changes
    /// made through this store invalidate entries at once. A change made by another process (the
    /// `users` command) moves the database's change counter (triggers of migration v6); the counter is
    /// compared at most every `changeCheckInterval`, and when it moved the whole cache is dropped. So
    /// such a change reaches this server within about a second. This server's own changes move the
    /// counter too (a sign-out deletes a session), which costs every active session one read again:
    /// cheap, and simpler than telling its own changes from another process's.
    private let sessionCache = Mutex(SessionCache())
    public static let changeCheckInterval: TimeInterval = 1
    /// An upper bound on any entry's age, whatever the counter says.
    static let sessionCacheLifetime: TimeInterval = 300

    struct SessionCache {
        var entries: [String: (session: Session, cachedAt: Date)] = [:]
        /// The change counter the entries were read under, and when it was last compared.
        var counter: Int64?
        var checkedAt = Date.distantPast
        var checking = false
        /// Moves whenever the entries are dropped, so that a session read before a drop is not cached after it.
        var generation = 0

        mutating func dropAll() {
            entries.removeAll()
            generation += 1
        }
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        self.coalescer = WriteCoalescer(writer: writer)
        try Migrations.migrator.migrate(writer)
    }

    /// Opens (creating and migrating when needed) `folder/academy.sqlite` in WAL mode with
    /// `synchronous=FULL`, and checks that the mode reads back: a write acknowledged to a user must
    /// survive a crash and a power cut.
    public static func open(folder: URL) throws -> AcademyStore {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        let pool = try DatabasePool(path: folder.appendingPathComponent("academy.sqlite").path, configuration: configuration)
        // A pool resets `synchronous` after prepareDatabase (see STACK.md), so set it on the writer now.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        let mode = try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } ?? -1
        guard mode == 2 else { throw StoreError.durabilityNotConfirmed(String(mode)) }
        return try AcademyStore(writer: pool)
    }

    /// An empty database in memory, for tests.
    public static func inMemory() throws -> AcademyStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try AcademyStore(writer: DatabaseQueue(configuration: configuration))
    }

    /// The `synchronous` pragma as the writer connection sees it (2 = FULL).
    public func synchronousMode() async throws -> Int {
        try await writer.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } ?? -1
    }

    public func journalMode() async throws -> String {
        try await writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } ?? ""
    }

    // MARK: Accounts

    public func createAccount(
        login: String, name: String, role: Role, track: String?, passwordHash: String, mustChangePassword: Bool,
        actor: String = "system", now: Date = Date()
    ) async throws -> Account {
        try await writer.write { db in
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM account WHERE login = ?"), arguments: [login]) == true {
                throw StoreError.duplicateLogin(login)
            }
            try db.execute(
                sql: """
                    INSERT INTO account (login, name, role, track, password_hash, must_change_password, disabled, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [login, name, role.rawValue, track, passwordHash, mustChangePassword, now.timeIntervalSince1970]
            )
            // Taken before the audit entry is appended, which is itself an insert.
            let id = db.lastInsertedRowID
            try Self.appendAudit(db, actor: actor, action: "account.create", subject: "account:\(login)",
                                 details: "\(role.rawValue)\(track.map { ", track \($0)" } ?? "")", at: now)
            return Account(
                id: id, login: login, name: name, role: role, track: track,
                mustChangePassword: mustChangePassword, disabled: false, createdAt: now
            )
        }
    }

    public func account(login: String) async throws -> Account? {
        try await writer.read { db in
            try AccountRow.filter(AccountRow.Columns.login == login).fetchOne(db)?.account
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await writer.read { db in
            try AccountRow.fetchOne(db, key: id)?.account
        }
    }

    /// The account and its password hash, for signing in.
    public func credentials(login: String) async throws -> (Account, String)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(AccountRow.qualifiedColumns), password_hash FROM account WHERE login = ?"), arguments: [login])
            else { return nil }
            return (try AccountRow(row: row).account, row[AccountRow.Columns.passwordHash.name])
        }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try AccountRow.order(AccountRow.Columns.login).fetchAll(db).map(\.account)
        }
    }

    public func accountCount() async throws -> Int {
        try await writer.read { try Int.fetchOne($0.cachedStatement(sql: "SELECT COUNT(*) FROM account")) } ?? 0
    }

    /// Sets a new password hash. Every session of the account ends, except `keepSession` (the one that
    /// changed its own password).
    public func setPassword(accountID: Int64, hash: String, mustChange: Bool, keepSession: String? = nil, actor: String = "system") async throws {
        forgetSessions { $0.account.id == accountID }
        defer { forgetSessions { $0.account.id == accountID } }
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, must_change_password = ? WHERE id = ?",
                arguments: [hash, mustChange, accountID]
            )
            try db.execute(
                sql: "DELETE FROM session WHERE account_id = ? AND token_hash IS NOT ?", arguments: [accountID, keepSession]
            )
            try Self.appendAudit(db, actor: actor, action: mustChange ? "password.reset" : "password.change", subject: "account:\(accountID)")
        }
    }

    /// Disables an account and ends its sessions. Returns false when there is no such login.
    @discardableResult
    public func disable(login: String, actor: String = "system") async throws -> Bool {
        forgetSessions { $0.account.login == login }
        defer { forgetSessions { $0.account.login == login } }
        return try await writer.write { db in
            // Checked in the same transaction as the change, so two administrators disabling each other
            // at once cannot leave the Academy without one.
            let others = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE role = 'admin' AND disabled = 0 AND login != ?", arguments: [login]) ?? 0
            let isAdmin = try Bool.fetchOne(db, sql: "SELECT role = 'admin' AND disabled = 0 FROM account WHERE login = ?", arguments: [login]) ?? false
            if isAdmin && others == 0 { throw StoreError.lastAdministrator(login) }
            try db.execute(sql: "UPDATE account SET disabled = 1 WHERE login = ? AND disabled = 0", arguments: [login])
            // Already disabled (a second click, an old page): nothing to do, nothing to audit.
            guard db.changesCount > 0 else { return try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [login]) != nil }
            try db.execute(sql: "DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE login = ?)", arguments: [login])
            try Self.appendAudit(db, actor: actor, action: "account.disable", subject: "account:\(login)")
            return true
        }
    }

    /// Lets a disabled account sign in again (its password is unchanged). Returns false for an unknown login.
    public func enable(login: String, actor: String = "system") async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE account SET disabled = 0 WHERE login = ? AND disabled = 1", arguments: [login])
            guard db.changesCount > 0 else { return try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [login]) != nil }
            try Self.appendAudit(db, actor: actor, action: "account.enable", subject: "account:\(login)")
            return true
        }
    }

    /// Sets the language an account reads the platform in. Not audited: a reading preference, like a
    /// font size. Cached sessions learn it at once.
    public func setLanguage(_ language: String, accountID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE account SET language = ? WHERE id = ?", arguments: [language, accountID])
        }
        forgetSessions { $0.account.id == accountID }
    }



    // MARK: Sessions

    public struct Session: Sendable, Equatable {
        public var tokenHash: String
        public var csrfToken: String
        public var account: Account
        public var lastSeenAt: Date
        /// When it was opened (sign-in): a session ends `maximumSessionAge` later however busy it is.
        public var createdAt: Date
        /// Whether the person holds a current instructor certification: found by the server for a page's
        /// navigation, nil when not looked up.
        public var isInstructor: Bool?

        public init(tokenHash: String, csrfToken: String, account: Account, lastSeenAt: Date, createdAt: Date? = nil) {
            self.tokenHash = tokenHash
            self.csrfToken = csrfToken
            self.account = account
            self.lastSeenAt = lastSeenAt
            self.createdAt = createdAt ?? lastSeenAt
        }
    }

    /// However active a session is, it ends this long after sign-in (a long working day), so a token
    /// that leaks from a shared station's browser does not stay good for as long as it is used.
    public static let maximumSessionAge: TimeInterval = 12 * 3600

    public func createSession(tokenHash: String, csrfToken: String, accountID: Int64, now: Date = Date()) async throws {
        try await coalescer.write { db in
            try db.execute(
                sql: "INSERT INTO session (token_hash, account_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, accountID, csrfToken, now.timeIntervalSince1970, now.timeIntervalSince1970]
            )
        }
    }

    /// The live session for a token hash. A session idle for longer than `idleTimeout`, or whose account
    /// is disabled, is deleted and not returned. `last_seen_at` is refreshed at most once a minute, so a
    /// busy trainee does not cost a write per request.
    public func session(tokenHash: String, idleTimeout: TimeInterval, now: Date = Date()) async throws -> Session? {
        try await checkForChanges(now: now)
        var session: Session
        if let cached = sessionCache.withLock({ $0.entries[tokenHash] }), now.timeIntervalSince(cached.cachedAt) < Self.sessionCacheLifetime {
            session = cached.session
        } else {
            let generation = sessionCache.withLock { $0.generation }
            let found: Session? = try await writer.read { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT session.csrf_token AS session_csrf_token, session.last_seen_at AS session_last_seen_at,
                           session.created_at AS session_created_at, \(AccountRow.qualifiedColumns) FROM session
                    JOIN account ON account.id = session.account_id WHERE session.token_hash = ?
                    """), arguments: [tokenHash]) else { return nil }
                return Session(
                    tokenHash: tokenHash, csrfToken: row["session_csrf_token"], account: try AccountRow(row: row).account,
                    lastSeenAt: Date(timeIntervalSince1970: row["session_last_seen_at"]), createdAt: Date(timeIntervalSince1970: row["session_created_at"])
                )
            }
            guard let found else {
                sessionCache.withLock { $0.entries[tokenHash] = nil }
                return nil
            }
            session = found
            sessionCache.withLock { cache in
                guard cache.generation == generation else { return }
                // Bounded: a flood of distinct tokens cannot grow it without limit.
                if cache.entries.count > 100_000 { cache.dropAll() }
                cache.entries[tokenHash] = (found, now)
            }
        }
        if now.timeIntervalSince(session.lastSeenAt) > idleTimeout || now.timeIntervalSince(session.createdAt) > Self.maximumSessionAge
            || session.account.disabled {
            try await deleteSession(tokenHash: tokenHash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            // Written behind: the request does not wait for this commit. Lost in a crash, it can only
            // make the session end sooner than it would have.
            coalescer.writeBehind { db in
                try db.cachedStatement(sql: "UPDATE session SET last_seen_at = ? WHERE token_hash = ?").execute(arguments: [now.timeIntervalSince1970, tokenHash])
            }
            session.lastSeenAt = now
            let touched = session
            sessionCache.withLock { cache in
                if let entry = cache.entries[tokenHash] { cache.entries[tokenHash] = (touched, entry.cachedAt) }
            }
        }
        return session
    }

    /// Compares the change counter when the last comparison is older than `changeCheckInterval`, and
    /// drops every cached session when it moved. One request at a time does the reading; the others
    /// go on with the cache as it is.
    private func checkForChanges(now: Date) async throws {
        let due = sessionCache.withLock { cache in
            guard !cache.checking, now.timeIntervalSince(cache.checkedAt) >= Self.changeCheckInterval else { return false }
            cache.checking = true
            return true
        }
        guard due else { return }
        let counter: Int64?
        do {
            counter = try await writer.read { try Int64.fetchOne($0.cachedStatement(sql: "SELECT value FROM change_counter")) }
        } catch {
            sessionCache.withLock { $0.checking = false }
            throw error
        }
        sessionCache.withLock { cache in
            if cache.counter != counter { cache.dropAll() }
            cache.counter = counter
            cache.checkedAt = now
            cache.checking = false
        }
    }

    /// Forgets cached sessions of an account after a change to it.
    private func forgetSessions(where matches: (Session) -> Bool) {
        sessionCache.withLock { cache in
            cache.entries = cache.entries.filter { !matches($0.value.session) }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        sessionCache.withLock { $0.entries[tokenHash] = nil }
        try await coalescer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    // MARK: Progress

    /// Records that a trainee studied a lesson. Idempotent: marking it again keeps the first time,
    /// unless the lesson's text changed since, in which case the new version and time are recorded.
    /// Concurrent calls are committed together (group commit); the call returns once durable.
    public func recordProgress(accountID: Int64, lesson: String, contentHash: String, now: Date = Date()) async throws {
        try await coalescer.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO progress (account_id, lesson, content_hash, studied_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id, lesson) DO UPDATE SET content_hash = excluded.content_hash, studied_at = excluded.studied_at
                    WHERE progress.content_hash <> excluded.content_hash
                    """
            ).execute(
                arguments: [accountID, lesson, contentHash, now.timeIntervalSince1970]
            )
        }
    }

    public func progress(accountID: Int64) async throws -> [ProgressRecord] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT lesson, content_hash, studied_at FROM progress WHERE account_id = ? ORDER BY studied_at, lesson"),
                arguments: [accountID]
            ).map { ProgressRecord(lesson: $0["lesson"], contentHash: $0["content_hash"], studiedAt: Date(timeIntervalSince1970: $0["studied_at"])) }
        }
    }
}

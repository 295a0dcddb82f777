import AcademyCore
import Foundation
import GRDB

/// What enrolling a roster into a cohort would do, row by row. Shown to the administrator before
/// anything is written; confirming applies every accepted row in one transaction.
public struct EnrolmentPlan: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// A new account, with a one-time password.
        case create
        /// An existing trainee account joins the cohort.
        case enrol(existingName: String)
        /// Already in the cohort: reported, nothing to do.
        case alreadyMember(existingName: String)
        case reject(Roster.Problem)
    }

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var login: String
        public var name: String
        public var action: Action

        public init(line: Int, login: String, name: String, action: Action) {
            self.line = line
            self.login = login
            self.name = name
            self.action = action
        }

        /// The existing account's name, when the row names an existing account under another name (a
        /// mistyped login would enrol, or report as a member, somebody else).
        public var otherName: String? {
            let existing: String
            switch action {
            case .enrol(let name), .alreadyMember(let name): existing = name
            case .create, .reject: return nil
            }
            func folded(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            return folded(existing) == folded(name) ? nil : existing
        }
    }

    public var cohort: Cohort
    /// In file order, rejected rows included.
    public var rows: [Row]

    public var creations: [Row] { rows.filter { $0.action == .create } }
    public var enrolments: [Row] { rows.filter { if case .enrol = $0.action { true } else { false } } }
    public var duplicates: [Row] { rows.filter { if case .alreadyMember = $0.action { true } else { false } } }
    public var rejections: [Row] { rows.filter { if case .reject = $0.action { true } else { false } } }
}

extension AcademyStore {
    // MARK: Cohorts

    public func createCohort(
        code: String, name: String, kind: Cohort.Kind, track: String, startsOn: Day, endsOn: Day, instructors: [String],
        actor: String, now: Date = Date()
    ) async throws -> Cohort {
        try await writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM cohort WHERE code = ?", arguments: [code]) == true {
                throw StoreError.duplicateCohort(code)
            }
            try db.execute(
                sql: "INSERT INTO cohort (code, name, kind, track, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [code, name, kind.rawValue, track, startsOn.description, endsOn.description, now.timeIntervalSince1970]
            )
            let id = db.lastInsertedRowID
            for login in instructors {
                guard let accountID = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE login = ?", arguments: [login]) else {
                    throw StoreError.unknownAccount(login)
                }
                try db.execute(
                    sql: "INSERT INTO cohort_member (cohort_id, account_id, role, added_at) VALUES (?, ?, 'instructor', ?)",
                    arguments: [id, accountID, now.timeIntervalSince1970]
                )
            }
            try Self.appendAudit(db, actor: actor, action: "cohort.create", subject: "cohort:\(code)",
                                 details: "\(kind.rawValue), track \(track), \(startsOn) to \(endsOn)\(instructors.isEmpty ? "" : ", instructors \(instructors.joined(separator: " "))")", at: now)
            guard let made = try Self.cohorts(db, code: code).first else { throw StoreError.unknownCohort(code) }
            return made
        }
    }

    public func cohorts() async throws -> [Cohort] {
        try await writer.read { db in try Self.cohorts(db, code: nil) }
    }

    public func cohort(code: String) async throws -> Cohort? {
        try await writer.read { db in try Self.cohorts(db, code: code).first }
    }

    static func cohorts(_ db: Database, code: String?) throws -> [Cohort] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT cohort.*, (SELECT group_concat(login, ' ') FROM (SELECT account.login FROM cohort_member
                JOIN account ON account.id = cohort_member.account_id
                WHERE cohort_member.cohort_id = cohort.id AND cohort_member.role = 'instructor' ORDER BY account.login)) AS instructors
            FROM cohort WHERE ?1 IS NULL OR code = ?1 ORDER BY starts_on DESC, code
            """, arguments: [code])
        return rows.map { row in
            Cohort(
                id: row["id"], code: row["code"], name: row["name"], kind: Cohort.Kind(rawValue: row["kind"]) ?? .inService, track: row["track"],
                startsOn: row["starts_on"], endsOn: row["ends_on"],
                instructors: (row["instructors"] as String?)?.split(separator: " ").map(String.init) ?? [],
                createdAt: Date(timeIntervalSince1970: row["created_at"])
            )
        }
    }

    /// The trainees of a cohort, by name.
    public func members(cohortID: Int64) async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(AccountRow.qualifiedColumns) FROM cohort_member JOIN account ON account.id = cohort_member.account_id
                WHERE cohort_member.cohort_id = ? AND cohort_member.role = 'trainee' ORDER BY account.name, account.login
                """, arguments: [cohortID]).map { try AccountRow(row: $0).account }
        }
    }

    /// The cohorts an account belongs to, as trainee or instructor.
    public func cohorts(accountID: Int64) async throws -> [Cohort] {
        try await writer.read { db in
            let codes = try String.fetchAll(db, sql: """
                SELECT cohort.code FROM cohort_member JOIN cohort ON cohort.id = cohort_member.cohort_id WHERE cohort_member.account_id = ?
                """, arguments: [accountID])
            return try Self.cohorts(db, code: nil).filter { codes.contains($0.code) }
        }
    }

    // MARK: Enrolment

    /// Reads a roster and says what enrolling it into `cohort` would do. Writes nothing.
    public func planEnrolment(cohort: Cohort, roster text: String) async throws -> EnrolmentPlan {
        try await writer.read { db in try Self.plan(db, cohort: cohort, roster: text) }
    }

    static func plan(_ db: Database, cohort: Cohort, roster text: String) throws -> EnrolmentPlan {
        var existing: [String: (id: Int64, name: String, role: String, track: String?, disabled: Bool)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, login, name, role, track, disabled FROM account") {
            existing[row["login"]] = (row["id"], row["name"], row["role"], row["track"], row["disabled"])
        }
        let members = Set(try Int64.fetchAll(db, sql: "SELECT account_id FROM cohort_member WHERE cohort_id = ?", arguments: [cohort.id]))
        // A row without a login matches a member of the same name, so that importing a file twice does not
        // make everyone a second account.
        var memberByName: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT account.login, account.name FROM cohort_member JOIN account ON account.id = cohort_member.account_id
            WHERE cohort_member.cohort_id = ? AND cohort_member.role = 'trainee'
            """, arguments: [cohort.id]) {
            memberByName[(row["name"] as String).lowercased()] = row["login"]
        }
        let roster = try Roster.parse(text, existingLogins: Set(existing.keys))
        var rows = roster.rejections.map { EnrolmentPlan.Row(line: $0.line, login: $0.login, name: $0.name, action: .reject($0.problem)) }
        for entry in roster.entries {
            let action: EnrolmentPlan.Action
            if entry.generated, let login = memberByName[entry.name.lowercased()] {
                rows.append(.init(line: entry.line, login: login, name: entry.name, action: .alreadyMember(existingName: existing[login]?.name ?? entry.name)))
                continue
            }
            if let account = existing[entry.login] {
                if account.role != Role.trainee.rawValue {
                    action = .reject(.administrator(entry.login))
                } else if account.disabled {
                    action = .reject(.disabled(entry.login))
                } else if members.contains(account.id) {
                    action = .alreadyMember(existingName: account.name)
                } else if account.track != cohort.track {
                    action = .reject(.otherTrack(login: entry.login, track: account.track, cohortTrack: cohort.track))
                } else {
                    action = .enrol(existingName: account.name)
                }
            } else {
                action = .create
            }
            rows.append(.init(line: entry.line, login: entry.login, name: entry.name, action: action))
        }
        rows.sort { $0.line < $1.line }
        return EnrolmentPlan(cohort: cohort, rows: rows)
    }

    /// Applies a plan in one transaction: every new account and membership, or none. The roster is
    /// planned again inside the transaction; if the result differs from `plan` (an account appeared or
    /// changed since the preview), nothing is written and `StoreError.enrolmentChanged` is thrown.
    ///
    /// - Parameter passwordHashes: login → hash of the one-time password, for every row to create.
    public func enrol(
        plan: EnrolmentPlan, roster text: String, passwordHashes: [String: String], actor: String, now: Date = Date()
    ) async throws {
        try await writer.write { db in
            let fresh = try Self.plan(db, cohort: plan.cohort, roster: text)
            guard fresh == plan else {
                let changed = zip(fresh.rows, plan.rows).first { $0 != $1 }.map { "line \($0.0.line)" } ?? "rows differ"
                throw StoreError.enrolmentChanged(changed)
            }
            let time = now.timeIntervalSince1970
            for row in plan.creations {
                guard let hash = passwordHashes[row.login] else { throw StoreError.enrolmentChanged("no password for \(row.login)") }
                try db.execute(
                    sql: """
                        INSERT INTO account (login, name, role, track, password_hash, must_change_password, disabled, created_at)
                        VALUES (?, ?, 'trainee', ?, ?, 1, 0, ?)
                        """,
                    arguments: [row.login, row.name, plan.cohort.track, hash, time]
                )
                try Self.appendAudit(db, actor: actor, action: "account.create", subject: "account:\(row.login)",
                                     details: "trainee, track \(plan.cohort.track), cohort \(plan.cohort.code)", at: now)
            }
            for row in plan.creations + plan.enrolments {
                try db.execute(
                    sql: """
                        INSERT INTO cohort_member (cohort_id, account_id, role, added_at)
                        SELECT ?, id, 'trainee', ? FROM account WHERE login = ?
                        """,
                    arguments: [plan.cohort.id, time, row.login]
                )
            }
            try Self.appendAudit(
                db, actor: actor, action: "cohort.enrol", subject: "cohort:\(plan.cohort.code)",
                details: "\(plan.creations.count) created, \(plan.enrolments.count) existing enrolled, \(plan.duplicates.count) already members, \(plan.rejections.count) rows rejected",
                at: now
            )
        }
    }

    /// Takes a trainee out of a cohort; their records stay.
    @discardableResult
    public func removeMember(cohort: Cohort, login: String, actor: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM cohort_member WHERE cohort_id = ? AND account_id = (SELECT id FROM account WHERE login = ?)",
                arguments: [cohort.id, login]
            )
            guard db.changesCount > 0 else { return false }
            try Self.appendAudit(db, actor: actor, action: "cohort.remove", subject: "cohort:\(cohort.code)", details: "account \(login)")
            return true
        }
    }

    // MARK: Activity

    /// What each of these trainees did: lessons studied, attempts summed up, certifications held.
    public func activities(of accounts: [Account]) async throws -> [TraineeActivity] {
        try await writer.read { db in try Self.activities(db, accounts: accounts) }
    }

    static func activities(_ db: Database, accounts: [Account]) throws -> [TraineeActivity] {
        guard !accounts.isEmpty else { return [] }
        var index: [Int64: Int] = [:]
        for (position, account) in accounts.enumerated() { index[account.id] = position }
        var activities = accounts.map { TraineeActivity(account: $0, cohorts: [], studied: [:], assessments: [:], certifications: []) }
        let ids = accounts.map(\.id)
        let placeholders = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids)
        let progress = try db.cachedStatement(sql: "SELECT account_id, lesson, studied_at FROM progress WHERE account_id IN (\(placeholders))")
        let rows = try Row.fetchCursor(progress, arguments: arguments)
        while let row = try rows.next() {
            guard let position = index[row["account_id"]] else { continue }
            activities[position].studied[row["lesson"]] = Date(timeIntervalSince1970: row["studied_at"])
        }
        let attempts = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT account_id, assessment, MAX(percent) AS best, COUNT(*) AS attempts,
                   MIN(CASE WHEN passed = 1 THEN submitted_at END) AS passed_at, MAX(submitted_at) AS last_at
            FROM attempt WHERE account_id IN (\(placeholders)) AND submitted_at IS NOT NULL GROUP BY account_id, assessment
            """), arguments: arguments)
        while let row = try attempts.next() {
            guard let position = index[row["account_id"]] else { continue }
            let passedAt: Double? = row["passed_at"]
            activities[position].assessments[row["assessment"]] = AssessmentSummary(
                best: row["best"] ?? 0, attempts: row["attempts"], passedAt: passedAt.map(Date.init(timeIntervalSince1970:)),
                lastAt: Date(timeIntervalSince1970: row["last_at"])
            )
        }
        let certifications = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT account_id, programme, code, issued_at, expires_at, revoked_at FROM certification
            WHERE account_id IN (\(placeholders)) ORDER BY issued_at
            """), arguments: arguments)
        while let row = try certifications.next() {
            guard let position = index[row["account_id"]] else { continue }
            let expires: Double? = row["expires_at"]
            let revoked: Double? = row["revoked_at"]
            activities[position].certifications.append(IssuedCertification(code: row["code"], held: HeldCertification(
                programme: row["programme"], issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
                expiresAt: expires.map(Date.init(timeIntervalSince1970:)), revokedAt: revoked.map(Date.init(timeIntervalSince1970:))
            )))
        }
        let memberships = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT cohort_member.account_id, cohort.code FROM cohort_member JOIN cohort ON cohort.id = cohort_member.cohort_id
            WHERE cohort_member.account_id IN (\(placeholders)) AND cohort_member.role = 'trainee' ORDER BY cohort.code
            """), arguments: arguments)
        while let row = try memberships.next() {
            guard let position = index[row["account_id"]] else { continue }
            activities[position].cohorts.append(row["code"])
        }
        try Self.addTeaching(db, to: &activities, index: index, placeholders: placeholders, arguments: arguments)
        return activities
    }

    /// Pre- and post-tests taken and attendance marks, for the completion records.
    static func addTeaching(
        _ db: Database, to activities: inout [TraineeActivity], index: [Int64: Int], placeholders: String, arguments: StatementArguments
    ) throws {
        // The form order of each membership tells a pre-test from a post-test.
        var orders: [String: FormOrder] = [:]
        let members = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT cohort_member.account_id, cohort.code, cohort_member.first_form FROM cohort_member JOIN cohort ON cohort.id = cohort_member.cohort_id
            WHERE cohort_member.account_id IN (\(placeholders)) AND cohort_member.first_form IS NOT NULL
            """), arguments: arguments)
        while let row = try members.next() {
            if let order = (row["first_form"] as String?).flatMap(FormOrder.init(rawValue:)) { orders["\(row["account_id"] as Int64) \(row["code"] as String)"] = order }
        }
        let tests = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT account_id, assessment, percent, started_at, submitted_at FROM attempt
            WHERE account_id IN (\(placeholders)) AND assessment LIKE 'test:%' AND submitted_at IS NOT NULL ORDER BY submitted_at
            """), arguments: arguments)
        while let row = try tests.next() {
            let accountID: Int64 = row["account_id"]
            guard let position = index[accountID], case .test(let cohort, let form)? = AssessmentRef(row["assessment"]),
                  let order = orders["\(accountID) \(cohort)"] else { continue }
            activities[position].tests.append(TestTaken(
                cohort: cohort, phase: order.phase(ofForm: form), form: form, letter: TestForm.letter(ofID: form),
                percent: row["percent"] ?? 0, startedAt: Date(timeIntervalSince1970: row["started_at"]),
                submittedAt: Date(timeIntervalSince1970: row["submitted_at"])))
        }
        let marks = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT attendance.account_id, cohort.code, attendance.day, attendance.session, attendance.present, attendance.reason
            FROM attendance JOIN cohort ON cohort.id = attendance.cohort_id
            WHERE attendance.account_id IN (\(placeholders)) ORDER BY attendance.day, attendance.session
            """), arguments: arguments)
        while let row = try marks.next() {
            guard let position = index[row["account_id"]], let day = Day(row["day"] as String) else { continue }
            activities[position].attendance.append(SessionAttended(
                cohort: row["code"], day: day, session: row["session"], present: row["present"], reason: row["reason"]))
        }
    }

    // MARK: Export

    /// Completion records for the trainees `filter` selects, in login order, handed to `body` a batch of
    /// trainees at a time so that memory stays flat however many there are. Each batch is read in its own
    /// transaction.
    public func completions(
        _ filter: CompletionFilter, course: Course, now: Date = Date(), batchSize: Int = 500,
        _ body: ([CompletionRecord]) async throws -> Void
    ) async throws {
        if let code = filter.cohort, try await cohort(code: code) == nil { throw StoreError.unknownCohort(code) }
        var after = ""
        while true {
            let page: (records: [CompletionRecord], last: String?) = try await writer.read { [after] db in
                let accounts = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(AccountRow.qualifiedColumns) FROM account WHERE role = 'trainee' AND login > ?1
                    AND (?2 IS NULL OR id IN (SELECT account_id FROM cohort_member JOIN cohort ON cohort.id = cohort_member.cohort_id
                                              WHERE cohort.code = ?2 AND cohort_member.role = 'trainee'))
                    AND (?3 IS NULL OR track = ?3)
                    ORDER BY login LIMIT ?4
                    """), arguments: [after, filter.cohort, filter.track, batchSize]).map { try AccountRow(row: $0).account }
                let records = try Self.activities(db, accounts: accounts).flatMap { Completions.records($0, course: course, now: now) }
                return (records.filter(filter.includes), accounts.last?.login)
            }
            // A page whose rows the date range filtered out still moves on; only a page with no trainees ends it.
            guard let last = page.last else { break }
            if !page.records.isEmpty { try await body(page.records) }
            after = last
        }
    }

    /// Records in the audit log that `actor` exported what `filter` selects; done before the first byte
    /// goes out, so that no export escapes the log.
    public func recordExport(_ filter: CompletionFilter, format: CompletionExport.Format, actor: String) async throws {
        var details = [format.rawValue]
        if let track = filter.track { details.append("track \(track)") }
        if let since = filter.since { details.append("since \(since)") }
        if let until = filter.until { details.append("until \(until)") }
        try await audit(actor: actor, action: "export.completions", subject: filter.cohort.map { "cohort:\($0)" } ?? "all",
                        details: details.joined(separator: ", "))
    }

    /// Writes the completion records `filter` selects through `exporter`: header, a buffer of bytes per
    /// page of trainees handed to `write`, footer. Returns the number of records.
    @discardableResult
    public func export(
        _ filter: CompletionFilter, course: Course, through exporter: CompletionExport, now: Date = Date(),
        write: ([UInt8]) async throws -> Void
    ) async throws -> Int {
        var exporter = exporter
        var bytes = Array(exporter.header().utf8)
        bytes.reserveCapacity(1 << 20)
        var count = 0
        try await completions(filter, course: course, now: now) { records in
            for record in records { exporter.append(record, to: &bytes) }
            count += records.count
            try await write(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        bytes.append(contentsOf: exporter.footer().utf8)
        if !bytes.isEmpty { try await write(bytes) }
        return count
    }
}

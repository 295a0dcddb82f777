import AcademyCore
import Foundation
import GRDB

/// A practical assessment an instructor has planned for a trainee of their cohort. It waits until an
/// assessment of that trainee on that rubric and programme is recorded after it was planned.
public struct PracticalPlan: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var cohort: String
    public var candidate: String
    public var candidateName: String
    public var assessor: String
    public var programme: String
    public var rubric: String
    public var day: String
    /// The assessment that carried it out, once recorded.
    public var practicalID: Int64?
}

/// One trainee's pre- and post-test as a cohort's report reads them.
public struct TestSitting: Sendable, Hashable {
    public var login: String
    public var phase: CohortPhase
    public var form: String
    public var percent: Int
    /// (objective, score 0...1) of each graded answer.
    public var answers: [ObjectiveScore]
}

public struct ObjectiveScore: Sendable, Hashable {
    public var objective: String
    public var score: Double
}

public enum TeachingError: Error, Sendable, Equatable {
    /// The trainee has answered this cohort's feedback already.
    case feedbackGiven
    /// The cohort's phase is not open.
    case phaseClosed(CohortPhase)
    /// The account is not a trainee of the cohort.
    case notMember(String)
}

extension AcademyStore {
    // MARK: Membership

    /// The cohorts `accountID` teaches (is named an instructor of).
    public func cohortsTaught(by accountID: Int64) async throws -> [Cohort] {
        try await writer.read { db in
            let codes = Set(try String.fetchAll(db, sql: """
                SELECT cohort.code FROM cohort_member JOIN cohort ON cohort.id = cohort_member.cohort_id
                WHERE cohort_member.account_id = ? AND cohort_member.role = 'instructor'
                """, arguments: [accountID]))
            return try Self.cohorts(db, code: nil).filter { codes.contains($0.code) }
        }
    }

    /// The trainee's membership of the cohort and the form order given to them, if they are a member.
    public func formOrder(cohortID: Int64, accountID: Int64) async throws -> (member: Bool, order: FormOrder?) {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT first_form FROM cohort_member WHERE cohort_id = ? AND account_id = ? AND role = 'trainee'
                """, arguments: [cohortID, accountID]) else { return (false, nil) }
            return (true, (row["first_form"] as String?).flatMap(FormOrder.init(rawValue:)))
        }
    }

    /// Gives the trainee a form order if they have none (the one that keeps the cohort balanced) and
    /// returns it. Done in one transaction, so two trainees starting at once cannot both take the same side.
    public func assignFormOrder(cohortID: Int64, accountID: Int64) async throws -> FormOrder {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT first_form FROM cohort_member WHERE cohort_id = ? AND account_id = ? AND role = 'trainee'
                """, arguments: [cohortID, accountID]) else { throw TeachingError.notMember(String(accountID)) }
            if let order = (row["first_form"] as String?).flatMap(FormOrder.init(rawValue:)) { return order }
            let taken = try String.fetchAll(db, sql: """
                SELECT first_form FROM cohort_member WHERE cohort_id = ? AND role = 'trainee' AND first_form IS NOT NULL
                """, arguments: [cohortID]).compactMap(FormOrder.init(rawValue:))
            let order = FormOrder.balancing(taken)
            try db.execute(sql: "UPDATE cohort_member SET first_form = ? WHERE cohort_id = ? AND account_id = ?",
                           arguments: [order.rawValue, cohortID, accountID])
            return order
        }
    }

    // MARK: Phases

    public func phases(cohortID: Int64) async throws -> [PhaseState] {
        try await writer.read { db in try Self.phases(db, cohortID: cohortID) }
    }

    static func phases(_ db: Database, cohortID: Int64) throws -> [PhaseState] {
        try Row.fetchAll(db, sql: "SELECT phase, opened_at, closed_at FROM cohort_phase WHERE cohort_id = ?", arguments: [cohortID]).compactMap { row in
            guard let phase = CohortPhase(rawValue: row["phase"]) else { return nil }
            let closed: Double? = row["closed_at"]
            return PhaseState(phase: phase, openedAt: Date(timeIntervalSince1970: row["opened_at"]), closedAt: closed.map(Date.init(timeIntervalSince1970:)))
        }.sorted { CohortPhase.allCases.firstIndex(of: $0.phase)! < CohortPhase.allCases.firstIndex(of: $1.phase)! }
    }

    /// Opens a phase (again, if it was closed). Opening the pre-test gives every trainee without one a
    /// form order: the cohort shuffled, then A and B in turn, so half take each form first. Opening the
    /// post-test closes the pre-test.
    public func openPhase(_ phase: CohortPhase, cohort: Cohort, actor: String, now: Date = Date()) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO cohort_phase (cohort_id, phase, opened_at, closed_at) VALUES (?, ?, ?, NULL)
                ON CONFLICT (cohort_id, phase) DO UPDATE SET closed_at = NULL
                """, arguments: [cohort.id, phase.rawValue, now.timeIntervalSince1970])
            if phase == .preTest {
                var taken = try String.fetchAll(db, sql: """
                    SELECT first_form FROM cohort_member WHERE cohort_id = ? AND role = 'trainee' AND first_form IS NOT NULL
                    """, arguments: [cohort.id]).compactMap(FormOrder.init(rawValue:))
                for accountID in try Int64.fetchAll(db, sql: """
                    SELECT account_id FROM cohort_member WHERE cohort_id = ? AND role = 'trainee' AND first_form IS NULL
                    """, arguments: [cohort.id]).shuffled() {
                    let order = FormOrder.balancing(taken)
                    taken.append(order)
                    try db.execute(sql: "UPDATE cohort_member SET first_form = ? WHERE cohort_id = ? AND account_id = ?",
                                   arguments: [order.rawValue, cohort.id, accountID])
                }
            }
            if phase == .postTest {
                try db.execute(sql: "UPDATE cohort_phase SET closed_at = ? WHERE cohort_id = ? AND phase = 'pre-test' AND closed_at IS NULL",
                               arguments: [now.timeIntervalSince1970, cohort.id])
            }
            try Self.appendAudit(db, actor: actor, action: "cohort.phase.open", subject: "cohort:\(cohort.code)", details: phase.rawValue, at: now)
        }
    }

    public func closePhase(_ phase: CohortPhase, cohort: Cohort, actor: String, now: Date = Date()) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE cohort_phase SET closed_at = ? WHERE cohort_id = ? AND phase = ? AND closed_at IS NULL",
                           arguments: [now.timeIntervalSince1970, cohort.id, phase.rawValue])
            guard db.changesCount > 0 else { return }
            try Self.appendAudit(db, actor: actor, action: "cohort.phase.close", subject: "cohort:\(cohort.code)", details: phase.rawValue, at: now)
        }
    }

    // MARK: Attendance

    /// Records one classroom session's attendance: each mark replaces any earlier mark of the same
    /// trainee, day and session. Every login must be a trainee of the cohort, or nothing is written.
    public func recordAttendance(cohort: Cohort, day: Day, session: String, marks: [AttendanceMark], actor: Account, now: Date = Date()) async throws {
        try await writer.write { db in
            for mark in marks {
                guard let accountID = try Int64.fetchOne(db, sql: """
                    SELECT account.id FROM cohort_member JOIN account ON account.id = cohort_member.account_id
                    WHERE cohort_member.cohort_id = ? AND cohort_member.role = 'trainee' AND account.login = ?
                    """, arguments: [cohort.id, mark.login]) else { throw TeachingError.notMember(mark.login) }
                try db.execute(sql: """
                    INSERT INTO attendance (cohort_id, day, session, account_id, present, reason, recorded_by, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cohort_id, day, session, account_id)
                    DO UPDATE SET present = excluded.present, reason = excluded.reason, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                    """, arguments: [cohort.id, day.description, session, accountID, mark.present, mark.present ? "" : mark.reason, actor.id, now.timeIntervalSince1970])
            }
            let present = marks.count { $0.present }
            try Self.appendAudit(db, actor: "account:\(actor.login)", action: "attendance.record", subject: "cohort:\(cohort.code)",
                                 details: "\(day) \(session): \(present) present, \(marks.count - present) absent", at: now)
        }
    }

    /// Every attendance mark of the cohorts, by day, session and login.
    public func attendance(cohortIDs: [Int64]) async throws -> [Int64: [AttendanceMark]] {
        guard !cohortIDs.isEmpty else { return [:] }
        return try await writer.read { db in
            var marks: [Int64: [AttendanceMark]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT attendance.cohort_id, attendance.day, attendance.session, account.login, attendance.present, attendance.reason
                FROM attendance JOIN account ON account.id = attendance.account_id
                WHERE attendance.cohort_id IN (\(databaseQuestionMarks(count: cohortIDs.count)))
                ORDER BY attendance.day, attendance.session, account.login
                """, arguments: StatementArguments(cohortIDs))
            while let row = try rows.next() {
                marks[row["cohort_id"], default: []].append(AttendanceMark(
                    login: row["login"], day: row["day"], session: row["session"], present: row["present"], reason: row["reason"]))
            }
            return marks
        }
    }

    // MARK: Feedback

    /// Records a trainee's answers to the cohort's feedback, anonymously: the answer row has no account,
    /// time or order; that the trainee has answered is recorded apart, in the same transaction, so that
    /// nobody answers twice.
    public func submitFeedback(cohort: Cohort, accountID: Int64, answer: FeedbackSurvey.Answer) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = String(decoding: try encoder.encode(answer), as: UTF8.self)
        var generator = SystemRandomNumberGenerator()
        let key = hexString((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try await writer.write { db in
            guard try Self.phases(db, cohortID: cohort.id).contains(where: { $0.phase == .feedback && $0.isOpen }) else {
                throw TeachingError.phaseClosed(.feedback)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cohort_member WHERE cohort_id = ? AND account_id = ? AND role = 'trainee'",
                                    arguments: [cohort.id, accountID]) == true else { throw TeachingError.notMember(String(accountID)) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM feedback_given WHERE cohort_id = ? AND account_id = ?",
                                    arguments: [cohort.id, accountID]) != true else { throw TeachingError.feedbackGiven }
            try db.execute(sql: "INSERT INTO feedback_given (cohort_id, account_id) VALUES (?, ?)", arguments: [cohort.id, accountID])
            try db.execute(sql: "INSERT INTO feedback_answer (id, cohort_id, answers) VALUES (?, ?, ?)",
                           arguments: [key, cohort.id, encoded])
        }
    }

    public func hasGivenFeedback(cohortID: Int64, accountID: Int64) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM feedback_given WHERE cohort_id = ? AND account_id = ?", arguments: [cohortID, accountID]) == true
        }
    }

    /// The feedback answers of these cohorts, pooled (in the random order of their keys).
    public func feedbackAnswers(cohortIDs: [Int64]) async throws -> [FeedbackSurvey.Answer] {
        guard !cohortIDs.isEmpty else { return [] }
        return try await writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT answers FROM feedback_answer WHERE cohort_id IN (\(databaseQuestionMarks(count: cohortIDs.count))) ORDER BY id
                """, arguments: StatementArguments(cohortIDs)).compactMap { try? JSONDecoder().decode(FeedbackSurvey.Answer.self, from: Data($0.utf8)) }
        }
    }

    // MARK: Pre- and post-tests

    /// The submitted pre- and post-tests of these cohorts' trainees, with the graded answers. A test is
    /// an attempt at `test:COHORT:FORM`; whether it was the pre- or post-test follows from the trainee's
    /// form order.
    public func testSittings(cohorts: [Cohort]) async throws -> [Int64: [TestSitting]] {
        guard !cohorts.isEmpty else { return [:] }
        let byCode = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.code, $0.id) })
        return try await writer.read { db in
            var sittings: [Int64: [TestSitting]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.assessment, t.percent, t.answers, account.login, m.first_form
                FROM attempt t JOIN account ON account.id = t.account_id
                JOIN cohort c ON t.assessment LIKE 'test:' || c.code || ':%'
                JOIN cohort_member m ON m.cohort_id = c.id AND m.account_id = t.account_id
                WHERE t.assessment LIKE 'test:%' AND t.submitted_at IS NOT NULL
                AND c.id IN (\(databaseQuestionMarks(count: cohorts.count)))
                """, arguments: StatementArguments(cohorts.map(\.id)))
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                guard case .test(let code, let form)? = AssessmentRef(row["assessment"]), let cohortID = byCode[code],
                      let order = (row["first_form"] as String?).flatMap(FormOrder.init(rawValue:)) else { continue }
                let letter = String(form.suffix(1)).uppercased()
                let phase: CohortPhase = order.form(for: .preTest) == letter ? .preTest : .postTest
                let answersJSON: String? = row["answers"]
                let answers = answersJSON.flatMap { try? decoder.decode([StoredScore].self, from: Data($0.utf8)) } ?? []
                sittings[cohortID, default: []].append(TestSitting(
                    login: row["login"], phase: phase, form: form, percent: row["percent"] ?? 0,
                    answers: answers.map { ObjectiveScore(objective: $0.o, score: $0.s) }))
            }
            return sittings
        }
    }

    private struct StoredScore: Decodable {
        var o: String
        var s: Double
    }

    /// A table's column names, for the test that no feedback answer can be joined to an account.
    public func columns(of table: String) async throws -> [String] {
        try await writer.read { db in try db.columns(in: table).map(\.name) }
    }

    // MARK: Planned practicals

    public func planPractical(cohort: Cohort, candidate: Account, assessor: Account, programme: String, rubric: String, day: Day,
                              now: Date = Date()) async throws -> Int64 {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cohort_member WHERE cohort_id = ? AND account_id = ? AND role = 'trainee'",
                                    arguments: [cohort.id, candidate.id]) == true else { throw TeachingError.notMember(candidate.login) }
            try db.execute(sql: """
                INSERT INTO practical_plan (cohort_id, candidate_id, assessor_id, programme, rubric, day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [cohort.id, candidate.id, assessor.id, programme, rubric, day.description, now.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            try Self.appendAudit(db, actor: "account:\(assessor.login)", action: "practical.plan", subject: "account:\(candidate.login)",
                                 details: "\(rubric) for \(programme) on \(day), cohort \(cohort.code)", at: now)
            return id
        }
    }

    /// Planned practicals of a cohort, or of an assessor, each with the assessment that carried it out.
    public func practicalPlans(cohortID: Int64? = nil, assessorID: Int64? = nil) async throws -> [PracticalPlan] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, c.code, candidate.login AS candidate, candidate.name AS candidate_name, assessor.login AS assessor,
                       p.programme, p.rubric, p.day,
                       (SELECT MIN(practical.id) FROM practical WHERE practical.candidate_id = p.candidate_id AND practical.rubric = p.rubric
                        AND practical.programme = p.programme AND practical.recorded_at >= p.created_at) AS practical_id
                FROM practical_plan p JOIN cohort c ON c.id = p.cohort_id
                JOIN account candidate ON candidate.id = p.candidate_id JOIN account assessor ON assessor.id = p.assessor_id
                WHERE (?1 IS NULL OR p.cohort_id = ?1) AND (?2 IS NULL OR p.assessor_id = ?2)
                ORDER BY p.day, candidate.name
                """, arguments: [cohortID, assessorID]).map { row in
                PracticalPlan(id: row["id"], cohort: row["code"], candidate: row["candidate"], candidateName: row["candidate_name"],
                              assessor: row["assessor"], programme: row["programme"], rubric: row["rubric"], day: row["day"], practicalID: row["practical_id"])
            }
        }
    }
}

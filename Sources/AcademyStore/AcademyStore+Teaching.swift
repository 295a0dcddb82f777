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

/// What the programme report counts, read with aggregate queries so that a period of many cohorts costs
/// about what one cohort's dashboard does.
public struct ProgrammeFigures: Sendable {
    public struct Member: Sendable, Hashable {
        public var cohortID: Int64
        public var accountID: Int64
        public var order: FormOrder?
        /// Lessons of the cohort's track studied.
        public var studied: Int
        /// A lesson studied or a quiz or examination submitted.
        public var started: Bool
        /// Modules whose quiz the trainee submitted, and those passed.
        public var quizzesTaken: Set<String>
        public var quizzesPassed: Set<String>
    }

    public struct Sitting: Sendable, Hashable {
        public var cohortID: Int64
        public var accountID: Int64
        public var phase: CohortPhase
        public var percent: Int
    }

    public var members: [Member]
    public var sittings: [Sitting]
    /// Phase → objective → (score, items) summed over the tests.
    public var objectives: [CohortPhase: [String: (score: Double, items: Int)]]
    public var attendanceMarks: Int
    public var attendancePresent: Int
    public var sessions: Int
    public var feedbackAnswered: Int
    /// Statement → counts of the ratings 1 to 5.
    public var feedbackRatings: [String: [Int]]
    /// Open question → the non-empty answers.
    public var feedbackTexts: [String: [String]]
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

    /// A table's column names, for the test that no feedback answer can be joined to an account.
    public func columns(of table: String) async throws -> [String] {
        try await writer.read { db in try db.columns(in: table).map(\.name) }
    }

    // MARK: The programme report

    /// The figures of the programme report for these cohorts. `trackLessons` gives each track's lessons:
    /// a trainee counts the lessons of their cohort's track.
    public func programmeFigures(cohorts: [Cohort], trackLessons: [String: [String]]) async throws -> ProgrammeFigures {
        let empty = ProgrammeFigures(members: [], sittings: [], objectives: [:], attendanceMarks: 0, attendancePresent: 0, sessions: 0,
                                     feedbackAnswered: 0, feedbackRatings: [:], feedbackTexts: [:])
        guard !cohorts.isEmpty else { return empty }
        let ids = cohorts.map(\.id)
        let marks = databaseQuestionMarks(count: ids.count)
        let codeToID = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.code, $0.id) })
        return try await writer.read { db in
            var figures = empty
            // Columns are read by position in these loops: a name lookup per cell cost more than the query.
            var index: [Int64: [Int]] = [:]  // account → positions in figures.members
            var position: [Int64: [Int64: Int]] = [:]  // cohort → account → position
            for row in try Row.fetchAll(db, sql: """
                SELECT cohort_id, account_id, first_form FROM cohort_member WHERE role = 'trainee' AND cohort_id IN (\(marks))
                """, arguments: StatementArguments(ids)) {
                let cohortID: Int64 = row[0], accountID: Int64 = row[1]
                index[accountID, default: []].append(figures.members.count)
                position[cohortID, default: [:]][accountID] = figures.members.count
                figures.members.append(.init(cohortID: cohortID, accountID: accountID, order: (row[2] as String?).flatMap(FormOrder.init(rawValue:)),
                                             studied: 0, started: false, quizzesTaken: [], quizzesPassed: []))
            }
            // Lessons studied: any (a trainee who studied has started) and those of the cohort's track, in one pass per track.
            for track in Set(cohorts.map(\.track)) {
                let trackCohorts = cohorts.filter { $0.track == track }.map(\.id)
                let lessons = trackLessons[track] ?? []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT m.cohort_id, m.account_id, COUNT(*), SUM(p.lesson IN (SELECT value FROM json_each(?))) FROM cohort_member m
                    JOIN progress p ON p.account_id = m.account_id
                    WHERE m.role = 'trainee' AND m.cohort_id IN (\(databaseQuestionMarks(count: trackCohorts.count))) GROUP BY m.cohort_id, m.account_id
                    """, arguments: [String(decoding: try JSONEncoder().encode(lessons), as: UTF8.self)] + StatementArguments(trackCohorts))
                while let row = try rows.next() {
                    guard let at = position[row[0]]?[row[1]] else { continue }
                    figures.members[at].started = true
                    figures.members[at].studied = row[3]
                }
            }
            // Quizzes and examinations submitted (a test does not make a trainee started).
            let attempts = try Row.fetchCursor(db, sql: """
                SELECT t.account_id, t.assessment, MAX(t.passed) FROM cohort_member m
                JOIN attempt t ON t.account_id = m.account_id AND ((t.assessment >= 'quiz:' AND t.assessment < 'quiz;') OR (t.assessment >= 'exam:' AND t.assessment < 'exam;'))
                WHERE m.role = 'trainee' AND m.cohort_id IN (\(marks)) AND t.submitted_at IS NOT NULL GROUP BY t.account_id, t.assessment
                """, arguments: StatementArguments(ids))
            while let row = try attempts.next() {
                let assessment: String = row[1]
                let passed = (row[2] as Bool?) == true
                for at in index[row[0]] ?? [] {
                    figures.members[at].started = true
                    guard assessment.hasPrefix("quiz:") else { continue }
                    let module = String(assessment.dropFirst(5))
                    figures.members[at].quizzesTaken.insert(module)
                    if passed { figures.members[at].quizzesPassed.insert(module) }
                }
            }
            // Tests: the phase follows from the member's form order and the form's letter.
            var phaseOfAttempt: [Int64: CohortPhase] = [:]
            let tests = try Row.fetchCursor(db, sql: """
                SELECT t.id, t.account_id, t.assessment, t.percent FROM cohort_member m
                JOIN attempt t ON t.account_id = m.account_id AND t.assessment >= 'test:' AND t.assessment < 'test;'
                WHERE m.role = 'trainee' AND m.cohort_id IN (\(marks)) AND t.submitted_at IS NOT NULL
                """, arguments: StatementArguments(ids))
            while let row = try tests.next() {
                let attemptID: Int64 = row[0]
                // A trainee in two of these cohorts is listed twice: each test counts in the cohort it names.
                guard phaseOfAttempt[attemptID] == nil, case .test(let code, let form)? = AssessmentRef(row[2] as String),
                      let cohortID = codeToID[code], let at = position[cohortID]?[row[1]], let order = figures.members[at].order else { continue }
                let phase = order.phase(ofForm: form)
                phaseOfAttempt[attemptID] = phase
                figures.sittings.append(.init(cohortID: cohortID, accountID: row[1], phase: phase, percent: row[3] ?? 0))
            }
            // Per objective: summed per test when it was submitted, per phase here. (Summing by phase in SQL
            // sorted 90,000 rows for a period of 50 cohorts and took twice as long.)
            var sums: [CohortPhase: [String: (score: Double, items: Int)]] = [.preTest: [:], .postTest: [:]]
            let objectiveRows = try Row.fetchCursor(db, sql: """
                SELECT attempt_id, objective, score, items FROM test_objective WHERE attempt_id IN (SELECT value FROM json_each(?))
                """, arguments: [String(decoding: try JSONEncoder().encode(Array(phaseOfAttempt.keys)), as: UTF8.self)])
            while let row = try objectiveRows.next() {
                guard let phase = phaseOfAttempt[row[0]] else { continue }
                sums[phase]![row[1] as String, default: (0, 0)].score += row[2] as Double
                sums[phase]![row[1] as String, default: (0, 0)].items += row[3] as Int
            }
            figures.objectives = sums
            if let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS marks, COALESCE(SUM(present), 0) AS present, COUNT(DISTINCT cohort_id || ' ' || day || ' ' || session) AS sessions
                FROM attendance WHERE cohort_id IN (\(marks))
                """, arguments: StatementArguments(ids)) {
                figures.attendanceMarks = row["marks"]
                figures.attendancePresent = row["present"]
                figures.sessions = row["sessions"]
            }
            figures.feedbackAnswered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback_answer WHERE cohort_id IN (\(marks))",
                                                        arguments: StatementArguments(ids)) ?? 0
            for item in FeedbackSurvey.ratingItems {
                var counts = Array(repeating: 0, count: FeedbackSurvey.scale.count)
                for row in try Row.fetchAll(db, sql: """
                    SELECT json_extract(answers, '$.ratings."' || ? || '"') AS rating, COUNT(*) AS n FROM feedback_answer
                    WHERE cohort_id IN (\(marks)) GROUP BY 1
                    """, arguments: [item] + StatementArguments(ids)) {
                    guard let rating = row["rating"] as Int?, FeedbackSurvey.scale.contains(rating) else { continue }
                    counts[rating - FeedbackSurvey.scale.lowerBound] = row["n"]
                }
                figures.feedbackRatings[item] = counts
            }
            for item in FeedbackSurvey.textItems {
                figures.feedbackTexts[item] = try String?.fetchAll(db, sql: """
                    SELECT json_extract(answers, '$.texts."' || ? || '"') FROM feedback_answer WHERE cohort_id IN (\(marks))
                    """, arguments: [item] + StatementArguments(ids)).compactMap { $0 }
            }
            return figures
        }
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

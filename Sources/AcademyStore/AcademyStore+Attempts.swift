import AcademyCore
import Foundation
import GRDB

/// How well a trainee does on one objective, across all graded answers.
public struct ObjectiveMastery: Sendable, Hashable {
    public var objective: String
    public var answered: Int
    /// Mean score, 0 to 1.
    public var mastery: Double
}

extension AcademyStore {
    public enum AttemptError: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound
        case alreadySubmitted

        public var description: String {
            switch self {
            case .notFound: "no such attempt"
            case .alreadySubmitted: "this attempt has already been submitted"
            }
        }
    }

    public func attempts(accountID: Int64, assessment: String) async throws -> [AttemptRecord] {
        try await writer.read { db in try AttemptRow.requestFor(account: accountID, assessment: assessment).fetchAll(db).map(\.attempt) }
    }

    public func attempts(accountID: Int64) async throws -> [AttemptRecord] {
        try await writer.read { db in try AttemptRow.requestFor(account: accountID).fetchAll(db).map(\.attempt) }
    }

    public func attempt(id: Int64) async throws -> AttemptRecord? {
        try await writer.read { db in try AttemptRow.fetchOne(db, key: id)?.attempt }
    }

    /// Starts an attempt, or returns the one still in progress. `check` sees the earlier attempts inside
    /// the same transaction and throws to refuse, so two concurrent starts cannot both slip past a limit.
    public func startAttempt(
        accountID: Int64, assessment: String, now: Date, draw: @escaping @Sendable () -> (seed: UInt64, questions: [DrawnQuestion]),
        deadline: Date, contentHash: String, check: @escaping @Sendable ([AttemptRecord]) throws -> Void
    ) async throws -> AttemptRecord {
        try await writer.write { db in
            let previous = try AttemptRow.requestFor(account: accountID, assessment: assessment).fetchAll(db).map(\.attempt)
            if let open = previous.last, open.status(now: now) == .inProgress { return open }
            try check(previous)
            let (seed, questions) = draw()
            let encoded = String(decoding: try JSONEncoder().encode(questions), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO attempt (account_id, assessment, seed, questions, started_at, deadline, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [accountID, assessment, Int64(bitPattern: seed), encoded, now.timeIntervalSince1970, deadline.timeIntervalSince1970, contentHash]
            )
            return AttemptRecord(
                id: db.lastInsertedRowID, accountID: accountID, assessment: assessment, seed: seed, questions: questions,
                startedAt: now, deadline: deadline, submittedAt: nil, percent: nil, passed: nil, contentHash: contentHash
            )
        }
    }

    /// What grading an attempt decided (see `Grader.grade`).
    public typealias Submission = GradedSubmission

    /// Grades and records a submission: the attempt is read, checked to belong to `accountID` and to be
    /// still open, handed to `grade`, and its result recorded in a group-committed write that only an
    /// open attempt passes. Another account's attempt is reported as `notFound`. An error thrown by
    /// `grade` is rethrown and nothing is written.
    public func submit(
        attemptID: Int64, accountID: Int64, now: Date, grade: @escaping @Sendable (AttemptRecord) throws -> Submission
    ) async throws -> AttemptRecord {
        // An attempt's drawn questions never change once drawn, so it is read and graded outside the
        // one writer, in parallel with other requests; the write records the submission only if the
        // attempt is still open, so two submissions of one attempt cannot both be recorded.
        guard var attempt = try await attemptToGrade(id: attemptID), attempt.accountID == accountID else { throw AttemptError.notFound }
        guard attempt.submittedAt == nil else { throw AttemptError.alreadySubmitted }
        let submission = try grade(attempt)
        let answers = try StoredAnswer.encode(submission.answers)
        // A pre- or post-test's score per objective, kept beside it: the programme report sums these
        // across hundreds of tests, which reading every answer's JSON made take seconds.
        var objectives: [String: (score: Double, items: Int)] = [:]
        if attempt.assessment.hasPrefix("test:") {
            for answer in submission.answers {
                objectives[answer.objective, default: (0, 0)].score += answer.score
                objectives[answer.objective, default: (0, 0)].items += 1
            }
        }
        let recorded = try await coalescer.write { [objectives] db in
            try db.cachedStatement(sql: "UPDATE attempt SET submitted_at = ?, percent = ?, passed = ?, answers = ? WHERE id = ? AND submitted_at IS NULL")
                .execute(arguments: [now.timeIntervalSince1970, submission.percent, submission.passed, answers, attemptID])
            guard db.changesCount > 0 else { return false }
            for (objective, sum) in objectives {
                try db.cachedStatement(sql: "INSERT INTO test_objective (attempt_id, objective, score, items) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [attemptID, objective, sum.score, sum.items])
            }
            return true
        }
        guard recorded else { throw AttemptError.alreadySubmitted }
        attempt.submittedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970)
        attempt.percent = submission.percent
        attempt.passed = submission.passed
        return attempt
    }

    /// An attempt as grading needs it: which questions were drawn, not the order their options were
    /// shown in (answers name options by their place in the question as written). SQLite reads the ids
    /// out of the stored JSON, which JSONDecoder made the costliest part of a submission.
    func attemptToGrade(id: Int64) async throws -> AttemptRecord? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM attempt WHERE id = ?"), arguments: [id]) else { return nil }
            let ids = try String.fetchAll(
                db.cachedStatement(sql: "SELECT json_extract(value, '$.id') FROM attempt, json_each(attempt.questions) WHERE attempt.id = ? ORDER BY key"),
                arguments: [id]
            )
            return AttemptRow(row: row, questions: ids.map { DrawnQuestion(id: $0, order: []) }).attempt
        }
    }

    /// Records an already graded submission once: a second submission of the same attempt is refused
    /// and changes nothing. `percent` nil marks a late submission, recorded as expired (it counts as an
    /// attempt, and as failed).
    public func submit(_ attempt: AttemptRecord, answers: [GradedAnswer], percent: Int?, passed: Bool, now: Date) async throws -> AttemptRecord {
        let submission = Submission(answers: answers, percent: percent, passed: passed)
        return try await submit(attemptID: attempt.id, accountID: attempt.accountID, now: now) { _ in submission }
    }

    public func answers(attemptID: Int64) async throws -> [GradedAnswer] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.q') AS question, json_extract(j.value, '$.o') AS objective,
                       json_extract(j.value, '$.s') AS score, json_extract(j.value, '$.a') AS answer
                FROM attempt t, json_each(t.answers) j WHERE t.id = ?
                """, arguments: [attemptID]).map { row in
                let json: String? = row["answer"]
                return GradedAnswer(
                    question: row["question"], objective: row["objective"],
                    answer: json.flatMap { try? JSONDecoder().decode(Answer.self, from: Data($0.utf8)) }, score: row["score"]
                )
            }
        }
    }

    /// A trainee's mean score per objective over every graded answer, weakest first.
    public func objectiveMastery(accountID: Int64) async throws -> [ObjectiveMastery] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.o') AS objective, COUNT(*) AS answered, AVG(json_extract(j.value, '$.s')) AS mastery
                FROM attempt t, json_each(t.answers) j
                WHERE t.account_id = ? AND t.assessment NOT LIKE 'test:%' GROUP BY 1 ORDER BY mastery, objective
                """, arguments: [accountID]).map { ObjectiveMastery(objective: $0["objective"], answered: $0["answered"], mastery: $0["mastery"]) }
        }
    }

    /// The mean score per objective over every graded answer of a cohort's trainees, weakest first.
    public func objectiveMastery(cohortID: Int64) async throws -> [ObjectiveMastery] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.o') AS objective, COUNT(*) AS answered, AVG(json_extract(j.value, '$.s')) AS mastery
                FROM cohort_member m JOIN attempt t ON t.account_id = m.account_id, json_each(t.answers) j
                WHERE m.cohort_id = ? AND m.role = 'trainee' AND t.assessment NOT LIKE 'test:%' GROUP BY 1 ORDER BY mastery, objective
                """, arguments: [cohortID]).map { ObjectiveMastery(objective: $0["objective"], answered: $0["answered"], mastery: $0["mastery"]) }
        }
    }

    /// Every question's mean score across all trainees (its difficulty: low means hard), for reports.
    public func questionDifficulty() async throws -> [String: (answered: Int, meanScore: Double)] {
        try await writer.read { db in
            var result: [String: (Int, Double)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.q') AS question, COUNT(*) AS n, AVG(json_extract(j.value, '$.s')) AS mean
                FROM attempt t, json_each(t.answers) j WHERE t.assessment NOT LIKE 'test:%' GROUP BY 1
                """) {
                result[row["question"]] = (row["n"], row["mean"])
            }
            return result
        }
    }
}

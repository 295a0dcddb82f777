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

    /// Grades and records a submission in one group-committed write: the attempt is read, checked to
    /// belong to `accountID` and to be still open, handed to `grade`, and its result recorded, all in the
    /// transaction that commits it, so two submissions of one attempt cannot both pass the check.
    /// Another account's attempt is reported as `notFound`. An error thrown by `grade` is rethrown and
    /// nothing is written.
    public func submit(
        attemptID: Int64, accountID: Int64, now: Date, grade: @escaping @Sendable (AttemptRecord) throws -> Submission
    ) async throws -> AttemptRecord {
        // Refusals come back as values, not thrown inside the batch: a throw would make the coalescer
        // roll back and replay every neighbour's write. Nothing is written before a refusal.
        let outcome: Result<AttemptRecord, any Error> = try await coalescer.write { db in
            guard var attempt = try AttemptRow.fetchOne(db, key: attemptID)?.attempt else { return .failure(AttemptError.notFound) }
            guard attempt.accountID == accountID else { return .failure(AttemptError.notFound) }
            guard attempt.submittedAt == nil else { return .failure(AttemptError.alreadySubmitted) }
            let submission: Submission
            do { submission = try grade(attempt) } catch { return .failure(error) }
            try db.cachedStatement(sql: "UPDATE attempt SET submitted_at = ?, percent = ?, passed = ?, answers = ? WHERE id = ?").execute(
                arguments: [now.timeIntervalSince1970, submission.percent, submission.passed, try StoredAnswer.encode(submission.answers), attemptID]
            )
            attempt.submittedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970)
            attempt.percent = submission.percent
            attempt.passed = submission.passed
            return .success(attempt)
        }
        return try outcome.get()
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
                WHERE t.account_id = ? GROUP BY 1 ORDER BY mastery, objective
                """, arguments: [accountID]).map { ObjectiveMastery(objective: $0["objective"], answered: $0["answered"], mastery: $0["mastery"]) }
        }
    }

    /// The mean score per objective over every graded answer of a cohort's trainees, weakest first.
    public func objectiveMastery(cohortID: Int64) async throws -> [ObjectiveMastery] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.o') AS objective, COUNT(*) AS answered, AVG(json_extract(j.value, '$.s')) AS mastery
                FROM cohort_member m JOIN attempt t ON t.account_id = m.account_id, json_each(t.answers) j
                WHERE m.cohort_id = ? AND m.role = 'trainee' GROUP BY 1 ORDER BY mastery, objective
                """, arguments: [cohortID]).map { ObjectiveMastery(objective: $0["objective"], answered: $0["answered"], mastery: $0["mastery"]) }
        }
    }

    /// Every question's mean score across all trainees (its difficulty: low means hard), for reports.
    public func questionDifficulty() async throws -> [String: (answered: Int, meanScore: Double)] {
        try await writer.read { db in
            var result: [String: (Int, Double)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT json_extract(j.value, '$.q') AS question, COUNT(*) AS n, AVG(json_extract(j.value, '$.s')) AS mean
                FROM attempt t, json_each(t.answers) j GROUP BY 1
                """) {
                result[row["question"]] = (row["n"], row["mean"])
            }
            return result
        }
    }
}

import AcademyCore
import Foundation
import GRDB
import Synchronization
import Testing
@testable import AcademyStore

@Suite("Submissions in the store")
struct SubmissionStoreTests {
    struct Refused: Error {}

    func openAttempt(_ store: AcademyStore, login: String = "cadet1") async throws -> AttemptRecord {
        let trainee = try await store.createAccount(login: login, name: "Name", role: .trainee, track: "pre-service", passwordHash: "h", mustChangePassword: false)
        return try await store.startAttempt(
            accountID: trainee.id, assessment: "quiz:m", now: Date(), draw: { (1, [DrawnQuestion(id: "q1", order: [1, 0])]) },
            deadline: Date().addingTimeInterval(600), contentHash: "c", check: { _ in })
    }

    @Test("a submission is read, checked, graded and recorded once, and only for the attempt's own trainee")
    func submitOnce() async throws {
        let store = try AcademyStore.inMemory()
        let attempt = try await openAttempt(store)
        let other = try await openAttempt(store, login: "cadet2")
        let graded = AcademyStore.Submission(answers: [GradedAnswer(question: "q1", objective: "o1", answer: .choice(1), score: 1)], percent: 100, passed: true)

        // Another trainee's attempt looks like no attempt at all.
        await #expect(throws: AcademyStore.AttemptError.notFound) {
            _ = try await store.submit(attemptID: attempt.id, accountID: other.accountID, now: Date()) { _ in graded }
        }
        await #expect(throws: AcademyStore.AttemptError.notFound) {
            _ = try await store.submit(attemptID: 999, accountID: attempt.accountID, now: Date()) { _ in graded }
        }
        // A refusal from grading is passed on and writes nothing.
        await #expect(throws: Refused.self) {
            _ = try await store.submit(attemptID: attempt.id, accountID: attempt.accountID, now: Date()) { _ in throw Refused() }
        }
        #expect(try await store.attempt(id: attempt.id)?.submittedAt == nil)

        let seen = Mutex<AttemptRecord?>(nil)
        let submitted = try await store.submit(attemptID: attempt.id, accountID: attempt.accountID, now: Date()) { stored in
            seen.withLock { $0 = stored }
            return graded
        }
        // Grading saw the attempt as stored: which questions were drawn (answers name options by their
        // place in the question as written, so the order they were shown in does not matter to it).
        #expect(seen.withLock { $0 }?.questions.map(\.id) == ["q1"])
        #expect(seen.withLock { $0 }?.accountID == attempt.accountID)
        #expect(submitted.percent == 100 && submitted.passed == true && submitted.submittedAt != nil)
        #expect(try await store.attempt(id: attempt.id)?.percent == 100)
        #expect(try await store.answers(attemptID: attempt.id) == graded.answers)

        await #expect(throws: AcademyStore.AttemptError.alreadySubmitted) {
            _ = try await store.submit(attemptID: attempt.id, accountID: attempt.accountID, now: Date()) { _ in
                AcademyStore.Submission(answers: [], percent: 0, passed: false)
            }
        }
        #expect(try await store.attempt(id: attempt.id)?.percent == 100)
        #expect(try await store.answers(attemptID: attempt.id) == graded.answers)
    }

    @Test("concurrent submissions each record their own result, and a refused one does not undo its neighbours")
    func concurrentSubmissions() async throws {
        let store = try AcademyStore.inMemory()
        var attempts: [AttemptRecord] = []
        for index in 0..<40 { attempts.append(try await openAttempt(store, login: "cadet\(index)")) }
        let outcomes = await withTaskGroup(of: (Int64, Bool).self) { group in
            for (index, attempt) in attempts.enumerated() {
                group.addTask {
                    let result = try? await store.submit(attemptID: attempt.id, accountID: attempt.accountID, now: Date()) { _ in
                        if index % 4 == 0 { throw Refused() }
                        return AcademyStore.Submission(answers: [GradedAnswer(question: "q1", objective: "o1", answer: .choice(index), score: 1)],
                                                       percent: index, passed: false)
                    }
                    return (attempt.id, result != nil)
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (index, attempt) in attempts.enumerated() {
            let stored = try await store.attempt(id: attempt.id)
            #expect(outcomes[attempt.id] == (index % 4 != 0))
            #expect(stored?.percent == (index % 4 == 0 ? nil : index))
            #expect(try await store.answers(attemptID: attempt.id).map(\.answer) == (index % 4 == 0 ? [] : [.choice(index)]))
        }
    }

    @Test("answers stored as text by ids with quotes, backslashes and control characters read back unchanged")
    func escapedIdentifiers() async throws {
        let store = try AcademyStore.inMemory()
        let attempt = try await openAttempt(store)
        let odd = [GradedAnswer(question: "q\"1\\", objective: "o\n\u{1}ж", answer: .promptType(.cuedInvitation), score: 0.5),
                   GradedAnswer(question: "q2", objective: "o2", answer: nil, score: 0)]
        _ = try await store.submit(attempt, answers: odd, percent: 25, passed: false, now: Date())
        #expect(try await store.answers(attemptID: attempt.id) == odd)
    }

    @Test("drawn questions read back as stored: ids, and each one's order of options", arguments: [
        [DrawnQuestion(id: "q1", order: [2, 0, 1]), DrawnQuestion(id: "q-true-false", order: []), DrawnQuestion(id: "q12", order: [10, 9, 0])],
        [DrawnQuestion(id: "вопрос", order: [0])],
        [],
    ])
    func drawnQuestions(questions: [DrawnQuestion]) async throws {
        let store = try AcademyStore.inMemory()
        let trainee = try await store.createAccount(login: "c", name: "Name", role: .trainee, track: nil, passwordHash: "h", mustChangePassword: false)
        let started = try await store.startAttempt(
            accountID: trainee.id, assessment: "quiz:m", now: Date(), draw: { (7, questions) },
            deadline: Date().addingTimeInterval(600), contentHash: "c", check: { _ in })
        #expect(try await store.attempt(id: started.id)?.questions == questions)
        #expect(try await store.attempts(accountID: trainee.id, assessment: "quiz:m").map(\.questions) == [questions])
    }

    @Test("data from before v5 and v8 is carried over: answers into the attempt, drawn questions from lines of text to JSON")
    func migrationCarriesAnswers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("academy.sqlite").path)
        try Migrations.migrator.migrate(queue, upTo: "v4: cohorts")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO account (id, login, name, role, password_hash, created_at) VALUES (1, 'cadet1', 'Name', 'trainee', 'h', 0);
                INSERT INTO attempt (id, account_id, assessment, seed, questions, started_at, deadline, submitted_at, percent, passed, content_hash)
                    VALUES (1, 1, 'quiz:m', 1, 'q1:0,1' || char(10) || 'q2:', 0, 600, 10, 50, 0, 'c'),
                           (2, 1, 'quiz:m', 1, 'q1:0,1', 0, 600, NULL, NULL, NULL, 'c');
                INSERT INTO attempt_answer (attempt_id, question, objective, answer, score)
                    VALUES (1, 'q1', 'o1', '{"choices":[0,1]}', 1), (1, 'q2', 'o2', NULL, 0);
                """)
        }
        try queue.close()

        let store = try AcademyStore.open(folder: folder)
        let answers = try await store.answers(attemptID: 1).sorted { $0.question < $1.question }
        #expect(answers == [GradedAnswer(question: "q1", objective: "o1", answer: .choices([0, 1]), score: 1),
                            GradedAnswer(question: "q2", objective: "o2", answer: nil, score: 0)])
        #expect(try await store.answers(attemptID: 2).isEmpty)
        #expect(try await store.attempt(id: 1)?.questions == [DrawnQuestion(id: "q1", order: [0, 1]), DrawnQuestion(id: "q2", order: [])])
        #expect(try await store.objectiveMastery(accountID: 1).map(\.objective) == ["o2", "o1"])
        #expect(try await store.questionDifficulty()["q1"]?.answered == 1)
        // The open attempt can still be submitted after the migration.
        let submitted = try await store.submit(attemptID: 2, accountID: 1, now: Date()) { _ in .init(answers: [], percent: 0, passed: false) }
        #expect(submitted.percent == 0)
    }
}

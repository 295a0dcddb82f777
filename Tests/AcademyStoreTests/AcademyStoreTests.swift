import GRDB
import Synchronization
import AcademyCore
@testable import AcademyStore
import Foundation
import Testing

@Suite("The store")
struct AcademyStoreTests {
    func account(_ store: AcademyStore, _ login: String = "cadet1") async throws -> Account {
        try await store.createAccount(login: login, name: "Name", role: .trainee, track: "pre-service", passwordHash: "h", mustChangePassword: false)
    }

    @Test("logins are unique")
    func uniqueLogins() async throws {
        let store = try AcademyStore.inMemory()
        _ = try await account(store)
        await #expect(throws: StoreError.duplicateLogin("cadet1")) { _ = try await account(store) }
        #expect(try await store.accountCount() == 1)
    }

    @Test("a created account comes back with its own id, not the id of the audit entry written with it")
    func createdAccountID() async throws {
        let store = try AcademyStore.inMemory()
        let first = try await account(store)
        try await store.setPassword(accountID: first.id, hash: "h2", mustChange: false)
        _ = try await store.disable(login: first.login)
        let second = try await account(store, "cadet2")
        #expect(try await store.account(login: "cadet2")?.id == second.id)
        #expect(try await store.account(id: second.id)?.login == "cadet2")
    }

    @Test("progress is idempotent; a changed lesson records its new version")
    func progress() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        let first = Date(timeIntervalSince1970: 1_000_000)
        try await store.recordProgress(accountID: cadet.id, lesson: "l1", contentHash: "v1", now: first)
        try await store.recordProgress(accountID: cadet.id, lesson: "l1", contentHash: "v1", now: first.addingTimeInterval(60))
        #expect(try await store.progress(accountID: cadet.id) == [ProgressRecord(lesson: "l1", contentHash: "v1", studiedAt: first)])
        try await store.recordProgress(accountID: cadet.id, lesson: "l1", contentHash: "v2", now: first.addingTimeInterval(120))
        #expect(try await store.progress(accountID: cadet.id).map(\.contentHash) == ["v2"])
    }

    @Test("progress for an account that does not exist is refused by the foreign key and writes nothing")
    func foreignKeys() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        await #expect(throws: (any Error).self) { try await store.recordProgress(accountID: 999, lesson: "l1", contentHash: "v1") }
        #expect(try await store.progress(accountID: cadet.id).isEmpty)
    }

    @Test("concurrent writes are committed together (group commit), and one failing write does not undo the others")
    func groupCommit() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        let commits = CommitCounter()
        try await store.writer.write { $0.add(transactionObserver: commits, extent: .databaseLifetime) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.recordProgress(accountID: cadet.id, lesson: "l\(index)", contentHash: "h") }
            }
            group.addTask {
                // Fails on the foreign key, inside the same batch as its neighbours; its caller is told.
                await #expect(throws: (any Error).self) { try await store.recordProgress(accountID: 12345, lesson: "bad", contentHash: "h") }
            }
            try await group.waitForAll()
        }
        #expect(try await store.progress(accountID: cadet.id).count == 200)
        // One transaction (one fsync on disk) served many writes: written one by one, there would be 200.
        #expect(commits.count < 100, "\(commits.count) transactions for 200 writes")
    }

    @Test("sessions expire after idling, and disabled accounts lose theirs")
    func sessions() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        let start = Date(timeIntervalSince1970: 2_000_000)
        try await store.createSession(tokenHash: "t1", csrfToken: "c1", accountID: cadet.id, now: start)
        #expect(try await store.session(tokenHash: "t1", idleTimeout: 600, now: start.addingTimeInterval(300))?.csrfToken == "c1")
        // Seen at +300 s, so still alive at +800 s.
        #expect(try await store.session(tokenHash: "t1", idleTimeout: 600, now: start.addingTimeInterval(800)) != nil)
        #expect(try await store.session(tokenHash: "t1", idleTimeout: 600, now: start.addingTimeInterval(2000)) == nil)
        // An expired session is deleted, not just hidden.
        #expect(try await store.session(tokenHash: "t1", idleTimeout: 1_000_000, now: start.addingTimeInterval(2001)) == nil)
        try await store.createSession(tokenHash: "t2", csrfToken: "c2", accountID: cadet.id)
        try await store.disable(login: "cadet1")
        #expect(try await store.session(tokenHash: "t2", idleTimeout: 600) == nil)
    }

    @Test("a session's last-seen time reaches the database, so it stays alive for a restarted server")
    func lastSeenPersists() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date().addingTimeInterval(-800)
        do {
            let store = try AcademyStore.open(folder: folder)
            let cadet = try await account(store)
            try await store.createSession(tokenHash: "t1", csrfToken: "c1", accountID: cadet.id, now: start)
            // Seen at +300 s: written behind, committed no later than the next write.
            #expect(try await store.session(tokenHash: "t1", idleTimeout: 600, now: start.addingTimeInterval(300)) != nil)
            try await store.recordProgress(accountID: cadet.id, lesson: "l1", contentHash: "h")
        }
        // A new server reads +300 s from the file, so at +800 s the session has idled 500 s, not 800 s.
        let restarted = try AcademyStore.open(folder: folder)
        #expect(try await restarted.session(tokenHash: "t1", idleTimeout: 600, now: start.addingTimeInterval(800)) != nil)
    }

    @Test("a session in constant use still ends twelve hours after sign-in")
    func maximumAge() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        let start = Date(timeIntervalSince1970: 3_000_000)
        try await store.createSession(tokenHash: "busy", csrfToken: "c", accountID: cadet.id, now: start)
        // Used every ten minutes, well inside the idle timeout.
        var now = start
        while now.timeIntervalSince(start) < AcademyStore.maximumSessionAge {
            #expect(try await store.session(tokenHash: "busy", idleTimeout: 1800, now: now) != nil, "at +\(now.timeIntervalSince(start)) s")
            now += 600
        }
        #expect(try await store.session(tokenHash: "busy", idleTimeout: 1800, now: start + AcademyStore.maximumSessionAge + 1) == nil)
        // Ended for good: deleted, not just refused.
        #expect(try await store.session(tokenHash: "busy", idleTimeout: 1800, now: start + 60) == nil)
    }

    @Test("a password change ends the account's other sessions")
    func passwordChangeEndsSessions() async throws {
        let store = try AcademyStore.inMemory()
        let cadet = try await account(store)
        try await store.createSession(tokenHash: "keep", csrfToken: "c", accountID: cadet.id)
        try await store.createSession(tokenHash: "drop", csrfToken: "c", accountID: cadet.id)
        try await store.setPassword(accountID: cadet.id, hash: "new", mustChange: false, keepSession: "keep")
        #expect(try await store.session(tokenHash: "keep", idleTimeout: 600) != nil)
        #expect(try await store.session(tokenHash: "drop", idleTimeout: 600) == nil)
        #expect(try await store.credentials(login: "cadet1")?.1 == "new")
    }

    @Test("a server's cached session ends within about a second when another process disables the account or resets its password")
    func changesFromAnotherProcess() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two stores on one file, as `academy serve` and an `academy users` command are.
        let server = try AcademyStore.open(folder: folder)
        let command = try AcademyStore.open(folder: folder)
        let cadet = try await account(server)
        let other = try await account(server, "cadet2")
        let start = Date()
        try await server.createSession(tokenHash: "t1", csrfToken: "c1", accountID: cadet.id, now: start)
        try await server.createSession(tokenHash: "t2", csrfToken: "c2", accountID: other.id, now: start)
        #expect(try await server.session(tokenHash: "t1", idleTimeout: 600, now: start) != nil)
        #expect(try await server.session(tokenHash: "t2", idleTimeout: 600, now: start) != nil)

        try await command.disable(login: "cadet1")
        let later = start.addingTimeInterval(AcademyStore.changeCheckInterval + 0.1)
        #expect(try await server.session(tokenHash: "t1", idleTimeout: 600, now: later) == nil)
        #expect(try await server.session(tokenHash: "t2", idleTimeout: 600, now: later) != nil)

        try await command.setPassword(accountID: other.id, hash: "reset", mustChange: true)
        let after = later.addingTimeInterval(AcademyStore.changeCheckInterval + 0.1)
        #expect(try await server.session(tokenHash: "t2", idleTimeout: 600, now: after) == nil)
    }

    @Test("a database on disk is in WAL mode with synchronous=FULL, created and migrated on first open, and keeps its data")
    func onDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try AcademyStore.open(folder: folder)
            #expect(try await store.synchronousMode() == 2)
            #expect(try await store.journalMode() == "wal")
            _ = try await account(store)
        }
        let reopened = try AcademyStore.open(folder: folder)
        #expect(try await reopened.account(login: "cadet1") != nil)
        #expect(try await reopened.synchronousMode() == 2)
    }

    @Test("graded answers give each question's difficulty and each trainee's weakest objectives")
    func difficultyAndMastery() async throws {
        let store = try AcademyStore.inMemory()
        let first = try await account(store)
        let second = try await account(store, "cadet2")
        for (trainee, score) in [(first, 1.0), (second, 0.0)] {
            let attempt = try await store.startAttempt(accountID: trainee.id, assessment: "quiz:m", now: Date(), draw: { (1, [DrawnQuestion(id: "q1", order: [])]) },
                                                       deadline: Date().addingTimeInterval(600), contentHash: "c", check: { _ in })
            _ = try await store.submit(attempt, answers: [GradedAnswer(question: "q1", objective: "o1", answer: .truth(true), score: score),
                                                          GradedAnswer(question: "q2", objective: "o2", answer: nil, score: 0)],
                                       percent: Int(score * 50), passed: false, now: Date())
        }
        let difficulty = try await store.questionDifficulty()
        #expect(difficulty["q1"]?.answered == 2)
        #expect(difficulty["q1"]?.meanScore == 0.5)
        #expect(difficulty["q2"]?.meanScore == 0)
        #expect(try await store.objectiveMastery(accountID: first.id).map(\.objective) == ["o2", "o1"])
        #expect(try await store.answers(attemptID: 1).first { $0.question == "q1" }?.answer == .truth(true))
    }
}

/// Counts the transactions a database commits.
final class CommitCounter: TransactionObserver, Sendable {
    private let commits = Mutex(0)
    var count: Int { commits.withLock { $0 } }
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { commits.withLock { $0 += 1 } }
    func databaseDidRollback(_ db: Database) {}
}

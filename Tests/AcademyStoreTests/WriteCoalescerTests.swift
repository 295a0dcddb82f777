@testable import AcademyStore
import GRDB
import Synchronization
import Testing

@Suite("Group commit")
struct WriteCoalescerTests {
    final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    @Test("a write outside the group commit is not held up by batches that keep coming")
    func plainWriteIsNotStarved() async throws {
        let queue = try DatabaseQueue()
        let coalescer = WriteCoalescer(writer: queue)
        let links = Count()
        let chain = 2000
        // Each write queues the next while its batch commits, so the queue of batches never runs dry
        // until the chain ends.
        @Sendable func link(_ db: Database) {
            if links.value.add(1, ordering: .relaxed).newValue < chain { coalescer.writeBehind(link) }
        }
        coalescer.writeBehind(link)
        // Counted when the plain write runs, not when its caller resumes: the chain goes on meanwhile.
        let linksBefore = try await queue.write { _ in links.value.load(ordering: .relaxed) }
        #expect(linksBefore < chain / 2)
        // The chain still runs to its end: a write queued now commits after it. Bounded, so that a
        // coalescer that stopped flushing fails the test instead of hanging it.
        try await withDeadline(seconds: 60) {
            while links.value.load(ordering: .relaxed) < chain { try await coalescer.write { _ in } }
        }
    }

    @Test("each write's own value comes back to its caller, and a failing write's error to its own")
    func typedResults() async throws {
        let queue = try DatabaseQueue()
        try await queue.write { try $0.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)") }
        let coalescer = WriteCoalescer(writer: queue)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...50 {
                group.addTask {
                    let id = try await coalescer.write { db in
                        try db.execute(sql: "INSERT INTO t (id, name) VALUES (?, ?)", arguments: [index, "n\(index)"])
                        return db.lastInsertedRowID
                    }
                    #expect(id == Int64(index))
                    let name = try await coalescer.write { db in try String.fetchOne(db, sql: "SELECT name FROM t WHERE id = ?", arguments: [index]) }
                    #expect(name == "n\(index)")
                }
            }
            group.addTask {
                await #expect(throws: DatabaseError.self) {
                    try await coalescer.write { db in try db.execute(sql: "INSERT INTO t (id, name) VALUES (1000, NULL)") }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 50)
    }
}

struct DeadlineExceeded: Error {}

/// Runs `work`, failing with `DeadlineExceeded` if it has not finished after `seconds`.
func withDeadline(seconds: Double, _ work: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw DeadlineExceeded()
        }
        try await group.next()
        group.cancelAll()
    }
}

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
        // The chain still runs to its end: a write queued now commits after it.
        while links.value.load(ordering: .relaxed) < chain { try await coalescer.write { _ in } }
    }
}

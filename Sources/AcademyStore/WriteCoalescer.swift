import GRDB

/// Group commit: writes that arrive while a transaction is committing wait, then commit together in the
/// next one. Each caller resumes only after the transaction holding its write has committed, so an
/// acknowledged write is durable, and one fsync serves many writers.
///
/// One failing write does not undo its neighbours: a batch with a failure is replayed write by write.
actor WriteCoalescer {
    typealias Work = @Sendable (Database) throws -> Void

    private let writer: any DatabaseWriter
    private var pending: [(work: Work, continuation: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    func write(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((work, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let works = batch.map(\.work)
            let results: [Result<Void, any Error>]
            do {
                results = try await writer.write { db in
                    // Fast path: the whole batch in one transaction. Only when a write fails is the batch
                    // rolled back and replayed with a savepoint per write, so one failure spares the others.
                    do {
                        try db.inSavepoint {
                            for work in works { try work(db) }
                            return .commit
                        }
                        return Array(repeating: .success(()), count: works.count)
                    } catch {
                        return works.map { work in
                            Result {
                                try db.inSavepoint {
                                    try work(db)
                                    return .commit
                                }
                            }
                        }
                    }
                }
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (item, result) in zip(batch, results) {
                item.continuation.resume(with: result)
            }
        }
        flushing = false
    }
}

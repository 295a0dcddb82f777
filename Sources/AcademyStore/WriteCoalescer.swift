import GRDB

/// Group commit: writes that arrive while a transaction is committing wait, then commit together in the
/// next one. Each caller resumes only after the transaction holding its write has committed, so an
/// acknowledged write is durable, and one fsync serves many writers.
///
/// Each write runs in its own savepoint, so one failing write does not undo its neighbours.
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
                    works.map { work in
                        Result {
                            try db.inSavepoint {
                                try work(db)
                                return .commit
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

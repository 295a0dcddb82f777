import GRDB

/// Group commit: writes that arrive while a transaction is committing wait, then commit together in the
/// next one. Each caller resumes only after the transaction holding its write has committed, so an
/// acknowledged write is durable, and one fsync serves many writers.
///
/// One failing write does not undo its neighbours: a batch with a failure is replayed write by write,
/// each in its own savepoint.
actor WriteCoalescer {
    typealias Work = @Sendable (Database) throws -> any Sendable

    private let writer: any DatabaseWriter
    private var pending: [(work: Work, continuation: CheckedContinuation<any Sendable, any Error>)] = []
    private var flushing = false

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `work` in the next group transaction and returns its result once that transaction committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            pending.append(({ db in try work(db) }, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
        guard let typed = value as? T else { preconditionFailure("a coalesced write returned \(type(of: value)), not \(T.self)") }
        return typed
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let works = batch.map(\.work)
            let results: [Result<any Sendable, any Error>]
            do {
                results = try await writer.write { db in
                    // Fast path: the whole batch in one savepoint. Only when a write fails is the batch
                    // rolled back and replayed with a savepoint per write, so one failure spares the others.
                    do {
                        var values: [Result<any Sendable, any Error>] = []
                        try db.inSavepoint {
                            values = try works.map { .success(try $0(db)) }
                            return .commit
                        }
                        return values
                    } catch {
                        return works.map { work in
                            Result {
                                var value: any Sendable = ()
                                try db.inSavepoint {
                                    value = try work(db)
                                    return .commit
                                }
                                return value
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

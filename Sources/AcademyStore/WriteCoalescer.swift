import GRDB
import Synchronization

/// Group commit: writes that arrive while a transaction is committing wait, then commit together in the
/// next one. Each caller resumes only after the transaction holding its write has committed, so an
/// acknowledged write is durable, and one fsync serves many writers.
///
/// One failing write does not undo its neighbours: a batch with a failure is replayed write by write,
/// each in its own savepoint.
final class WriteCoalescer: Sendable {
    /// Resumes a write's caller once its transaction has committed.
    typealias Resume = @Sendable () -> Void
    /// A queued write: `perform` runs it inside the batch's transaction and returns how to resume its
    /// caller with the value it made; `fail` resumes the caller with an error instead. Each write keeps
    /// its own result type inside these closures, so nothing is erased to `any Sendable` and cast back.
    typealias Pending = (perform: @Sendable (Database) throws -> Resume, fail: @Sendable (any Error) -> Void)

    private let writer: any DatabaseWriter
    /// A lock rather than an actor: queueing a write is a few instructions.
    private let state = Mutex<(pending: [Pending], flushing: Bool)>(([], false))

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `work` in the next group transaction and returns its result once that transaction committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue((
                perform: { db in
                    let value = try work(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) }
            ))
        }
    }

    /// Queues `work` for the next group transaction and returns at once. For bookkeeping whose loss
    /// in a crash is harmless (a session's last-seen time: losing it can only end the session
    /// sooner), so that the request that causes it does not wait for a commit of its own.
    func writeBehind(_ work: @escaping @Sendable (Database) throws -> Void) {
        enqueue((perform: { db in try work(db); return {} }, fail: { _ in }))
    }

    /// Queues a write, and starts a flush on the writer's queue unless one is running.
    private func enqueue(_ pending: Pending) {
        let start = state.withLock { state in
            state.pending.append(pending)
            guard !state.flushing else { return false }
            state.flushing = true
            return true
        }
        if start { writer.asyncWriteWithoutTransaction { db in self.flush(db) } }
    }

    /// The writes queued so far, or nil (and no longer flushing) when there are none.
    private func takeBatch() -> [Pending]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.flushing = false
                return nil
            }
            defer { state.pending = [] }
            return state.pending
        }
    }

    /// Commits the writes queued so far, on the writer's own queue, so that a batch costs no hop to a
    /// task and back, only its callers' wake-ups. The next batch is queued behind whatever else waits
    /// for the writer: a write made with `writer.write` (starting an attempt, creating an account) is
    /// not held up for as long as batches keep coming.
    private func flush(_ db: Database) {
        guard let batch = takeBatch() else { return }
        let results: [Result<Resume, any Error>]
        do {
            var outcomes: [Result<Resume, any Error>] = []
            try db.inTransaction {
                outcomes = Self.run(batch.map(\.perform), db)
                return .commit
            }
            results = outcomes
        } catch {
            results = Array(repeating: .failure(error), count: batch.count)
        }
        for (item, result) in zip(batch, results) {
            switch result {
            case .success(let resume): resume()
            case .failure(let error): item.fail(error)
            }
        }
        writer.asyncWriteWithoutTransaction { db in self.flush(db) }
    }

    /// The whole batch in one savepoint. Only when a write fails is the batch rolled back and replayed
    /// with a savepoint per write, so one failure spares the others.
    private static func run(_ works: [@Sendable (Database) throws -> Resume], _ db: Database) -> [Result<Resume, any Error>] {
        do {
            var resumes: [Result<Resume, any Error>] = []
            try db.inSavepoint {
                resumes = try works.map { .success(try $0(db)) }
                return .commit
            }
            return resumes
        } catch {
            return works.map { work in
                Result {
                    var resume: Resume = {}
                    try db.inSavepoint {
                        resume = try work(db)
                        return .commit
                    }
                    return resume
                }
            }
        }
    }
}

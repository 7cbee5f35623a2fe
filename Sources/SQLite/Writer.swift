import CSQLite
@preconcurrency import Dispatch
import Locking
import Synchronization

/// The one writer connection, on its own serial queue, committing queued writes in groups.
///
/// Writes that arrive while a group commits wait in `state` and form the next group: one
/// `BEGIN IMMEDIATE`, each write in its own savepoint, one `COMMIT` (one fsync) for all of them.
final class Writer: @unchecked Sendable {
    // @unchecked: `connection` is only touched on `queue` (drain and `exclusive` run there), and
    // the queued writes sit behind a lock.
    private let connection: Connection
    private let queue: DispatchQueue
    private let state = Locked(State())
    /// Transactions committed (or attempted) by the writer, for metrics and tests.
    let groupCount = Atomic<Int>(0)

    private struct State {
        var pending: [PendingWrite] = []
        var isDraining = false
        var isClosed = false
    }

    init(connection: Connection, label: String) {
        self.connection = connection
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Queues `write` for the next group; answers it with `.closed` after `close`.
    func submit(_ write: PendingWrite) {
        let startDrain = state.withLock { state -> Bool? in
            guard !state.isClosed else { return nil }
            state.pending.append(write)
            if state.isDraining { return false }
            state.isDraining = true
            return true
        }
        switch startDrain {
        case nil: write.reject(DatabaseError.closed)
        case true?: queue.async { self.drain() }
        case false?: break
        }
    }

    /// Traps when called on the writer queue, where waiting for a write would deadlock.
    func preconditionNotOnWriterQueue() {
        dispatchPrecondition(condition: .notOnQueue(queue))
    }

    /// Runs `body` on the writer queue with no transaction around it (migrations, backups).
    func exclusive<T>(_ body: (Connection) throws -> T) throws -> T {
        dispatchPrecondition(condition: .notOnQueue(queue))
        return try queue.sync {
            if state.withLock({ $0.isClosed }) { throw DatabaseError.closed }
            return try body(connection)
        }
    }

    /// Stops accepting writes, lets the queued ones commit, and closes the connection.
    func close() {
        state.withLock { $0.isClosed = true }
        queue.sync {
            // A write queued just before `isClosed` was set may have its drain block still behind
            // this one: commit it now rather than close under it.
            drain()
            try? connection.close()
        }
    }

    /// Commits groups until nothing is pending.
    private func drain() {
        while true {
            let group = state.withLock { state -> [PendingWrite] in
                let group = state.pending
                state.pending = []
                if group.isEmpty { state.isDraining = false }
                return group
            }
            if group.isEmpty { return }
            commit(group)
        }
    }

    /// Runs one group in one transaction and answers every write in it.
    ///
    /// SQLITE_FULL, IOERR, BUSY or NOMEM inside a write may make SQLite roll back the whole
    /// transaction, not just the write's savepoint. The failing write gets its error; the
    /// neighbours whose work was lost run once more in a new transaction (their first outcome was
    /// never delivered), and fail with that error only if it happens to them twice.
    private func commit(_ group: [PendingWrite]) {
        var queue = group.map { (write: $0, isRetry: false) }
        var next = 0
        while next < queue.count {
            do {
                try connection.run("BEGIN IMMEDIATE")
            } catch {
                for entry in queue[next...] { entry.write.reject(error) }
                return
            }
            var current: [(write: PendingWrite, isRetry: Bool, answer: @Sendable ((any Error)?) -> Void)] = []
            var isRolledBack = false
            while next < queue.count {
                let entry = queue[next]
                next += 1
                let outcome = entry.write.perform(connection)
                if connection.isInTransaction {
                    current.append((entry.write, entry.isRetry, outcome.answer))
                    continue
                }
                let error =
                    outcome.error
                    ?? SQLiteError(code: SQLITE_ABORT, message: "transaction ended inside a write")
                outcome.answer(error)
                let again = current.filter { !$0.isRetry }.map { (write: $0.write, isRetry: true) }
                for lost in current where lost.isRetry { lost.answer(error) }
                queue.insert(contentsOf: again, at: next)
                isRolledBack = true
                break
            }
            if isRolledBack { continue }
            groupCount.add(1, ordering: .relaxed)
            var commitError: (any Error)?
            do {
                try connection.run("COMMIT")
            } catch {
                commitError = error
                connection.rollbackIfOpen()
            }
            for entry in current { entry.answer(commitError) }
        }
    }
}

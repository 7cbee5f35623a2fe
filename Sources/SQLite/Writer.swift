import CSQLite
@preconcurrency import Dispatch
import Synchronization

/// The one writer connection, on its own serial queue, committing queued writes in groups.
///
/// Writes that arrive while a group commits wait in `state` and form the next group: one
/// `BEGIN IMMEDIATE`, each write in its own savepoint, one `COMMIT` (one fsync) for all of them.
final class Writer: @unchecked Sendable {
    // @unchecked: `connection` is only touched on `queue` (drain and `exclusive` run there), and
    // the queued writes sit in a Mutex.
    private let connection: Connection
    private let queue: DispatchQueue
    private let state = Mutex(State())
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
            // Queued writes were drained by the drain block that ran before this one.
            try? connection.close()
        }
    }

    /// Commits groups until nothing is pending.
    private func drain() {
        while true {
            let group = state.withLock { state -> [PendingWrite] in
                let group = state.pending
                state.pending.removeAll(keepingCapacity: true)
                if group.isEmpty { state.isDraining = false }
                return group
            }
            if group.isEmpty { return }
            commit(group)
        }
    }

    /// Runs one group in one transaction and answers every write in it.
    private func commit(_ group: [PendingWrite]) {
        var answers: [@Sendable ((any Error)?) -> Void] = []
        answers.reserveCapacity(group.count)
        var index = group.startIndex
        while index < group.endIndex {
            do {
                try connection.run("BEGIN IMMEDIATE")
            } catch {
                for write in group[index...] { write.reject(error) }
                return
            }
            while index < group.endIndex {
                let outcome = group[index].perform(connection)
                index += 1
                answers.append(outcome.answer)
                if !connection.isInTransaction {
                    // The write's failure (SQLITE_FULL, IOERR...) rolled back the whole
                    // transaction, its neighbours' work with it: tell them, start a new one.
                    let error = outcome.error ?? SQLiteError(
                        code: SQLITE_ABORT, message: "transaction ended inside a write")
                    for answer in answers { answer(error) }
                    answers.removeAll(keepingCapacity: true)
                    break
                }
            }
        }
        guard !answers.isEmpty else { return }
        groupCount.add(1, ordering: .relaxed)
        var commitError: (any Error)?
        do {
            try connection.run("COMMIT")
        } catch {
            commitError = error
            connection.rollbackIfOpen()
        }
        for answer in answers { answer(commitError) }
    }
}

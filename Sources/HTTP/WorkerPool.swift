import Dispatch
import Locking

/// Runs blocking work (handlers that read SQLite) with bounded concurrency, queueing the rest
/// in order without a thread.
///
/// Each of the `concurrency` slots is a serial Dispatch queue. Serial queues overcommit: Dispatch
/// gives a busy one a thread even when others are blocked, which a concurrent queue on Linux does
/// not (it got about one thread per core, and a handler blocked in a read held up the rest by
/// hundreds of milliseconds). Dispatch keeps its threads warm between items, which own threads
/// waiting on a semaphore did not (a third more CPU per request).
public final class WorkerPool: Sendable {
    private struct State {
        var idle: [DispatchQueue]
        var pending: [@Sendable () -> Void] = []
        var head = 0
    }

    private let state: Locked<State>

    /// A pool running at most `concurrency` items at once.
    public init(concurrency: Int) {
        let slots = (0..<max(1, concurrency)).map { DispatchQueue(label: "landmon.http.worker\($0)") }
        state = Locked(State(idle: slots))
    }

    /// Shared pool for requests that did not come through a server (router tests).
    static let shared = WorkerPool(concurrency: 4)

    /// Runs `work` now on an idle slot, or once a running item finishes.
    public func submit(_ work: @escaping @Sendable () -> Void) {
        let slot = state.withLock { state -> DispatchQueue? in
            if let slot = state.idle.popLast() { return slot }
            state.pending.append(work)
            return nil
        }
        slot?.async { self.run(work, on: slot!) }
    }

    private func run(_ first: @escaping @Sendable () -> Void, on slot: DispatchQueue) {
        var work = first
        while true {
            work()
            let next = state.withLock { state -> (@Sendable () -> Void)? in
                guard state.head < state.pending.count else {
                    state.pending.removeAll(keepingCapacity: true)
                    state.head = 0
                    state.idle.append(slot)
                    return nil
                }
                let item = state.pending[state.head]
                state.head += 1
                return item
            }
            guard let next else { return }
            work = next
        }
    }
}

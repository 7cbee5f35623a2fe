import Dispatch
import Locking

/// Runs blocking work with bounded concurrency, queueing the rest without blocking threads.
///
/// Dispatch's global queues would start a thread per blocked item; bounding keeps a burst of
/// slow handlers (SQLite reads) from exhausting threads while socket queues keep serving.
public final class WorkerPool: Sendable {
    private struct State {
        var running = 0
        var pending: [@Sendable () -> Void] = []
        var head = 0
    }

    private let limit: Int
    private let state = Locked(State())
    private let queue = DispatchQueue(label: "landmon.http.workers", attributes: .concurrent)

    /// A pool running at most `concurrency` items at once.
    public init(concurrency: Int) { self.limit = max(1, concurrency) }

    /// Shared pool for requests that did not come through a server (router tests).
    static let shared = WorkerPool(concurrency: 4)

    /// Runs `work` now if below the limit, else once a running item finishes.
    public func submit(_ work: @escaping @Sendable () -> Void) {
        let startNow = state.withLock { s -> Bool in
            if s.running < limit {
                s.running += 1
                return true
            }
            s.pending.append(work)
            return false
        }
        if startNow { queue.async { self.run(work) } }
    }

    private func run(_ first: @escaping @Sendable () -> Void) {
        var work = first
        while true {
            work()
            let next = state.withLock { s -> (@Sendable () -> Void)? in
                guard s.head < s.pending.count else {
                    s.pending.removeAll(keepingCapacity: true)
                    s.head = 0
                    s.running -= 1
                    return nil
                }
                let item = s.pending[s.head]
                s.head += 1
                return item
            }
            guard let next else { return }
            work = next
        }
    }
}

@preconcurrency import Dispatch
import Foundation
import Locking

/// The latest change sequence number and the clients waiting for a newer one. Long polls and
/// event streams park here as callbacks, without a thread; a commit wakes them.
final class ChangeFeed: Sendable {
    /// A parked client: called once with the newest seq (or nil when its wait timed out).
    private struct Waiter {
        let since: Int64
        let wake: @Sendable (Int64?) -> Void
    }

    private struct State {
        var lastSeq: Int64
        var waiters: [UInt64: Waiter] = [:]
        var nextToken: UInt64 = 0
    }

    private let state: Locked<State>
    private let timerQueue = DispatchQueue(label: "landmon.feed.timers")

    init(lastSeq: Int64) { state = Locked(State(lastSeq: lastSeq)) }

    /// The newest committed change.
    var lastSeq: Int64 { state.withLock { $0.lastSeq } }

    /// Number of parked clients (for tests and metrics).
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Records committed changes up to `seq` and wakes every client waiting for something newer.
    func publish(upTo seq: Int64) {
        let woken: [Waiter] = state.withLock { state in
            guard seq > state.lastSeq else { return [] }
            state.lastSeq = seq
            let ready = state.waiters.filter { $0.value.since < seq }
            for token in ready.keys { state.waiters[token] = nil }
            return Array(ready.values)
        }
        for waiter in woken { waiter.wake(seq) }
    }

    /// Calls `wake` once: at once if a change newer than `since` exists, when one is committed,
    /// or with nil after `timeout` seconds.
    func wait(since: Int64, timeout: Double, wake: @escaping @Sendable (Int64?) -> Void) {
        let token: UInt64? = state.withLock { state in
            guard state.lastSeq <= since else { return nil }
            let token = state.nextToken
            state.nextToken += 1
            state.waiters[token] = Waiter(since: since, wake: wake)
            return token
        }
        guard let token else {
            wake(lastSeq)
            return
        }
        timerQueue.asyncAfter(deadline: .now() + timeout) { [self] in
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.wake(nil)
        }
    }
}

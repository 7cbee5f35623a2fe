import Dispatch
import Foundation
import Locking

/// Runs blocking work (handlers that read SQLite) on a fixed set of threads of its own.
///
/// Why not a concurrent `DispatchQueue`: on Linux such a queue does not overcommit, so Dispatch
/// gives it about one thread per core, and a handler blocked in a read or a semaphore held back
/// every other one queued behind it (a long poll waited hundreds of milliseconds to park). Own
/// threads make `concurrency` the real bound; items beyond it wait in order without a thread.
public final class WorkerPool: Sendable {
    private let pending = Locked(Pending())
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    private struct Pending {
        var items: [@Sendable () -> Void] = []
        var head = 0
        var isStopping = false

        mutating func pop() -> (@Sendable () -> Void)? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            return item
        }
    }

    /// A pool of `concurrency` threads, started now and kept for the life of the process.
    public init(concurrency: Int) {
        threadCount = max(1, concurrency)
        for index in 0..<threadCount {
            let thread = Thread { [self] in work() }
            thread.name = "landmon.worker.\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Shared pool for requests that did not come through a server (router tests).
    static let shared = WorkerPool(concurrency: 4)

    /// Queues `work`; the next free thread runs it.
    public func submit(_ work: @escaping @Sendable () -> Void) {
        pending.withLock { $0.items.append(work) }
        available.signal()
    }

    /// Lets the threads end once the queued items have run (a stopped server's pool).
    public func stop() {
        pending.withLock { $0.isStopping = true }
        for _ in 0..<threadCount { available.signal() }
    }

    private func work() {
        while true {
            available.wait()
            let (item, isStopping) = pending.withLock { ($0.pop(), $0.isStopping) }
            if let item {
                item()
            } else if isStopping {
                return
            }
        }
    }
}

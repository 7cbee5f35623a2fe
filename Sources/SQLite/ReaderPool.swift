@preconcurrency import Dispatch
import Locking
import Synchronization

/// A fixed set of read-only connections, each lent to one reader at a time.
final class ReaderPool: Sendable {
    /// A connection in the pool.
    private final class Reader: @unchecked Sendable {
        // @unchecked: the pool hands a Reader to one borrower at a time (it is out of `idle`
        // while lent), so its connection is never used by two threads at once.
        let connection: Connection
        init(_ connection: Connection) { self.connection = connection }
    }

    private let idle: Locked<[Reader]>
    private let slots: DispatchSemaphore
    private let size: Int
    private let isClosed = Atomic<Bool>(false)

    /// Opens `count` read-only connections to `path`, each with `query_only` as a second lock.
    init(path: String, count: Int, busyTimeout: Double, cacheKiB: Int) throws {
        var readers: [Reader] = []
        for _ in 0..<max(1, count) {
            let connection = try Connection(path: path, readOnly: true, busyTimeout: busyTimeout)
            try connection.execute("PRAGMA query_only = ON; PRAGMA cache_size = -\(max(64, cacheKiB))")
            readers.append(Reader(connection))
        }
        size = readers.count
        idle = Locked(readers)
        slots = DispatchSemaphore(value: readers.count)
    }

    /// Lends a connection to `body`, waiting for one if all are busy.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        slots.wait()
        let reader = idle.withLock { $0.removeLast() }
        defer {
            idle.withLock { $0.append(reader) }
            slots.signal()
        }
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        return try body(reader.connection)
    }

    /// Refuses new reads, waits for the running ones, and closes every connection.
    func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for _ in 0..<size { slots.wait() }
        idle.withLock { readers in
            for reader in readers { try? reader.connection.close() }
        }
        for _ in 0..<size { slots.signal() }
    }
}

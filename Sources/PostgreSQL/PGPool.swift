import Dispatch
import Locking
import Synchronization

/// A small fixed-size pool of connections to one database, each lent to one borrower at a time.
/// Connections are opened on first need; one that lost its server is dropped and replaced on the
/// next loan. Each loan sets the statement time budget it asks for.
public final class PGPool: Sendable {
    /// A pooled connection and the `statement_timeout` it has now.
    private final class Member: @unchecked Sendable {
        // @unchecked: lent to one borrower at a time (out of `idle` while lent).
        let connection: PGConnection
        var timeoutMilliseconds = 0
        init(_ connection: PGConnection) { self.connection = connection }
    }

    public let url: String
    private let idle: Locked<[Member]>
    private let slots: DispatchSemaphore
    private let size: Int
    private let isClosed = Atomic<Bool>(false)

    /// A pool of up to `size` connections to `url`; opens one now, so that a wrong URL or a
    /// server that is down is reported at once.
    public init(url: String, size: Int) throws(PGError) {
        self.url = url
        self.size = max(1, size)
        idle = Locked([Member(try PGConnection(url: url))])
        slots = DispatchSemaphore(value: self.size)
    }

    /// Lends a connection to `body`, waiting for one when all are lent. `timeout` (seconds) is the
    /// statement budget of the loan; nil lifts it.
    public func withConnection<T>(timeout: Double?, _ body: (PGConnection) throws -> T) throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw PGError.closed }
        slots.wait()
        defer { slots.signal() }
        guard !isClosed.load(ordering: .acquiring) else { throw PGError.closed }
        let member = try idle.withLock { $0.popLast() } ?? Member(PGConnection(url: url))
        var keep = true
        defer { if keep && member.connection.isOpen { idle.withLock { $0.append(member) } } }
        do {
            let milliseconds = timeout.map { max(1, Int(($0 * 1000).rounded())) } ?? 0
            if member.timeoutMilliseconds != milliseconds {
                try member.connection.execute("SET statement_timeout = \(milliseconds)")
                member.timeoutMilliseconds = milliseconds
            }
            return try body(member.connection)
        } catch let error as PGError {
            if error.isConnectionLost { keep = false }
            throw error
        }
    }

    /// `body` in one transaction on a pooled connection: committed when it returns (durable:
    /// the session commits synchronously), rolled back when it throws.
    public func transaction<T>(timeout: Double? = nil, _ body: (PGConnection) throws -> T) throws -> T {
        try withConnection(timeout: timeout) { connection in
            try connection.execute("BEGIN")
            do {
                let value = try body(connection)
                try connection.execute("COMMIT")
                return value
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Refuses new loans, waits for the running ones, and closes every connection.
    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for _ in 0..<size { slots.wait() }
        idle.withLock { members in
            for member in members { member.connection.close() }
            members.removeAll()
        }
        for _ in 0..<size { slots.signal() }
    }
}

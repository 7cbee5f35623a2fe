import CSQLite
import Foundation

/// One SQLite database file in WAL mode: one writer connection committing writes in groups, and a
/// pool of read-only connections for concurrent reads.
public final class Database: Sendable {
    /// The database file's path.
    public let path: String
    /// The settings it was opened with.
    public let configuration: DatabaseConfiguration
    private let writer: Writer
    private let readers: ReaderPool

    /// Opens (creating if needed) the database at `path`: the writer first, which switches the
    /// file to WAL, then the readers. A pool needs a real file, not ":memory:".
    public init(path: String, configuration: DatabaseConfiguration = DatabaseConfiguration()) throws {
        guard path != ":memory:", !path.isEmpty else {
            throw SQLiteError(
                code: SQLITE_MISUSE,
                message: "a Database needs a file path, not \(path.isEmpty ? "\"\"" : path)")
        }
        self.path = path
        self.configuration = configuration
        let connection = try Connection(path: path, busyTimeout: configuration.busyTimeout)
        let mode = try connection.first("PRAGMA journal_mode = WAL") { $0.text(0) }
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: SQLITE_ERROR,
                message: "cannot switch \(path) to WAL (journal_mode is \(mode ?? "unknown"))")
        }
        try connection.execute(
            """
            PRAGMA synchronous = \(configuration.synchronous.rawValue);
            PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -\(max(64, configuration.writerCacheKiB));
            """)
        writer = Writer(connection: connection, label: "landmon.sqlite.writer")
        do {
            readers = try ReaderPool(
                path: path, count: configuration.readers, busyTimeout: configuration.busyTimeout,
                cacheKiB: configuration.readerCacheKiB)
        } catch {
            writer.close()
            throw error
        }
    }

    /// Runs `body` on a pooled read-only connection in one read transaction (a consistent
    /// snapshot), under the configured query time budget.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try read(timeout: configuration.queryTimeout, body)
    }

    /// Like `read(_:)` with its own budget in seconds; nil for none (a streamed export).
    ///
    /// Past the budget the running statement is interrupted and `DatabaseError.queryTimeout` thrown;
    /// the connection is rolled back and goes back to the pool ready for use.
    public func read<T>(timeout: TimeInterval?, _ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection { connection in
            connection.setTimeBudget(timeout)
            defer { connection.clearTimeBudget() }
            try connection.run("BEGIN DEFERRED")
            do {
                let result = try body(connection)
                connection.clearTimeBudget()
                try connection.run("COMMIT")
                return result
            } catch {
                connection.clearTimeBudget()
                connection.rollbackIfOpen()
                throw error
            }
        }
    }

    /// Queues `body` for the next group commit and blocks until that commit is durable.
    ///
    /// The body runs in its own savepoint: if it throws, only its changes are undone and its error
    /// is rethrown here. If a neighbour's SQLITE_FULL or I/O error makes SQLite roll back the whole
    /// transaction, the body runs once more in the next one, so keep it free of effects outside the
    /// database. Must not be called from inside another write (it would wait for itself).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        writer.preconditionNotOnWriterQueue()
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        asyncWrite(body) { result in
            box.result = result
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Queues `body` for the next group commit; `completion` runs on the writer queue once the
    /// commit is durable (or with the error). Keep `completion` short: the next group waits for it.
    /// No thread waits meanwhile. The body follows the rules of `write`.
    public func asyncWrite<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        writer.submit(PendingWrite(body, completion: completion))
    }

    /// Runs `body` on the writer connection alone, outside group commit and with no transaction
    /// around it: for migrations and maintenance that manage their own transactions.
    public func exclusiveWrite<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.exclusive(body)
    }

    /// Writes a consistent copy of the live database to `destination` with SQLite's online backup
    /// API, from one read snapshot, while writes go on. Written beside it then renamed into place.
    public func backup(to destination: String) throws {
        try readers.withConnection { connection in
            try connection.backup(to: destination)
        }
    }

    /// Stops accepting work, waits for pending writes and running reads, and closes everything.
    public func close() {
        writer.close()
        readers.close()
    }

    /// Group commits run so far (each one transaction and one fsync), for metrics.
    public var commitCount: Int { writer.groupCount.load(ordering: .relaxed) }

    /// Bytes on disk: the main file plus its WAL, for metrics.
    public var fileSize: Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            var info = stat()
            return stat(file, &info) == 0 ? total + Int64(info.st_size) : total
        }
    }
}

/// Carries a write's result from the writer queue to the thread blocked in `write`.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // @unchecked: written once before the semaphore is signalled, read only after waiting on it.
    var result: Result<T, any Error>?
}

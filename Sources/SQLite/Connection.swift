import CSQLite
import Foundation

/// One SQLite connection (`sqlite3*`), which it owns and closes, with its cache of prepared
/// statements.
///
/// Not `Sendable`: SQLite connections are opened without their own mutex, so a connection is used
/// on one queue or thread at a time (the `Database` writer queue, or one borrower from the pool).
public final class Connection {
    let handle: OpaquePointer
    /// Prepared statements by SQL text; each is reset after every use.
    private var statements: [String: Statement] = [:]
    private var isClosed = false
    /// Uptime nanoseconds past which the progress handler interrupts; 0 when there is no budget.
    var deadline: UInt64 = 0

    /// How many prepared statements a connection keeps; past it one is dropped per new one.
    static let statementCacheCapacity = 256

    /// Opens (and, unless `readOnly`, creates) the database file at `path`.
    public init(path: String, readOnly: Bool = false, busyTimeout: TimeInterval = 5) throws {
        var handle: OpaquePointer?
        let mode = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &handle, mode | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map(errorMessage) ?? String(cString: sqlite3_errstr(code))
            sqlite3_close(handle)
            throw SQLiteError(code: code, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(clamping: Int((busyTimeout * 1000).rounded())))
    }

    deinit {
        if !isClosed {
            statements.removeAll()
            sqlite3_close_v2(handle)
        }
    }

    /// Finalizes the cached statements and closes the connection; later calls throw `.closed`.
    public func close() throws {
        guard !isClosed else { return }
        statements.removeAll()
        isClosed = true
        let code = sqlite3_close(handle)
        if code != SQLITE_OK {
            // A statement still alive elsewhere: let SQLite close once it is finalized.
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: errorMessage(handle))
        }
    }

    /// Runs one or more statements separated by `;`, with no bindings (schema, pragmas).
    public func execute(_ sql: String) throws {
        try checkOpen()
        do { try Statement.executeAll(sql, in: handle) } catch { throw translate(error) }
    }

    /// Runs one statement with `bindings` to completion, through the statement cache.
    public func run(_ sql: String, _ bindings: [any Bindable] = []) throws {
        try withStatement(sql, bindings) { statement in
            while try statement.step() {}
        }
    }

    /// Runs one query with `bindings`, calling `body` for each row, through the statement cache.
    public func query(_ sql: String, _ bindings: [any Bindable] = [], _ body: (Row) throws -> Void) throws {
        try withStatement(sql, bindings) { statement in
            let row = Row(statement: statement)
            while try statement.step() { try body(row) }
        }
    }

    /// The first row of a query mapped by `map`, or nil when there is none.
    public func first<T>(_ sql: String, _ bindings: [any Bindable] = [], _ map: (Row) throws -> T) throws
        -> T?
    {
        try withStatement(sql, bindings) { statement in
            try statement.step() ? try map(Row(statement: statement)) : nil
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The number of cached statements (for tests and metrics).
    var cachedStatementCount: Int { statements.count }

    /// Prepares (or reuses) the statement for `sql`, binds, runs `body`, and always resets it.
    ///
    /// A statement that fails is dropped from the cache rather than trusted again; a statement
    /// already being stepped (the same SQL nested in a callback) gets a fresh uncached twin.
    private func withStatement<R>(_ sql: String, _ bindings: [any Bindable], _ body: (Statement) throws -> R)
        throws -> R
    {
        try checkOpen()
        let statement: Statement
        var isCached = true
        if let cached = statements[sql] {
            if cached.isInUse {
                statement = try prepare(sql, persistent: false)
                isCached = false
            } else {
                statement = cached
            }
        } else {
            statement = try prepare(sql, persistent: true)
            if statements.count >= Connection.statementCacheCapacity, let victim = statements.first?.key {
                statements.removeValue(forKey: victim)
            }
            statements[sql] = statement
        }
        statement.isInUse = true
        defer {
            statement.isInUse = false
            statement.reset()
        }
        do {
            try statement.bind(bindings)
            return try body(statement)
        } catch let error as SQLiteError {
            if isCached, statements[sql] === statement { statements.removeValue(forKey: sql) }
            throw translate(error)
        }
    }

    private func prepare(_ sql: String, persistent: Bool) throws -> Statement {
        do { return try Statement.prepare(sql, in: handle, persistent: persistent) } catch {
            throw translate(error)
        }
    }

    private func checkOpen() throws {
        if isClosed { throw DatabaseError.closed }
    }
}

@available(*, unavailable, message: "a Connection is used on one thread at a time")
extension Connection: Sendable {}

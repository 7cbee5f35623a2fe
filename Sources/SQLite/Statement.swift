import CSQLite

/// SQLite's `SQLITE_TRANSIENT`: copy the bound bytes now. The C macro is a cast Swift cannot import.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement; it owns its `sqlite3_stmt*` and finalizes it when released.
///
/// Not `Sendable`: it belongs to one `Connection`, used on one thread at a time.
final class Statement {
    /// The statement's SQL text (for errors; never holds bound values).
    let sql: String
    let handle: OpaquePointer
    /// Set while a caller steps it, so that a nested use of the same SQL prepares a fresh one.
    var isInUse = false

    private init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Prepares one statement from `sql`; fails if it holds more than one.
    static func prepare(_ sql: String, in database: OpaquePointer, persistent: Bool) throws -> Statement {
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        var handle: OpaquePointer?
        var trailing = false
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &handle, &tail)
            if code == SQLITE_OK, let tail { trailing = !isBlank(tail, in: database) }
            return code
        }
        guard code == SQLITE_OK else {
            if let handle { sqlite3_finalize(handle) }
            throw SQLiteError(
                code: sqlite3_extended_errcode(database), message: errorMessage(database), sql: sql)
        }
        guard let handle else {
            throw SQLiteError(
                code: SQLITE_MISUSE, message: "no SQL statement, only blanks or comments", sql: sql)
        }
        guard !trailing else {
            sqlite3_finalize(handle)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use execute", sql: sql)
        }
        return Statement(handle: handle, sql: sql)
    }

    /// Prepares and runs each statement of `sql` in turn, without bindings.
    static func executeAll(_ sql: String, in database: OpaquePointer) throws {
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let text = next, text.pointee != 0 {
                var handle: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                guard sqlite3_prepare_v2(database, text, -1, &handle, &tail) == SQLITE_OK else {
                    throw SQLiteError(
                        code: sqlite3_extended_errcode(database), message: errorMessage(database),
                        sql: statementText(from: text, to: tail))
                }
                next = tail
                guard let handle else { continue }  // only whitespace or a comment
                let statement = Statement(handle: handle, sql: statementText(from: text, to: tail))
                while try statement.step() {}
            }
        }
    }

    /// Binds `values` to parameters 1...n; the count must match the statement's parameters.
    func bind(_ values: [any Bindable]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "\(values.count) values bound to \(expected) parameters",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value.databaseValue, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: Value, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let int): code = sqlite3_bind_int64(handle, index, int)
        case .real(let double): code = sqlite3_bind_double(handle, index, double)
        case .text(let string):
            // withCString gives a real pointer even for "" (a nil pointer would bind NULL), and
            // the UTF-8 count keeps any embedded NUL.
            let count = Int32(string.utf8.count)
            code = string.withCString { sqlite3_bind_text(handle, index, $0, count, transient) }
        case .blob(let bytes):
            if bytes.isEmpty {
                code = sqlite3_bind_zeroblob(handle, index, 0)
            } else {
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                }
            }
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Steps once: `true` when a row is ready, `false` when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code)
        }
    }

    /// Resets the statement and clears its bindings so that it is ready for the next use.
    func reset() {
        // sqlite3_reset repeats the last step's error, which the caller already received.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func error(_ code: Int32) -> SQLiteError {
        let database = sqlite3_db_handle(handle)!
        // The step's own code is the extended one (extended result codes are on).
        return SQLiteError(code: code, message: errorMessage(database), sql: sql)
    }

    /// Whether `text` holds no further statement, only whitespace or comments.
    private static func isBlank(_ text: UnsafePointer<CChar>, in database: OpaquePointer) -> Bool {
        guard text.pointee != 0 else { return true }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(database, text, -1, &handle, nil)
        if let handle { sqlite3_finalize(handle) }
        return code == SQLITE_OK && handle == nil
    }

    private static func statementText(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>?)
        -> String
    {
        guard let end else { return String(cString: start) }
        let bytes = UnsafeRawBufferPointer(start: start, count: end - start)
        return String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
    }
}

/// SQLite's current message for `database`.
func errorMessage(_ database: OpaquePointer) -> String {
    String(cString: sqlite3_errmsg(database))
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}

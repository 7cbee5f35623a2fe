import CSQLite

/// An error reported by SQLite: the extended result code, SQLite's message and the SQL that failed.
///
/// Bound values are never part of it, so it can be logged as is.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_IOERR_FSYNC`, ...).
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`).
    public let message: String
    /// The statement's SQL text, if the error came from one.
    public let sql: String?

    /// Makes an error from a result code, message and SQL.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_IOERR`, ...): the low byte.
    public var primaryCode: Int32 { code & 0xff }

    /// Any constraint failure (unique, primary key, foreign key, check, not null).
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }
    /// A UNIQUE or PRIMARY KEY constraint failed.
    public var isUniqueViolation: Bool {
        code == SQLiteError.constraintUnique || code == SQLiteError.constraintPrimaryKey
    }
    /// A FOREIGN KEY constraint failed.
    public var isForeignKeyViolation: Bool { code == SQLiteError.constraintForeignKey }
    /// A CHECK constraint failed.
    public var isCheckViolation: Bool { code == SQLiteError.constraintCheck }
    /// A NOT NULL constraint failed.
    public var isNotNullViolation: Bool { code == SQLiteError.constraintNotNull }
    /// The disk or the database's page limit is full (`SQLITE_FULL`).
    public var isFull: Bool { primaryCode == SQLITE_FULL }
    /// Another connection held a lock past the busy timeout (`SQLITE_BUSY` or `SQLITE_LOCKED`).
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The statement was interrupted (`SQLITE_INTERRUPT`).
    public var isInterrupt: Bool { primaryCode == SQLITE_INTERRUPT }
    /// A write was attempted on a read-only connection or file (`SQLITE_READONLY`).
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    /// The file is damaged or not a database (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// An I/O error (`SQLITE_IOERR_*`).
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }

    /// "SQLite error 2067 (constraint failed): UNIQUE constraint failed: t.a; SQL: INSERT ..."
    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code) (\(name)): \(message)"
        if let sql { text += "; SQL: \(sql)" }
        return text
    }

    // Extended codes are C macros built with `|` and `<<`, which Swift does not import.
    static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
}

/// Failures of the store that are not an SQLite result code.
public enum DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A read ran past its time budget; its statement was interrupted and the connection reset.
    case queryTimeout
    /// The database was closed; no more reads or writes are accepted.
    case closed

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .queryTimeout: "query interrupted: it ran past its time budget"
        case .closed: "the database is closed"
        }
    }
}

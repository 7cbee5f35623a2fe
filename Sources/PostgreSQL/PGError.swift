/// A failure reported by libpq or the server, with the server's SQLSTATE when there is one.
public struct PGError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (`53100` disk full, `57014` statement timeout), or "" for a
    /// failure of the client library or the connection.
    public let sqlState: String
    public let message: String

    public init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String {
        sqlState.isEmpty ? "PostgreSQL: \(message)" : "PostgreSQL \(sqlState): \(message)"
    }

    /// The disk (or a quota) refused a write: `53100 disk_full`.
    public var isFull: Bool { sqlState == "53100" }
    /// `statement_timeout` (or a cancel) ended the statement: `57014 query_canceled`.
    public var isCanceled: Bool { sqlState == "57014" }
    /// Serialization failure, deadlock or lock timeout: the write may be retried.
    public var isBusy: Bool { sqlState == "40001" || sqlState == "40P01" || sqlState == "55P03" }
    /// A unique constraint refused the row.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// The connection is gone (class 08, or the server shutting down): it must not be reused.
    public var isConnectionLost: Bool {
        sqlState.isEmpty || sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02"
            || sqlState == "57P03"
    }

    /// The pool was closed.
    public static let closed = PGError(sqlState: "", message: "the connection pool is closed")
}

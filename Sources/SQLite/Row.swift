/// The current row of a query, valid only inside the `query` callback that received it.
///
/// Reading a column copies nothing until a Swift value is asked for; `withUnsafeBytes` and
/// `appendBytes` hand over text and blob bytes straight from SQLite's buffer.
public struct Row {
    private unowned(unsafe) let statement: Statement

    init(statement: Statement) { self.statement = statement }

    /// The number of columns.
    public var count: Int { statement.columnCount }
    /// The name of column `i` (its alias if the SQL gives one).
    public func name(_ i: Int) -> String { statement.columnName(i) }
    /// Whether column `i` is NULL.
    public func isNull(_ i: Int) -> Bool { statement.isNull(i) }
    /// Column `i` as an integer (SQLite's conversion rules; NULL is 0).
    public func int(_ i: Int) -> Int64 { statement.int64(i) }
    /// Column `i` as a Double (NULL is 0).
    public func double(_ i: Int) -> Double { statement.double(i) }
    /// Column `i` as text (NULL is "").
    public func text(_ i: Int) -> String {
        statement.withUnsafeBytes(i) { String(decoding: $0, as: UTF8.self) }
    }
    /// Column `i` as bytes (a blob's, or text's UTF-8; NULL is empty).
    public func blob(_ i: Int) -> [UInt8] { statement.withUnsafeBytes(i) { Array($0) } }
    /// Column `i` as an integer, or nil for NULL.
    public func optionalInt(_ i: Int) -> Int64? { isNull(i) ? nil : int(i) }
    /// Column `i` as a Double, or nil for NULL.
    public func optionalDouble(_ i: Int) -> Double? { isNull(i) ? nil : double(i) }
    /// Column `i` as text, or nil for NULL.
    public func optionalText(_ i: Int) -> String? { isNull(i) ? nil : text(i) }
    /// Column `i` as bytes, or nil for NULL.
    public func optionalBlob(_ i: Int) -> [UInt8]? { isNull(i) ? nil : blob(i) }
    /// Column `i` as a typed value.
    public func value(_ i: Int) -> Value { statement.value(i) }

    /// Calls `body` with column `i`'s bytes in place (no copy); the pointer must not escape.
    ///
    /// Made for splicing stored JSON documents straight into a response buffer.
    public func withUnsafeBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try statement.withUnsafeBytes(i, body)
    }

    /// Appends column `i`'s bytes (text as UTF-8, blob as is, NULL as nothing) to `buffer`.
    public func appendBytes(_ i: Int, to buffer: inout [UInt8]) {
        statement.withUnsafeBytes(i) { buffer.append(contentsOf: $0) }
    }
}

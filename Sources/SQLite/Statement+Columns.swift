import CSQLite

/// Column access for `Row`, on the statement's current row.
extension Statement {
    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    func int64(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// The column's bytes in place: a blob's bytes, or any other value's UTF-8 text; empty for NULL.
    /// Valid until the next step or reset.
    func withUnsafeBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let column = Int32(index)
        // The pointer must be fetched before the byte count (SQLite's documented order).
        let start: UnsafeRawPointer?
        if sqlite3_column_type(handle, column) == SQLITE_BLOB {
            start = sqlite3_column_blob(handle, column)
        } else {
            start = sqlite3_column_text(handle, column).map { UnsafeRawPointer($0) }
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count))
    }

    func value(_ index: Int) -> Value {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(int64(index))
        case SQLITE_FLOAT: .real(double(index))
        case SQLITE_BLOB: .blob(withUnsafeBytes(index) { Array($0) })
        default: .text(withUnsafeBytes(index) { String(decoding: $0, as: UTF8.self) })
        }
    }
}

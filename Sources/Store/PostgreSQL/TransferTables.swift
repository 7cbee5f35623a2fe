import PostgreSQL
import SQLite

/// The tables `Transfer` copies, with their columns as both engines name them and their keys.
struct TransferTable: Sendable {
    enum Kind: Sendable { case int, double, text, blob }

    let name: String
    let columns: [(name: String, kind: Kind)]
    /// How many leading columns are the primary key (rows are copied and compared in its order).
    let keyCount: Int

    var keyColumns: [(name: String, kind: Kind)] { Array(columns.prefix(keyCount)) }

    /// Every table of the schema (0001 and 0002) but the R*Tree, which PostgreSQL does not have.
    static let all: [TransferTable] = [
        TransferTable(
            name: "api_keys",
            columns: [
                ("id", .int), ("name", .text), ("role", .text), ("country", .text), ("key_hash", .blob),
                ("created_at", .text), ("revoked_at", .text),
            ], keyCount: 1),
        TransferTable(
            name: "assessments",
            columns: [
                ("id", .int), ("country", .text), ("region", .text), ("reference", .text), ("site_id", .text),
                ("sampled_on", .text), ("land_cover", .text), ("lat", .double), ("lon", .double),
                ("min_top_cm", .double), ("revision", .int), ("status", .text), ("submitted_at", .text),
                ("submitted_by", .text), ("updated_at", .text), ("updated_seq", .int), ("qa_flags", .text),
                ("soc_stock", .double), ("content_hash", .blob), ("document", .text), ("lpd_class", .int),
                ("soc_method", .text),
            ], keyCount: 1),
        TransferTable(
            name: "revisions",
            columns: [
                ("assessment_id", .int), ("revision", .int), ("action", .text), ("recorded_at", .text),
                ("recorded_by", .text), ("reason", .text), ("document", .text),
            ], keyCount: 2),
        TransferTable(
            name: "measurements",
            columns: [
                ("indicator", .text), ("region", .text), ("sampled_on", .text), ("assessment_id", .int),
                ("top_cm", .double), ("bottom_cm", .double), ("value", .double), ("land_cover", .text),
            ], keyCount: 5),
        TransferTable(
            name: "changes", columns: [("seq", .int), ("assessment_id", .int), ("kind", .text), ("at", .text)],
            keyCount: 1),
        TransferTable(
            name: "idempotency_records",
            columns: [
                ("api_key_id", .int), ("idempotency_key", .text), ("request_hash", .blob), ("status", .int),
                ("headers", .text), ("body", .blob), ("created_at", .text),
            ], keyCount: 2),
    ]

    /// `a, b, c`.
    var columnList: String { columns.map(\.name).joined(separator: ", ") }

    /// The key in byte order on PostgreSQL (text keys compared as SQLite compares them).
    var postgreSQLOrder: String {
        keyColumns.map { $0.kind == .text ? "\($0.name) COLLATE \"C\"" : $0.name }.joined(separator: ", ")
    }

    var sqliteOrder: String { keyColumns.map(\.name).joined(separator: ", ") }
}

/// One value of a copied row, whichever engine it came from.
enum TransferCell: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    init(_ row: Row, _ index: Int, _ kind: TransferTable.Kind) {
        if row.isNull(index) {
            self = .null
            return
        }
        switch kind {
        case .int: self = .int(row.int(index))
        case .double: self = .double(row.double(index))
        // SQLite may hold a document written as bytes: its bytes are the text.
        case .text: self = .text(String(decoding: row.blob(index), as: UTF8.self))
        case .blob: self = .blob(row.blob(index))
        }
    }

    init(_ row: PGRow, _ index: Int, _ kind: TransferTable.Kind) {
        if row.isNull(index) {
            self = .null
            return
        }
        switch kind {
        case .int: self = .int(row.int(index))
        case .double: self = .double(row.double(index))
        case .text: self = .text(row.text(index))
        case .blob: self = .blob(row.bytea(index))
        }
    }

    var postgreSQL: any PGBindable {
        switch self {
        case .null: return PGValue.null
        case .int(let value): return value
        case .double(let value): return value
        case .text(let value): return value
        case .blob(let value): return value
        }
    }

    var sqlite: any Bindable {
        switch self {
        case .null: return Value.null
        case .int(let value): return value
        case .double(let value): return value
        case .text(let value): return value
        case .blob(let value): return Value.blob(value)
        }
    }

    /// Folds the value into an FNV-1a 64 hash, with a tag so that types and boundaries count.
    func fold(into hash: inout UInt64) {
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for byte in bytes { add(byte) } }
        switch self {
        case .null: add(0)
        case .int(let value):
            add(1)
            add(String(value).utf8)
        case .double(let value):
            add(2)
            add("\(value)".utf8)
        case .text(let value):
            add(3)
            add(value.utf8)
        case .blob(let value):
            add(4)
            add(value)
        }
        add(0x1f)
    }
}

import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq. Not shareable: one owner at a time (the
/// pool lends it to one borrower), as libpq requires. Every call's result is checked; a failure
/// throws `PGError` with the server's SQLSTATE.
public final class PGConnection {
    private var handle: OpaquePointer?

    /// Connects to `url` (`postgresql://user@host:port/db?...`) and sets the session: UTF-8,
    /// UTC, synchronous commit (a COMMIT returns once the WAL is flushed).
    public init(url: String) throws(PGError) {
        let connection = PQconnectdb(url)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw PGError(sqlState: "", message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        handle = connection
        try execute(
            "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET synchronous_commit = on; SET client_min_messages = warning; "
                + "SET extra_float_digits = 1")
    }

    deinit { close() }

    /// Whether the connection was closed or lost.
    public var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private func connection() throws(PGError) -> OpaquePointer {
        guard let handle else { throw PGError(sqlState: "", message: "the connection is closed") }
        return handle
    }

    /// Runs one or more statements without parameters (a migration, BEGIN, SET ...).
    public func execute(_ sql: String) throws(PGError) {
        let result = PQexec(try connection(), sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one statement with bound parameters (`?` or `$1`, `$2`, ...); answers the rows it changed.
    @discardableResult
    public func run(_ sql: String, _ parameters: [any PGBindable] = []) throws(PGError) -> Int {
        let result = try exec(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs one query and hands each row to `body`, in order.
    public func query(_ sql: String, _ parameters: [any PGBindable] = [], _ body: (PGRow) throws -> Void) throws {
        let result = try exec(sql, parameters)
        defer { PQclear(result) }
        let count = PQntuples(result)
        for index in 0..<count { try body(PGRow(result: result, index: index)) }
    }

    /// The first row of a query, mapped; nil when there is none.
    public func first<T>(_ sql: String, _ parameters: [any PGBindable] = [], _ body: (PGRow) throws -> T) throws
        -> T?
    {
        let result = try exec(sql, parameters)
        defer { PQclear(result) }
        guard PQntuples(result) > 0 else { return nil }
        return try body(PGRow(result: result, index: 0))
    }

    /// SQL with `?` placeholders numbered `$1`, `$2`, ... in order, outside quoted text (the
    /// store's queries are written once with `?` for either engine's style of binding).
    public static func numbered(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var quote: Character?
        var number = 0
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                output.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                output.append(character)
            } else if character == "?" {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// A checked result of `PQexecParams`; the caller clears it.
    private func exec(_ query: String, _ parameters: [any PGBindable]) throws(PGError) -> OpaquePointer? {
        let connection = try connection()
        let sql = PGConnection.numbered(query)
        let values = parameters.map(\.pgValue)
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        buffers.reserveCapacity(values.count)
        defer { for buffer in buffers { free(buffer) } }
        for value in values {
            switch value {
            case .null:
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                buffers.append(strdup(text))
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                let buffer = malloc(max(1, bytes.count))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress {
                        UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
                    }
                }
                buffers.append(buffer)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        let result = buffers.withUnsafeBufferPointer { pointers in
            pointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
                PQexecParams(
                    connection, sql, Int32(values.count), nil, rebound.baseAddress, lengths, formats, 0)
            }
        }
        do {
            try check(result)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    /// Throws unless `result` is a success.
    private func check(_ result: OpaquePointer?) throws(PGError) {
        guard let result else {
            throw PGError(sqlState: "", message: String(cString: PQerrorMessage(try connection())))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = String(cString: PQresultErrorMessage(result))
            throw PGError(sqlState: state, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    // MARK: Notifications

    /// Waits up to `timeout` seconds for `NOTIFY`s on channels this connection `LISTEN`s to and
    /// answers their channels and payloads (empty on timeout). Throws when the connection is lost.
    public func notifications(timeout: Double) throws(PGError) -> [(channel: String, payload: String)] {
        let connection = try connection()
        var names = drain(connection)
        if !names.isEmpty { return names }
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout) * 1000))
        if ready > 0 || PQstatus(connection) != CONNECTION_OK {
            guard PQconsumeInput(connection) == 1 else {
                throw PGError(sqlState: "", message: String(cString: PQerrorMessage(connection)))
            }
            names = drain(connection)
        }
        return names
    }

    private func drain(_ connection: OpaquePointer) -> [(channel: String, payload: String)] {
        var notices: [(channel: String, payload: String)] = []
        while let notice = PQnotifies(connection) {
            notices.append((String(cString: notice.pointee.relname), String(cString: notice.pointee.extra)))
            PQfreemem(notice)
        }
        return notices
    }
}

/// One row of a result, valid while the query's row callback runs.
public struct PGRow {
    let result: OpaquePointer?
    let index: Int32

    public func isNull(_ column: Int) -> Bool { PQgetisnull(result, index, Int32(column)) == 1 }

    /// The value's bytes as the server sent them (text format).
    public func withUnsafeBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let length = Int(PQgetlength(result, index, Int32(column)))
        guard let value = PQgetvalue(result, index, Int32(column)) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: value, count: length))
    }

    public func text(_ column: Int) -> String {
        withUnsafeBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    public func optionalText(_ column: Int) -> String? { isNull(column) ? nil : text(column) }

    /// The bytes of a text column, as stored.
    public func blob(_ column: Int) -> [UInt8] { withUnsafeBytes(column) { [UInt8]($0) } }

    /// A `bytea` column, decoded from the server's hex output (`\x...`).
    public func bytea(_ column: Int) -> [UInt8] {
        withUnsafeBytes(column) { raw in
            guard raw.count >= 2, raw[0] == UInt8(ascii: "\\"), raw[1] == UInt8(ascii: "x") else { return [] }
            func nibble(_ byte: UInt8) -> UInt8 {
                switch byte {
                case 0x30...0x39: return byte - 0x30
                case 0x61...0x66: return byte - 0x61 + 10
                case 0x41...0x46: return byte - 0x41 + 10
                default: return 0
                }
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity((raw.count - 2) / 2)
            var position = 2
            while position + 1 < raw.count {
                bytes.append(nibble(raw[position]) << 4 | nibble(raw[position + 1]))
                position += 2
            }
            return bytes
        }
    }

    public func int(_ column: Int) -> Int64 {
        withUnsafeBytes(column) { raw in
            var value: Int64 = 0
            var negative = false
            for byte in raw {
                if byte == UInt8(ascii: "-") {
                    negative = true
                } else if byte >= 0x30 && byte <= 0x39 {
                    value = value &* 10 &+ Int64(byte - 0x30)
                }
            }
            return negative ? -value : value
        }
    }

    public func double(_ column: Int) -> Double { Double(text(column)) ?? .nan }
}

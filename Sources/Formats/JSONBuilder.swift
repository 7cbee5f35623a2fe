import Assessments

/// Writes nested JSON objects and arrays to bytes, keeping track of the commas, for answers with
/// many small members (LDN, reports). Keys are ASCII literals of ours; values are escaped.
struct JSONBuilder {
    private(set) var bytes: [UInt8] = []
    /// Per open container: whether a member was written.
    private var filled: [Bool] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func start(_ key: String?) {
        if let last = filled.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            filled[filled.count - 1] = true
        }
        if let key { JSONWriter.appendKey(key, to: &bytes) }
    }

    /// `{`, as a member `key` of the enclosing object or an element of an array.
    mutating func object(_ key: String? = nil) {
        start(key)
        bytes.append(UInt8(ascii: "{"))
        filled.append(false)
    }

    /// `[`.
    mutating func array(_ key: String? = nil) {
        start(key)
        bytes.append(UInt8(ascii: "["))
        filled.append(false)
    }

    /// Closes the innermost object.
    mutating func endObject() {
        filled.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Closes the innermost array.
    mutating func endArray() {
        filled.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func string(_ key: String?, _ value: String?) {
        start(key)
        if let value { JSONWriter.appendString(value, to: &bytes) } else { JSONWriter.appendNull(to: &bytes) }
    }

    mutating func number(_ key: String?, _ value: Double?) {
        start(key)
        if let value { JSONWriter.appendNumber(value, to: &bytes) } else { JSONWriter.appendNull(to: &bytes) }
    }

    mutating func integer(_ key: String?, _ value: Int?) {
        start(key)
        if let value { JSONWriter.appendInteger(value, to: &bytes) } else { JSONWriter.appendNull(to: &bytes) }
    }

    mutating func integer(_ key: String?, _ value: Int64) {
        start(key)
        JSONWriter.appendInteger(value, to: &bytes)
    }

    mutating func bool(_ key: String?, _ value: Bool) {
        start(key)
        JSONWriter.appendBool(value, to: &bytes)
    }

    mutating func null(_ key: String?) {
        start(key)
        JSONWriter.appendNull(to: &bytes)
    }

    /// `"name"` and `"name_ru"` members of a catalog entry.
    mutating func names(_ name: String, _ nameRU: String) {
        string("name", name)
        string("name_ru", nameRU)
    }
}

/// Rows of RFC 4180 CSV: CRLF line ends, fields with a comma, quote, CR or LF quoted.
struct CSVBuilder {
    private(set) var bytes: [UInt8] = []
    private var rowStarted = false

    init(header: [String]) {
        for name in header { field(name) }
        endRow()
    }

    mutating func field(_ text: String?) {
        if rowStarted { bytes.append(UInt8(ascii: ",")) }
        rowStarted = true
        if let text { CSVListWriter.appendEscaped(text, to: &bytes) }
    }

    mutating func field(_ number: Double?) {
        field(
            number.map { value -> String in
                var out: [UInt8] = []
                JSONWriter.appendNumber(value, to: &out)
                return String(decoding: out, as: UTF8.self)
            })
    }

    mutating func field(_ number: Int?) { field(number.map(String.init)) }

    mutating func endRow() {
        bytes.append(contentsOf: [13, 10])
        rowStarted = false
    }
}

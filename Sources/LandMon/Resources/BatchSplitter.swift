import Assessments
import Messages

/// Finds the documents of a batch body without building a tree of the whole body.
enum BatchSplitter {
    /// The byte ranges of the non-blank lines of an NDJSON body.
    static func lines(_ body: [UInt8]) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in 0...body.count where index == body.count || body[index] == 0x0a {
            var end = index
            if end > start && body[end - 1] == 0x0d { end -= 1 }
            if body[start..<end].contains(where: { !isSpace($0) }) { ranges.append(start..<end) }
            start = index + 1
        }
        return ranges
    }

    /// The byte ranges of the elements of a top-level JSON array. The elements are checked by the
    /// parser afterwards; this only needs to find where each one ends.
    static func arrayElements(_ body: [UInt8]) throws -> [Range<Int>] {
        var index = skipSpace(body, 0)
        guard index < body.count, body[index] == UInt8(ascii: "[") else {
            if index < body.count && body[index] == UInt8(ascii: "{") {
                throw APIError.validation(
                    [ValidationProblem(path: "", code: .type, message: Message("batch.object_not_array"))],
                    Message("batch.not_array"))
            }
            throw APIError.malformedJSON(offset: index, Message("json.expected_array", ["offset": String(index)]))
        }
        index = skipSpace(body, index + 1)
        var ranges: [Range<Int>] = []
        if index < body.count && body[index] == UInt8(ascii: "]") {
            return try end(body, after: index + 1, ranges)
        }
        while true {
            let start = index
            index = try valueEnd(body, from: index)
            ranges.append(start..<index)
            index = skipSpace(body, index)
            guard index < body.count else {
                throw APIError.malformedJSON(offset: index, Message("json.array_not_closed", ["offset": String(index)]))
            }
            if body[index] == UInt8(ascii: "]") { return try end(body, after: index + 1, ranges) }
            guard body[index] == UInt8(ascii: ",") else {
                throw APIError.malformedJSON(offset: index, Message("json.expected_comma", ["offset": String(index)]))
            }
            index = skipSpace(body, index + 1)
        }
    }

    private static func end(_ body: [UInt8], after index: Int, _ ranges: [Range<Int>]) throws -> [Range<Int>] {
        let rest = skipSpace(body, index)
        guard rest == body.count else {
            throw APIError.malformedJSON(offset: rest, Message("json.trailing_data", ["offset": String(rest)]))
        }
        return ranges
    }

    /// Where the value starting at `start` ends: nesting and strings are followed, scalars run to a delimiter.
    private static func valueEnd(_ body: [UInt8], from start: Int) throws -> Int {
        var depth = 0
        var index = start
        var inString = false
        while index < body.count {
            let byte = body[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index + 1 }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return index }
                    depth -= 1
                    if depth == 0 { return index + 1 }
                case UInt8(ascii: ","):
                    if depth == 0 { return index }
                default:
                    if depth == 0 && isSpace(byte) { return index }
                }
            }
            index += 1
        }
        throw APIError.malformedJSON(offset: body.count, Message("json.unexpected_end", ["offset": String(body.count)]))
    }

    private static func skipSpace(_ body: [UInt8], _ from: Int) -> Int {
        var index = from
        while index < body.count && isSpace(body[index]) { index += 1 }
        return index
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }
}

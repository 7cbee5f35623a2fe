/// The recursive-descent reader behind `JSONParser`, over one borrowed byte buffer.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var index = 0
    var depth = 0
    /// Reused scratch space for strings that need unescaping.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func readDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        if index != bytes.count { throw JSONError(.trailingData, at: index) }
        return value
    }

    @inline(__always) private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    private mutating func readValue() throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONValue(.object(try readObject()), offset: start)
        case UInt8(ascii: "["): return JSONValue(.array(try readArray()), offset: start)
        case UInt8(ascii: "\""): return JSONValue(.string(try readString()), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONValue(.bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONValue(.bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONValue(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try readNumber()), offset: start)
        default: throw JSONError(.unexpectedByte(bytes[index]), at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for position in 0..<count {
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            guard bytes[index] == text[position] else {
                throw JSONError(.unexpectedByte(bytes[index]), at: index)
            }
            index += 1
        }
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > limits.maxDepth { throw JSONError(.tooDeep(limit: limits.maxDepth), at: index) }
    }

    private mutating func readArray() throws(JSONError) -> [JSONValue] {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try readValue())
            skipWhitespace()
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { break }
            throw JSONError(.unexpectedByte(byte), at: index - 1)
        }
        depth -= 1
        return elements
    }

    private mutating func readObject() throws(JSONError) -> [JSONMember] {
        try enter()
        index += 1
        var members: [JSONMember] = []
        var seen: Set<String>? = nil
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONError(.unexpectedByte(bytes[index]), at: index)
            }
            let keyOffset = index
            let key = try readString()
            // Small objects: a linear scan beats hashing; large ones switch to a set.
            if members.count < 16 {
                for member in members where member.key == key {
                    throw JSONError(.duplicateKey(key), at: keyOffset)
                }
            } else {
                if seen == nil { seen = Set(members.map(\.key)) }
                if !seen!.insert(key).inserted { throw JSONError(.duplicateKey(key), at: keyOffset) }
            }
            skipWhitespace()
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw JSONError(.unexpectedByte(bytes[index]), at: index)
            }
            index += 1
            skipWhitespace()
            let value = try readValue()
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            throw JSONError(.unexpectedByte(byte), at: index - 1)
        }
        depth -= 1
        return members
    }
}

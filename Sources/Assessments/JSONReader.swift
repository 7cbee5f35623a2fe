/// The recursive-descent reader behind `JSONParser`, over one borrowed byte buffer.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: JSONParser.Limits
    private var index = 0
    private var depth = 0
    /// Reused scratch space for strings that need unescaping.
    private var scratch: [UInt8] = []

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
        case UInt8(ascii: "t"): try expectLiteral("true"); return JSONValue(.bool(true), offset: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return JSONValue(.bool(false), offset: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return JSONValue(.null, offset: start)
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
            guard bytes[index] == text[position] else { throw JSONError(.unexpectedByte(bytes[index]), at: index) }
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
            guard bytes[index] == UInt8(ascii: "\"") else { throw JSONError(.unexpectedByte(bytes[index]), at: index) }
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
            guard bytes[index] == UInt8(ascii: ":") else { throw JSONError(.unexpectedByte(bytes[index]), at: index) }
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

    /// Reads a string starting at its opening quote.
    private mutating func readString() throws(JSONError) -> String {
        index += 1
        let start = index
        // Fast path: plain ASCII without escapes is copied straight into a String.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let length = index - start
                if length > limits.maxStringBytes { throw JSONError(.stringTooLong(limit: limits.maxStringBytes), at: start) }
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), as: UTF8.self)
            }
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { break }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
            if scratch.count > limits.maxStringBytes { throw JSONError(.stringTooLong(limit: limits.maxStringBytes), at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try readEscape()
            } else if byte < 0x20 {
                throw JSONError(.controlCharacterInString, at: index)
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                try copyUTF8Sequence()
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates) and copies it.
    private mutating func copyUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let count: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0: count = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED: count = 3; high = 0x9F
        case 0xF0: count = 4; low = 0x90
        case 0xF1...0xF3: count = 4
        case 0xF4: count = 4; high = 0x8F
        default: throw JSONError(.invalidUTF8, at: index)
        }
        guard index + count <= bytes.count else { throw JSONError(.invalidUTF8, at: index) }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { throw JSONError(.invalidUTF8, at: index) }
        for position in 2..<count where bytes[index + position] & 0xC0 != 0x80 {
            throw JSONError(.invalidUTF8, at: index)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]))
        index += count
    }

    private mutating func readEscape() throws(JSONError) {
        let escapeStart = index
        guard index + 1 < bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.loneSurrogate, at: escapeStart)
                }
                index += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(.loneSurrogate, at: escapeStart) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONError(.loneSurrogate, at: escapeStart)
            }
            appendUTF8(scalar)
        default: throw JSONError(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80: scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Reads a number per RFC 8259 section 6; exact fast path for short decimals, else the
    /// standard library's correctly rounded conversion.
    private mutating func readNumber() throws(JSONError) -> JSONNumber {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, at: index) }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count && isDigit(bytes[index]) { throw JSONError(.leadingZero, at: start) }
        } else {
            while index < bytes.count && isDigit(bytes[index]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30) } else { exponent += 1 }
                if mantissa != 0 { digits += 1 }
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < bytes.count && isDigit(bytes[index]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30)
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                }
                index += 1
            }
        }
        var explicitExponent = 0
        var exponentOverflow = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < bytes.count && isDigit(bytes[index]) {
                if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(bytes[index] &- 0x30) } else { exponentOverflow = true }
                index += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        exponent += explicitExponent
        if digits <= 15 && !exponentOverflow && exponent >= -22 && exponent <= 22 {
            // Both operands are exact Doubles, so one IEEE multiply or divide rounds correctly.
            var value = Double(mantissa)
            if exponent < 0 { value /= powersOfTen[-exponent] } else if exponent > 0 { value *= powersOfTen[exponent] }
            return JSONNumber(value: negative ? -value : value, isIntegerLiteral: isInteger)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        let value = Double(text) ?? (negative ? -Double.infinity : Double.infinity)
        return JSONNumber(value: value, isIntegerLiteral: isInteger)
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}

/// 10^0 ... 10^22, all exactly representable as Doubles.
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

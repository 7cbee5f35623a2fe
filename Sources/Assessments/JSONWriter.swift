import JSONString

/// Appends JSON tokens straight to a byte buffer: the app's output formats reuse it.
///
/// No intermediate `String`s or `JSONEncoder`: encoding, not the socket, limits a JSON API.
public enum JSONWriter {
    /// Appends `text` as a quoted JSON string, escaping `"`, `\` and control characters.
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        JSONString.append(text, to: &buffer)
    }

    /// Appends a number in its shortest round-trip form; integral values without `.0`;
    /// non-finite values (which JSON cannot express) as `null`.
    public static func appendNumber(_ value: Double, to buffer: inout [UInt8]) {
        guard value.isFinite else {
            appendNull(to: &buffer)
            return
        }
        if value == value.rounded(.towardZero) && abs(value) < 1e15 {
            appendInteger(Int64(value), to: &buffer)
            return
        }
        // Swift's Double description is the shortest representation that reads back exactly.
        buffer.append(contentsOf: value.description.utf8)
    }

    /// Appends an integer in decimal.
    public static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = UInt8(magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            while count > 0 {
                count -= 1
                buffer.append(raw[count])
            }
        }
    }

    /// Appends an integer in decimal.
    public static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        appendInteger(Int64(value), to: &buffer)
    }

    /// Appends `true` or `false`.
    public static func appendBool(_ value: Bool, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: value ? trueBytes : falseBytes)
    }

    /// Appends `null`.
    public static func appendNull(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: nullBytes)
    }

    /// Appends `"key":` (the key escaped), ready for a value.
    public static func appendKey(_ key: String, to buffer: inout [UInt8]) {
        appendString(key, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
    }

    /// Appends any parsed value, compactly, members in their stored order.
    public static func appendValue(_ value: JSONValue, to buffer: inout [UInt8]) {
        switch value.storage {
        case .null: appendNull(to: &buffer)
        case .bool(let flag): appendBool(flag, to: &buffer)
        case .number(let number): appendNumber(number.value, to: &buffer)
        case .string(let text): appendString(text, to: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                appendValue(element, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            buffer.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                appendKey(member.key, to: &buffer)
                appendValue(member.value, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }
}

private let trueBytes: [UInt8] = Array("true".utf8)
private let falseBytes: [UInt8] = Array("false".utf8)
private let nullBytes: [UInt8] = Array("null".utf8)

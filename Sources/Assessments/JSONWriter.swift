/// Appends JSON tokens straight to a byte buffer: the app's output formats reuse it.
///
/// No intermediate `String`s or `JSONEncoder`: encoding, not the socket, limits a JSON API.
public enum JSONWriter {
    /// Appends `text` as a quoted JSON string, escaping `"`, `\` and control characters.
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for position in 0..<utf8.count {
                let byte = utf8[position]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < position {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                }
                appendEscape(byte, to: &buffer)
                runStart = position + 1
            }
            if runStart < utf8.count {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: buffer.append(0x22)
        case 0x5C: buffer.append(0x5C)
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            buffer.append(contentsOf: [
                UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
            ])
        }
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

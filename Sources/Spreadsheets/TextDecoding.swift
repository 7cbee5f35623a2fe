/// The encodings a spreadsheet saved as text arrives in.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1251 = "windows-1251"
}

/// Text decoded from the bytes of an uploaded file, with how it was read.
public struct DecodedText: Sendable, Equatable {
    /// The text, without a byte order mark.
    public var text: String
    /// The encoding it was read in.
    public var encoding: TextEncoding
    /// True when nothing said the encoding and the bytes were not UTF-8: Windows-1251 was assumed.
    public var isAssumed: Bool
}

/// Why bytes could not be read as text.
public enum TextDecodingError: Error, Sendable, Equatable {
    /// A `charset=` parameter naming an encoding this reader does not know.
    case unknownCharset(String)
    /// The bytes are not valid in the encoding that was given or marked.
    case invalid(TextEncoding)
}

/// Finds the encoding of a CSV file: `charset=` if given; else a byte order mark (UTF-8,
/// UTF-16LE, UTF-16BE); else strict UTF-8; else Windows-1251, which a Russian-locale Excel writes
/// (then `isAssumed` is true, and the answer says so).
public enum SheetText {
    public static func decode(_ bytes: [UInt8], charset: String? = nil) throws(TextDecodingError) -> DecodedText {
        if let charset {
            let encoding = try named(charset)
            var body = bytes[...]
            switch encoding {
            case .utf8 where bytes.starts(with: [0xEF, 0xBB, 0xBF]): body = bytes.dropFirst(3)
            case .utf16LE where bytes.starts(with: [0xFF, 0xFE]), .utf16BE where bytes.starts(with: [0xFE, 0xFF]):
                body = bytes.dropFirst(2)
            default: break
            }
            return DecodedText(text: try decode(body, as: encoding), encoding: encoding, isAssumed: false)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return DecodedText(text: try decode(bytes.dropFirst(3), as: .utf8), encoding: .utf8, isAssumed: false)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return DecodedText(
                text: try decode(bytes.dropFirst(2), as: .utf16LE), encoding: .utf16LE, isAssumed: false)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return DecodedText(
                text: try decode(bytes.dropFirst(2), as: .utf16BE), encoding: .utf16BE, isAssumed: false)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: .utf8, isAssumed: false)
        }
        return DecodedText(text: windows1251(bytes[...]), encoding: .windows1251, isAssumed: true)
    }

    /// The encoding a `charset` parameter names (case and a few common aliases tolerated).
    public static func named(_ charset: String) throws(TextDecodingError) -> TextEncoding {
        switch charset.lowercased().filter({ $0 != "\"" }) {
        case "utf-8", "utf8": return .utf8
        case "utf-16le", "utf-16", "utf16", "utf16le": return .utf16LE
        case "utf-16be", "utf16be": return .utf16BE
        case "windows-1251", "cp1251", "win-1251", "x-cp1251": return .windows1251
        default: throw .unknownCharset(charset)
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>, as encoding: TextEncoding) throws(TextDecodingError) -> String {
        switch encoding {
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalid(.utf8) }
            return text
        case .utf16LE, .utf16BE:
            guard bytes.count % 2 == 0 else { throw .invalid(encoding) }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(encoding == .utf16LE ? first | second << 8 : first << 8 | second)
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else { throw .invalid(encoding) }
            return text
        case .windows1251: return windows1251(bytes)
        }
    }

    /// Every byte is a character in Windows-1251 (0x98, unassigned, reads as U+0098 as Windows does).
    static func windows1251(_ bytes: ArraySlice<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let code = byte >= 0xC0 ? 0x0410 + UInt32(byte - 0xC0) : UInt32(high[Int(byte - 0x80)])
            if code < 0x800 {
                utf8.append(UInt8(0xC0 | (code >> 6)))
                utf8.append(UInt8(0x80 | (code & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (code >> 12)))
                utf8.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (code & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Windows-1251 0x80 to 0xBF.
    private static let high: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C,
        0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A,
        0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9,
        0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]
}

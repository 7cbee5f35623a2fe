/// A strict RFC 4180 reader for tests: records end in CRLF; a field is either unquoted (no comma,
/// quote, CR or LF) or quoted, with `""` for a quote and commas and line breaks kept as they are.
enum T6CSV {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let why: String
        var description: String { "CSV malformed at byte \(offset): \(why)" }
    }

    /// Parses a whole document into records of fields.
    static func parse(_ bytes: [UInt8]) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                guard field.isEmpty else { throw Malformed(offset: index, why: "quote inside an unquoted field") }
                index += 1
                while true {
                    guard index < bytes.count else { throw Malformed(offset: index, why: "unterminated quoted field") }
                    if bytes[index] == 0x22 {
                        if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard index == bytes.count || bytes[index] == 0x2c || bytes[index] == 0x0d else {
                    throw Malformed(offset: index, why: "text after a closing quote")
                }
                continue
            }
            switch byte {
            case 0x2c:
                endField()
                index += 1
            case 0x0d:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0a else {
                    throw Malformed(offset: index, why: "CR without LF")
                }
                endField()
                records.append(record)
                record = []
                index += 2
            case 0x0a:
                throw Malformed(offset: index, why: "bare LF outside quotes")
            default:
                field.append(byte)
                index += 1
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}

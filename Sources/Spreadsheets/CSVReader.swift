/// Why a CSV text could not be split into cells.
public enum CSVError: Error, Sendable, Equatable {
    /// A quoted field that is never closed; the row where it opens.
    case unclosedQuote(row: Int, column: Int)
    /// Text after the closing quote of a field (`"abc"d`).
    case textAfterQuote(row: Int, column: Int)
}

/// RFC 4180 CSV as spreadsheets write it: the separator found among `;`, `,` and tab on the first
/// row (or named by Excel's `sep=;` first line), fields quoted with `"` and quotes doubled, CRLF,
/// LF or CR line ends, quoted fields spanning lines (one spreadsheet row).
public enum CSVReader {
    /// The separator this text uses: Excel's `sep=X` first line, else the most frequent of `;`,
    /// `,`, tab outside quotes on the first row (`;` before `,` before tab on a tie), else `,`.
    public static func separator(of text: String) -> (separator: UInt8, hintLine: Bool) {
        let bytes = text.utf8
        if bytes.starts(with: "sep=".utf8) {
            let rest = bytes.dropFirst(4)
            if let byte = rest.first, byte != 0x0d, byte != 0x0a {
                let after = rest.dropFirst().first
                if after == nil || after == 0x0d || after == 0x0a { return (byte, true) }
            }
        }
        var counts: [UInt8: Int] = [0x3b: 0, 0x2c: 0, 0x09: 0]
        var inQuotes = false
        for byte in bytes {
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == 0x0a || byte == 0x0d { break }
                if counts[byte] != nil { counts[byte]! += 1 }
            }
        }
        var best: (UInt8, Int) = (0x2c, 0)
        for candidate: UInt8 in [0x3b, 0x2c, 0x09] where counts[candidate]! > best.1 {
            best = (candidate, counts[candidate]!)
        }
        return (best.0, false)
    }

    /// The rows of `text` split at `separator` (detected when nil).
    public static func read(_ text: String, separator given: UInt8? = nil) throws(CSVError) -> Sheet {
        var separator = given ?? 0x2c
        var skipFirstLine = false
        if given == nil { (separator, skipFirstLine) = Self.separator(of: text) }
        var rows: [Sheet.Row] = []
        var cells: [String] = []
        var field: [UInt8] = []
        var rowNumber = 1
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted and is closed
        var quoteRow = 1
        let bytes = Array(text.utf8)
        var index = 0
        if skipFirstLine {
            while index < bytes.count && bytes[index] != 0x0a && bytes[index] != 0x0d { index += 1 }
            if index < bytes.count && bytes[index] == 0x0d { index += 1 }
            if index < bytes.count && bytes[index] == 0x0a { index += 1 }
        }
        func endField() {
            cells.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRow() {
            endField()
            if cells.contains(where: { !$0.isEmpty }) {
                while cells.last?.isEmpty == true { cells.removeLast() }
                rows.append(Sheet.Row(number: rowNumber, cells: cells))
            }
            cells.removeAll(keepingCapacity: true)
            rowNumber += 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == 0x22 {
                    if index < bytes.count && bytes[index] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case separator: endField()
            case 0x0d, 0x0a:
                if byte == 0x0d && index < bytes.count && bytes[index] == 0x0a { index += 1 }
                endRow()
            case 0x22 where field.isEmpty && !wasQuoted:
                quoted = true
                quoteRow = rowNumber
            default:
                if wasQuoted { throw .textAfterQuote(row: rowNumber, column: cells.count) }
                field.append(byte)
            }
        }
        if quoted { throw .unclosedQuote(row: quoteRow, column: cells.count) }
        if !field.isEmpty || !cells.isEmpty || wasQuoted { endRow() }
        return Sheet(rows: rows)
    }
}

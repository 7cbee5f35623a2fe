/// Numbers and dates as people type them into spreadsheets of the region.
public enum CellText {
    /// A number written with a decimal point or a decimal comma, with spaces, non-breaking or thin
    /// spaces between digit groups (`1 234,5`), an optional sign and exponent; nil for anything
    /// else (including `1,234.5`, where the comma's meaning is unclear, and non-finite values).
    public static func number(_ text: String) -> Double? {
        // Most cells are plain `12.5` or `-3`: read them without copying.
        let utf8 = text.utf8
        if utf8.count < 24, let first = utf8.first, first != UInt8(ascii: "."),
            utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
            let value = Double(text), value.isFinite
        {
            return value
        }
        var ascii: [UInt8] = []
        var sawComma = false
        var sawPoint = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t": continue
            case ",":
                sawComma = true
                ascii.append(UInt8(ascii: "."))
            case ".":
                sawPoint = true
                ascii.append(UInt8(ascii: "."))
            case "\u{2212}": ascii.append(UInt8(ascii: "-"))  // the minus sign
            case "0"..."9", "+", "-", "e", "E": ascii.append(UInt8(scalar.value))
            default: return nil
            }
        }
        guard !(sawComma && sawPoint), isNumberSyntax(ascii),
            let value = Double(String(decoding: ascii, as: UTF8.self)),
            value.isFinite
        else { return nil }
        return value
    }

    /// `[+-]? digits ('.' digits?)? | '.' digits` with an optional exponent.
    private static func isNumberSyntax(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            index += 1
        }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var digits = 0
        while index < bytes.count && isDigit(bytes[index]) {
            index += 1
            digits += 1
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count && isDigit(bytes[index]) {
                index += 1
                digits += 1
            }
        }
        guard digits > 0 else { return false }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            let start = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        return index == bytes.count
    }

    /// A date written `DD.MM.YYYY`, `DD/MM/YYYY` (day and month may have one digit) or
    /// `YYYY-MM-DD`, as ISO `YYYY-MM-DD`; nil when it is none of these or no such day exists.
    public static func date(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        var year = 0
        var month = 0
        var day = 0
        if let parts = split(trimmed, "-"), parts.count == 3, parts[0].count == 4, parts[1].count == 2,
            parts[2].count == 2
        {
            (year, month, day) = (Int(parts[0]) ?? 0, Int(parts[1]) ?? 0, Int(parts[2]) ?? 0)
        } else if let parts = split(trimmed, ".") ?? split(trimmed, "/"), parts.count == 3, parts[2].count == 4,
            (1...2).contains(parts[0].count), (1...2).contains(parts[1].count)
        {
            (year, month, day) = (Int(parts[2]) ?? 0, Int(parts[1]) ?? 0, Int(parts[0]) ?? 0)
        } else {
            return nil
        }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The date `serial` days after 1899-12-30 (how spreadsheets store dates), for serials from
    /// 1 (1899-12-31) on; nil for fractions of days or absurd values.
    public static func date(serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466, serial == serial.rounded() else { return nil }
        // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
        let days = Int(serial) - 25_569
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The spreadsheet serial of an ISO date (inverse of `date(serial:)`).
    public static func serial(ofISODate text: String) -> Int? {
        guard let parts = split(text, "-"), parts.count == 3 else { return nil }
        let (year, month, day) = (Int(parts[0]) ?? 0, Int(parts[1]) ?? 0, Int(parts[2]) ?? 0)
        guard (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 + 25_569
    }

    private static func split(_ text: String, _ separator: Character) -> [Substring]? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return parts
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, non-breaking spaces and line ends.
    public var trimmingSpaces: String {
        // Most cells have nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar == "\r" || scalar == "\n"
                || scalar == "\u{202F}"
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

import Testing

@testable import Spreadsheets

@Suite struct CSVReaderTests {
    @Test func detectsTheSeparatorOutsideQuotes() {
        #expect(CSVReader.separator(of: "a;b;c\n1;2;3").separator == UInt8(ascii: ";"))
        #expect(CSVReader.separator(of: "\"a;b;c\",d,e\n").separator == UInt8(ascii: ","))
        #expect(CSVReader.separator(of: "a\tb\tc").separator == 0x09)
        #expect(CSVReader.separator(of: "single").separator == UInt8(ascii: ","))
        let hinted = CSVReader.separator(of: "sep=;\r\na,b;c")
        #expect(hinted.separator == UInt8(ascii: ";") && hinted.hintLine)
    }

    @Test func readsQuotesLineEndsAndKeepsRowNumbers() throws {
        let text = "A;B;C\r\n\"x;y\";\"he said \"\"hi\"\"\";3\r\n\r\n\"two\nlines\";;\n1;2;3\r"
        let sheet = try CSVReader.read(text)
        #expect(sheet.rows.map(\.number) == [1, 2, 4, 5])
        #expect(sheet.rows[1].cells == ["x;y", "he said \"hi\"", "3"])
        #expect(sheet.rows[2].cells == ["two\nlines"])
        #expect(sheet.rows[3].cells == ["1", "2", "3"])
        #expect(sheet.rows[2][5] == "")
    }

    @Test func excelSeparatorLineIsSkipped() throws {
        let sheet = try CSVReader.read("sep=,\nA;x,B\n1,2\n")
        #expect(sheet.rows.map(\.cells) == [["A;x", "B"], ["1", "2"]])
    }

    @Test func refusesBrokenQuotes() {
        #expect(throws: CSVError.unclosedQuote(row: 2, column: 1)) { try CSVReader.read("a,b\n1,\"open\n\n") }
        #expect(throws: CSVError.textAfterQuote(row: 1, column: 0)) { try CSVReader.read("\"a\"b,c\n") }
    }

    @Test func columnNames() {
        #expect(Sheet.columnName(0) == "A")
        #expect(Sheet.columnName(25) == "Z")
        #expect(Sheet.columnName(26) == "AA")
        #expect(Sheet.columnName(701) == "ZZ")
        #expect(Sheet.columnName(702) == "AAA")
        for index in [0, 5, 25, 26, 27, 701, 702, 16383] {
            #expect(Sheet.columnIndex(Sheet.columnName(index)) == index)
        }
        #expect(Sheet.columnIndex("a1") == nil)
    }
}

@Suite struct CellTextTests {
    @Test func numbersAsPeopleTypeThem() {
        #expect(CellText.number("0,84") == 0.84)
        #expect(CellText.number(" 1 234,5 ") == 1234.5)
        #expect(CellText.number("1\u{00A0}234,5") == 1234.5)
        #expect(CellText.number("1\u{202F}234.5") == 1234.5)
        #expect(CellText.number("-3") == -3)
        #expect(CellText.number("\u{2212}3,5") == -3.5)
        #expect(CellText.number("2,5E-3") == 0.0025)
        #expect(CellText.number(",5") == 0.5)
        for bad in ["", "1,234.5", "abc", "1.2.3", "1e", "--1", "inf", "nan", "1e999", "0x10", "5%"] {
            #expect(CellText.number(bad) == nil, "\(bad)")
        }
    }

    @Test func theThreeDateForms() {
        #expect(CellText.date("14.06.2024") == "2024-06-14")
        #expect(CellText.date("4.6.2024") == "2024-06-04")
        #expect(CellText.date("14/06/2024") == "2024-06-14")
        #expect(CellText.date("2024-06-14") == "2024-06-14")
        #expect(CellText.date("29.02.2024") == "2024-02-29")
        for bad in ["29.02.2023", "31.04.2024", "2024-6-14", "14.06.24", "06/14/2024", "14.06.2024 10:00", ""] {
            #expect(CellText.date(bad) == nil, "\(bad)")
        }
    }

    @Test func spreadsheetSerialDates() {
        #expect(CellText.date(serial: 45457) == "2024-06-14")
        #expect(CellText.date(serial: 1) == "1899-12-31")
        #expect(CellText.date(serial: 45457.5) == nil)
        #expect(CellText.serial(ofISODate: "2024-06-14") == 45457)
        #expect(CellText.serial(ofISODate: "2000-02-29").flatMap { CellText.date(serial: Double($0)) } == "2000-02-29")
    }
}

@Suite struct TextDecodingTests {
    private let text = "Широта;pH водн.\n51,17;8,3\n"

    @Test func byteOrderMarksAndStrictUTF8() throws {
        let utf8 = try SheetText.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(utf8 == DecodedText(text: text, encoding: .utf8, isAssumed: false))
        var le: [UInt8] = [0xFF, 0xFE]
        var be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(try SheetText.decode(le) == DecodedText(text: text, encoding: .utf16LE, isAssumed: false))
        #expect(try SheetText.decode(be) == DecodedText(text: text, encoding: .utf16BE, isAssumed: false))
        #expect(try SheetText.decode(Array(text.utf8)).encoding == .utf8)
        #expect(throws: TextDecodingError.invalid(.utf16LE)) { try SheetText.decode(le.dropLast()) }
    }

    @Test func windows1251WhenNotUTF8() throws {
        // "Широта;Гумус, %" and "ёЁ№" in Windows-1251, as Python's cp1251 codec writes them.
        let bytes: [UInt8] = [
            0xD8, 0xE8, 0xF0, 0xEE, 0xF2, 0xE0, 0x3B, 0xC3, 0xF3, 0xEC, 0xF3, 0xF1, 0x2C, 0x20, 0x25, 0xB8, 0xA8, 0xB9,
        ]
        let decoded = try SheetText.decode(bytes)
        #expect(decoded == DecodedText(text: "Широта;Гумус, %ёЁ№", encoding: .windows1251, isAssumed: true))
        #expect(try SheetText.decode(bytes, charset: "windows-1251").isAssumed == false)
        #expect(throws: TextDecodingError.invalid(.utf8)) { try SheetText.decode(bytes, charset: "UTF-8") }
        #expect(throws: TextDecodingError.unknownCharset("koi8-r")) { try SheetText.decode(bytes, charset: "koi8-r") }
    }
}

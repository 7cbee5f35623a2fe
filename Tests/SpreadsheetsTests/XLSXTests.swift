import Foundation
import Testing

@testable import Spreadsheets

@Suite struct XLSXTests {
    private func workbook(_ rows: [[XLSXCell]], name: String = "S") throws -> [UInt8] {
        var sheet = XLSXWriter.sheetHead
        for row in rows { XLSXWriter.appendRow(row, to: &sheet) }
        sheet += XLSXWriter.sheetTail
        return try XLSXWriter.data(sheets: [(name, sheet)])
    }

    @Test func writtenCellsReadBack() throws {
        let bytes = try workbook([
            [.text("Широта"), .text("pH водн."), .text("a & <b> \"c\"\ttab")],
            [.number("51.17"), .number("8"), .text("")],
            [],
            [.text(""), .number("0.84000000000000008"), .number("1e-05")],
        ])
        let sheet = try XLSXReader.read(bytes)
        #expect(sheet.rows.map(\.number) == [1, 2, 4])
        #expect(sheet.rows[0].cells == ["Широта", "pH водн.", "a & <b> \"c\"\ttab"])
        #expect(sheet.rows[1].cells == ["51.17", "8"])
        #expect(sheet.rows[2].cells == ["", "0.84", "1e-05"])
    }

    @Test func controlCharactersAreLeftOutNotBreakingTheXML() throws {
        let sheet = try XLSXReader.read(try workbook([[.text("a\u{1}b\u{1F}c")]]))
        #expect(sheet.rows[0].cells == ["abc"])
    }

    @Test func partsLargerThanTheLimitAreNotUnpacked() throws {
        let big = (0..<2000).map { _ in [XLSXCell.text(String(repeating: "x", count: 100))] }
        let bytes = try workbook(big)
        #expect(bytes.count < 20_000)
        #expect(throws: XLSXError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: 100_000)) {
            try XLSXReader.read(bytes, maxPartBytes: 100_000)
        }
        #expect(try XLSXReader.read(bytes).rows.count == 2000)
    }

    @Test func notAWorkbook() {
        #expect(throws: XLSXError.notAWorkbook) { try XLSXReader.read(Array("a,b\n1,2\n".utf8)) }
        #expect(throws: XLSXError.notAWorkbook) { try XLSXReader.read([]) }
    }
}

@Suite struct XLSXFuzzFindingsTests {
    /// A corrupt archive found by fuzz/import that made ZIPFoundation's in-memory reader trap
    /// (a seek past the end): read from a file, it is refused like any other non-workbook.
    /// And one whose damaged workbook part made Foundation's XMLParser trap: refused before parsing.
    @Test(arguments: ["memoryfile-crash.xlsx", "xmlparser-crash.xlsx"])
    func aCorruptArchiveIsRefusedNotATrap(name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(throws: XLSXError.self) { try XLSXReader.read(bytes) }
    }
}

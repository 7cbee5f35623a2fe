import Foundation
import ZIPFoundation

/// One cell of a written sheet.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    /// A number as JSON writes it (`0.84`, `-3`, `1e-05`).
    case number(String)
}

/// Writes sheets of an Office Open XML workbook: rows of XML appended to a buffer (so that a long
/// sheet can go to a file in pieces), and the workbook's archive around finished sheets, through
/// ZIPFoundation. Strings are inline (`t="inlineStr"`): no shared-strings table to hold in memory.
public enum XLSXWriter {
    public static let sheetHead = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        """.utf8)
    public static let sheetTail = Array("</sheetData></worksheet>".utf8)

    /// Appends `<row>` of `cells`; empty texts are left out.
    public static func appendRow(_ cells: [XLSXCell], to buffer: inout [UInt8]) {
        buffer.append(contentsOf: Array("<row>".utf8))
        for cell in cells {
            switch cell {
            case .text(let text) where text.isEmpty:
                buffer.append(contentsOf: Array("<c/>".utf8))
            case .text(let text):
                buffer.append(contentsOf: Array(#"<c t="inlineStr"><is><t xml:space="preserve">"#.utf8))
                appendEscaped(text, to: &buffer)
                buffer.append(contentsOf: Array("</t></is></c>".utf8))
            case .number(let number):
                buffer.append(contentsOf: Array("<c><v>".utf8))
                appendEscaped(number, to: &buffer)
                buffer.append(contentsOf: Array("</v></c>".utf8))
            }
        }
        buffer.append(contentsOf: Array("</row>".utf8))
    }

    /// XML text: `& < > "` escaped, characters XML 1.0 cannot carry left out.
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": buffer.append(contentsOf: Array("&amp;".utf8))
            case "<": buffer.append(contentsOf: Array("&lt;".utf8))
            case ">": buffer.append(contentsOf: Array("&gt;".utf8))
            case "\"": buffer.append(contentsOf: Array("&quot;".utf8))
            case "\t", "\n", "\r": buffer.append(UInt8(scalar.value))
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                buffer.append(contentsOf: Array(String(scalar).utf8))
            }
        }
    }

    /// A workbook of the sheets (name, complete sheet XML in a file) written to `url`, each part
    /// deflated from its file in chunks.
    public static func write(sheets: [(name: String, file: URL)], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in packageParts(sheets.map(\.name)) {
            try add(archive, path, Data(bytes))
        }
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
        }
    }

    /// A workbook of the sheets (name, complete sheet XML), in memory: for small answers.
    public static func data(sheets: [(name: String, xml: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in packageParts(sheets.map(\.name)) { try add(archive, path, Data(bytes)) }
        for (index, sheet) in sheets.enumerated() {
            try add(archive, "xl/worksheets/sheet\(index + 1).xml", Data(sheet.xml))
        }
        return [UInt8](archive.data ?? Data())
    }

    private static func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// Every part but the sheets: content types, relationships, the workbook and minimal styles.
    static func packageParts(_ names: [String]) -> [(String, [UInt8])] {
        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var overrides = ""
        var sheets = ""
        var links = ""
        for (index, name) in names.enumerated() {
            let number = index + 1
            overrides +=
                #"<Override PartName="/xl/worksheets/sheet\#(number).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            var escaped: [UInt8] = []
            appendEscaped(String(name.prefix(31)), to: &escaped)
            sheets +=
                #"<sheet name="\#(String(decoding: escaped, as: UTF8.self))" sheetId="\#(number)" r:id="rId\#(number)"/>"#
            links +=
                #"<Relationship Id="rId\#(number)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(number).xml"/>"#
        }
        let styles = names.count + 1
        links += #"<Relationship Id="rId\#(styles)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\#(overrides)</Types>"#
            ),
            (
                "_rels/.rels",
                #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
            (
                "xl/workbook.xml",
                #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>\#(sheets)</sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(links)</Relationships>"#
            ),
            (
                "xl/styles.xml",
                #"<styleSheet xmlns="\#(main)"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>"#
            ),
        ]
        return parts.map { ($0.0, Array((head + $0.1).utf8)) }
    }
}

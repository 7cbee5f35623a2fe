import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Why an XLSX file could not be read.
public enum XLSXError: Error, Sendable, Equatable {
    /// Not a ZIP archive, or one without the parts of a workbook.
    case notAWorkbook
    /// A part that would unpack to more than the limit (a zip bomb, or a sheet too large to import).
    case tooLarge(part: String, limit: Int)
    /// A part that is not well-formed XML.
    case malformed(part: String)
}

/// Reads the first sheet of an Office Open XML workbook (`.xlsx`) into text cells: shared strings,
/// inline strings, numbers (as the shortest decimal that reads back to the same value, so that
/// `0.84000000000000008` is `0.84`), booleans. Dates are numbers (serial days) there; the importer
/// reads them where it expects a date.
///
/// Parts are unpacked only after their declared sizes pass `maxPartBytes`, and unpacking stops as
/// soon as more bytes come out than declared or allowed: a zip bomb costs at most the limit.
public enum XLSXReader {
    public static func read(_ bytes: [UInt8], maxPartBytes: Int = 256 << 20) throws(XLSXError) -> Sheet {
        // From a file, not from memory: ZIPFoundation 0.9.20's in-memory archive traps (a Swift
        // runtime failure, which would stop the server) when a corrupt archive seeks past its end,
        // as fuzz/import found; reading a file past its end is only a short read.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "landmon-import-\(UUID().uuidString).xlsx")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else { throw .notAWorkbook }
        defer { try? FileManager.default.removeItem(at: url) }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .notAWorkbook
        }
        let workbook = try part(archive, "xl/workbook.xml", limit: maxPartBytes)
        let relations = try part(archive, "xl/_rels/workbook.xml.rels", limit: maxPartBytes)
        var sheetPath = "xl/worksheets/sheet1.xml"
        let sheets = try elements(workbook, "sheet", part: "xl/workbook.xml")
        let links = try elements(relations, "Relationship", part: "xl/_rels/workbook.xml.rels")
        if let first = sheets.first, let id = first["r:id"] ?? first.first(where: { $0.key.hasSuffix(":id") })?.value,
            let target = links.first(where: { $0["Id"] == id })?["Target"]
        {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        var strings: [String] = []
        if archive["xl/sharedStrings.xml"] != nil {
            let data = try part(archive, "xl/sharedStrings.xml", limit: maxPartBytes)
            strings = try SharedStringsParser.parse(data, part: "xl/sharedStrings.xml")
        }
        let sheet = try part(archive, sheetPath, limit: maxPartBytes)
        return try WorksheetParser.parse(sheet, strings: strings, part: sheetPath)
    }

    /// The bytes of one part, refused before unpacking when it claims too much, and stopped while
    /// unpacking when it delivers more than it claimed.
    static func part(_ archive: Archive, _ path: String, limit: Int) throws(XLSXError) -> Data {
        guard let entry = archive[path] else { throw .notAWorkbook }
        guard entry.uncompressedSize <= UInt64(limit) else { throw .tooLarge(part: path, limit: limit) }
        let declared = Int(entry.uncompressedSize)
        var data = Data()
        data.reserveCapacity(declared)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= declared else { throw XLSXError.tooLarge(part: path, limit: limit) }
                data.append(chunk)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw .notAWorkbook
        }
        // Foundation's XMLParser traps (stopping the process) on some attributes that are not
        // UTF-8, as fuzz/import found; the parts of a workbook are UTF-8, so anything else is refused
        // before it is parsed.
        guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) != nil,
            !data.contains(0)
        else { throw .malformed(part: path) }
        return data
    }

    /// The attributes of every element named `name`.
    static func elements(_ data: Data, _ name: String, part: String) throws(XLSXError) -> [[String: String]] {
        let collector = ElementCollector(name: name)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw .malformed(part: part) }
        return collector.found
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    let name: String
    var found: [[String: String]] = []

    init(name: String) { self.name = name }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == name { found.append(attributes) }
    }
}

/// `<si>` items of `sharedStrings.xml`, rich-text runs joined, phonetic runs (`<rPh>`) left out.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    static func parse(_ data: Data, part: String) throws(XLSXError) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw .malformed(part: part) }
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch elementName {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// `<row r=".."><c r="B2" t=".."><v>..</v></c>` of a worksheet.
private final class WorksheetParser: NSObject, XMLParserDelegate {
    let strings: [String]
    var rows: [Sheet.Row] = []
    private var row: Sheet.Row?
    private var nextRow = 1
    private var column = 0
    private var cellType = "n"
    private var text = ""
    private var inValue = false
    private var failed = false

    init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String], part: String) throws(XLSXError) -> Sheet {
        let delegate = WorksheetParser(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), !delegate.failed else { throw .malformed(part: part) }
        return Sheet(rows: delegate.rows)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? nextRow
            guard number >= nextRow, number <= 1_048_576 else {
                failed = true
                return parser.abortParsing()
            }
            row = Sheet.Row(number: number, cells: [])
            nextRow = number + 1
            column = 0
        case "c":
            if let reference = attributes["r"] {
                let letters = reference.prefix { $0.isASCII && $0.isLetter }
                guard let index = Sheet.columnIndex(letters), index < 16_384 else {
                    failed = true
                    return parser.abortParsing()
                }
                column = index
            }
            cellType = attributes["t"] ?? "n"
            text = ""
        case "v", "t": inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { text += string }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch elementName {
        case "v", "t": inValue = false
        case "c":
            guard row != nil else { return }
            var value = text
            switch cellType {
            case "s":
                guard let index = Int(text), strings.indices.contains(index) else {
                    failed = true
                    return parser.abortParsing()
                }
                value = strings[index]
            case "b": value = text == "1" ? "TRUE" : "FALSE"
            case "n": if let number = Double(text), number.isFinite { value = Self.shortest(number) }
            default: break
            }
            if !value.isEmpty {
                while row!.cells.count < column { row!.cells.append("") }
                if row!.cells.count == column { row!.cells.append(value) } else { row!.cells[column] = value }
            }
            column += 1
        case "row":
            if let row, row.cells.contains(where: { !$0.isEmpty }) { rows.append(row) }
            row = nil
        default: break
        }
    }

    /// The number in at most 15 significant digits (what Excel shows), without a trailing `.0`.
    static func shortest(_ number: Double) -> String {
        let rounded = Double(String(format: "%.15g", number)) ?? number
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}

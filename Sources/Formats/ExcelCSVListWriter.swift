import Assessments
import Store

/// CSV that a Russian-locale Excel opens as a table (`?format=csv&dialect=excel`): UTF-8 with a
/// byte order mark, `;` between fields, CRLF, and decimal commas when `decimalComma` (a Russian
/// answer). It rewrites the rows of the RFC 4180 writer, so that both always have the same columns.
public struct ExcelCSVListWriter: ListWriter {
    let inner: CSVListWriter
    let decimalComma: Bool
    /// Columns whose values stay as written even when they look like numbers (identifiers, text).
    private let textColumns: Set<Int>

    /// Block fields (`pasture.season`, ...) as in `CSVListWriter`: codes and dates are not numbers,
    /// so they are written as they are; numeric fields get the decimal comma like the others.
    public init(depthMax: Double? = nil, decimalComma: Bool, blockFields: [String] = []) {
        inner = CSVListWriter(depthMax: depthMax, blockFields: blockFields)
        self.decimalComma = decimalComma
        let text: Set<String> = [
            "reference", "site_id", "horizon", "method", "notes", "observer_organisation", "observer_lab",
            "observer_person", "region", "land_use", "indicator", "unit", "original_unit", "qa_flags",
        ]
        textColumns = Set(CSVListWriter.columns.indices.filter { text.contains(CSVListWriter.columns[$0]) })
    }

    public func begin(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        var rows: [UInt8] = []
        inner.begin(into: &rows)
        rewrite(rows, into: &buffer, isHeader: true)
    }

    public func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8]) {
        var rows: [UInt8] = []
        inner.append(item, isFirst: isFirst, into: &rows)
        rewrite(rows, into: &buffer, isHeader: false)
    }

    public func end(trailer: [UInt8], into buffer: inout [UInt8]) {}

    /// Rows of the RFC 4180 writer (its own output: quoted where needed, CRLF) in the Excel dialect.
    private func rewrite(_ rows: [UInt8], into buffer: inout [UInt8], isHeader: Bool) {
        var field: [UInt8] = []
        var column = 0
        var quoted = false
        var index = 0
        func emit() {
            if decimalComma && !isHeader && !textColumns.contains(column) && Self.isDecimal(field) {
                for byte in field { buffer.append(byte == UInt8(ascii: ".") ? UInt8(ascii: ",") : byte) }
            } else if field.contains(where: { $0 == 0x3b || $0 == 0x22 || $0 == 0x0d || $0 == 0x0a }) {
                buffer.append(0x22)
                for byte in field {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: field)
            }
            field.removeAll(keepingCapacity: true)
        }
        while index < rows.count {
            let byte = rows[index]
            index += 1
            if quoted {
                if byte == 0x22 {
                    if index < rows.count && rows[index] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x22: quoted = true
            case 0x2c:
                emit()
                buffer.append(0x3b)
                column += 1
            case 0x0d: continue
            case 0x0a:
                emit()
                buffer.append(contentsOf: [13, 10])
                column = 0
            default: field.append(byte)
            }
        }
    }

    /// `-12.5`, `0.84`, `1e-3`: a JSON number with a fraction (integers need no change).
    static func isDecimal(_ field: [UInt8]) -> Bool {
        guard field.contains(UInt8(ascii: ".")) else { return false }
        return field.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "e")
                || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+")
        } && field.first != UInt8(ascii: ".")
    }
}

// libFuzzer target for the CSV side of the spreadsheet import (built by run.sh with
// -sanitize=fuzzer,address): encoding detection, separator detection, RFC 4180 splitting, and the
// number and date readers on every cell. Beyond "never crash": row numbers rise, no row is blank,
// and a field's text written back with quotes splits again to the same cells.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? SheetText.decode(bytes) else { return 0 }
    guard let sheet = try? CSVReader.read(text.text) else { return 0 }
    var last = 0
    for row in sheet.rows {
        guard row.number > last else { fatalError("row numbers do not rise") }
        last = row.number
        guard row.cells.contains(where: { !$0.isEmpty }) else { fatalError("a blank row was kept") }
        for cell in row.cells {
            if let number = CellText.number(cell), !number.isFinite { fatalError("non-finite number") }
            if let date = CellText.date(cell), CellText.serial(ofISODate: date) == nil { fatalError("bad date") }
        }
    }
    // Quote every cell and read it back with the same separator: the same cells.
    if let first = sheet.rows.first {
        let quoted = first.cells.map { "\"" + $0.replacingQuotes() + "\"" }.joined(separator: ";") + "\r\n"
        guard let again = try? CSVReader.read(quoted, separator: UInt8(ascii: ";")) else {
            fatalError("quoted cells do not parse")
        }
        let expected = first.cells.contains(where: { !$0.isEmpty }) ? [first.cells] : []
        var cells = again.rows.map(\.cells)
        if !cells.isEmpty { while cells[0].count < first.cells.count { cells[0].append("") } }
        guard cells == expected else { fatalError("quoted cells read back differently") }
    }
    return 0
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}

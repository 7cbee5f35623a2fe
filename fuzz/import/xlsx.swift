// libFuzzer target for the XLSX reader (built by run.sh with -sanitize=fuzzer,address, ZIPFoundation
// built beside it): any bytes as a workbook, with a small part limit so that a generated zip bomb
// is refused rather than unpacked. Beyond "never crash": rows rise and are not blank.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let sheet = try? XLSXReader.read(bytes, maxPartBytes: 1 << 20) else { return 0 }
    var last = 0
    for row in sheet.rows {
        guard row.number > last else { fatalError("row numbers do not rise") }
        last = row.number
        guard row.cells.contains(where: { !$0.isEmpty }) else { fatalError("a blank row was kept") }
    }
    return 0
}

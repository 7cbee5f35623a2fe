@preconcurrency import Dispatch
import Formats
import Foundation
import HTTP
import Locking
import Spreadsheets
import Store

/// `GET /v1/assessments?format=xlsx`: a workbook of two sheets, the measurements (the CSV export's
/// rows: the first sheet, which the import reads back) and the assessments (one row each).
/// Sheets are written to temporary files page by page and packed from the files, so that
/// `limit=all` needs memory for one page, not for the result; the workbook is then streamed from
/// its file, which is removed at the end.
enum XLSXExport {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Columns that are text even when they look like numbers.
    private static let textColumns: Set<String> = [
        "reference", "site_id", "horizon", "method", "notes", "observer_organisation", "observer_lab",
        "observer_person", "region", "land_use", "indicator", "unit", "original_unit", "qa_flags", "sampled_on",
        "erosion_area_affected",
    ]
    /// Columns of one measurement row that belong to its layer or measurement, not the assessment.
    private static let rowColumns: Set<String> = [
        "top_cm", "bottom_cm", "horizon", "texture_class", "indicator", "value", "unit", "original_value",
        "original_unit", "method", "uncertainty",
    ]

    static func stream(
        pages: @escaping @Sendable (PageKey?) throws -> ([ListedAssessment], PageKey?), first: PageKey?,
        onePage: Bool, depthMax: Double?
    ) -> @Sendable (BodyWriter) -> Void {
        { body in
            DispatchQueue(label: "landmon.xlsx").async {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "landmon-xlsx-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: directory) }
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    let workbook = try write(
                        pages: pages, first: first, onePage: onePage, depthMax: depthMax, in: directory)
                    try send(workbook, to: body)
                } catch {
                    Log.error("xlsx export stopped: \(error)")
                    body.finish()
                }
            }
        }
    }

    private static func write(
        pages: (PageKey?) throws -> ([ListedAssessment], PageKey?), first: PageKey?, onePage: Bool,
        depthMax: Double?, in directory: URL
    ) throws -> URL {
        let columns = CSVListWriter.columns
        let assessmentIndexes = columns.indices.filter { !rowColumns.contains(columns[$0]) }
        let measurementsURL = directory.appendingPathComponent("measurements.xml")
        let assessmentsURL = directory.appendingPathComponent("assessments.xml")
        FileManager.default.createFile(atPath: measurementsURL.path, contents: nil)
        FileManager.default.createFile(atPath: assessmentsURL.path, contents: nil)
        let measurements = try FileHandle(forWritingTo: measurementsURL)
        let assessments = try FileHandle(forWritingTo: assessmentsURL)
        defer {
            try? measurements.close()
            try? assessments.close()
        }
        var rows = XLSXWriter.sheetHead
        var summary = XLSXWriter.sheetHead
        XLSXWriter.appendRow(columns.map { .text($0) }, to: &rows)
        XLSXWriter.appendRow(assessmentIndexes.map { .text(columns[$0]) }, to: &summary)
        let writer = CSVListWriter(depthMax: depthMax)
        var key = first
        repeat {
            let (items, next) = try pages(key)
            for item in items {
                var csv: [UInt8] = []
                writer.append(item, isFirst: false, into: &csv)
                let sheet =
                    (try? CSVReader.read(String(decoding: csv, as: UTF8.self), separator: 0x2c)) ?? Sheet(rows: [])
                for row in sheet.rows { XLSXWriter.appendRow(cells(row, columns.indices), to: &rows) }
                if let row = sheet.rows.first { XLSXWriter.appendRow(cells(row, assessmentIndexes), to: &summary) }
            }
            try measurements.write(contentsOf: rows)
            try assessments.write(contentsOf: summary)
            rows.removeAll(keepingCapacity: true)
            summary.removeAll(keepingCapacity: true)
            key = onePage ? nil : next
        } while key != nil
        try measurements.write(contentsOf: XLSXWriter.sheetTail)
        try assessments.write(contentsOf: XLSXWriter.sheetTail)
        let workbook = directory.appendingPathComponent("assessments.xlsx")
        try XLSXWriter.write(
            sheets: [("measurements", measurementsURL), ("assessments", assessmentsURL)], to: workbook)
        return workbook
    }

    private static func cells(_ row: Sheet.Row, _ indexes: some Sequence<Int>) -> [XLSXCell] {
        indexes.map { index in
            let text = row[index]
            let name = CSVListWriter.columns[index]
            if !text.isEmpty, !textColumns.contains(name), Double(text) != nil, text.first != "+" {
                return .number(text)
            }
            return .text(text)
        }
    }

    /// The file in chunks of 256 KB, each after the previous one has drained.
    private static func send(_ file: URL, to body: BodyWriter) throws {
        let handle = try FileHandle(forReadingFrom: file)
        let semaphore = DispatchSemaphore(value: 0)
        defer { try? handle.close() }
        while true {
            let chunk = try handle.read(upToCount: 256 << 10) ?? Data()
            if chunk.isEmpty { break }
            let open = Locked(false)
            body.write([UInt8](chunk)) { isOpen in
                open.withLock { $0 = isOpen }
                semaphore.signal()
            }
            semaphore.wait()
            if !open.withLock({ $0 }) { return }
        }
        body.finish()
    }
}

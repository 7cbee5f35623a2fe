import Assessments
import Store

/// The import's answer: how the file was read, then what was stored (or would be, on a dry run).
struct ImportSummary: Sendable {
    var encoding: String
    var assumed: Bool
    var separator: String
    var layout: String
    var rows: Int
    var ignoredColumns: [String]
    /// Said when Windows-1251 was assumed, in the request's language.
    var notice: String?

    /// `{"dry_run":true, ..., "assessments":n, "layers":n, "measurements":n, "documents":[...]}`.
    func dryRun(_ documents: [SheetDocument], _ valid: [Assessment]) -> [UInt8] {
        var out = head(dryRun: true)
        let layers = valid.reduce(0) { $0 + $1.layers.count }
        let measurements = valid.reduce(0) { $0 + $1.layers.reduce(0) { $0 + $1.measurements.count } }
        for (key, count) in [("assessments", valid.count), ("layers", layers), ("measurements", measurements)] {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            JSONWriter.appendInteger(count, to: &out)
        }
        out.append(contentsOf: Array(#","documents":["#.utf8))
        for (index, document) in documents.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendValue(document.value, to: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// `{"dry_run":false, ..., "created":n, "unchanged":n, "ids":[...]}` in document order.
    func stored(_ outcomes: [CreateOutcome]) -> [UInt8] {
        var out = head(dryRun: false)
        var created = 0
        for outcome in outcomes { if case .created = outcome { created += 1 } }
        out.append(contentsOf: Array(#","created":"#.utf8))
        JSONWriter.appendInteger(created, to: &out)
        out.append(contentsOf: Array(#","unchanged":"#.utf8))
        JSONWriter.appendInteger(outcomes.count - created, to: &out)
        out.append(contentsOf: Array(#","ids":["#.utf8))
        for (position, outcome) in outcomes.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendInteger(outcome.stored.id, to: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    private func head(dryRun: Bool) -> [UInt8] {
        var out: [UInt8] = Array(#"{"dry_run":"#.utf8)
        JSONWriter.appendBool(dryRun, to: &out)
        out.append(contentsOf: Array(#","encoding":"#.utf8))
        JSONWriter.appendString(encoding, to: &out)
        out.append(contentsOf: Array(#","encoding_assumed":"#.utf8))
        JSONWriter.appendBool(assumed, to: &out)
        if let notice {
            out.append(contentsOf: Array(#","notice":"#.utf8))
            JSONWriter.appendString(notice, to: &out)
        }
        out.append(contentsOf: Array(#","separator":"#.utf8))
        JSONWriter.appendString(separator, to: &out)
        out.append(contentsOf: Array(#","layout":"#.utf8))
        JSONWriter.appendString(layout, to: &out)
        out.append(contentsOf: Array(#","rows":"#.utf8))
        JSONWriter.appendInteger(rows, to: &out)
        if !ignoredColumns.isEmpty {
            out.append(contentsOf: Array(#","ignored_columns":["#.utf8))
            for (index, column) in ignoredColumns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(column, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        return out
    }
}

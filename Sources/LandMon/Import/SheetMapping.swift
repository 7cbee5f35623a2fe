import Assessments
import Messages
import Spreadsheets

/// A cell of the sheet: its row number as the spreadsheet shows it, and its column (nil when the
/// problem concerns the whole row, such as a required field without a column).
struct CellRef: Sendable, Equatable {
    var row: Int
    var column: Int?
}

/// Something wrong with a cell before any document exists (a number that is not one, a date in no
/// known form, a header nobody knows), or a validator's problem placed on its cell.
struct ImportIssue: Sendable {
    /// Index of the document, nil for the header row.
    var document: Int?
    /// JSON pointer within the document.
    var path: String
    var cell: CellRef
    var code: ProblemCode
    var message: Message
}

/// One assessment built from its rows, and where each of its values came from.
struct SheetDocument: Sendable {
    var value: JSONValue
    var cells: CellMap
    var firstRow: Int

    /// The cell behind `path`, or behind its nearest recorded parent; else the first row.
    func cell(for path: String) -> CellRef { cells.cell(for: path) ?? CellRef(row: firstRow, column: nil) }
}

/// The cells of one document's values, by the document's structure (a dictionary of pointers for
/// 10,000 documents cost more memory than the documents).
struct CellMap: Sendable {
    struct Measurement: Sendable {
        var value: CellRef
        var properties: [String: CellRef] = [:]
    }

    struct Layer: Sendable {
        var cell: CellRef
        var fields: [String: CellRef] = [:]
        var measurements: [Measurement] = []
    }

    /// Assessment fields by pointer (`/site/lat`).
    var fields: [String: CellRef] = [:]
    var layers: [Layer] = []

    func cell(for path: String) -> CellRef? {
        let tokens = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if tokens.first == "layers", tokens.count >= 2, let index = Int(tokens[1]), layers.indices.contains(index) {
            let layer = layers[index]
            guard tokens.count >= 3 else { return layer.cell }
            if tokens[2] != "measurements" { return layer.fields[tokens[2]] ?? layer.cell }
            guard tokens.count >= 4, let position = Int(tokens[3]), layer.measurements.indices.contains(position)
            else { return layer.cell }
            let measurement = layer.measurements[position]
            return tokens.count >= 5 ? measurement.properties[tokens[4]] ?? measurement.value : measurement.value
        }
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let cell = fields[String(candidate)] { return cell }
            guard let slash = candidate.lastIndex(of: "/") else { break }
            candidate = candidate[..<slash]
        }
        return nil
    }
}

/// Turns a sheet (header row, then one row per layer or per measurement) into documents.
///
/// Rows with the same `reference` make one assessment, whose fields are taken from its first row
/// that has them (a later row that says otherwise is reported). Within it, rows with the same
/// depths make one layer. Measurements come from indicator columns (`SOC, g/kg`: the wide layout
/// of the template, one row per layer) or from `indicator`/`value`/`unit` columns (the long
/// layout that `GET /v1/assessments?format=csv` writes, one row per measurement), or both.
struct SheetMapping {
    let columns: ImportColumns

    struct Outcome {
        var documents: [SheetDocument] = []
        var issues: [ImportIssue] = []
        /// Columns that nothing maps: (column index, header).
        var unknownColumns: [(Int, String)] = []
        var headerRow = 1
        var dataRows = 0
        var layout = "wide"
    }

    func map(_ sheet: Sheet) -> Outcome {
        var outcome = Outcome()
        guard let header = sheet.rows.first else { return outcome }
        outcome.headerRow = header.number
        var resolved: [ImportColumns.Column] = []
        for (index, text) in header.cells.enumerated() {
            let column = text.trimmingSpaces.isEmpty ? ImportColumns.Column.ignored : columns.resolve(text)
            resolved.append(column)
            switch column {
            case .unknown: outcome.unknownColumns.append((index, text))
            case .unknownUnit(let code, let unit):
                outcome.issues.append(
                    ImportIssue(
                        document: nil, path: "", cell: CellRef(row: header.number, column: index),
                        code: .unitNotAccepted,
                        message: Message("import.unit_unknown", ["unit_text": unit, "indicator": code])))
            default: break
            }
        }
        var seen: [ImportColumns.Column: Int] = [:]
        for (index, column) in resolved.enumerated() where column != .ignored && column != .unknown {
            if let first = seen[column] {
                outcome.issues.append(
                    ImportIssue(
                        document: nil, path: "", cell: CellRef(row: header.number, column: index), code: .duplicate,
                        message: Message(
                            "import.column_repeated",
                            ["header": header.cells[index], "first": Sheet.columnName(first)])))
            } else {
                seen[column] = index
            }
        }
        let fieldColumn = { (path: String) -> Int? in
            resolved.firstIndex { if case .field(let i) = $0 { self.columns.fields[i].path == path } else { false } }
        }
        if fieldColumn("indicator") != nil {
            outcome.layout = resolved.contains(where: \.isIndicator) ? "mixed" : "long"
        }
        var builders: [DocumentBuilder] = []
        var byReference: [String: Int] = [:]
        let referenceColumn = fieldColumn("reference")
        for row in sheet.rows.dropFirst() {
            let reference = referenceColumn.map { row[$0].trimmingSpaces } ?? ""
            if reference.hasPrefix("#") { continue }  // the template's explanations, or a comment
            outcome.dataRows += 1
            let index: Int
            if let existing = byReference[reference], !reference.isEmpty {
                index = existing
            } else {
                index = builders.count
                builders.append(DocumentBuilder(firstRow: row.number))
                if !reference.isEmpty { byReference[reference] = index }
            }
            builders[index].add(row, resolved, columns, document: index, issues: &outcome.issues)
        }
        outcome.documents = builders.map { $0.build(columns) }
        return outcome
    }
}

extension ImportColumns.Column {
    var isIndicator: Bool { if case .indicator = self { true } else { false } }
}

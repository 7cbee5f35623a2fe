import Assessments
import Foundation
import Messages
import Spreadsheets

/// Gathers the rows of one assessment and writes its document.
struct DocumentBuilder {
    /// A cell's value once read: text, or a number or date that parsed.
    private enum Value {
        case text(String)
        case number(Double)
        case flag(Bool)
    }

    private struct Measurement {
        var indicator: String
        var value: Double?
        var cell: CellRef
        var unit: (String, CellRef)?
        var method: (String, CellRef)?
        var uncertainty: (Double, CellRef)?
    }

    private struct Layer {
        var firstRow: Int
        var fields: [(String, Value, CellRef)] = []
        var measurements: [Measurement] = []
    }

    let firstRow: Int
    /// Assessment fields: path -> first value given and its cell.
    private var fields: [String: (Value, CellRef, String)] = [:]
    private var layers: [Layer] = []
    private var layerKeys: [String: Int] = [:]

    init(firstRow: Int) { self.firstRow = firstRow }

    /// Reads one row: assessment fields (a differing repeat is an issue), its layer (by depths)
    /// and its measurements.
    mutating func add(
        _ row: Sheet.Row, _ resolved: [ImportColumns.Column], _ columns: ImportColumns, document: Int,
        issues: inout [ImportIssue]
    ) {
        var layerFields: [(String, Value, CellRef)] = []
        var wide: [Measurement] = []
        var long: [String: (String, CellRef)] = [:]
        var properties: [(code: String, property: String, text: String, cell: CellRef)] = []
        // Issues wait for the layer's index to name the path where the value would have gone.
        var pending: [(ImportIssue, layerField: String?)] = []
        var place: (level: ImportColumns.Level, path: String) = (.measurement, "")
        func issue(_ cell: CellRef, _ code: ProblemCode, _ key: String, _ arguments: [String: String]) {
            let path = place.level == .assessment ? "/" + place.path.replacingOccurrences(of: ".", with: "/") : ""
            let issue = ImportIssue(
                document: document, path: path, cell: cell, code: code, message: Message(key, arguments))
            pending.append(
                (issue, place.level == .assessment ? nil : place.level == .layer ? place.path : "measurements"))
        }
        for (index, column) in resolved.enumerated() {
            let text = row[index].trimmingSpaces
            guard !text.isEmpty else { continue }
            let cell = CellRef(row: row.number, column: index)
            switch column {
            case .field(let fieldIndex):
                let field = columns.fields[fieldIndex]
                place = (field.level, field.path)
                // The assessment's columns repeat on each of its rows: the same text needs no reading.
                if field.level == .assessment, let known = fields[field.path], known.2 == text { continue }
                var value = Value.text(text)
                switch field.type {
                case .number:
                    guard let number = CellText.number(text) else {
                        issue(cell, .type, "import.not_a_number", ["text": text])
                        continue
                    }
                    value = .number(number)
                case .date:
                    if let date = CellText.date(text) ?? CellText.number(text).flatMap(CellText.date(serial:)) {
                        value = .text(date)
                    } else {
                        issue(cell, .format, "import.not_a_date", ["text": text])
                        continue
                    }
                case .unit: value = .text(columns.unit(text) ?? text)
                case .boolean:
                    switch ImportColumns.normalize(text) {
                    case "true", "yes", "1", "да", "иә": value = .flag(true)
                    case "false", "no", "0", "нет", "жоқ": value = .flag(false)
                    default:
                        issue(cell, .type, "import.not_a_flag", ["text": text])
                        continue
                    }
                case .text: break
                }
                switch field.level {
                case .assessment:
                    if let (first, firstCell, firstText) = fields[field.path] {
                        if !Self.same(first, value) {
                            issue(
                                cell, .inconsistent, "import.differs",
                                ["text": text, "first": firstText, "first_row": String(firstCell.row)])
                        }
                    } else {
                        fields[field.path] = (value, cell, text)
                    }
                case .layer: layerFields.append((field.path, value, cell))
                case .measurement: long[field.path] = (text, cell)
                }
            case .indicator(let code, let unit):
                place = (.measurement, "")
                guard let number = CellText.number(text) else {
                    issue(cell, .type, "import.not_a_number", ["text": text])
                    continue
                }
                wide.append(Measurement(indicator: code, value: number, cell: cell, unit: unit.map { ($0, cell) }))
            case .indicatorProperty(let code, let property):
                properties.append((code, property, text, cell))
            case .ignored, .unknown, .unknownUnit: continue
            }
        }
        place = (.measurement, "")
        for property in properties {
            guard let index = wide.firstIndex(where: { $0.indicator == property.code }) else { continue }
            if property.property == "method" {
                wide[index].method = (property.text, property.cell)
            } else if let number = CellText.number(property.text) {
                wide[index].uncertainty = (number, property.cell)
            } else {
                issue(property.cell, .type, "import.not_a_number", ["text": property.text])
            }
        }
        if let (indicator, cell) = long["indicator"] {
            let (valueText, valueCell) = long["original_value"] ?? long["value"] ?? ("", cell)
            let unit = long["original_value"] != nil ? long["original_unit"] : long["unit"]
            var measurement = Measurement(
                indicator: indicator, value: CellText.number(valueText), cell: valueCell,
                unit: unit.map { (columns.unit($0.0) ?? $0.0, $0.1) }, method: long["method"])
            if measurement.value == nil && !valueText.isEmpty {
                issue(valueCell, .type, "import.not_a_number", ["text": valueText])
            } else {
                if let (text, cell) = long["uncertainty"] {
                    if var number = CellText.number(text) {
                        // An export's uncertainty is in the canonical unit; back to the original one.
                        if long["original_value"] != nil, let unit = measurement.unit?.0,
                            let factor = columns.factors[indicator]?[unit], factor != 0
                        {
                            number = Double(String(format: "%.10g", number / factor)) ?? number / factor
                        }
                        measurement.uncertainty = (number, cell)
                    } else {
                        issue(cell, .type, "import.not_a_number", ["text": text])
                    }
                }
                wide.append(measurement)
            }
        }
        // A layer is its depths; a row without both starts a layer of its own.
        let depth = { (path: String) -> String? in
            layerFields.first { $0.0 == path }.map { field in
                if case .number(let number) = field.1 { return String(number) }
                return nil
            } ?? nil
        }
        var layerIndex = layers.count
        if let top = depth("top_cm"), let bottom = depth("bottom_cm"), let existing = layerKeys[top + "|" + bottom] {
            layerIndex = existing
        } else {
            if let top = depth("top_cm"), let bottom = depth("bottom_cm") { layerKeys[top + "|" + bottom] = layerIndex }
            layers.append(Layer(firstRow: row.number))
        }
        for field in layerFields where !layers[layerIndex].fields.contains(where: { $0.0 == field.0 }) {
            layers[layerIndex].fields.append(field)
        }
        layers[layerIndex].measurements += wide
        for (issue, layerField) in pending {
            var issue = issue
            if let layerField { issue.path = "/layers/\(layerIndex)/" + layerField }
            issues.append(issue)
        }
    }

    /// The document and the cells of its values.
    func build(_ columns: ImportColumns) -> SheetDocument {
        var cells = CellMap()
        var members: [JSONMember] = []
        for field in columns.fields where field.level == .assessment {
            guard let (value, cell, _) = fields[field.path] else { continue }
            let parts = field.path.split(separator: ".").map(String.init)
            cells.fields["/" + parts.joined(separator: "/")] = cell
            let json = Self.json(value)
            if parts.count == 1 {
                members.append(JSONMember(key: parts[0], value: json))
            } else if let parent = members.firstIndex(where: { $0.key == parts[0] }),
                case .object(var children) = members[parent].value.storage
            {
                children.append(JSONMember(key: parts[1], value: json))
                members[parent].value = JSONValue(.object(children))
            } else {
                members.append(
                    JSONMember(key: parts[0], value: JSONValue(.object([JSONMember(key: parts[1], value: json)]))))
            }
        }
        var layerValues: [JSONValue] = []
        for layer in layers {
            var layerCells = CellMap.Layer(cell: layer.fields.first?.2 ?? CellRef(row: layer.firstRow, column: nil))
            var layerMembers: [JSONMember] = []
            for (path, value, cell) in layer.fields {
                layerCells.fields[path] = cell
                layerMembers.append(JSONMember(key: path, value: Self.json(value)))
            }
            var measurements: [JSONValue] = []
            for measurement in layer.measurements {
                var measurementCells = CellMap.Measurement(value: measurement.cell)
                var fields = [JSONMember(key: "indicator", value: JSONValue(.string(measurement.indicator)))]
                if let value = measurement.value {
                    fields.append(JSONMember(key: "value", value: Self.json(.number(value))))
                }
                if let (unit, cell) = measurement.unit {
                    fields.append(JSONMember(key: "unit", value: JSONValue(.string(unit))))
                    measurementCells.properties["unit"] = cell
                }
                if let (method, cell) = measurement.method {
                    fields.append(JSONMember(key: "method", value: JSONValue(.string(method))))
                    measurementCells.properties["method"] = cell
                }
                if let (uncertainty, cell) = measurement.uncertainty {
                    fields.append(JSONMember(key: "uncertainty", value: Self.json(.number(uncertainty))))
                    measurementCells.properties["uncertainty"] = cell
                }
                measurements.append(JSONValue(.object(fields)))
                layerCells.measurements.append(measurementCells)
            }
            cells.layers.append(layerCells)
            layerMembers.append(JSONMember(key: "measurements", value: JSONValue(.array(measurements))))
            layerValues.append(JSONValue(.object(layerMembers)))
        }
        let layersMember = JSONMember(key: "layers", value: JSONValue(.array(layerValues)))
        if let notes = members.firstIndex(where: { $0.key == "notes" }) {
            members.insert(layersMember, at: notes)
        } else {
            members.append(layersMember)
        }
        return SheetDocument(value: JSONValue(.object(members)), cells: cells, firstRow: firstRow)
    }

    private static func json(_ value: Value) -> JSONValue {
        switch value {
        case .text(let text): return JSONValue(.string(text))
        case .number(let number):
            return JSONValue(.number(JSONNumber(value: number, isIntegerLiteral: number == number.rounded())))
        case .flag(let flag): return JSONValue(.bool(flag))
        }
    }

    private static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.flag(let x), .flag(let y)): return x == y
        default: return false
        }
    }
}

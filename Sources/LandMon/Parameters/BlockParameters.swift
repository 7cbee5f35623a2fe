import Assessments
import Store

/// Query parameters of `GET /v1/assessments` on the thematic blocks, named from the catalog:
/// `block.field=value` for code, boolean and integer fields (equality), and `block.field.min` /
/// `block.field.max` (inclusive bounds) for number, integer and date fields.
enum BlockParameters {
    /// One parameter: its name, the field it reads and how it compares.
    struct Entry {
        let name: String
        let block: Block
        let field: BlockField
        let comparison: DocumentCondition.Comparison
    }

    /// Every block parameter of `catalog`, in catalog order.
    static func all(_ catalog: Catalog) -> [Entry] {
        var result: [Entry] = []
        for block in catalog.blocks {
            for field in block.fields {
                let name = block.code + "." + field.code
                switch field.kind {
                case .code, .boolean:
                    result.append(Entry(name: name, block: block, field: field, comparison: .equal))
                case .integer:
                    result.append(Entry(name: name, block: block, field: field, comparison: .equal))
                    result.append(Entry(name: name + ".min", block: block, field: field, comparison: .atLeast))
                    result.append(Entry(name: name + ".max", block: block, field: field, comparison: .atMost))
                case .number, .date:
                    result.append(Entry(name: name + ".min", block: block, field: field, comparison: .atLeast))
                    result.append(Entry(name: name + ".max", block: block, field: field, comparison: .atMost))
                }
            }
        }
        return result
    }

    /// The names of `all(catalog)`.
    static func names(_ catalog: Catalog) -> Set<String> { Set(all(catalog).map(\.name)) }

    /// The condition a block parameter sets; nil when `name` is not one. A bad value is refused
    /// by name (400).
    static func condition(_ name: String, _ value: String, catalog: Catalog) throws(APIError) -> DocumentCondition? {
        guard let entry = all(catalog).first(where: { $0.name == name }) else { return nil }
        let field = entry.field
        let path = entry.block.code + "." + field.code
        let checked: DocumentCondition.Value
        switch field.kind {
        case .code:
            guard field.codes.contains(where: { $0.code == value }) else {
                throw .parameter(
                    name, "block_code",
                    ["value": value, "values": field.codes.map(\.code).joined(separator: ", ")])
            }
            checked = .text(value)
        case .boolean:
            checked = .bool(try QueryValues.flag(value, name: name))
        case .integer:
            let number = try QueryValues.integer(
                value, name: name, range: Int64(field.min ?? 0)...Int64(field.max ?? 0))
            checked = .number(Double(number))
        case .number:
            guard QueryValues.isNumber(value, exponent: true), let number = Double(value), number.isFinite,
                (field.min ?? 0)...(field.max ?? 0) ~= number
            else {
                throw .parameter(
                    name, "block_number",
                    ["min": formatted(field.min ?? 0), "max": formatted(field.max ?? 0)])
            }
            checked = .number(number)
        case .date:
            checked = .text(try QueryValues.date(value, name: name))
        }
        return DocumentCondition(field: path, comparison: entry.comparison, value: checked)
    }

    /// A bound as the catalog writes it: `8000`, not `8000.0`.
    static func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

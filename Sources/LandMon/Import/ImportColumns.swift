import Assessments
import Foundation
import Messages

/// The column names of `Config/schema/import-columns.json`: which header of a spreadsheet fills
/// which document field, in English, Russian and Kazakh, with units taken from the header.
struct ImportColumns: Sendable {
    enum FieldType: String, Sendable { case text, number, date, unit, boolean }
    enum Level: String, Sendable { case assessment, layer, measurement }

    /// One document field a column may fill.
    struct Field: Sendable {
        /// Dotted path in the document (`site.lat`).
        var path: String
        var type: FieldType
        var level: Level
        /// The template's header per language (the first name listed).
        var title: [Language: String]
    }

    /// What a header names.
    enum Column: Sendable, Hashable {
        case field(Int)
        /// An indicator's values in `unit` (nil: the canonical unit, or as the catalog says).
        case indicator(String, unit: String?)
        /// `soc.method`, `soc.uncertainty`: a property of an indicator's measurement in the row.
        case indicatorProperty(String, property: String)
        case ignored
        /// A known indicator with a unit nobody knows.
        case unknownUnit(String, unit: String)
        case unknown
    }

    var fields: [Field]
    private var fieldNames: [String: Int] = [:]
    private var indicatorNames: [String: String] = [:]
    private var unitNames: [String: String] = [:]
    private var ignored: Set<String> = []
    /// Indicator codes in catalog order and their template names per language.
    var indicators: [(code: String, title: [Language: String])] = []
    /// Indicator -> unit -> factor to the canonical unit (`soc` -> `%` -> 10).
    var factors: [String: [String: Double]] = [:]
    /// Unit codes spelled in each language (`g/kg` -> `г/кг`), for the template.
    var unitTitles: [Language: [String: String]] = [:]

    /// Loads the column file beside the catalog; a broken file stops the start like a broken catalog.
    static func load(from directory: URL, catalog: Catalog, messages: MessageCatalog) throws -> ImportColumns {
        let name = "import-columns.json"
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        let document = try JSONParser().parse(bytes)
        func fail(_ reason: String) -> CatalogError { CatalogError(file: name, entry: "-", reason: reason) }
        func names(_ value: JSONValue?) -> [Language?: [String]] {
            var result: [Language?: [String]] = [:]
            for member in value?.objectMembers ?? [] {
                result[Language(rawValue: member.key), default: []] +=
                    (member.value.arrayElements ?? []).compactMap(\.stringValue)
            }
            return result
        }
        var columns = ImportColumns(fields: [])
        for entry in document["columns"]?.arrayElements ?? [] {
            guard let path = entry["field"]?.stringValue, let type = entry["type"]?.stringValue.flatMap(FieldType.init),
                let level = entry["level"]?.stringValue.flatMap(Level.init)
            else { throw fail("each column needs field, type (text, number, date, unit) and level") }
            let spelled = names(entry["names"])
            var title: [Language: String] = [:]
            for language in Language.allCases { title[language] = spelled[language]?.first ?? path }
            columns.fields.append(Field(path: path, type: type, level: level, title: title))
            for text in spelled.values.joined() + [path] {
                if let other = columns.fieldNames[normalize(text)], other != columns.fields.count - 1 {
                    throw fail("\"\(text)\" names both \(columns.fields[other].path) and \(path)")
                }
                columns.fieldNames[normalize(text)] = columns.fields.count - 1
            }
        }
        guard !columns.fields.isEmpty else { throw fail("columns must list the document's fields") }
        // The thematic blocks' fields, by their `block.field` name (the CSV export's header) and
        // their English and Russian labels: a block field added to the catalog is importable too.
        for block in catalog.blocks {
            for field in block.fields {
                let path = block.code + "." + field.code
                let type: FieldType =
                    switch field.kind {
                    case .number, .integer: .number
                    case .date: .date
                    case .boolean: .boolean
                    case .code: .text
                    }
                let title: [Language: String] = [
                    .en: block.name + ": " + field.name, .ru: block.nameRU + ": " + field.nameRU,
                ]
                columns.fields.append(Field(path: path, type: type, level: .assessment, title: title))
                for text in [path, block.name + ": " + field.name, block.nameRU + ": " + field.nameRU]
                where columns.fieldNames[normalize(text)] == nil {
                    columns.fieldNames[normalize(text)] = columns.fields.count - 1
                }
            }
        }
        columns.ignored = Set((document["ignored"]?.arrayElements ?? []).compactMap(\.stringValue).map(normalize))
        let extra = document["indicators"]
        for code in catalog.indicatorCodes {
            guard let indicator = catalog.indicators[code] else { continue }
            let spelled = names(extra?[code])
            var title: [Language: String] = [:]
            title[.en] = spelled[.en]?.first ?? indicator.name
            title[.ru] = spelled[.ru]?.first ?? indicator.nameRU
            columns.indicators.append((code, title))
            columns.factors[code] = indicator.otherUnits
            for text in spelled.values.joined() + [code, indicator.name, indicator.nameRU] {
                let key = normalize(text)
                if columns.fieldNames[key] != nil { throw fail("\"\(text)\" names a field and indicator \(code)") }
                columns.indicatorNames[key] = code
            }
            for unit in [indicator.unit] + indicator.otherUnits.keys.sorted() {
                columns.unitNames[normalize(unit)] = unit
                for language in Language.allCases {
                    let spelledUnit = messages.text("unit." + unit, in: language)
                    columns.unitTitles[language, default: [:]][unit] = spelledUnit
                    columns.unitNames[normalize(spelledUnit)] = unit
                }
            }
        }
        for member in extra?.objectMembers ?? [] where catalog.indicators[member.key] == nil {
            throw fail("indicators.\(member.key) is not an indicator of indicators.json")
        }
        return columns
    }

    /// The unit code a spelling names (`г/кг`, `g/kg`, `г/см3`), nil when none.
    func unit(_ text: String) -> String? { unitNames[ImportColumns.normalize(text)] }

    /// What a header names: a field, an indicator with the unit given after a comma or in
    /// parentheses, a column to skip, or nothing known.
    func resolve(_ header: String) -> Column {
        let key = ImportColumns.normalize(header)
        if ignored.contains(key) { return .ignored }
        if let index = fieldNames[key] { return .field(index) }
        if let code = indicatorNames[key] { return .indicator(code, unit: nil) }
        if let dot = key.lastIndex(of: "."), let code = indicatorNames[String(key[..<dot])] {
            let property = String(key[key.index(after: dot)...])
            if property == "method" || property == "uncertainty" { return .indicatorProperty(code, property: property) }
        }
        var name = ""
        var unitText = ""
        if key.hasSuffix(")"), let open = key.lastIndex(of: "(") {
            name = String(key[..<open]).trimmingCharacters(in: .whitespaces)
            unitText = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
        } else if let comma = key.lastIndex(of: ",") {
            name = String(key[..<comma])
            unitText = String(key[key.index(after: comma)...])
        } else {
            return .unknown
        }
        if let index = fieldNames[name] { return .field(index) }
        guard let code = indicatorNames[name] else { return .unknown }
        guard let unit = unit(unitText) else {
            return .unknownUnit(code, unit: unitText.trimmingCharacters(in: .whitespaces))
        }
        return .indicator(code, unit: unit)
    }

    /// Lower case, `ё` as `е`, `³` as `3`, runs of spaces as one, no spaces around commas.
    static func normalize(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            let mapped: Character =
                switch character {
                case "ё": "е"
                case "³": "3"
                default: character
                }
            if pendingSpace && mapped != "," && out.last != "," { out.append(" ") }
            pendingSpace = false
            out.append(mapped)
        }
        return out
    }
}

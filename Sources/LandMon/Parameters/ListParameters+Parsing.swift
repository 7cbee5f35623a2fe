import Assessments
import Formats
import Foundation
import Messages
import Store

extension ListParameters {
    /// Parses and checks query parameters; the first bad one is refused by name (400). An
    /// `Accept` that no format satisfies is 406.
    static func parse(
        _ items: [(name: String, value: String)], catalog: Catalog, countries: Set<String>, accept: String?
    )
        throws(APIError) -> ListParameters
    {
        var query = ListParameters()
        var seen = Set<String>()
        var formatGiven = false
        for (name, value) in items {
            guard names.contains(name) else {
                // The thematic blocks' fields (`pasture.season=summer`), named from the catalog.
                guard let condition = try BlockParameters.condition(name, value, catalog: catalog) else {
                    throw .parameter(name, "unknown")
                }
                guard seen.insert(name).inserted else { throw .parameter(name, "repeated") }
                query.filter.documentConditions.append(condition)
                continue
            }
            guard seen.insert(name).inserted else { throw .parameter(name, "repeated") }
            switch name {
            case "country": query.filter.country = try QueryValues.country(value, countries: countries)
            case "region": query.filter.regions = try QueryValues.regions(value, catalog: catalog)
            case "site": query.filter.site = try QueryValues.identifier(value, name: name)
            case "reference": query.filter.reference = try QueryValues.identifier(value, name: name)
            case "indicator": query.filter.indicators = try QueryValues.indicators(value, catalog: catalog)
            case "land_cover":
                guard catalog.landCovers.contains(where: { $0.code == value }) else {
                    throw .parameter(name, "not_in_catalog", ["value": value])
                }
                query.filter.landCover = value
            case "from": query.filter.from = try QueryValues.date(value, name: name)
            case "to": query.filter.to = try QueryValues.date(value, name: name)
            case "bbox": query.filter.bbox = try QueryValues.boundingBox(value, name: name)
            case "depth_max": query.filter.depthMax = try QueryValues.depth(value, name: name)
            case "updated_since":
                guard let date = Timestamp.parse(value) else { throw .parameter(name, "timestamp") }
                query.filter.updatedSince = Timestamp.format(date)
            case "qa_flag":
                guard !value.isEmpty, value.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }) else {
                    throw .parameter(name, "flag")
                }
                query.filter.qaFlag = value
            case "sort":
                guard let sort = AssessmentFilter.Sort(rawValue: value) else {
                    throw .parameter(
                        name, "one_of",
                        ["values": AssessmentFilter.Sort.allCases.map(\.rawValue).joined(separator: ", ")])
                }
                query.filter.sort = sort
            case "limit":
                if value == "all" {
                    query.limit = nil
                } else {
                    guard QueryValues.isNumber(value, fraction: false, exponent: false), let limit = Int(value),
                        (1...1000).contains(limit)
                    else { throw .parameter(name, "limit") }
                    query.limit = limit
                }
            case "cursor": query.cursor = try Cursor(decoding: value, name: name)
            case "count": query.count = try QueryValues.flag(value, name: name)
            case "format" where value == "xlsx":
                query.format = .csv
                query.isXLSX = true
                formatGiven = true
            case "format":
                guard let format = OutputFormat(rawValue: value) else {
                    throw .parameter(
                        name, "one_of", ["values": OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")])
                }
                query.format = format
                formatGiven = true
            case "dialect":
                guard value == "excel" || value == "rfc4180" else {
                    throw .parameter(name, "one_of", ["values": "excel, rfc4180"])
                }
                query.isExcel = value == "excel"
            case "pretty": query.isPretty = value.isEmpty ? true : try QueryValues.flag(value, name: name)
            default: break
            }
        }
        if !formatGiven {
            guard let format = OutputFormat.negotiate(accept: accept) else {
                throw .notAcceptable(
                    Message(
                        "parameter.not_acceptable",
                        ["types": "application/json, application/x-ndjson, text/csv, application/geo+json"]))
            }
            query.format = format
        }
        try QueryValues.checkOrder(from: query.filter.from, to: query.filter.to)
        if query.limit == nil && query.format == .json { throw .parameter("limit", "limit_all_json") }
        if query.isExcel && (query.format != .csv || query.isXLSX) { throw .parameter("dialect", "dialect_csv") }
        if let cursor = query.cursor, !cursor.belongs(to: query.filter.key) {
            throw .parameter("cursor", "cursor_other")
        }
        return query
    }
}

extension OutputFormat {
    /// The format an `Accept` header prefers, or nil when it names none of ours.
    static func negotiate(accept: String?) -> OutputFormat? {
        guard let accept, !accept.isEmpty else { return .json }
        var best: (OutputFormat, Double)?
        for item in accept.split(separator: ",") {
            let fields = item.split(separator: ";").map { trimmingOptionalWhitespace($0).lowercased() }
            guard let type = fields.first else { continue }
            var quality = 1.0
            for parameter in fields.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let format: OutputFormat?
            switch type {
            case "application/json", "application/*", "*/*": format = .json
            case "application/x-ndjson", "application/ndjson", "application/jsonl": format = .ndjson
            case "text/csv", "text/*": format = .csv
            case "application/geo+json": format = .geojson
            default: format = nil
            }
            if let format, quality > 0, quality > (best?.1 ?? 0) { best = (format, quality) }
        }
        return best?.0
    }
}

import Assessments
import Foundation

extension AssessmentQuery {
    /// Parses and checks query parameters; the first bad one is refused by name (400).
    static func parse(_ items: [(name: String, value: String)], catalog: Catalog, accept: String?) throws(APIError)
        -> AssessmentQuery
    {
        var query = AssessmentQuery()
        var seen = Set<String>()
        var formatGiven = false
        for (name, value) in items {
            guard names.contains(name) else {
                throw .invalidParameter(name: name, detail: "unknown parameter \"\(name)\"")
            }
            guard seen.insert(name).inserted else {
                throw .invalidParameter(name: name, detail: "parameter \"\(name)\" is given more than once")
            }
            func bad(_ why: String) -> APIError { .invalidParameter(name: name, detail: "\(name): \(why)") }
            switch name {
            case "country":
                query.country = try QueryValues.country(value)
            case "region":
                query.regions = try QueryValues.regions(value, catalog: catalog)
            case "site": query.site = try QueryValues.identifier(value, name: name)
            case "reference": query.reference = try QueryValues.identifier(value, name: name)
            case "indicator":
                query.indicators = try QueryValues.list(value, name: name)
                for code in query.indicators where catalog.indicators[code] == nil {
                    throw bad("\(code) is not an indicator of the catalog")
                }
            case "land_cover":
                guard catalog.landCovers.contains(where: { $0.code == value }) else {
                    throw bad("\(value) is not a land-cover class")
                }
                query.landCover = value
            case "from": query.from = try QueryValues.date(value, name: name)
            case "to": query.to = try QueryValues.date(value, name: name)
            case "bbox": query.bbox = try QueryValues.boundingBox(value, name: name)
            case "depth_max":
                guard let depth = Double(value), depth.isFinite, depth > 0, depth <= 1000 else {
                    throw bad("must be a depth in cm, greater than 0 and at most 1000")
                }
                query.depthMax = depth
            case "updated_since":
                guard let date = Timestamp.parse(value) else {
                    throw bad("must be an RFC 3339 timestamp such as 2025-01-31T00:00:00Z")
                }
                query.updatedSince = Timestamp.format(date)
            case "qa_flag":
                guard !value.isEmpty, value.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }) else {
                    throw bad("must be a flag name such as out_of_typical_range")
                }
                query.qaFlag = value
            case "sort":
                guard let sort = Sort(rawValue: value) else {
                    throw bad("must be one of " + Sort.allCases.map(\.rawValue).joined(separator: ", "))
                }
                query.sort = sort
            case "limit":
                if value == "all" {
                    query.limit = nil
                } else {
                    guard let limit = Int(value), (1...1000).contains(limit) else {
                        throw bad("must be a whole number from 1 to 1000, or all")
                    }
                    query.limit = limit
                }
            case "cursor": query.cursor = try Cursor(decoding: value, name: name)
            case "count": query.count = try QueryValues.flag(value, name: name)
            case "format":
                guard let format = OutputFormat(rawValue: value) else {
                    throw bad("must be one of json, ndjson, csv, geojson")
                }
                query.format = format
                formatGiven = true
            case "pretty": query.isPretty = value.isEmpty ? true : try QueryValues.flag(value, name: name)
            default: break
            }
        }
        if !formatGiven {
            guard let format = OutputFormat.negotiate(accept: accept) else {
                throw .invalidParameter(
                    name: "Accept",
                    detail:
                        "Accept names no format this endpoint has: application/json, application/x-ndjson, text/csv, application/geo+json"
                )
            }
            query.format = format
        }
        if let from = query.from, let to = query.to, from > to {
            throw .invalidParameter(name: "from", detail: "from (\(from)) is after to (\(to))")
        }
        if query.limit == nil && query.format == .json {
            throw .invalidParameter(
                name: "limit",
                detail: "limit=all streams csv, ndjson or geojson; JSON answers are paged (limit 1 to 1000)")
        }
        if let cursor = query.cursor, !cursor.belongs(to: query.filterKey) {
            throw .invalidParameter(name: "cursor", detail: "cursor belongs to another query; start again without it")
        }
        return query
    }
}

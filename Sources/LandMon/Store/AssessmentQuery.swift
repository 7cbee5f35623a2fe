import Assessments
import Foundation

/// A parsed `GET /v1/assessments` query: filters, sort, page and format, each checked.
struct AssessmentQuery: Sendable {
    enum Sort: String, Sendable, CaseIterable {
        case sampledOn = "sampled_on"
        case sampledOnDescending = "-sampled_on"
        case submittedAt = "submitted_at"
        case submittedAtDescending = "-submitted_at"
    }

    var country: String?
    var regions: [String] = []
    var site: String?
    var reference: String?
    var indicators: [String] = []
    var landCover: String?
    var from: String?
    var to: String?
    var bbox: BoundingBox?
    var depthMax: Double?
    var updatedSince: String?
    var qaFlag: String?
    var sort: Sort = .sampledOnDescending
    /// Page size; nil means `limit=all` (streamed formats only).
    var limit: Int? = 100
    var cursor: Cursor?
    var count = false
    var format: OutputFormat = .json
    var isPretty = false

    /// The parameters this endpoint knows; any other is refused by name.
    static let names: Set<String> = [
        "country", "region", "site", "reference", "indicator", "land_cover", "from", "to", "bbox", "depth_max",
        "updated_since", "qa_flag", "sort", "limit", "cursor", "count", "format", "pretty",
    ]

    /// The filter part in a canonical text, for cursors and entity tags: equal filters, equal text.
    var filterKey: String {
        var parts: [String] = []
        func add(_ name: String, _ value: String?) { if let value { parts.append("\(name)=\(value)") } }
        add("country", country)
        if !regions.isEmpty { parts.append("region=" + regions.sorted().joined(separator: ",")) }
        add("site", site)
        add("reference", reference)
        if !indicators.isEmpty { parts.append("indicator=" + indicators.sorted().joined(separator: ",")) }
        add("land_cover", landCover)
        add("from", from)
        add("to", to)
        add("bbox", bbox.map { "\($0.minLon),\($0.minLat),\($0.maxLon),\($0.maxLat)" })
        add("depth_max", depthMax.map { "\($0)" })
        add("updated_since", updatedSince)
        add("qa_flag", qaFlag)
        parts.append("sort=\(sort.rawValue)")
        return parts.joined(separator: "&")
    }
}

/// `bbox=minLon,minLat,maxLon,maxLat`; `minLon > maxLon` crosses the antimeridian.
struct BoundingBox: Sendable, Equatable {
    let minLon: Double
    let minLat: Double
    let maxLon: Double
    let maxLat: Double
}

/// The answer's media type, from `?format=` or `Accept`.
enum OutputFormat: String, Sendable, CaseIterable {
    case json, ndjson, csv, geojson

    var contentType: String {
        switch self {
        case .json: return "application/json"
        case .ndjson: return "application/x-ndjson"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .geojson: return "application/geo+json"
        }
    }

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

import Assessments
import Foundation
import Store

/// A parsed `GET /ogc/collections/{id}/items` query: OGC API - Features Part 1 (`limit`, `bbox`,
/// `bbox-crs`, `datetime`) and landmon's own filters as form parameters, each checked and refused
/// by name.
struct OGCParameters: Sendable {
    var filter = AssessmentFilter()
    var limit = 100
    /// The cursor's text as given (decoded by the resource, which knows the collection).
    var cursor: String?

    /// The parameters `items` knows; any other is refused by name (400).
    static let names: Set<String> = filterNames.union(["limit", "cursor"])

    /// The filters. The other `/ogc` documents take them too, checked and otherwise ignored: GIS
    /// clients given a filtered address (`OAPIF:https://host/ogc?country=KZ&datetime=2020-01-01/..`)
    /// repeat its query on every request they make, and apply it to the features.
    static let filterNames: Set<String> = [
        "bbox", "bbox-crs", "datetime", "country", "region", "site", "indicator", "land_cover", "qa_flag",
    ]

    /// The one CRS of Part 1 core: WGS 84 longitude, latitude.
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

    static func parse(
        _ items: [(name: String, value: String)], catalog: Catalog, countries: Set<String>,
        allowed: Set<String> = names
    ) throws(APIError) -> OGCParameters {
        var query = OGCParameters()
        // Features come in id order, so that keyset paging neither skips nor repeats one.
        query.filter.sort = .submittedAt
        var seen = Set<String>()
        for (name, value) in items {
            if Exchange.commonParameters.contains(name) { continue }
            guard allowed.contains(name) else { throw .parameter(name, "unknown") }
            guard seen.insert(name).inserted else { throw .parameter(name, "repeated") }
            switch name {
            case "limit":
                guard QueryValues.isNumber(value, fraction: false, exponent: false), let limit = Int(value),
                    (1...1000).contains(limit)
                else { throw .parameter(name, "ogc_limit") }
                query.limit = limit
            case "bbox": query.filter.bbox = try QueryValues.boundingBox(value, name: name)
            case "bbox-crs":
                guard value == crs84 else { throw .parameter(name, "bbox_crs") }
            case "datetime": (query.filter.from, query.filter.to) = try interval(value, name: name)
            case "cursor": query.cursor = value
            case "country": query.filter.country = try QueryValues.country(value, countries: countries)
            case "region": query.filter.regions = try QueryValues.regions(value, catalog: catalog)
            case "site": query.filter.site = try QueryValues.identifier(value, name: name)
            case "indicator": query.filter.indicators = try QueryValues.indicators(value, catalog: catalog)
            case "land_cover":
                guard catalog.landCovers.contains(where: { $0.code == value }) else {
                    throw .parameter(name, "not_in_catalog", ["value": value])
                }
                query.filter.landCover = value
            case "qa_flag":
                guard !value.isEmpty, value.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }) else {
                    throw .parameter(name, "flag")
                }
                query.filter.qaFlag = value
            default: break
            }
        }
        return query
    }

    /// The time of an RFC 3339 date-time, `T` to the offset (seconds with at most 3 decimals).
    static let timePattern =
        "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,3})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

    /// `datetime` on `sampled_on`: an RFC 3339 date or date-time (the UTC day it falls on), or an
    /// interval `start/end` whose ends may be open (`..` or empty, so `/` is every day); as
    /// inclusive dates.
    static func interval(_ value: String, name: String) throws(APIError) -> (String?, String?) {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func day(_ text: String) throws(APIError) -> String? {
            if text == ".." || text.isEmpty { return nil }
            let date = try QueryValues.date(String(text.prefix(10)), name: name)
            if text.utf8.count == 10 { return date }
            // Foundation's parser takes more than RFC 3339 (a missing offset, a day past the month's end).
            guard let time = try? Regex(timePattern), text.dropFirst(10).wholeMatch(of: time) != nil,
                let instant = Timestamp.parse(text)
            else { throw .parameter(name, "datetime") }
            return String(Timestamp.format(instant).prefix(10))
        }
        switch parts.count {
        case 1:
            guard let instant = try day(parts[0]) else { throw .parameter(name, "datetime") }
            return (instant, instant)
        case 2:
            let (start, end) = (try day(parts[0]), try day(parts[1]))
            if let start, let end, start > end { throw .parameter(name, "datetime") }
            return (start, end)
        default: throw .parameter(name, "datetime")
        }
    }
}

/// The opaque cursor of an `items` page: where it ended, bound to the collection and filter.
enum OGCCursor {
    /// The cursor's text after `key` (assessments and sites: by id). `matched`, the first page's
    /// count, rides along so that later pages tell it without counting again.
    static func encode(_ key: PageKey, matched: Int?, filterKey: String) -> String {
        text(["o", tag(filterKey), String(key.id)], matched: matched)
    }

    /// The cursor's text after a measurement.
    static func encode(_ key: MeasurementKey, matched: Int?, filterKey: String) -> String {
        var top: [UInt8] = []
        JSONWriter.appendNumber(key.topCm, to: &top)
        let fields = [
            "m", tag(filterKey), key.indicator, key.region, key.sampledOn, String(key.assessmentID),
            String(decoding: top, as: UTF8.self),
        ]
        return text(fields, matched: matched)
    }

    static func pageKey(_ text: String, filterKey: String) throws(APIError) -> (PageKey, matched: Int?) {
        let parts = try fields(text, kind: "o", count: 4, filterKey: filterKey)
        guard let id = Int64(parts[2]) else { throw .parameter("cursor", "cursor") }
        return (PageKey(sampledOn: nil, id: id), Int(parts[3]))
    }

    static func measurementKey(_ text: String, filterKey: String) throws(APIError) -> (
        MeasurementKey, matched: Int?
    ) {
        let parts = try fields(text, kind: "m", count: 8, filterKey: filterKey)
        guard let id = Int64(parts[5]), let top = Double(parts[6]) else { throw .parameter("cursor", "cursor") }
        let key = MeasurementKey(
            indicator: parts[2], region: parts[3], sampledOn: parts[4], assessmentID: id, topCm: top)
        return (key, Int(parts[7]))
    }

    private static func text(_ fields: [String], matched: Int?) -> String {
        Digest.base64URL(Array((fields + [matched.map(String.init) ?? ""]).joined(separator: "|").utf8))
    }

    private static func fields(_ text: String, kind: String, count: Int, filterKey: String) throws(APIError)
        -> [String]
    {
        guard text.utf8.count <= 256, let bytes = Digest.decodeBase64URL(text),
            let plain = String(bytes: bytes, encoding: .utf8)
        else { throw .parameter("cursor", "cursor") }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count, parts[0] == kind else { throw .parameter("cursor", "cursor") }
        guard parts[1] == tag(filterKey) else { throw .parameter("cursor", "cursor_other") }
        return parts
    }

    private static func tag(_ filterKey: String) -> String { String(Digest.hex(Digest.sha256(filterKey)).prefix(16)) }
}

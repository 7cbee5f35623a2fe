import Assessments
import Foundation

/// The three feature collections of `/ogc`, with their texts' message keys and the JSON Schema of
/// their properties (`describedby`).
enum OGCCollection: String, CaseIterable, Sendable {
    case assessments, sites, measurements

    var titleKey: String { "ogc.\(rawValue)_title" }
    var descriptionKey: String { "ogc.\(rawValue)_description" }

    /// The JSON Schema (2020-12) of a feature's properties, for `describedby` and for clients that
    /// build their table from it. Every property is present on every feature; those outside
    /// `required` are null when unknown. Each has one `type` (not `["number", "null"]`): GDAL
    /// (3.6) makes a column of any other form a text column, and would store numbers as text.
    func propertiesSchema(_ catalog: Catalog) -> [String: Any] {
        let text: [String: Any] = ["type": "string", "x-nullable": true]
        let number: [String: Any] = ["type": "number", "x-nullable": true]
        let integer: [String: Any] = ["type": "integer", "x-nullable": true]
        var properties: [String: Any] = [:]
        var order: [String] = []
        func add(_ name: String, _ schema: [String: Any], _ description: String) {
            var schema = schema
            schema["description"] = description
            properties[name] = schema
            order.append(name)
        }
        add("assessment_id", ["type": "integer"], "Id of the assessment (GET /v1/assessments/{id})")
        switch self {
        case .assessments, .sites:
            add("reference", text, "The agency's own reference")
            add("country", ["type": "string", "enum": catalog.countries.map(\.code)], "ISO 3166-1 alpha-2")
            add("region", ["type": "string"], "ISO 3166-2 region code")
            add("site", ["type": "string"], "Monitoring site id")
            add("sampled_on", ["type": "string", "format": "date"], "Date of the visit")
            add("land_cover", ["type": "string", "enum": catalog.landCovers.map(\.code)], "UNCCD / IPCC class")
            add("land_use", text, "FAO GfSD 2006 land-use code")
            add("lpd_class", integer, "Land productivity dynamics, 1 declining to 5 increasing")
            add("revision", ["type": "integer"], "Revision of the assessment")
            add("updated_at", ["type": "string", "format": "date-time"], "Time of the last revision")
            add("soc_stock_0_30", number, "SOC stock of 0-30 cm, t C/ha")
            add("qa_flags", text, "Quality flags, comma-separated")
            for code in catalog.indicatorCodes {
                let unit = catalog.indicators[code]?.unit ?? ""
                add(
                    code + "_0_30", number,
                    "\(code): thickness-weighted mean over 0-30 cm (null unless the layers cover 0-30 cm), \(unit)")
            }
            if self == .sites {
                add(
                    "ldn_status", text,
                    "SDG 15.3.1 status of the site, baseline 2000-2015, reporting 2016-2019: "
                        + LDNStatus.allCases.map(\.rawValue).joined(separator: ", ") + " (GET /v1/ldn?detail=sites)")
                add(
                    "ldn", text,
                    "SDG 15.3.1 class of the site: degraded, stable or improved; null when incomplete or water")
            }
        case .measurements:
            add("country", ["type": "string"], "ISO 3166-1 alpha-2")
            add("region", ["type": "string"], "ISO 3166-2 region code")
            add("site", ["type": "string"], "Monitoring site id")
            add("sampled_on", ["type": "string", "format": "date"], "Date of the visit")
            add("land_cover", ["type": "string"], "UNCCD / IPCC class")
            add("indicator", ["type": "string", "enum": catalog.indicatorCodes], "Indicator code")
            add("top_cm", ["type": "number"], "Top of the layer, cm")
            add("bottom_cm", ["type": "number"], "Bottom of the layer, cm")
            add("value", ["type": "number"], "Value in the indicator's canonical unit")
            add("unit", text, "The canonical unit")
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object", "title": rawValue, "properties": properties,
            "required": order.filter { (properties[$0] as? [String: Any])?["x-nullable"] == nil }, "x-ordering": order,
        ]
    }
}

/// Absolute links of one request: from `public_base_url`, else from the request's `Host`.
struct OGCLinks {
    let base: String

    init(configured: String?, host: String?) {
        if let configured {
            base = configured
        } else {
            // A Host outside these characters is not echoed into links.
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
            let host = host.flatMap { $0.allSatisfy(allowed.contains) && !$0.isEmpty ? $0 : nil } ?? "localhost"
            base = "http://" + host
        }
    }

    func url(_ path: String) -> String { base + path }

    /// One typed link object.
    func link(_ path: String, rel: String, type: String, title: String? = nil) -> [String: Any] {
        var link: [String: Any] = ["href": url(path), "rel": rel, "type": type]
        if let title { link["title"] = title }
        return link
    }
}

/// Serializes a document built by the OGC resources (strings, numbers, arrays, dictionaries only).
func ogcJSON(_ object: Any) -> [UInt8] {
    // Built from strings, numbers, booleans, arrays and dictionaries only, which always serialize.
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return [UInt8](data)
}

import Assessments
import Store

/// GeoJSON features of the OGC API - Features collections (`assessments`, `sites`, `measurements`),
/// written straight into the output buffer. Properties are flat (one value per property, the same
/// properties on every feature) so that GIS clients get a stable table; coordinates are rounded when
/// `decimals` is set (public reads), and only the geometry carries them.
public struct OGCFeatureJSON: Sendable {
    /// Indicator codes in catalog order: each gives a `<code>_0_30` property.
    public let indicators: [String]
    /// Decimal places kept in coordinates; nil keeps them exact.
    public let decimals: Int?

    public init(indicators: [String], decimals: Int?) {
        self.indicators = indicators
        self.decimals = decimals
    }

    /// The flat properties of an assessment (and of a site, its latest assessment), in order.
    public var assessmentProperties: [String] {
        [
            "assessment_id", "reference", "country", "region", "site", "sampled_on", "land_cover", "land_use",
            "lpd_class", "revision", "updated_at", "soc_stock_0_30", "qa_flags",
        ] + indicators.map { $0 + "_0_30" }
    }

    /// One assessment as a feature whose id is the assessment's id. `extra` holds pre-encoded
    /// members (`,"name":value`) added to the properties.
    public func appendAssessment(
        id: Int64, lat: Double, lon: Double, document bytes: [UInt8], featureID: String? = nil, extra: [UInt8] = [],
        to buffer: inout [UInt8]
    ) {
        let document = (try? JSONParser().parse(bytes)) ?? JSONValue(.object([]))
        buffer.append(contentsOf: Array(#"{"type":"Feature","id":"#.utf8))
        if let featureID {
            JSONWriter.appendString(featureID, to: &buffer)
        } else {
            JSONWriter.appendInteger(id, to: &buffer)
        }
        appendGeometry(lat: lat, lon: lon, to: &buffer)
        buffer.append(contentsOf: Array(#","properties":{"assessment_id":"#.utf8))
        JSONWriter.appendInteger(id, to: &buffer)
        for key in ["reference", "country", "region"] { member(key, document[key], to: &buffer) }
        member("site", document["site"]?["id"], to: &buffer)
        for key in ["sampled_on", "land_cover", "land_use", "lpd_class", "revision", "updated_at"] {
            member(key, document[key], to: &buffer)
        }
        member("soc_stock_0_30", document["derived"]?["soc_stock_0_30_t_ha"], to: &buffer)
        let flags = document["qa_flags"]?.arrayElements?.compactMap(\.stringValue) ?? []
        buffer.append(contentsOf: Array(#","qa_flags":"#.utf8))
        if flags.isEmpty {
            JSONWriter.appendNull(to: &buffer)
        } else {
            JSONWriter.appendString(flags.joined(separator: ","), to: &buffer)
        }
        let means = OGCFeatureJSON.topsoilValues(document)
        for code in indicators {
            OGCFeatureJSON.appendMemberKey(code + "_0_30", to: &buffer)
            if let mean = means[code] {
                JSONWriter.appendNumber(mean, to: &buffer)
            } else {
                JSONWriter.appendNull(to: &buffer)
            }
        }
        buffer.append(contentsOf: extra)
        buffer.append(contentsOf: Array("}}".utf8))
    }

    /// The flat properties of a measurement, in order.
    public static let measurementProperties = [
        "assessment_id", "country", "region", "site", "sampled_on", "land_cover", "indicator", "top_cm", "bottom_cm",
        "value", "unit",
    ]

    /// One measurement as a feature; its id is `assessment.indicator.top_cm`.
    public func appendMeasurement(_ row: MeasurementRow, unit: String?, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: Array(#"{"type":"Feature","id":"#.utf8))
        JSONWriter.appendString(OGCFeatureJSON.measurementID(row.key), to: &buffer)
        appendGeometry(lat: row.lat, lon: row.lon, to: &buffer)
        buffer.append(contentsOf: Array(#","properties":{"assessment_id":"#.utf8))
        JSONWriter.appendInteger(row.key.assessmentID, to: &buffer)
        for (key, value) in [
            ("country", row.country), ("region", row.key.region), ("site", row.siteID),
            ("sampled_on", row.key.sampledOn), ("land_cover", row.landCover), ("indicator", row.key.indicator),
        ] {
            OGCFeatureJSON.appendMemberKey(key, to: &buffer)
            JSONWriter.appendString(value, to: &buffer)
        }
        for (key, value) in [("top_cm", row.key.topCm), ("bottom_cm", row.bottomCm), ("value", row.value)] {
            OGCFeatureJSON.appendMemberKey(key, to: &buffer)
            JSONWriter.appendNumber(value, to: &buffer)
        }
        OGCFeatureJSON.appendMemberKey("unit", to: &buffer)
        if let unit { JSONWriter.appendString(unit, to: &buffer) } else { JSONWriter.appendNull(to: &buffer) }
        buffer.append(contentsOf: Array("}}".utf8))
    }

    /// A measurement's feature id: `42.soc.0` (assessment, indicator, top in cm).
    public static func measurementID(_ key: MeasurementKey) -> String {
        var top: [UInt8] = []
        JSONWriter.appendNumber(key.topCm, to: &top)
        return "\(key.assessmentID).\(key.indicator).\(String(decoding: top, as: UTF8.self))"
    }

    /// A coordinate as served: rounded to `decimals` places when set.
    public func served(_ coordinate: Double) -> Double {
        guard let decimals else { return coordinate }
        return PublicCoordinates.round(coordinate, decimals: decimals)
    }

    private func appendGeometry(lat: Double, lon: Double, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: Array(#","geometry":{"type":"Point","coordinates":["#.utf8))
        JSONWriter.appendNumber(served(lon), to: &buffer)
        buffer.append(UInt8(ascii: ","))
        JSONWriter.appendNumber(served(lat), to: &buffer)
        buffer.append(contentsOf: Array("]}".utf8))
    }

    /// `,"key":`: a member after the first.
    static func appendMemberKey(_ key: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: ","))
        JSONWriter.appendKey(key, to: &buffer)
    }

    /// `,"key":value`, null when absent.
    private func member(_ key: String, _ value: JSONValue?, to buffer: inout [UInt8]) {
        OGCFeatureJSON.appendMemberKey(key, to: &buffer)
        if let value { JSONWriter.appendValue(value, to: &buffer) } else { JSONWriter.appendNull(to: &buffer) }
    }

    /// Per indicator, the assessment's own 0-30 cm value (`derived.values_0_30`: the
    /// thickness-weighted mean when the layers cover 0-30 cm without a gap), the one statistics
    /// use as `<code>_0_30`; none for an assessment stored before those values were derived.
    static func topsoilValues(_ document: JSONValue) -> [String: Double] {
        var values: [String: Double] = [:]
        for member in document["derived"]?["values_0_30"]?.objectMembers ?? [] {
            if let value = member.value.numberValue?.value { values[member.key] = value }
        }
        return values
    }
}

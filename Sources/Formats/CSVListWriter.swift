import Assessments
import Store

/// CSV (RFC 4180): a header row, then one row per measurement with the assessment's columns
/// repeated; CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled.
/// The thematic blocks' fields (`pasture.season`, ...) follow `columns`, one column each, empty
/// where the assessment lacks them.
public struct CSVListWriter: ListWriter {
    public static let columns =
        [
            "id", "reference", "country", "region", "site_id", "lat", "lon", "sampled_on", "land_cover", "land_use",
            "revision", "qa_flags", "soc_stock_0_30_t_ha", "top_cm", "bottom_cm", "horizon", "texture_class",
            "indicator", "value", "unit", "original_value", "original_unit", "method", "uncertainty",
        ] + CSVListWriter.assessmentTail.map(\.column)

    /// The assessment's other fields, after the measurement: every field of the document is in the
    /// export, so that a spreadsheet re-imports to the same document. Free text comes last.
    static let assessmentTail: [(column: String, path: [String])] = [
        ("accuracy_m", ["site", "accuracy_m"]), ("altitude_m", ["site", "altitude_m"]), ("lpd_class", ["lpd_class"]),
        ("erosion_category", ["erosion", "category"]), ("erosion_degree", ["erosion", "degree"]),
        ("erosion_area_affected", ["erosion", "area_affected"]), ("erosion_activity", ["erosion", "activity"]),
        ("salt_cover", ["salt", "cover"]), ("salt_crust", ["salt", "crust"]),
        ("bare_ground_pct", ["cover", "bare_ground_pct"]), ("vegetation_pct", ["cover", "vegetation_pct"]),
        ("litter_pct", ["cover", "litter_pct"]), ("stone_pct", ["cover", "stone_pct"]),
        ("salt_crust_pct", ["cover", "salt_crust_pct"]), ("fine_earth_limit_mm", ["fine_earth_limit_mm"]),
        ("observer_organisation", ["observer", "organisation"]), ("observer_lab", ["observer", "lab"]),
        ("observer_person", ["observer", "person"]), ("notes", ["notes"]),
    ]

    /// Only layers starting above this depth (cm), when set.
    public var depthMax: Double?
    /// Block fields as `block.field`, the columns after `columns`.
    public var blockFields: [String]

    public init(depthMax: Double? = nil, blockFields: [String] = []) {
        self.depthMax = depthMax
        self.blockFields = blockFields
    }

    public func begin(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: Array((CSVListWriter.columns + blockFields).joined(separator: ",").utf8))
        buffer.append(contentsOf: [13, 10])
    }

    public func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8]) {
        // Stored documents were written by us and parse; a document that did not would be a bug
        // in the store, and is skipped rather than breaking the whole export.
        guard let document = try? JSONParser().parse(item.document) else { return }
        var head: [UInt8] = []
        head.reserveCapacity(256)
        CSVListWriter.append(number: item.id, to: &head)
        for key in ["reference", "country", "region"] { CSVListWriter.field(document[key], to: &head) }
        CSVListWriter.field(document["site"]?["id"], to: &head)
        CSVListWriter.field(document["site"]?["lat"], to: &head)
        CSVListWriter.field(document["site"]?["lon"], to: &head)
        for key in ["sampled_on", "land_cover", "land_use", "revision"] {
            CSVListWriter.field(document[key], to: &head)
        }
        let flags = document["qa_flags"]?.arrayElements?.compactMap(\.stringValue) ?? []
        CSVListWriter.append(text: flags.joined(separator: " "), to: &head)
        CSVListWriter.field(document["derived"]?["soc_stock_0_30_t_ha"], to: &head)
        var tail: [UInt8] = []
        for (index, (_, path)) in CSVListWriter.assessmentTail.enumerated() {
            let value = path.dropFirst().reduce(document[path[0]]) { $0?[$1] }
            CSVListWriter.field(value, to: &tail, isLast: index == CSVListWriter.assessmentTail.count - 1)
        }
        let derivedLayers = document["derived"]?["layers"]?.arrayElements ?? []
        for name in blockFields {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            tail.append(UInt8(ascii: ","))
            if parts.count == 2, let value = document[parts[0]]?[parts[1]] {
                var field: [UInt8] = []
                CSVListWriter.field(value, to: &field, isLast: true)
                tail.append(contentsOf: field)
            }
        }
        for (layerIndex, layer) in (document["layers"]?.arrayElements ?? []).enumerated() {
            if let depthMax, let top = layer["top_cm"]?.numberValue?.value, top >= depthMax { continue }
            var layerPart = head
            for key in ["top_cm", "bottom_cm", "horizon"] { CSVListWriter.field(layer[key], to: &layerPart) }
            let texture = layerIndex < derivedLayers.count ? derivedLayers[layerIndex]["texture_class"] : nil
            CSVListWriter.field(texture, to: &layerPart)
            for measurement in layer["measurements"]?.arrayElements ?? [] {
                buffer.append(contentsOf: layerPart)
                for key in ["indicator", "value", "unit", "original_value", "original_unit", "method"] {
                    CSVListWriter.field(measurement[key], to: &buffer)
                }
                CSVListWriter.field(measurement["uncertainty"], to: &buffer)
                buffer.append(contentsOf: tail)
                buffer.append(contentsOf: [13, 10])
            }
        }
    }

    public func end(trailer: [UInt8], into buffer: inout [UInt8]) {}

    /// A JSON scalar as one CSV field followed by a comma (or not, for the last).
    static func field(_ value: JSONValue?, to buffer: inout [UInt8], isLast: Bool = false) {
        if let value {
            switch value.storage {
            case .string(let text): appendEscaped(text, to: &buffer)
            case .number(let number):
                if number.isIntegerLiteral, let exact = Int64(exactly: number.value) {
                    JSONWriter.appendInteger(exact, to: &buffer)
                } else {
                    JSONWriter.appendNumber(number.value, to: &buffer)
                }
            case .bool(let flag): buffer.append(contentsOf: Array((flag ? "true" : "false").utf8))
            default: break
            }
        }
        if !isLast { buffer.append(UInt8(ascii: ",")) }
    }

    static func append(number: Int64, to buffer: inout [UInt8]) {
        JSONWriter.appendInteger(number, to: &buffer)
        buffer.append(UInt8(ascii: ","))
    }

    static func append(text: String, to buffer: inout [UInt8]) {
        appendEscaped(text, to: &buffer)
        buffer.append(UInt8(ascii: ","))
    }

    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2c || $0 == 0x22 || $0 == 0x0d || $0 == 0x0a }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }
}

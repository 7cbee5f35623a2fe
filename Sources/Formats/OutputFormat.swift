import Assessments

/// A representation of a list of assessments, with its media type and its writer.
public enum OutputFormat: String, Sendable, CaseIterable {
    case json, ndjson, csv, geojson

    /// The media type of the answer.
    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .ndjson: return "application/x-ndjson"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .geojson: return "application/geo+json"
        }
    }

    /// The writer of this format; CSV keeps only layers starting above `depthMax` and adds a
    /// column for each of `blockFields` (`pasture.season`, ...).
    public func listWriter(depthMax: Double? = nil, blockFields: [String] = []) -> any ListWriter {
        switch self {
        case .json: return JSONListWriter()
        case .ndjson: return NDJSONListWriter()
        case .csv: return CSVListWriter(depthMax: depthMax, blockFields: blockFields)
        case .geojson: return GeoJSONListWriter()
        }
    }

    /// Whether answers are one JSON document (paged, with `next` and `total` members).
    public var isJSONDocument: Bool { self == .json || self == .geojson }

    /// The members a page adds after its items: `"next"` (the cursor, or null) and `"total"` when
    /// counted; nothing for the line and row formats.
    public func pageTrailer(next: String?, total: Int?) -> [UInt8] {
        guard isJSONDocument else { return [] }
        var trailer: [UInt8] = Array(#","next":"#.utf8)
        if let next { JSONWriter.appendString(next, to: &trailer) } else { JSONWriter.appendNull(to: &trailer) }
        if let total {
            trailer.append(contentsOf: Array(#","total":"#.utf8))
            JSONWriter.appendInteger(total, to: &trailer)
        }
        return trailer
    }
}

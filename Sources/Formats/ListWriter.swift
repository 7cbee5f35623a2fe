import Assessments
import Store

/// Writes a list of assessments in one output format, straight into a byte buffer: an opening,
/// one entry per assessment, a closing. JSON and NDJSON splice the stored representation as is.
public protocol ListWriter: Sendable {
    func begin(into buffer: inout [UInt8])
    func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8])
    /// - Parameter trailer: members added after `items` in JSON (`next`, `total`), pre-encoded.
    func end(trailer: [UInt8], into buffer: inout [UInt8])
}

/// `{"items":[...],"next":...}`: stored documents spliced between commas.
public struct JSONListWriter: ListWriter {
    public init() {}

    public func begin(into buffer: inout [UInt8]) { buffer.append(contentsOf: Array(#"{"items":["#.utf8)) }

    public func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8]) {
        if !isFirst { buffer.append(UInt8(ascii: ",")) }
        buffer.append(contentsOf: item.document)
    }

    public func end(trailer: [UInt8], into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "]"))
        buffer.append(contentsOf: trailer)
        buffer.append(UInt8(ascii: "}"))
    }
}

/// One stored document per line (application/x-ndjson).
public struct NDJSONListWriter: ListWriter {
    public init() {}

    public func begin(into buffer: inout [UInt8]) {}

    public func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: item.document)
        buffer.append(UInt8(ascii: "\n"))
    }

    public func end(trailer: [UInt8], into buffer: inout [UInt8]) {}
}

/// A GeoJSON FeatureCollection (RFC 7946): one Point feature per assessment, [lon, lat], with the
/// stored document as its properties.
public struct GeoJSONListWriter: ListWriter {
    public init() {}

    public func begin(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: Array(#"{"type":"FeatureCollection","features":["#.utf8))
    }

    public func append(_ item: ListedAssessment, isFirst: Bool, into buffer: inout [UInt8]) {
        if !isFirst { buffer.append(UInt8(ascii: ",")) }
        buffer.append(contentsOf: Array(#"{"type":"Feature","id":"#.utf8))
        JSONWriter.appendInteger(item.id, to: &buffer)
        buffer.append(contentsOf: Array(#","geometry":{"type":"Point","coordinates":["#.utf8))
        JSONWriter.appendNumber(item.lon, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        JSONWriter.appendNumber(item.lat, to: &buffer)
        buffer.append(contentsOf: Array(#"]},"properties":"#.utf8))
        buffer.append(contentsOf: item.document)
        buffer.append(UInt8(ascii: "}"))
    }

    public func end(trailer: [UInt8], into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "]"))
        buffer.append(contentsOf: trailer)
        buffer.append(UInt8(ascii: "}"))
    }
}

/// Fields the server adds to a stored assessment.
public struct ServerFields: Sendable, Equatable {
    /// Assessment id.
    public var id: Int64
    /// Revision number, from 1.
    public var revision: Int
    /// `active` or `retracted`.
    public var status: String
    /// When the first revision was submitted (RFC 3339).
    public var submittedAt: String
    /// Key name of the submitter.
    public var submittedBy: String
    /// When this revision was written (RFC 3339).
    public var updatedAt: String
    /// The catalog version validated against.
    public var schemaVersion: String

    /// Makes server fields.
    public init(
        id: Int64, revision: Int, status: String, submittedAt: String, submittedBy: String, updatedAt: String,
        schemaVersion: String
    ) {
        self.id = id
        self.revision = revision
        self.status = status
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.updatedAt = updatedAt
        self.schemaVersion = schemaVersion
    }
}

extension Assessment {
    /// Deterministic JSON of the normalized submission (no server fields, no derived values):
    /// fixed member order, canonical units. Equal documents give equal bytes, so the app can
    /// hash it to recognise a resent identical document.
    public func canonicalJSON() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        buffer.append(UInt8(ascii: "{"))
        appendDocumentMembers(to: &buffer)
        buffer.append(UInt8(ascii: "}"))
        return buffer
    }

    /// The stored representation: server fields, the normalized document, `derived`, `qa_flags`.
    /// Written once at write time and served as stored bytes.
    public func representation(server: ServerFields) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1536)
        buffer.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.appendInteger(server.id, to: &buffer)
        key("revision", &buffer)
        JSONWriter.appendInteger(server.revision, to: &buffer)
        key("status", &buffer)
        JSONWriter.appendString(server.status, to: &buffer)
        key("submitted_at", &buffer)
        JSONWriter.appendString(server.submittedAt, to: &buffer)
        key("submitted_by", &buffer)
        JSONWriter.appendString(server.submittedBy, to: &buffer)
        key("updated_at", &buffer)
        JSONWriter.appendString(server.updatedAt, to: &buffer)
        key("schema_version", &buffer)
        JSONWriter.appendString(server.schemaVersion, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        appendDocumentMembers(to: &buffer)
        key("derived", &buffer)
        appendDerived(to: &buffer)
        key("qa_flags", &buffer)
        appendStrings(qaFlags, to: &buffer)
        buffer.append(UInt8(ascii: "}"))
        return buffer
    }

    private func appendDocumentMembers(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #""reference":"#.utf8)
        JSONWriter.appendString(reference, to: &buffer)
        key("country", &buffer)
        JSONWriter.appendString(country, to: &buffer)
        key("region", &buffer)
        JSONWriter.appendString(region, to: &buffer)
        if let originalRegion {
            key("original_region", &buffer)
            JSONWriter.appendString(originalRegion, to: &buffer)
        }
        key("site", &buffer)
        buffer.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.appendString(site.id, to: &buffer)
        key("lat", &buffer)
        JSONWriter.appendNumber(site.lat, to: &buffer)
        key("lon", &buffer)
        JSONWriter.appendNumber(site.lon, to: &buffer)
        if let accuracy = site.accuracyM {
            key("accuracy_m", &buffer)
            JSONWriter.appendNumber(accuracy, to: &buffer)
        }
        if let altitude = site.altitudeM {
            key("altitude_m", &buffer)
            JSONWriter.appendNumber(altitude, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
        key("sampled_on", &buffer)
        JSONWriter.appendString(sampledOn, to: &buffer)
        if let observer {
            key("observer", &buffer)
            appendStringMap(observer, to: &buffer)
        }
        key("land_cover", &buffer)
        JSONWriter.appendString(landCover, to: &buffer)
        if let landUse {
            key("land_use", &buffer)
            JSONWriter.appendString(landUse, to: &buffer)
        }
        if let lpdClass {
            key("lpd_class", &buffer)
            JSONWriter.appendInteger(lpdClass, to: &buffer)
        }
        if let erosion {
            key("erosion", &buffer)
            appendStringMap(erosion, to: &buffer)
        }
        if hasSalt {
            key("salt", &buffer)
            buffer.append(UInt8(ascii: "{"))
            if let saltCover {
                buffer.append(contentsOf: #""cover":"#.utf8)
                JSONWriter.appendInteger(saltCover, to: &buffer)
            }
            if let saltCrust {
                if saltCover != nil { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: #""crust":"#.utf8)
                JSONWriter.appendString(saltCrust, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
        if let cover {
            key("cover", &buffer)
            buffer.append(UInt8(ascii: "{"))
            for (index, entry) in cover.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.appendKey(entry.key, to: &buffer)
                JSONWriter.appendNumber(entry.value, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
        if let fineEarthLimitMM {
            key("fine_earth_limit_mm", &buffer)
            JSONWriter.appendInteger(fineEarthLimitMM, to: &buffer)
        }
        appendBlocks(to: &buffer)
        key("layers", &buffer)
        buffer.append(UInt8(ascii: "["))
        for (index, layer) in layers.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendLayer(layer, to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
        if let notes {
            key("notes", &buffer)
            JSONWriter.appendString(notes, to: &buffer)
        }
    }

    private func appendLayer(_ layer: Layer, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"top_cm":"#.utf8)
        JSONWriter.appendNumber(layer.top, to: &buffer)
        key("bottom_cm", &buffer)
        JSONWriter.appendNumber(layer.bottom, to: &buffer)
        if let horizon = layer.horizon {
            key("horizon", &buffer)
            JSONWriter.appendString(horizon, to: &buffer)
        }
        if let basis = layer.psdBasis {
            key("psd_basis", &buffer)
            JSONWriter.appendString(basis, to: &buffer)
        }
        key("measurements", &buffer)
        buffer.append(UInt8(ascii: "["))
        for (index, measurement) in layer.measurements.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: #"{"indicator":"#.utf8)
            JSONWriter.appendString(measurement.indicator, to: &buffer)
            key("value", &buffer)
            JSONWriter.appendNumber(measurement.value, to: &buffer)
            key("unit", &buffer)
            JSONWriter.appendString(measurement.unit, to: &buffer)
            if let original = measurement.originalValue, let unit = measurement.originalUnit {
                key("original_value", &buffer)
                JSONWriter.appendNumber(original, to: &buffer)
                key("original_unit", &buffer)
                JSONWriter.appendString(unit, to: &buffer)
            }
            if let method = measurement.method {
                key("method", &buffer)
                JSONWriter.appendString(method, to: &buffer)
            }
            if let uncertainty = measurement.uncertainty {
                key("uncertainty", &buffer)
                JSONWriter.appendNumber(uncertainty, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "]"))
        buffer.append(UInt8(ascii: "}"))
    }

    private func appendStringMap(_ entries: [(key: String, value: String)], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        for (index, entry) in entries.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONWriter.appendKey(entry.key, to: &buffer)
            JSONWriter.appendString(entry.value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    func appendStrings(_ strings: [String], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "["))
        for (index, text) in strings.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(text, to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// `,"name":` — names here are plain ASCII, so no escaping.
    func key(_ name: StaticString, _ buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: ","))
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
    }
}

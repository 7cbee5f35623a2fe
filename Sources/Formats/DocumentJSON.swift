import Assessments
import Store

/// The small JSON documents of the API, written straight into bytes.
public enum DocumentJSON {
    /// `GET /v1/assessments/{id}/history`: every revision, oldest first, with who, when and why;
    /// `presented` gives each revision's document as the caller sees it (rounded coordinates).
    public static func history(
        id: Int64, entries: [RevisionEntry], presented: ([UInt8]) -> [UInt8] = { $0 }
    ) -> [UInt8] {
        var out: [UInt8] = Array(#"{"id":"#.utf8)
        JSONWriter.appendInteger(id, to: &out)
        out.append(contentsOf: Array(#","revisions":["#.utf8))
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(#"{"revision":"#.utf8))
            JSONWriter.appendInteger(entry.revision, to: &out)
            for (key, value) in [("action", entry.action), ("at", entry.recordedAt), ("by", entry.recordedBy)] {
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey(key, to: &out)
                JSONWriter.appendString(value, to: &out)
            }
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey("reason", to: &out)
            if let reason = entry.reason {
                JSONWriter.appendString(reason, to: &out)
            } else {
                JSONWriter.appendNull(to: &out)
            }
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey("document", to: &out)
            if let document = entry.document {
                out.append(contentsOf: presented(document))
            } else {
                JSONWriter.appendNull(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// A batch's answer: `{"created":n,"unchanged":m,"ids":[...]}` in input order.
    public static func batch(_ outcomes: [CreateOutcome]) -> [UInt8] {
        var created = 0
        for outcome in outcomes { if case .created = outcome { created += 1 } }
        var out: [UInt8] = Array(#"{"created":"#.utf8)
        JSONWriter.appendInteger(created, to: &out)
        out.append(contentsOf: Array(#","unchanged":"#.utf8))
        JSONWriter.appendInteger(outcomes.count - created, to: &out)
        out.append(contentsOf: Array(#","ids":["#.utf8))
        for (position, outcome) in outcomes.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendInteger(outcome.stored.id, to: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// `GET /health`.
    public static func health(version: String, schemaVersion: String, assessments: Int64) -> [UInt8] {
        var out: [UInt8] = Array(#"{"status":"ok","version":"#.utf8)
        JSONWriter.appendString(version, to: &out)
        out.append(contentsOf: Array(#","schema_version":"#.utf8))
        JSONWriter.appendString(schemaVersion, to: &out)
        out.append(contentsOf: Array(#","assessments":"#.utf8))
        JSONWriter.appendInteger(assessments, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `GET /v1/regions`: code, English and Russian names (`name`, `name_ru`), country, in code order.
    public static func regions(_ regions: [Region]) -> [UInt8] {
        var out: [UInt8] = Array(#"{"regions":["#.utf8)
        for (index, region) in regions.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(#"{"code":"#.utf8))
            JSONWriter.appendString(region.code, to: &out)
            CatalogNames.append(region.name, region.nameRU, to: &out)
            out.append(contentsOf: Array(#","country":"#.utf8))
            JSONWriter.appendString(region.country, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }
}

extension DocumentJSON {
    /// One region as a GeoJSON Feature: its outline as a MultiPolygon (null without one), and
    /// its code, names and country as properties.
    public static func regionFeature(_ region: Region, outline: Outline?) -> [UInt8] {
        var out: [UInt8] = Array(#"{"type":"Feature","id":"#.utf8)
        JSONWriter.appendString(region.code, to: &out)
        out.append(contentsOf: Array(#","geometry":"#.utf8))
        if let outline {
            out.append(contentsOf: Array(#"{"type":"MultiPolygon","coordinates":["#.utf8))
            for (p, polygon) in outline.coordinates.enumerated() {
                out.append(contentsOf: Array((p > 0 ? ",[" : "[").utf8))
                for (r, ring) in polygon.enumerated() {
                    out.append(contentsOf: Array((r > 0 ? ",[" : "[").utf8))
                    for (v, position) in ring.enumerated() {
                        out.append(contentsOf: Array((v > 0 ? ",[" : "[").utf8))
                        JSONWriter.appendNumber(position[0], to: &out)
                        out.append(UInt8(ascii: ","))
                        JSONWriter.appendNumber(position[1], to: &out)
                        out.append(UInt8(ascii: "]"))
                    }
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: Array("]}".utf8))
        } else {
            JSONWriter.appendNull(to: &out)
        }
        out.append(contentsOf: Array(#","properties":{"code":"#.utf8))
        JSONWriter.appendString(region.code, to: &out)
        CatalogNames.append(region.name, region.nameRU, to: &out)
        out.append(contentsOf: Array(#","country":"#.utf8))
        JSONWriter.appendString(region.country, to: &out)
        out.append(contentsOf: Array("}}".utf8))
        return out
    }
}

/// `"name"` and `"name_ru"` of a catalog entry: field names stay the same in every language, so
/// both names travel side by side.
enum CatalogNames {
    static func append(_ name: String, _ nameRU: String, to out: inout [UInt8]) {
        out.append(contentsOf: Array(#","name":"#.utf8))
        JSONWriter.appendString(name, to: &out)
        out.append(contentsOf: Array(#","name_ru":"#.utf8))
        JSONWriter.appendString(nameRU, to: &out)
    }
}

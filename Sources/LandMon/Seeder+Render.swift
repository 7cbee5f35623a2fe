import Assessments

extension Seeder {
    /// Indicators scaled by a site's carbon level and trend; the rest are kept as the fixture has them.
    static let carbonIndicators: Set<String> = ["soc", "som", "totc", "n_tot"]

    /// Writes a fixture with top-level members replaced, a new site and scaled carbon values.
    static func render(
        _ template: JSONValue, replacing replacements: [String: JSONValue.Storage],
        site: (id: String, lat: Double, lon: Double), carbonFactor: Double
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        out.append(UInt8(ascii: "{"))
        for (index, member) in (template.objectMembers ?? []).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendKey(member.key, to: &out)
            if let replacement = replacements[member.key] {
                JSONWriter.appendValue(JSONValue(replacement), to: &out)
            } else if member.key == "site" {
                out.append(contentsOf: Array(#"{"id":"#.utf8))
                JSONWriter.appendString(site.id, to: &out)
                out.append(contentsOf: Array(#","lat":"#.utf8))
                JSONWriter.appendNumber((site.lat * 10_000).rounded() / 10_000, to: &out)
                out.append(contentsOf: Array(#","lon":"#.utf8))
                JSONWriter.appendNumber((site.lon * 10_000).rounded() / 10_000, to: &out)
                out.append(UInt8(ascii: "}"))
            } else if member.key == "layers" {
                appendLayers(member.value, factor: carbonFactor, to: &out)
            } else {
                JSONWriter.appendValue(member.value, to: &out)
            }
        }
        // Replacements the fixture lacks (an observer for a fixture without one) are added.
        let present = Set((template.objectMembers ?? []).map(\.key))
        for key in replacements.keys.sorted() where !present.contains(key) {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            JSONWriter.appendValue(JSONValue(replacements[key]!), to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func appendLayers(_ layers: JSONValue, factor: Double, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (layerIndex, layer) in (layers.arrayElements ?? []).enumerated() {
            if layerIndex > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            for (index, member) in (layer.objectMembers ?? []).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendKey(member.key, to: &out)
                guard member.key == "measurements" else {
                    JSONWriter.appendValue(member.value, to: &out)
                    continue
                }
                out.append(UInt8(ascii: "["))
                for (position, measurement) in (member.value.arrayElements ?? []).enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    let scaled = measurement["indicator"]?.stringValue.map(carbonIndicators.contains) ?? false
                    out.append(UInt8(ascii: "{"))
                    for (fieldIndex, field) in (measurement.objectMembers ?? []).enumerated() {
                        if fieldIndex > 0 { out.append(UInt8(ascii: ",")) }
                        JSONWriter.appendKey(field.key, to: &out)
                        if scaled && (field.key == "value" || field.key == "uncertainty"),
                            let number = field.value.numberValue?.value
                        {
                            JSONWriter.appendNumber((number * factor * 1000).rounded() / 1000, to: &out)
                        } else {
                            JSONWriter.appendValue(field.value, to: &out)
                        }
                    }
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }
}

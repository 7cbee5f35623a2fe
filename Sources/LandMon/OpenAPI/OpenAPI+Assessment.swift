import Assessments
import Foundation

/// The assessment in the document: the submission schema of `GET /v1/schema` (the same builder,
/// the same catalog), its `$defs` as components, and the stored representation derived from it.
extension OpenAPI {
    /// The server fields of a stored assessment, read-only: a `PUT` may send them back as `GET`
    /// gave them (they are then ignored), and generated clients leave them out of requests.
    static var serverFields: [String: Any] {
        let timestamp: [String: Any] = ["type": "string", "format": "date-time"]
        let fields: [String: Any] = [
            "id": ["type": "integer", "format": "int64", "minimum": 1],
            "revision": ["type": "integer", "minimum": 1],
            "status": ["type": "string", "enum": ["active", "retracted"]],
            "submitted_at": timestamp, "submitted_by": string, "updated_at": timestamp,
            "schema_version": string,
            "derived": object([
                "soc_stock_0_30_t_ha": [
                    "type": ["number", "null"],
                    "description": "SOC stock of the top 30 cm (t C/ha), null with a flag saying why",
                ],
                "flags": array(string),
                "values_0_30": [
                    "type": "object", "additionalProperties": number,
                    "description":
                        "Thickness-weighted 0-30 cm value of each indicator measured throughout 0-30 cm, in its canonical unit (statistics: indicator=<code>_0_30)",
                ],
                "layers": array(
                    object(
                        [
                            "top_cm": number, "bottom_cm": number, "texture_class": nullable("string"),
                            "texture_scheme": ["type": "string", "enum": ["usda", "kachinsky"]],
                            "salinity_type": nullable("string"), "salinity_degree": nullable("string"),
                            "toxic_ions_cl_eq": nullable("number"),
                        ], required: ["top_cm", "bottom_cm", "texture_class"])),
            ]),
            "qa_flags": array(string),
        ]
        return fields.mapValues { readOnly($0) }
    }

    /// `Submission`, `SubmissionLayer`, `SubmissionMeasurement` and their stored forms.
    static func assessmentSchemas(_ catalog: Catalog) -> [String: Any] {
        // The builder's own output: it parses, or the server could not serve /v1/schema either.
        let parsed = try! JSONParser().parse(jsonSchema(for: catalog))
        let names = [
            "#/$defs/layer": "#/components/schemas/SubmissionLayer",
            "#/$defs/measurement": "#/components/schemas/SubmissionMeasurement",
        ]
        guard var submission = referencesRewritten(foundationValue(parsed), names) as? [String: Any],
            let definitions = submission.removeValue(forKey: "$defs") as? [String: Any],
            var layer = definitions["layer"] as? [String: Any],
            var measurement = definitions["measurement"] as? [String: Any]
        else { return [:] }
        for key in ["$schema", "$id", "x-catalog"] { submission.removeValue(forKey: key) }
        submission["description"] =
            "An assessment document (SCHEMA.md). The validator also checks what a schema cannot: layers do not overlap and bottom_cm > top_cm, one measurement per indicator per layer, values within the indicator's bounds after unit conversion, sand + silt + clay from 90 to 101 (below 90 flagged, not refused, under a psd_basis other than fine_earth), a dust period that does not end before it starts, sampled_on not after tomorrow (UTC). The optional thematic blocks (pasture, sand, planting, dust, water, management) come from the catalog (x-catalog.blocks of /v1/schema)."
        var stored = submission
        stored["description"] =
            "A stored assessment as GET answers it: the normalized document (values in canonical units, the original value and unit kept beside converted ones, current region codes) and the server fields."
        var properties = stored["properties"] as? [String: Any] ?? [:]
        properties["layers"] = properties["layers"].map { replacingItems($0, with: ref("StoredLayer")) }
        properties.merge(serverFields) { first, _ in first }
        properties["original_region"] = readOnly([
            "type": "string",
            "description":
                "The legacy Kazakh code submitted for a region split since, when the site's position could not tell which successor holds it (flag region_ambiguous; region is then the first successor)",
        ])
        stored["properties"] = properties
        stored["required"] = ((stored["required"] as? [String]) ?? []) + serverFields.keys.sorted()

        var storedLayer = layer
        var layerProperties = storedLayer["properties"] as? [String: Any] ?? [:]
        layerProperties["measurements"] = layerProperties["measurements"].map {
            replacingItems($0, with: ref("StoredMeasurement"))
        }
        storedLayer["properties"] = layerProperties
        var storedMeasurement = measurement
        var measurementProperties = storedMeasurement["properties"] as? [String: Any] ?? [:]
        measurementProperties["original_value"] = readOnly(number)
        measurementProperties["original_unit"] = readOnly(string)
        storedMeasurement["properties"] = measurementProperties
        storedMeasurement["required"] = ((storedMeasurement["required"] as? [String]) ?? []) + ["unit"]
        layer["description"] = "A soil layer: depths in cm, 1 to 60 measurements"
        measurement["description"] = "One measurement: the indicator's unit and method as the catalog allows them"
        return [
            "Submission": submission, "SubmissionLayer": layer, "SubmissionMeasurement": measurement,
            "StoredAssessment": stored, "StoredLayer": storedLayer, "StoredMeasurement": storedMeasurement,
        ]
    }

    /// A valid submission made from the catalog (Kazakhstan's when the catalog has it, as in
    /// SCHEMA.md): its first region, the middle of its box, one layer with the first indicator at
    /// the middle of its typical range. A test submits it.
    static func exampleSubmission(_ catalog: Catalog) -> [String: Any] {
        let country = catalog.countries.first { $0.code == "KZ" }?.code ?? catalog.countries.first?.code ?? ""
        let region = catalog.regionList.first { $0.country == country }?.code ?? ""
        var site: [String: Any] = ["id": "EXAMPLE-SITE-1", "lat": 45.0, "lon": 60.0]
        if let box = catalog.countryBoxes[country] {
            let east = box.maxLon < box.minLon ? box.maxLon + 360 : box.maxLon
            let lon = (box.minLon + east) / 2
            site["lat"] = ((box.minLat + box.maxLat) / 2 * 100).rounded() / 100
            site["lon"] = ((lon > 180 ? lon - 360 : lon) * 100).rounded() / 100
        }
        var measurements: [[String: Any]] = []
        if let code = catalog.indicatorCodes.first, let indicator = catalog.indicators[code] {
            measurements.append(["indicator": code, "value": (indicator.warnMin + indicator.warnMax) / 2])
        }
        return [
            "reference": "\(country)-EXAMPLE-1", "country": country, "region": region, "site": site,
            "sampled_on": "2024-06-14", "land_cover": catalog.landCovers.first?.code ?? "",
            "layers": [["top_cm": 0, "bottom_cm": 30, "measurements": measurements]],
        ]
    }

    static func readOnly(_ schema: Any) -> [String: Any] {
        var schema = schema as? [String: Any] ?? [:]
        schema["readOnly"] = true
        return schema
    }

    private static func replacingItems(_ schema: Any, with items: [String: Any]) -> [String: Any] {
        var schema = schema as? [String: Any] ?? [:]
        schema["items"] = items
        return schema
    }

    /// A parsed JSON value as Foundation's JSON objects: integral numbers as Int, so that
    /// `"minimum": 0` stays `0`.
    static func foundationValue(_ value: JSONValue) -> Any {
        switch value.storage {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .number(let number):
            let double = number.value
            return double == double.rounded() && abs(double) < 9e15 ? Int(double) as Any : double as Any
        case .string(let text): return text
        case .array(let elements): return elements.map(foundationValue)
        case .object(let members):
            return Dictionary(members.map { ($0.key, foundationValue($0.value)) }) { first, _ in first }
        }
    }

    /// `value` with every `$ref` named in `names` pointing to its new place.
    private static func referencesRewritten(_ value: Any, _ names: [String: String]) -> Any {
        if let array = value as? [Any] { return array.map { referencesRewritten($0, names) } }
        guard var dictionary = value as? [String: Any] else { return value }
        for (key, member) in dictionary {
            if key == "$ref", let target = member as? String {
                dictionary[key] = names[target] ?? target
            } else {
                dictionary[key] = referencesRewritten(member, names)
            }
        }
        return dictionary
    }
}

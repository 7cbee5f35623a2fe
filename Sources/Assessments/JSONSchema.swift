/// JSON Schema (2020-12) of the submission document, generated from the catalog, with the
/// catalogs themselves under `x-catalog`, for `GET /v1/schema`.
///
/// The schema states what a schema can (types, required fields, enums, per-indicator units
/// and methods); bounds after unit conversion and cross-field checks stay in the validator and
/// are described by the catalog.
public func jsonSchema(for catalog: Catalog) -> [UInt8] {
    var buffer: [UInt8] = []
    JSONWriter.appendValue(SchemaBuilder(catalog: catalog).document(), to: &buffer)
    return buffer
}

/// Builds the schema as a `JSONValue` tree.
struct SchemaBuilder {
    let catalog: Catalog

    func document() -> JSONValue {
        let identifier = object(["type": string("string"), "pattern": string(SchemaPatterns.identifier)])
        let layer = object([
            "type": string("object"), "additionalProperties": .init(.bool(false)),
            "required": strings(["top_cm", "bottom_cm", "measurements"]),
            "properties": object([
                "top_cm": object(["type": string("number"), "minimum": number(0), "maximum": number(1000)]),
                "bottom_cm": object([
                    "type": string("number"), "exclusiveMinimum": number(0), "maximum": number(1000),
                ]),
                "horizon": object(["type": string("string"), "maxLength": number(32)]),
                "psd_basis": enumeration(catalog.codeList("psd_basis").map(\.code)),
                "measurements": object([
                    "type": string("array"), "minItems": number(1), "maxItems": number(60),
                    "items": object(["$ref": string("#/$defs/measurement")]),
                ]),
            ]),
        ])
        let members: [(String, JSONValue)] = [
            ("$schema", string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", string("https://landmon.example/v1/schema")),
            ("title", string("UNCCD Central Asia-Russia soil-condition assessment")),
            ("x-schema-version", string(catalog.version)),
            ("type", string("object")),
            ("additionalProperties", JSONValue(.bool(false))),
            ("allOf", JSONValue(.array(countryRules()))),
            (
                "required",
                strings(["reference", "country", "region", "site", "sampled_on", "land_cover", "layers"])
            ),
            (
                "properties",
                object(
                    blockProperties().merging([
                        "reference": identifier,
                        "country": enumeration(catalog.countries.map(\.code)),
                        "region": enumeration(catalog.regionList.map(\.code) + catalog.legacyCodes.keys.sorted()),
                        "site": object([
                            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
                            "required": strings(["id", "lat", "lon"]),
                            "properties": object([
                                "id": identifier,
                                "lat": object([
                                    "type": string("number"), "minimum": number(-90), "maximum": number(90),
                                ]),
                                "lon": object([
                                    "type": string("number"), "minimum": number(-180), "maximum": number(180),
                                ]),
                                "accuracy_m": object(["type": string("number"), "exclusiveMinimum": number(0)]),
                                "altitude_m": object([
                                    "type": string("number"), "minimum": number(-150), "maximum": number(8000),
                                ]),
                            ]),
                        ]),
                        "sampled_on": object([
                            "type": string("string"), "format": string("date"),
                            "pattern": string(SchemaPatterns.sampledOn),
                        ]),
                        "observer": stringObject(catalog.codeList("observer_fields").map(\.code), maxLength: 200),
                        "land_cover": enumeration(catalog.landCovers.map(\.code)),
                        "land_use": enumeration(catalog.landUses.map(\.code)),
                        "lpd_class": object([
                            "type": string("integer"), "minimum": number(1), "maximum": number(5),
                        ]),
                        "erosion": object([
                            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
                            "properties": object(
                                Dictionary(
                                    uniqueKeysWithValues: ["category", "degree", "area_affected", "activity"].map {
                                        ($0, enumeration(catalog.codeList("erosion_" + $0).map(\.code)))
                                    })),
                        ]),
                        "salt": object([
                            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
                            "properties": object([
                                "cover": object([
                                    "type": string("integer"), "minimum": number(0), "maximum": number(4),
                                ]),
                                "crust": enumeration(catalog.codeList("salt_crust").map(\.code)),
                            ]),
                        ]),
                        "cover": object([
                            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
                            "properties": object(
                                Dictionary(
                                    uniqueKeysWithValues: catalog.codeList("cover_fields").map {
                                        (
                                            $0.code,
                                            object([
                                                "type": string("number"), "minimum": number(0),
                                                "maximum": number(100),
                                            ])
                                        )
                                    })),
                        ]),
                        "fine_earth_limit_mm": object(["enum": JSONValue(.array([number(1), number(2)]))]),
                        "layers": object([
                            "type": string("array"), "minItems": number(1), "maxItems": number(20),
                            "items": object(["$ref": string("#/$defs/layer")]),
                        ]),
                        "notes": object(["type": string("string"), "maxLength": number(2000)]),
                    ]) { first, _ in first })
            ),
            ("$defs", object(["layer": layer, "measurement": measurement()])),
            ("x-catalog", catalogValue()),
        ]
        return JSONValue(.object(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }

    /// A measurement: indicator enum, and per indicator (if/then) its units and methods (`national:`
    /// and text that is not only white space, line breaks included). The bounds after unit
    /// conversion stay the validator's: as if/then per unit they made schema-driven generators
    /// (Schemathesis) too slow to use.
    func measurement() -> JSONValue {
        var rules: [JSONValue] = []
        for code in catalog.indicatorCodes {
            let indicator = catalog.indicators[code]!
            var method = enumeration(indicator.methods)
            if indicator.acceptsNational {
                method = object([
                    "anyOf": JSONValue(
                        .array([
                            method, object(["type": string("string"), "pattern": string("^national:[\\s\\S]*\\S")]),
                        ]))
                ])
            }
            rules.append(
                object([
                    "if": object(["properties": object(["indicator": object(["const": string(code)])])]),
                    "then": object([
                        "properties": object([
                            "unit": enumeration([indicator.unit] + indicator.otherUnits.keys.sorted()),
                            "method": method,
                        ])
                    ]),
                ]))
        }
        return object([
            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
            "required": strings(["indicator", "value"]),
            "properties": object([
                "indicator": enumeration(catalog.indicatorCodes),
                "value": object(["type": string("number")]),
                "unit": object(["type": string("string")]),
                "method": object(["type": string("string"), "maxLength": number(200)]),
                "uncertainty": object(["type": string("number"), "minimum": number(0)]),
            ]),
            "allOf": JSONValue(.array(rules)),
        ])
    }

    func catalogValue() -> JSONValue {
        let indicators = catalog.indicatorCodes.map { code -> JSONValue in
            let indicator = catalog.indicators[code]!
            return ordered([
                ("code", string(code)), ("name", string(indicator.name)), ("name_ru", string(indicator.nameRU)),
                ("unit", string(indicator.unit)),
                ("hard_min", number(indicator.hardMin)), ("hard_max", number(indicator.hardMax)),
                ("warn_min", number(indicator.warnMin)), ("warn_max", number(indicator.warnMax)),
                (
                    "other_units",
                    ordered(
                        indicator.otherUnits.keys.sorted().map { ($0, number(indicator.otherUnits[$0]!)) })
                ),
                ("methods", strings(indicator.methods)),
                ("accepts_national", JSONValue(.bool(indicator.acceptsNational))),
                ("sources", string(indicator.sources)),
            ])
        }
        var lists: [(String, JSONValue)] = [
            ("countries", codes(catalog.countries)), ("land_cover", codes(catalog.landCovers)),
            ("land_use", codes(catalog.landUses)),
        ]
        for name in catalog.codeLists.keys.sorted() { lists.append((name, codes(catalog.codeLists[name]!))) }
        let legacy = catalog.legacyCodes.keys.sorted().map { code in
            var members = [("legacy", string(code)), ("current", string(catalog.legacyCodes[code]!))]
            if let successors = catalog.legacySplits[code] {
                members.append(("split_into", JSONValue(.array(successors.map(string)))))
            }
            return ordered(members)
        }
        let boxes = catalog.countries.compactMap { catalog.countryBoxes[$0.code] }.map { box in
            ordered([
                ("country", string(box.country)), ("min_lon", number(box.minLon)),
                ("min_lat", number(box.minLat)),
                ("max_lon", number(box.maxLon)), ("max_lat", number(box.maxLat)),
            ])
        }
        return ordered([
            ("indicators", JSONValue(.array(indicators))), ("code_lists", ordered(lists)),
            ("kz_legacy_codes", JSONValue(.array(legacy))), ("country_boxes", JSONValue(.array(boxes))),
            ("blocks", blocksCatalog()), ("texture", textureCatalog()), ("salinity", salinityCatalog()),
        ])
    }

    func codes(_ entries: [CodeEntry]) -> JSONValue {
        JSONValue(
            .array(
                entries.map {
                    ordered([("code", string($0.code)), ("name", string($0.name)), ("name_ru", string($0.nameRU))])
                }))
    }

    func stringObject(_ keys: [String], maxLength: Int) -> JSONValue {
        object([
            "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
            "properties": object(
                Dictionary(
                    uniqueKeysWithValues: keys.map {
                        ($0, object(["type": string("string"), "maxLength": number(Double(maxLength))]))
                    })),
        ])
    }

    func enumeration(_ codes: [String]) -> JSONValue {
        object(["type": string("string"), "enum": strings(codes)])
    }
    func strings(_ texts: [String]) -> JSONValue { JSONValue(.array(texts.map(string))) }
    func string(_ text: String) -> JSONValue { JSONValue(.string(text)) }
    func number(_ value: Double) -> JSONValue {
        JSONValue(.number(JSONNumber(value: value, isIntegerLiteral: false)))
    }
    /// An object with keys sorted, for deterministic output.
    func object(_ members: [String: JSONValue]) -> JSONValue {
        ordered(members.keys.sorted().map { ($0, members[$0]!) })
    }
    func ordered(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }
}

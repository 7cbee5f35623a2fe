extension SchemaBuilder {
    /// The optional thematic blocks as schema properties, from the same catalog data the validator
    /// reads: fields, types, bounds, code lists; English names as descriptions (Russian ones in
    /// `x-catalog.blocks`).
    func blockProperties() -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for block in catalog.blocks {
            var properties: [String: JSONValue] = [:]
            for field in block.fields {
                var members: [String: JSONValue] = [
                    "description": string(field.name + (field.unit.map { ", " + $0 } ?? ""))
                ]
                switch field.kind {
                case .number, .integer:
                    members["type"] = string(field.kind == .number ? "number" : "integer")
                    members["minimum"] = number(field.min!)
                    members["maximum"] = number(field.max!)
                case .code:
                    members["type"] = string("string")
                    members["enum"] = strings(field.codes.map(\.code))
                case .boolean:
                    members["type"] = string("boolean")
                case .date:
                    members["type"] = string("string")
                    members["format"] = string("date")
                    members["pattern"] = string(SchemaPatterns.sampledOn)
                }
                properties[field.code] = object(members)
            }
            var members: [String: JSONValue] = [
                "type": string("object"), "additionalProperties": JSONValue(.bool(false)),
                "description": string(block.name), "properties": object(properties),
            ]
            let required = block.fields.filter(\.isRequired).map(\.code)
            if !required.isEmpty { members["required"] = strings(required) }
            result[block.code] = object(members)
        }
        return result
    }

    /// `x-catalog.blocks`: every block and field with its unit, bounds, codes and both names.
    func blocksCatalog() -> JSONValue {
        JSONValue(
            .array(
                catalog.blocks.map { block in
                    ordered([
                        ("code", string(block.code)), ("name", string(block.name)), ("name_ru", string(block.nameRU)),
                        (
                            "fields",
                            JSONValue(
                                .array(
                                    block.fields.map { field in
                                        var members: [(String, JSONValue)] = [
                                            ("code", string(field.code)), ("type", string(field.kind.rawValue)),
                                            ("name", string(field.name)), ("name_ru", string(field.nameRU)),
                                        ]
                                        if let unit = field.unit { members.append(("unit", string(unit))) }
                                        if let min = field.min { members.append(("min", number(min))) }
                                        if let max = field.max { members.append(("max", number(max))) }
                                        if field.isRequired { members.append(("required", JSONValue(.bool(true)))) }
                                        if let other = field.notBefore { members.append(("not_before", string(other))) }
                                        if field.kind == .code { members.append(("codes", codes(field.codes))) }
                                        return ordered(members)
                                    }))
                        ),
                    ])
                }))
    }

    /// `x-catalog.texture`: the schemes of the particle-size methods and Kachinsky's table.
    func textureCatalog() -> JSONValue {
        let rules = catalog.texture
        return ordered([
            (
                "methods",
                ordered(rules.schemeOfMethod.keys.sorted().map { ($0, string(rules.schemeOfMethod[$0]!)) })
            ),
            (
                "kachinsky_groups",
                codes(rules.groups.map { CodeEntry(code: $0.code, name: $0.name, nameRU: $0.nameRU) })
            ),
            (
                "kachinsky_classes",
                JSONValue(
                    .array(
                        rules.classes.map { entry in
                            ordered([
                                ("code", string(entry.code)), ("name", string(entry.name)),
                                ("name_ru", string(entry.nameRU)),
                                ("min", ordered(rules.groups.map { ($0.code, number(entry.minimum[$0.code] ?? 0)) })),
                            ])
                        }))
            ),
        ])
    }

    /// `x-catalog.salinity`: the Bazilevich-Pankova types, degrees and toxic-ion weights.
    func salinityCatalog() -> JSONValue {
        func ranges(_ list: [RangeClass]) -> JSONValue {
            JSONValue(
                .array(
                    list.map { entry in
                        var members: [(String, JSONValue)] = [
                            ("code", string(entry.code)), ("name", string(entry.name)),
                            ("name_ru", string(entry.nameRU)),
                        ]
                        if let min = entry.min { members.append(("min", number(min))) }
                        if let max = entry.max { members.append(("max", number(max))) }
                        return ordered(members)
                    }))
        }
        let rules = catalog.salinity
        return ordered([
            ("types", ranges(rules.types)), ("soda_types", codes(rules.sodaTypes)),
            ("coefficients", ordered(rules.coefficients.keys.sorted().map { ($0, number(rules.coefficients[$0]!)) })),
            ("degrees", ranges(rules.degrees)),
        ])
    }
}

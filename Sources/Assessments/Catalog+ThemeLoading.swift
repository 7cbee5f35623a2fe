extension Catalog {
    /// `texture.json`: the schemes of the particle-size methods and Kachinsky's table.
    static func loadTexture(_ document: JSONValue, indicators: [String: Indicator]) throws(CatalogError)
        -> TextureRules
    {
        let file = "texture.json"
        var top = try CatalogEntry(document, file: file, entry: "-")
        _ = try top.optionalString("source")
        var rules = TextureRules()
        let known = Set(["clay", "silt", "sand", "phys_clay"].flatMap { indicators[$0]?.methods ?? [] })
        for (position, element) in (top.value("methods")?.arrayElements ?? []).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "methods[\(position)]")
            let method = try entry.string("method")
            let scheme = try entry.string("scheme")
            try entry.finish()
            guard known.contains(method) else {
                throw entry.fail("method \(method) is not a method of clay, silt, sand or phys_clay")
            }
            rules.schemeOfMethod[method] = scheme
        }
        for (position, element) in (top.value("kachinsky_groups")?.arrayElements ?? []).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "kachinsky_groups[\(position)]")
            let code = try entry.string("code")
            let group = KachinskyGroup(
                code: code, name: try entry.string("name"), nameRU: try entry.string("name_ru"),
                horizonPrefix: try entry.optionalString("horizon_prefix"),
                espMin: try optionalNumber(&entry, "esp_min"))
            try entry.finish()
            rules.groups.append(group)
        }
        guard rules.groups.contains(where: { $0.code == "steppe" }) else {
            throw top.fail("kachinsky_groups must hold the default group steppe")
        }
        for (position, element) in (top.value("kachinsky_classes")?.arrayElements ?? []).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "kachinsky_classes[\(position)]")
            let code = try entry.string("code")
            let name = try entry.string("name")
            let nameRU = try entry.string("name_ru")
            var minimum: [String: Double] = [:]
            for member in try entry.object("min") {
                guard let value = member.value.numberValue?.value else { throw entry.fail("min must hold numbers") }
                minimum[member.key] = value
            }
            try entry.finish()
            for group in rules.groups where minimum[group.code] == nil {
                throw entry.fail("min lacks the group \(group.code)")
            }
            if let previous = rules.classes.last {
                for group in rules.groups where minimum[group.code]! <= previous.minimum[group.code]! {
                    throw entry.fail("min of \(group.code) does not grow from the class before")
                }
            }
            rules.classes.append(KachinskyClass(code: code, name: name, nameRU: nameRU, minimum: minimum))
        }
        try top.finish()
        if rules.classes.isEmpty { throw top.fail("kachinsky_classes is empty") }
        return rules
    }

    /// `salinity.json`: the Bazilevich-Pankova types, degrees and toxic-ion weights.
    static func loadSalinity(_ document: JSONValue) throws(CatalogError) -> SalinityRules {
        let file = "salinity.json"
        var top = try CatalogEntry(document, file: file, entry: "-")
        _ = try top.optionalString("source")
        var rules = SalinityRules()
        rules.types = try rangeClasses(top.value("types"), key: "types", file: file)
        rules.degrees = try rangeClasses(top.value("degrees"), key: "degrees", file: file)
        rules.sodaTypes = try codeEntries(top.value("soda_types")?.arrayElements ?? [], key: "soda_types", file: file)
        for (position, element) in (top.value("coefficients")?.arrayElements ?? []).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "coefficients[\(position)]")
            let code = try entry.string("code")
            _ = try entry.string("name")
            _ = try entry.string("name_ru")
            rules.coefficients[code] = try entry.number("value")
            try entry.finish()
        }
        try top.finish()
        for code in ["cl", "so4_toxic", "co3"] where rules.coefficients[code] == nil {
            throw top.fail("coefficients lacks \(code)")
        }
        for code in ["soda", "soda_chloride", "soda_sulfate"]
        where !rules.sodaTypes.contains(where: { $0.code == code }) {
            throw top.fail("soda_types lacks \(code)")
        }
        return rules
    }

    private static func rangeClasses(_ value: JSONValue?, key: String, file: String) throws(CatalogError)
        -> [RangeClass]
    {
        var result: [RangeClass] = []
        for (position, element) in (value?.arrayElements ?? []).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "\(key)[\(position)]")
            let range = RangeClass(
                code: try entry.string("code"), name: try entry.string("name"), nameRU: try entry.string("name_ru"),
                min: try optionalNumber(&entry, "min"), max: try optionalNumber(&entry, "max"))
            try entry.finish()
            if let min = range.min, let max = range.max, min >= max { throw entry.fail("min is not below max") }
            result.append(range)
        }
        if result.isEmpty { throw CatalogError(file: file, entry: "-", reason: "\(key) is empty") }
        return result
    }

    private static func optionalNumber(_ entry: inout CatalogEntry, _ key: String) throws(CatalogError) -> Double? {
        guard entry.value(key) != nil else { return nil }
        return try entry.number(key)
    }

    /// `blocks.json`: the optional thematic blocks, their fields and code lists.
    static func loadBlocks(_ document: JSONValue) throws(CatalogError) -> [Block] {
        let file = "blocks.json"
        var blocks: [Block] = []
        for (position, element) in try topArray(document, key: "blocks", file: file).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "blocks[\(position)]")
            let code = try entry.string("code")
            entry.entry = code
            guard isFieldName(code) else { throw entry.fail("a block code is lower-case letters, digits and _") }
            guard !blocks.contains(where: { $0.code == code }) else { throw entry.fail("code appears twice") }
            let name = try entry.string("name")
            let nameRU = try entry.string("name_ru")
            var fields: [BlockField] = []
            for (index, fieldValue) in (entry.value("fields")?.arrayElements ?? []).enumerated() {
                fields.append(try blockField(fieldValue, file: file, entry: "\(code).fields[\(index)]", before: fields))
            }
            try entry.finish()
            if fields.isEmpty { throw entry.fail("fields is empty") }
            blocks.append(Block(code: code, name: name, nameRU: nameRU, fields: fields))
        }
        return blocks
    }

    private static func blockField(_ value: JSONValue, file: String, entry label: String, before: [BlockField])
        throws(CatalogError) -> BlockField
    {
        var entry = try CatalogEntry(value, file: file, entry: label)
        let code = try entry.string("code")
        guard isFieldName(code) else { throw entry.fail("a field code is lower-case letters, digits and _") }
        guard !before.contains(where: { $0.code == code }) else { throw entry.fail("\(code) appears twice") }
        let typeName = try entry.string("type")
        guard let kind = BlockField.Kind(rawValue: typeName) else {
            throw entry.fail("type \(typeName) is not one of number, integer, code, boolean, date")
        }
        var field = BlockField(
            code: code, kind: kind, unit: try entry.optionalString("unit"), min: try optionalNumber(&entry, "min"),
            max: try optionalNumber(&entry, "max"), isRequired: false,
            notBefore: try entry.optionalString("not_before"),
            name: try entry.string("name"), nameRU: try entry.string("name_ru"), codes: [])
        if entry.value("required") != nil { field.isRequired = try entry.bool("required") }
        if kind == .code {
            field.codes = try codeEntries(entry.value("codes")?.arrayElements ?? [], key: code, file: file)
        }
        try entry.finish()
        if let min = field.min, let max = field.max, min > max { throw entry.fail("min is above max") }
        if field.isNumeric ? (field.min == nil || field.max == nil) : (field.min != nil || field.max != nil) {
            throw entry.fail("number and integer fields need min and max, other types neither")
        }
        if let other = field.notBefore,
            !before.contains(where: { $0.code == other && $0.kind == .date }) || kind != .date
        {
            throw entry.fail("not_before must name a date field listed before this date field")
        }
        return field
    }

    private static func isFieldName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f }
    }
}

extension Catalog {
    /// Reads `land-cover-transitions.json`: the classes (exactly the `land_cover` code list), a
    /// full matrix of `-`, `0`, `+`, and per-country overrides of single cells with their basis.
    static func loadMatrix(_ document: JSONValue, landCovers: [CodeEntry], countries: [CodeEntry])
        throws(CatalogError) -> LandCoverMatrix
    {
        let file = "land-cover-transitions.json"
        var top = try CatalogEntry(document, file: file, entry: "-")
        let source = try top.string("source")
        let classes = try top.stringArray("classes")
        guard Set(classes) == Set(landCovers.map(\.code)), classes.count == landCovers.count else {
            throw top.fail("classes must be the land_cover code list, each once")
        }
        guard let rows = top.value("matrix") else { throw top.fail("matrix is missing") }
        var matrix = try CatalogEntry(rows, file: file, entry: "matrix")
        var cells: [[LDNClass]] = []
        for from in classes {
            guard let rowValue = matrix.value(from) else { throw matrix.fail("row \(from) is missing") }
            var row = try CatalogEntry(rowValue, file: file, entry: "matrix \(from)")
            var values: [LDNClass] = []
            for to in classes {
                let symbol = try row.string(to)
                guard let value = LDNClass(symbol: symbol) else {
                    throw row.fail("\(to) must be \"-\", \"0\" or \"+\", not \"\(symbol)\"")
                }
                values.append(value)
            }
            try row.finish()
            cells.append(values)
        }
        try matrix.finish()
        guard let overridesValue = top.value("country_overrides") else {
            throw top.fail("country_overrides is missing (use {} for none)")
        }
        let overrides = try loadOverrides(
            overridesValue, classes: classes, countries: Set(countries.map(\.code)), file: file)
        try top.finish()
        return LandCoverMatrix(source: source, classes: classes, cells: cells, overrides: overrides)
    }

    /// `{"KZ": [{"from", "to", "class", "basis"}, ...]}`: known classes, no cell twice per country.
    private static func loadOverrides(
        _ value: JSONValue, classes: [String], countries: Set<String>, file: String
    ) throws(CatalogError)
        -> [String: [LandCoverMatrix.Override]]
    {
        guard let members = value.objectMembers else {
            throw CatalogError(file: file, entry: "country_overrides", reason: "must be an object")
        }
        var result: [String: [LandCoverMatrix.Override]] = [:]
        for member in members {
            guard countries.contains(member.key) else {
                throw CatalogError(
                    file: file, entry: "country_overrides \(member.key)", reason: "is not a member country")
            }
            guard let list = member.value.arrayElements else {
                throw CatalogError(file: file, entry: "country_overrides \(member.key)", reason: "must be an array")
            }
            var changes: [LandCoverMatrix.Override] = []
            for (position, element) in list.enumerated() {
                var entry = try CatalogEntry(element, file: file, entry: "country_overrides \(member.key)[\(position)]")
                let from = try entry.string("from")
                let to = try entry.string("to")
                let symbol = try entry.string("class")
                let basis = try entry.string("basis")
                try entry.finish()
                guard classes.contains(from), classes.contains(to) else {
                    throw entry.fail("\(from) -> \(to) is not a cell of the matrix")
                }
                guard let value = LDNClass(symbol: symbol) else {
                    throw entry.fail("class must be \"-\", \"0\" or \"+\", not \"\(symbol)\"")
                }
                guard !changes.contains(where: { $0.from == from && $0.to == to }) else {
                    throw entry.fail("\(from) -> \(to) is overridden twice")
                }
                changes.append(LandCoverMatrix.Override(from: from, to: to, value: value, basis: basis))
            }
            result[member.key] = changes
        }
        return result
    }
}

extension Catalog {
    static func loadIndicators(_ document: JSONValue) throws(CatalogError) -> ([String: Indicator], [String]) {
        let file = "indicators.json"
        var indicators: [String: Indicator] = [:]
        var order: [String] = []
        for (position, element) in try topArray(document, key: "indicators", file: file).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "indicators[\(position)]")
            let code = try entry.string("code")
            entry.entry = code
            guard indicators[code] == nil else { throw entry.fail("code appears twice") }
            let name = try entry.string("name")
            let nameRU = try entry.string("name_ru")
            let unit = try entry.string("unit")
            let hardMin = try entry.number("hard_min")
            let hardMax = try entry.number("hard_max")
            let warnMin = try entry.number("warn_min")
            let warnMax = try entry.number("warn_max")
            guard hardMin < hardMax else {
                throw entry.fail("hard_min \(hardMin) is not below hard_max \(hardMax)")
            }
            guard warnMin <= warnMax else {
                throw entry.fail("warn_min \(warnMin) is above warn_max \(warnMax)")
            }
            guard warnMin >= hardMin && warnMax <= hardMax else {
                throw entry.fail(
                    "warn range \(warnMin)..\(warnMax) is not inside the hard range \(hardMin)..\(hardMax)")
            }
            var otherUnits: [String: Double] = [:]
            for member in try entry.object("other_units") {
                guard let factor = member.value.numberValue?.value, factor.isFinite, factor > 0 else {
                    throw entry.fail("other_units \"\(member.key)\" needs a positive finite factor")
                }
                guard member.key != unit, !member.key.isEmpty else {
                    throw entry.fail("other_units \"\(member.key)\" is empty or the canonical unit")
                }
                otherUnits[member.key] = factor
            }
            let methods = try entry.stringArray("methods")
            if methods.contains("national") {
                throw entry.fail("\"national\" belongs in accepts_national, not methods")
            }
            let acceptsNational = try entry.bool("accepts_national")
            let sources = try entry.optionalString("sources") ?? ""
            var warnByHorizon: [HorizonRange] = []
            for (index, element) in (entry.value("warn_by_horizon")?.arrayElements ?? []).enumerated() {
                var range = try CatalogEntry(element, file: file, entry: "\(code).warn_by_horizon[\(index)]")
                let horizon = HorizonRange(
                    prefix: try range.string("prefix"), warnMin: try range.number("warn_min"),
                    warnMax: try range.number("warn_max"))
                try range.finish()
                guard horizon.warnMin <= horizon.warnMax, horizon.warnMin >= hardMin, horizon.warnMax <= hardMax else {
                    throw range.fail("the warn range is reversed or outside the hard range")
                }
                warnByHorizon.append(horizon)
            }
            try entry.finish()
            indicators[code] = Indicator(
                code: code, name: name, nameRU: nameRU, unit: unit, hardMin: hardMin, hardMax: hardMax,
                warnMin: warnMin, warnMax: warnMax, otherUnits: otherUnits, methods: methods,
                acceptsNational: acceptsNational, sources: sources, warnByHorizon: warnByHorizon)
            order.append(code)
        }
        for required in [
            "soc", "som", "bd_fe", "bd_ws", "cf_vol", "cf_grav", "sand", "silt", "clay", "totc", "ph_h2o",
        ]
        where indicators[required] == nil {
            // Derived values and consistency checks are defined on these codes.
            throw CatalogError(
                file: file, entry: required, reason: "indicator is required by the derived values")
        }
        return (indicators, order)
    }

    static func loadRegions(_ document: JSONValue, countries: [CodeEntry]) throws(CatalogError) -> (
        [String: Region], [Region]
    ) {
        let file = "regions.json"
        var regions: [String: Region] = [:]
        var list: [Region] = []
        for (position, element) in try topArray(document, key: "regions", file: file).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "regions[\(position)]")
            let code = try entry.string("code")
            entry.entry = code
            let name = try entry.string("name")
            let nameRU = try entry.string("name_ru")
            let country = try entry.string("country")
            try entry.finish()
            guard regions[code] == nil else { throw entry.fail("code appears twice") }
            guard countries.contains(where: { $0.code == country }) else {
                throw entry.fail("country \(country) is not a member country")
            }
            guard code.hasPrefix(country + "-") else {
                throw entry.fail("code does not start with \(country)-")
            }
            let region = Region(code: code, name: name, nameRU: nameRU, country: country)
            regions[code] = region
            list.append(region)
        }
        return (regions, list)
    }

    static func loadLegacyCodes(_ document: JSONValue, regions: [String: Region]) throws(CatalogError)
        -> ([String: String], [String: [String]])
    {
        let file = "kz-legacy-codes.json"
        var codes: [String: String] = [:]
        var splits: [String: [String]] = [:]
        for (position, element) in try topArray(document, key: "legacy_codes", file: file).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "legacy_codes[\(position)]")
            let legacy = try entry.string("legacy")
            entry.entry = legacy
            let current = try entry.string("current")
            var splitInto: [String] = []
            if let list = entry.value("split_into") {
                guard let elements = list.arrayElements, elements.count >= 2,
                    elements.allSatisfy({ $0.stringValue != nil })
                else { throw entry.fail("split_into must list at least two current codes") }
                splitInto = elements.compactMap(\.stringValue)
                guard splitInto.first == current, Set(splitInto).count == splitInto.count else {
                    throw entry.fail("split_into must start with current and name each code once")
                }
            }
            try entry.finish()
            guard codes[legacy] == nil, regions[legacy] == nil else {
                throw entry.fail("code appears twice or is a current code")
            }
            for code in [current] + splitInto {
                guard let region = regions[code] else {
                    throw entry.fail("current code \(code) is not in regions.json")
                }
                guard region.country == "KZ" else {
                    throw entry.fail("current code \(code) is not in Kazakhstan")
                }
            }
            codes[legacy] = current
            if !splitInto.isEmpty { splits[legacy] = splitInto }
        }
        return (codes, splits)
    }

    static func loadBoxes(_ document: JSONValue, countries: [CodeEntry]) throws(CatalogError) -> [String:
        CountryBox]
    {
        let file = "country-boxes.json"
        var boxes: [String: CountryBox] = [:]
        for (position, element) in try topArray(document, key: "country_boxes", file: file).enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "country_boxes[\(position)]")
            let country = try entry.string("country")
            entry.entry = country
            _ = try entry.optionalString("name")
            _ = try entry.optionalString("note")
            let box = CountryBox(
                country: country, minLon: try entry.number("min_lon"), minLat: try entry.number("min_lat"),
                maxLon: try entry.number("max_lon"), maxLat: try entry.number("max_lat"))
            try entry.finish()
            guard boxes[country] == nil else { throw entry.fail("country appears twice") }
            guard box.minLat >= -90, box.maxLat <= 90, box.minLat < box.maxLat else {
                throw entry.fail("latitudes out of order or range")
            }
            guard abs(box.minLon) <= 180, abs(box.maxLon) <= 180, box.minLon != box.maxLon else {
                throw entry.fail("longitudes out of range")
            }
            boxes[country] = box
        }
        for country in countries where boxes[country.code] == nil {
            throw CatalogError(file: file, entry: country.code, reason: "member country has no box")
        }
        return boxes
    }
}

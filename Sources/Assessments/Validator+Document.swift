extension ValidationRun {
    /// Validates the whole document; returns the assessment when every required part is usable
    /// (the caller still checks that no problem was reported).
    mutating func document(_ value: JSONValue) -> Assessment? {
        guard let members = value.objectMembers else {
            report("", .type, "validation.document_not_object", ["type": value.typeName])
            return nil
        }
        var fields = DocumentFields()
        var blockMembers: [(Block, JSONValue)] = []
        for member in members where !fields.assign(member) {
            if let block = catalog.block(member.key) {
                blockMembers.append((block, member.value))
            } else {
                unknownField(member.key, in: "", topLevel: true)
            }
        }
        let reference = fields.reference.flatMap { identifier($0, "/reference", "reference") }
        let country = fields.country.flatMap { code($0, "/country", "country", list: catalog.countries) }
        var region = fields.region.flatMap {
            self.region($0, country: country, countryGiven: fields.country != nil)
        }
        let site = fields.site.flatMap { self.site($0, country: country) }
        let legacy = fields.region?.stringValue.flatMap { catalog.legacyCodes[$0] != nil ? $0 : nil }
        var originalRegion: String?
        if let site, let current = region, problems.isEmpty {
            region = placeSite(site, region: current, legacy: legacy)
            if flags.contains("region_ambiguous") { originalRegion = legacy }
        }
        let sampledOn = fields.sampledOn.flatMap { date($0, "/sampled_on", "sampled_on") }
        let observer = fields.observer.flatMap {
            stringMap($0, "/observer", "observer", keys: catalog.codeList("observer_fields"))
        }
        let landCover = fields.landCover.flatMap {
            code($0, "/land_cover", "land_cover", list: catalog.landCovers)
        }
        let landUse = fields.landUse.flatMap { code($0, "/land_use", "land_use", list: catalog.landUses) }
        let lpdClass = fields.lpdClass.flatMap { integer($0, "/lpd_class", "lpd_class", in: 1...5) }
        let erosion = fields.erosion.flatMap { self.erosion($0) }
        var saltCover: Int?
        var saltCrust: String?
        if let salt = fields.salt { (saltCover, saltCrust) = self.salt(salt) }
        let cover = fields.cover.flatMap { self.cover($0) }
        let fineEarthLimit = fields.fineEarthLimit.flatMap { fineEarth($0) }
        let layers = fields.layers.flatMap { self.layers($0) }
        let notes = fields.notes.flatMap { string($0, "/notes", "notes", maxCharacters: 2000) }
        var blocks: [BlockValues] = []
        for block in catalog.blocks {
            guard let given = blockMembers.first(where: { $0.0.code == block.code }) else { continue }
            if let checked = self.block(block, given.1) { blocks.append(checked) }
        }

        for (present, name) in [
            (fields.reference, "reference"), (fields.country, "country"), (fields.region, "region"),
            (fields.site, "site"), (fields.sampledOn, "sampled_on"), (fields.landCover, "land_cover"),
            (fields.layers, "layers"),
        ] where present == nil {
            report("/" + name, .required, "validation.required", ["field": name])
        }
        guard let reference, let country, let region, let site, let sampledOn, let landCover, var layers,
            problems.isEmpty
        else {
            return nil
        }
        layers.sort { $0.top < $1.top }
        Derived.assignTextures(&layers, fineEarthLimit: fineEarthLimit, rules: catalog.texture)
        let (stock, stockFlags) = Derived.socStock(layers: layers)
        flags.formUnion(stockFlags)
        var derived = Derived(socStock0to30: stock, flags: stockFlags)
        derived.values0to30 = Derived.values0to30(layers, codes: catalog.indicatorCodes)
        return Assessment(
            reference: reference, country: country, region: region, site: site, sampledOn: sampledOn,
            observer: observer, landCover: landCover, landUse: landUse, lpdClass: lpdClass, erosion: erosion,
            saltCover: saltCover, saltCrust: saltCrust, hasSalt: fields.salt != nil, cover: cover,
            fineEarthLimitMM: fineEarthLimit, layers: layers, blocks: blocks, notes: notes, qaFlags: flags.sorted(),
            derived: derived, originalRegion: originalRegion)
    }

    /// The region's current code: legacy Kazakh codes are mapped and flagged.
    mutating func region(_ value: JSONValue, country: String?, countryGiven: Bool) -> String? {
        guard let code = string(value, "/region", "region") else { return nil }
        if let region = catalog.regions[code] {
            guard let country, region.country != country else { return code }
            report(
                "/region", .regionMismatch, "validation.region_other_country",
                ["region": code, "region_country": region.country, "country": country])
            return nil
        }
        if let current = catalog.legacyCodes[code] {
            guard let country, country != "KZ" else {
                flags.insert("region_code_updated")
                return current
            }
            report(
                "/region", .regionMismatch, "validation.region_legacy_other_country",
                ["region": code, "country": country])
            return nil
        }
        report("/region", .notInCatalog, "validation.region_unknown", ["region": clip(code)])
        return nil
    }

    /// A `YYYY-MM-DD` calendar date from 1900-01-01 to today plus one day.
    mutating func date(_ value: JSONValue, _ path: @autoclosure () -> String, _ field: String) -> String? {
        guard let text = string(value, path(), field) else { return nil }
        guard let day = CivilDate.dayNumber(of: text) else {
            report(path(), .format, "validation.date_format", ["field": field, "value": clip(text)])
            return nil
        }
        if day < CivilDate.day1900 {
            report(path(), .outOfRange, "validation.date_before_1900", ["field": field, "value": text])
            return nil
        }
        if day > todayDay + 1 {
            report(path(), .futureDate, "validation.future_date", ["field": field, "value": text])
            return nil
        }
        return text
    }

    /// An object whose keys come from `keys` and whose values are short strings.
    mutating func stringMap(_ value: JSONValue, _ path: String, _ field: String, keys: [CodeEntry]) -> [(
        key: String, value: String
    )]? {
        guard let members = object(value, path, field) else { return nil }
        var result: [(key: String, value: String)] = []
        for entry in keys {
            guard let member = members.first(where: { $0.key == entry.code }) else { continue }
            let memberPath = path + "/" + entry.code
            if let text = string(member.value, memberPath, field + "." + entry.code, maxCharacters: 200) {
                result.append((entry.code, text))
            }
        }
        for member in members where !keys.contains(where: { $0.code == member.key }) {
            unknownField(member.key, in: path)
        }
        return result
    }

    mutating func erosion(_ value: JSONValue) -> [(key: String, value: String)]? {
        guard let members = object(value, "/erosion", "erosion") else { return nil }
        var result: [(key: String, value: String)] = []
        for key in ["category", "degree", "area_affected", "activity"] {
            guard let member = members.first(where: { $0.key == key }) else { continue }
            if let code = code(
                member.value, "/erosion/" + key, "erosion." + key, list: catalog.codeList("erosion_" + key))
            {
                result.append((key, code))
            }
        }
        for member in members where !["category", "degree", "area_affected", "activity"].contains(member.key) {
            unknownField(member.key, in: "/erosion")
        }
        return result
    }

    mutating func salt(_ value: JSONValue) -> (Int?, String?) {
        guard let members = object(value, "/salt", "salt") else { return (nil, nil) }
        var cover: Int?
        var crust: String?
        for member in members {
            switch member.key {
            case "cover": cover = integer(member.value, "/salt/cover", "salt.cover", in: 0...4)
            case "crust":
                crust = code(member.value, "/salt/crust", "salt.crust", list: catalog.codeList("salt_crust"))
            default: unknownField(member.key, in: "/salt")
            }
        }
        return (cover, crust)
    }

    mutating func cover(_ value: JSONValue) -> [(key: String, value: Double)]? {
        guard let members = object(value, "/cover", "cover") else { return nil }
        let keys = catalog.codeList("cover_fields")
        var result: [(key: String, value: Double)] = []
        for entry in keys {
            guard let member = members.first(where: { $0.key == entry.code }) else { continue }
            if let percent = number(member.value, "/cover/" + entry.code, "cover." + entry.code, in: 0...100) {
                result.append((entry.code, percent))
            }
        }
        for member in members where !keys.contains(where: { $0.code == member.key }) {
            unknownField(member.key, in: "/cover")
        }
        return result
    }

    mutating func fineEarth(_ value: JSONValue) -> Int? {
        guard let limit = integer(value, "/fine_earth_limit_mm", "fine_earth_limit_mm", in: 1...2) else {
            return nil
        }
        return limit
    }
}

/// The top-level members of a submission, sorted into slots by name.
struct DocumentFields {
    var reference, country, region, site, sampledOn, observer, landCover, landUse: JSONValue?
    var lpdClass, erosion, salt, cover, fineEarthLimit, layers, notes: JSONValue?

    /// Puts `member` in its slot; false for a name the schema does not know.
    mutating func assign(_ member: JSONMember) -> Bool {
        switch member.key {
        case "reference": reference = member.value
        case "country": country = member.value
        case "region": region = member.value
        case "site": site = member.value
        case "sampled_on": sampledOn = member.value
        case "observer": observer = member.value
        case "land_cover": landCover = member.value
        case "land_use": landUse = member.value
        case "lpd_class": lpdClass = member.value
        case "erosion": erosion = member.value
        case "salt": salt = member.value
        case "cover": cover = member.value
        case "fine_earth_limit_mm": fineEarthLimit = member.value
        case "layers": layers = member.value
        case "notes": notes = member.value
        default: return false
        }
        return true
    }
}

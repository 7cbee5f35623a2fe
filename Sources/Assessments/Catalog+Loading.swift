import Foundation

extension Catalog {
    /// The files a catalog directory must hold.
    public static let fileNames = [
        "code-lists.json", "country-boxes.json", "indicators.json", "kz-legacy-codes.json",
        "land-cover-transitions.json", "land-use.json", "regions.json", "blocks.json", "salinity.json",
        "texture.json",
    ]

    /// Loads and checks the catalog in `directory`; the only I/O of this module. The outlines
    /// come from `geoDirectory`, by default the `geo` directory beside `directory`
    /// (`Config/geo`); without one the validator checks the country boxes only.
    public static func load(from directory: URL, geoDirectory: URL? = nil) throws(CatalogError) -> Catalog {
        var documents: [String: JSONValue] = [:]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: url))
            } catch {
                throw CatalogError(file: name, entry: "-", reason: "cannot be read from \(directory.path)")
            }
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            do {
                documents[name] = try JSONParser().parse(bytes)
            } catch {
                throw CatalogError(file: name, entry: "-", reason: "is not valid JSON: \(error)")
            }
        }
        var catalog = try build(documents, hash: hash)
        let geo = geoDirectory ?? directory.deletingLastPathComponent().appendingPathComponent("geo")
        if geoDirectory != nil
            || FileManager.default.fileExists(atPath: geo.appendingPathComponent("regions.json").path)
        {
            let (geography, bytes) = try Geography.load(
                from: geo, regions: catalog.regions, countries: catalog.countries)
            catalog.geography = geography
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            let schemaVersion = catalog.version.prefix { $0 != "+" }
            catalog.version = schemaVersion + "+" + String(repeating: "0", count: 16 - hex.count) + hex
        }
        return catalog
    }

    /// Builds a catalog from parsed catalog files (file name to document) and checks it.
    static func build(_ documents: [String: JSONValue], hash: UInt64) throws(CatalogError) -> Catalog {
        let listsDocument = documents["code-lists.json"]!
        var lists = try CatalogEntry(listsDocument, file: "code-lists.json", entry: "-")
        let schemaVersion = try lists.string("schema_version")
        var codeLists: [String: [CodeEntry]] = [:]
        for name in [
            "countries", "land_cover", "erosion_category", "erosion_degree", "erosion_area_affected",
            "erosion_activity", "salt_crust", "observer_fields", "cover_fields", "psd_basis",
        ] {
            guard let list = lists.value(name)?.arrayElements else {
                throw lists.fail("\(name) must be an array")
            }
            codeLists[name] = try codeEntries(list, key: name, file: "code-lists.json")
        }
        try lists.finish()
        let countries = codeLists.removeValue(forKey: "countries")!
        let landCovers = codeLists.removeValue(forKey: "land_cover")!

        let (indicators, indicatorCodes) = try loadIndicators(documents["indicators.json"]!)
        let (regions, regionList) = try loadRegions(documents["regions.json"]!, countries: countries)
        let (legacyCodes, legacySplits) = try loadLegacyCodes(documents["kz-legacy-codes.json"]!, regions: regions)
        let countryBoxes = try loadBoxes(documents["country-boxes.json"]!, countries: countries)
        let landUses = try codeEntries(
            topArray(documents["land-use.json"]!, key: "land_use", file: "land-use.json"), key: "land_use",
            file: "land-use.json")
        let matrix = try loadMatrix(
            documents["land-cover-transitions.json"]!, landCovers: landCovers, countries: countries)
        let hex = String(hash, radix: 16)
        var catalog = Catalog(
            indicators: indicators, indicatorCodes: indicatorCodes, regions: regions, regionList: regionList,
            legacyCodes: legacyCodes, legacySplits: legacySplits, countryBoxes: countryBoxes, countries: countries,
            landCovers: landCovers, landCoverMatrix: matrix, landUses: landUses, codeLists: codeLists,
            version: schemaVersion + "+" + String(repeating: "0", count: 16 - hex.count) + hex)
        catalog.texture = try loadTexture(documents["texture.json"]!, indicators: indicators)
        catalog.salinity = try loadSalinity(documents["salinity.json"]!)
        catalog.blocks = try loadBlocks(documents["blocks.json"]!)
        return catalog
    }

    /// The array under `key`, the only key of a file's top object.
    static func topArray(_ document: JSONValue, key: String, file: String) throws(CatalogError) -> [JSONValue] {
        var top = try CatalogEntry(document, file: file, entry: "-")
        guard let array = top.value(key)?.arrayElements else { throw top.fail("\(key) must be an array") }
        try top.finish()
        return array
    }

    /// `{code, name, name_ru}` entries, codes unique, at least one.
    static func codeEntries(_ list: [JSONValue], key: String, file: String) throws(CatalogError)
        -> [CodeEntry]
    {
        var result: [CodeEntry] = []
        for (position, element) in list.enumerated() {
            var entry = try CatalogEntry(element, file: file, entry: "\(key)[\(position)]")
            let code = try entry.string("code")
            entry.entry = "\(key) \(code)"
            let name = try entry.string("name")
            let nameRU = try entry.string("name_ru")
            try entry.finish()
            guard !result.contains(where: { $0.code == code }) else { throw entry.fail("code appears twice") }
            result.append(CodeEntry(code: code, name: name, nameRU: nameRU))
        }
        if result.isEmpty { throw CatalogError(file: file, entry: "-", reason: "\(key) is empty") }
        return result
    }
}

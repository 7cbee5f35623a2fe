import Foundation
import Testing

@testable import Assessments

/// Copies the committed catalog to a temporary directory, lets `edit` change one file's text,
/// and loads it.
private func loadEdited(_ file: String, _ edit: (String) -> String) throws -> Result<Catalog, CatalogError> {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in Catalog.fileNames {
        let source = repositoryRoot.appendingPathComponent("Config/schema").appendingPathComponent(name)
        var text = try String(contentsOf: source, encoding: .utf8)
        if name == file { text = edit(text) }
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    do {
        return .success(try Catalog.load(from: directory))
    } catch {
        return .failure(error)
    }
}

private func compact(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
}

@Test func committedCatalogLoads() {
    #expect(testCatalog.indicators.count == 33)
    #expect(testCatalog.indicators["soc"]?.otherUnits["%"] == 10)
    #expect(testCatalog.indicators["tss"]?.acceptsNational == true)
    #expect(testCatalog.regions["UZ-QR"]?.country == "UZ")
    #expect(testCatalog.regionList.count == 137)
    #expect(testCatalog.legacyCodes["KZ-KZY"] == "KZ-43")
    #expect(testCatalog.countryBoxes["RU"]?.contains(lat: 66, lon: -170) == true)
    #expect(testCatalog.landCovers.count == 7)
    #expect(testCatalog.version.hasPrefix("1+"))
    #expect(testCatalog.version.count == 18)
}

@Test func changingABoundNeedsNoCode() throws {
    let catalog = try loadEdited("indicators.json") {
        compact($0).replacingOccurrences(of: #""hard_max":600"#, with: #""hard_max":900"#)
    }.get()
    #expect(catalog.indicators["soc"]?.hardMax == 900)
    let document = with("/layers/0/measurements/0/value", number(812))
    #expect(
        try Validator(catalog: catalog).validate(document, today: testToday).get().layers[0].value(of: "soc")
            == 812)
    #expect(catalog.version != testCatalog.version)
}

@Test func addingAMethodNeedsNoCode() throws {
    let catalog = try loadEdited("indicators.json") {
        compact($0).replacingOccurrences(of: #""OrgC_dc-ht","#, with: #""OrgC_dc-ht","OrgC_new-method","#)
    }.get()
    let document = with("/layers/0/measurements/0/method", string("OrgC_new-method"))
    #expect(throws: Never.self) { try Validator(catalog: catalog).validate(document, today: testToday).get() }
}

@Test func malformedCatalogNamesFileAndEntry() throws {
    let inverted = try loadEdited("indicators.json") {
        compact($0).replacingOccurrences(
            of: #""hard_min":0,"hard_max":600"#, with: #""hard_min":700,"hard_max":600"#)
    }
    guard case .failure(let error) = inverted else {
        Issue.record("loaded")
        return
    }
    #expect(error.file == "indicators.json")
    #expect(error.entry == "soc")
    #expect(
        error.description
            == "catalog file indicators.json, entry \"soc\": hard_min 700.0 is not below hard_max 600.0")

    let typo = try loadEdited("regions.json") {
        compact($0).replacingOccurrences(of: #""code":"KZ-11","#, with: #""cod":"KZ-11","#)
    }
    guard case .failure(let typoError) = typo else {
        Issue.record("loaded")
        return
    }
    #expect(typoError.file == "regions.json")
    #expect(typoError.entry == "regions[1]")

    let badLegacy = try loadEdited("kz-legacy-codes.json") {
        compact($0).replacingOccurrences(of: #""current":"KZ-11""#, with: #""current":"KZ-12""#)
    }
    guard case .failure(let legacyError) = badLegacy else {
        Issue.record("loaded")
        return
    }
    #expect(legacyError.entry == "KZ-AKM")

    let broken = try loadEdited("code-lists.json") { $0 + "}" }
    guard case .failure(let brokenError) = broken else {
        Issue.record("loaded")
        return
    }
    #expect(brokenError.file == "code-lists.json")
    #expect(brokenError.reason.contains("not valid JSON"))

    let unknownKey = try loadEdited("indicators.json") {
        compact($0).replacingOccurrences(of: #""warn_min":0.5,"#, with: #""warn_min":0.5,"warn_mni":1,"#)
    }
    guard case .failure(let unknownError) = unknownKey else {
        Issue.record("loaded")
        return
    }
    #expect(unknownError.reason == "unknown key \"warn_mni\"")
}

@Test func missingCatalogFileIsNamed() {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "empty-\(UUID().uuidString)")
    #expect(
        throws: CatalogError(
            file: "code-lists.json", entry: "-", reason: "cannot be read from \(directory.path)")
    ) {
        try Catalog.load(from: directory)
    }
}

@Test func committedCatalogMatchesReferenceBuild() throws {
    // When the reference TSVs are present (not guaranteed in CI), the committed files must be
    // what scripts/build-catalog.py makes of them: regenerate into a temp dir and compare.
    let reference = URL(fileURLWithPath: "/work/shared/reference")
    guard FileManager.default.fileExists(atPath: reference.path),
        FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
    else { return }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("build-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    // The script installs iso-codes when it is missing; a test must not install packages.
    process.environment = ProcessInfo.processInfo.environment.merging(["BUILD_CATALOG_NO_INSTALL": "1"]) { $1 }
    process.arguments = [
        "python3", repositoryRoot.appendingPathComponent("scripts/build-catalog.py").path, reference.path,
        output.path,
    ]
    guard (try? process.run()) != nil else { return }
    process.waitUntilExit()
    // The script needs Debian's iso-codes for the regions' Russian names; without them (a fresh
    // machine) it stops, and there is nothing to compare. With them it must succeed.
    let isoCodes = FileManager.default.fileExists(atPath: "/usr/share/iso-codes/json/iso_3166-2.json")
    #expect(process.terminationStatus == 0 || !isoCodes, "scripts/build-catalog.py failed")
    guard process.terminationStatus == 0 else { return }
    for name in Catalog.fileNames {
        let built = try Data(contentsOf: output.appendingPathComponent(name))
        let committed = try Data(
            contentsOf: repositoryRoot.appendingPathComponent("Config/schema").appendingPathComponent(name))
        #expect(built == committed, "\(name)")
    }
}

/// True when `text` holds at least one Cyrillic letter.
private func hasCyrillic(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
}

@Test func shippedCatalogHasRussianNames() {
    #expect(testCatalog.regionList.count == 137)
    for region in testCatalog.regionList {
        #expect(hasCyrillic(region.nameRU), "region \(region.code): \(region.nameRU)")
    }
    for code in testCatalog.indicatorCodes {
        let nameRU = testCatalog.indicators[code]?.nameRU ?? ""
        #expect(hasCyrillic(nameRU), "indicator \(code): \(nameRU)")
    }
    for (list, entries) in [("land_cover", testCatalog.landCovers), ("land_use", testCatalog.landUses)] {
        for entry in entries {
            #expect(hasCyrillic(entry.nameRU), "\(list) \(entry.code): \(entry.nameRU)")
        }
    }
    // The other code lists have Russian names too, some without letters (`0 %`).
    for (list, entries) in testCatalog.codeLists {
        for entry in entries {
            #expect(!entry.nameRU.isEmpty, "\(list) \(entry.code)")
        }
    }
    #expect(testCatalog.regions["KZ-11"]?.nameRU == "Акмолинская область")
    #expect(testCatalog.regions["UZ-QR"]?.nameRU == "Республика Каракалпакстан")
    #expect(testCatalog.regions["RU-SA"]?.nameRU == "Республика Саха (Якутия)")
    #expect(testCatalog.indicators["soc"]?.nameRU == "Органический углерод почвы")
    #expect(testCatalog.landCovers.first { $0.code == "grassland" }?.nameRU == "Луга и пастбища")
}

@Test func missingRussianNameNamesFileAndEntry() throws {
    let region = try loadEdited("regions.json") {
        $0.replacingOccurrences(of: #""name_ru": "Акмолинская область","#, with: "")
    }
    guard case .failure(let regionError) = region else {
        Issue.record("loaded")
        return
    }
    #expect(regionError == CatalogError(file: "regions.json", entry: "KZ-11", reason: "name_ru is missing"))
    #expect(regionError.description == "catalog file regions.json, entry \"KZ-11\": name_ru is missing")

    let indicator = try loadEdited("indicators.json") {
        $0.replacingOccurrences(of: #""name_ru": "Органический углерод почвы""#, with: #""name_ru": """#)
    }
    guard case .failure(let indicatorError) = indicator else {
        Issue.record("loaded")
        return
    }
    #expect(
        indicatorError
            == CatalogError(file: "indicators.json", entry: "soc", reason: "name_ru must be a non-empty string"))

    let landCover = try loadEdited("code-lists.json") {
        $0.replacingOccurrences(of: #", "name_ru": "Луга и пастбища""#, with: "")
    }
    guard case .failure(let landCoverError) = landCover else {
        Issue.record("loaded")
        return
    }
    #expect(
        landCoverError
            == CatalogError(file: "code-lists.json", entry: "land_cover grassland", reason: "name_ru is missing"))

    let landUse = try loadEdited("land-use.json") {
        $0.replacingOccurrences(of: #""name_ru": "Полукочевое скотоводство""#, with: #""name_ru": 2"#)
    }
    guard case .failure(let landUseError) = landUse else {
        Issue.record("loaded")
        return
    }
    #expect(
        landUseError
            == CatalogError(file: "land-use.json", entry: "land_use HE2", reason: "name_ru must be a non-empty string"))
}

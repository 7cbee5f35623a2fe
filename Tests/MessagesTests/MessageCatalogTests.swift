import Foundation
import Testing

@testable import Messages

@Suite struct MessageCatalogTests {
    @Test func fillsNamedPlaceholders() throws {
        let catalog = try MessageCatalog(texts: [
            .en: ["a.b": "{field} is above {max} {unit}"], .ru: ["a.b": "{field}: выше максимума {max} {unit}"],
        ])
        let message = Message("a.b", ["field": "soc", "max": "600", "unit": "g/kg"])
        #expect(catalog.text(message, in: .en) == "soc is above 600 g/kg")
        #expect(catalog.text(message, in: .ru) == "soc: выше максимума 600 g/kg")
        #expect(catalog.text(Message("no.such"), in: .ru) == "no.such")
    }

    @Test func unitsAndDecimalsReadAsTheLanguageWritesThem() throws {
        let catalog = try MessageCatalog(texts: [
            .en: ["k": "{value} {unit} above {max}", "unit.g/kg": "g/kg"],
            .ru: ["k": "{value} {unit} выше {max}", "unit.g/kg": "г/кг"],
        ])
        let message = Message("k", ["value": "0.84", "unit": "g/kg", "max": "600"])
        #expect(catalog.text(message, in: .en) == "0.84 g/kg above 600")
        #expect(catalog.text(message, in: .ru) == "0,84 г/кг выше 600")
        #expect(
            catalog.text(Message("k", ["value": "KZ-11", "unit": "m", "max": "2000-2015"]), in: .ru)
                == "KZ-11 m выше 2000-2015")
    }

    @Test func aKeyMissingInOneLanguageNamesFileAndKey() {
        #expect(throws: MessageCatalogError(file: "ru.json", key: "x.y", reason: "is missing (en.json has it)")) {
            try MessageCatalog(texts: [.en: ["x.y": "X", "x.z": "Z"], .ru: ["x.z": "З"]])
        }
        #expect(throws: MessageCatalogError(file: "en.json", key: "only.ru", reason: "is missing (ru.json has it)")) {
            try MessageCatalog(texts: [.en: ["x": "X"], .ru: ["x": "Х", "only.ru": "Р"]])
        }
    }

    @Test func placeholdersMustAgree() {
        #expect(throws: MessageCatalogError.self) {
            try MessageCatalog(texts: [.en: ["k": "{a} and {b}"], .ru: ["k": "{a} и {c}"]])
        }
    }

    @Test func loadsNestedFilesAndStopsOnABrokenOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("msg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"problem": {"title": "Not found", "n": "{n} items"}}"#.utf8)
            .write(to: directory.appendingPathComponent("en.json"))
        try Data(#"{"problem": {"title": "Не найдено", "n": "{n} шт."}}"#.utf8)
            .write(to: directory.appendingPathComponent("ru.json"))
        let catalog = try MessageCatalog.load(from: directory)
        #expect(catalog.text("problem.title", in: .ru) == "Не найдено")
        #expect(catalog.keys == ["problem.n", "problem.title"])
        try Data(#"{"problem": {"title": "Не найдено"}}"#.utf8).write(to: directory.appendingPathComponent("ru.json"))
        do {
            _ = try MessageCatalog.load(from: directory)
            Issue.record("a catalog with a missing key loaded")
        } catch {
            #expect(error.file == "ru.json" && error.key == "problem.n")
        }
    }

    @Test func theShippedCatalogLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try MessageCatalog.load(from: root.appendingPathComponent("Config/messages"))
        #expect(!catalog.keys.isEmpty)
    }
}

@Suite struct LanguageTests {
    @Test func queryWinsOverTheHeader() {
        #expect(Language.negotiate(query: "ru", acceptLanguage: "en") == .ru)
        #expect(Language.negotiate(query: "en", acceptLanguage: "ru") == .en)
    }

    @Test func headerWithQValuesAndRegions() {
        #expect(Language.negotiate(query: nil, acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8") == .ru)
        #expect(Language.negotiate(query: nil, acceptLanguage: "en;q=0.5, ru;q=0.7") == .ru)
        #expect(Language.negotiate(query: nil, acceptLanguage: "kk-KZ, ru;q=0.8") == .ru)
        #expect(Language.negotiate(query: nil, acceptLanguage: "ru;q=0, en") == .en)
    }

    @Test func englishByDefaultAndNever406() {
        #expect(Language.negotiate(query: nil, acceptLanguage: nil) == .en)
        #expect(Language.negotiate(query: nil, acceptLanguage: "de, fr;q=0.8") == .en)
        #expect(Language.negotiate(query: "xx", acceptLanguage: nil) == .en)
    }
}

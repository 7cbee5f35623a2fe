import Foundation
import HTTP
import Messages
import Testing

@testable import LandMon

/// Every human-facing text in English and Russian: `?lang`, `Accept-Language`, `Content-Language`,
/// `Vary`, per-language entity tags, and a catalog that is checked at start.
@Suite struct BilingualTests {
    private func errors(_ reply: TestReply) -> [(path: String, code: String, message: String)] {
        (reply.object["errors"] as? [[String: Any]] ?? []).map {
            ($0["path"] as? String ?? "", $0["code"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    private func isCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    @Test func theSameInvalidDocumentInBothLanguagesHasTheSamePathsAndCodes() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let english = t.send(
            .post, "/v1/assessments", key: key, body: T5Documents.brokenKZ, headers: [("Accept-Language", "en")])
        let russian = t.send(
            .post, "/v1/assessments", key: key, body: T5Documents.brokenKZ,
            headers: [("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")])
        #expect(english.status == 422 && russian.status == 422)
        let (en, ru) = (errors(english), errors(russian))
        #expect(en.count >= 6)
        #expect(en.map(\.path) == ru.map(\.path))
        #expect(en.map(\.code) == ru.map(\.code))
        for (a, b) in zip(en, ru) {
            #expect(a.message != b.message, "\(a.path) \(a.code) reads the same in both languages")
            #expect(isCyrillic(b.message), "\(b.path): \(b.message)")
            #expect(!isCyrillic(a.message), "\(a.path): \(a.message)")
        }
        #expect(english.object["type"] as? String == russian.object["type"] as? String)
        #expect(english.object["title"] as? String == "Validation failed")
        #expect(isCyrillic(russian.object["title"] as? String ?? ""))
        #expect(isCyrillic(russian.object["detail"] as? String ?? ""))
        #expect(russian.headers["Content-Language"] == "ru" && english.headers["Content-Language"] == "en")
        #expect(russian.headers["Vary"]?.contains("Accept-Language") == true)
        // The value, its unit and the bound read as a Russian soil scientist writes them.
        let ph = try #require(ru.first { $0.path == "/layers/2/measurements/1/value" })
        #expect(ph.message == "ph_h2o 19 pH превышает допустимый максимум 13 pH")
    }

    @Test func langWinsOverTheHeaderAndAnUnknownOneIsRefused() throws {
        let t = try TestApp(.queries)
        let english = t.request(.get, "/v1/assessments?region=XX-1&lang=en", headers: [("Accept-Language", "ru")])
        #expect(english.status == 400 && english.headers["Content-Language"] == "en")
        #expect(english.object["detail"] as? String == "region: XX-1 is not an ISO 3166-2 region of a member country")
        let russian = t.request(.get, "/v1/assessments?region=XX-1&lang=ru", headers: [("Accept-Language", "en")])
        #expect(russian.headers["Content-Language"] == "ru")
        #expect(
            russian.object["detail"] as? String == "region: XX-1 не является регионом ISO 3166-2 страны-участницы")
        #expect(russian.parameter == "region" && english.parameter == "region")
        let unknown = t.request(.get, "/v1/assessments?lang=kk")
        #expect(unknown.status == 400 && unknown.parameter == "lang")
        // Languages we lack fall back to English, never 406.
        let german = t.request(.get, "/v1/assessments?region=XX-1", headers: [("Accept-Language", "de, fr;q=0.8")])
        #expect(german.status == 400 && german.headers["Content-Language"] == "en")
    }

    @Test func textAnswersVaryByLanguageWithTheirOwnTags() throws {
        let t = try TestApp(.queries)
        let english = t.request(.get, "/v1/ldn?country=KZ")
        let russian = t.request(.get, "/v1/ldn?country=KZ", headers: [("Accept-Language", "ru")])
        #expect(english.status == 200 && russian.status == 200)
        #expect(english.headers["Content-Language"] == "en" && russian.headers["Content-Language"] == "ru")
        #expect(russian.headers["Vary"]?.contains("Accept-Language") == true)
        let (enTag, ruTag) = (try #require(english.headers["ETag"]), try #require(russian.headers["ETag"]))
        #expect(enTag != ruTag)
        #expect(english.object["caveat"] as? String != russian.object["caveat"] as? String)
        #expect(isCyrillic(russian.object["caveat"] as? String ?? ""))
        // Each language's tag revalidates its own representation only.
        let again = t.request(
            .get, "/v1/ldn?country=KZ", headers: [("Accept-Language", "ru"), ("If-None-Match", ruTag)])
        #expect(again.status == 304 && again.headers["Content-Language"] == "ru")
        #expect(t.request(.get, "/v1/ldn?country=KZ&lang=en", headers: [("If-None-Match", ruTag)]).status == 200)
    }

    @Test func aCatalogWithAMissingKeyStopsTheStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("msg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = TestApp.root.appendingPathComponent("Config/messages")
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("en.json"), to: directory.appendingPathComponent("en.json"))
        var russian =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: source.appendingPathComponent("ru.json"))) as! [String: Any]
        var access = russian["access"] as! [String: Any]
        access["unknown_key"] = nil
        russian["access"] = access
        try JSONSerialization.data(withJSONObject: russian).write(to: directory.appendingPathComponent("ru.json"))
        do {
            _ = try TestApp { $0.messagesDirectory = directory.path }
            Issue.record("the application started with an incomplete message catalog")
        } catch let error as MessageCatalogError {
            #expect(error.file == "ru.json" && error.key == "access.unknown_key")
        }
    }

    @Test func everyMessageKeyInTheSourcesIsInTheCatalog() throws {
        let messages = try MessageCatalog.load(from: TestApp.root.appendingPathComponent("Config/messages"))
        let sources = TestApp.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        let patterns = [
            #"Message\(\s*"([a-z_.\-]+)""#, #"messages\.text\("([a-z_.\-]+)""#,
            #"\.parameter\(\s*"[A-Za-z_\-]+",\s*"([a-z_]+)""#, #"\.parameter\(\s*name,\s*"([a-z_]+)""#,
        ]
        var used = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (index, pattern) in patterns.enumerated() {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let key = String(text[Range(match.range(at: 1), in: text)!])
                    used.insert(index >= 2 ? "parameter." + key : key)
                }
            }
        }
        #expect(used.count > 80)
        for key in used.sorted() where !key.hasSuffix(".") {
            #expect(messages.contains(key), "\(key) is used in Sources but missing from Config/messages")
        }
    }

    @Test func theServersOwnProblemsAreToldInTheRequestsLanguage() throws {
        let t = try TestApp()
        let server = try t.serve()
        defer { server.shutdown(deadline: 1) }
        let client = try LoopbackClient(port: server.port)
        let notFound = try #require(client.request("GET", "/nowhere?lang=ru"))
        #expect(notFound.status == 404)
        #expect(notFound.headers["Content-Language"] == "ru")
        #expect(notFound.text.contains("Не найдено"))
        let notAllowed = try #require(client.request("PATCH", "/v1/assessments", headers: [("Accept-Language", "ru")]))
        #expect(notAllowed.status == 405 && notAllowed.text.contains("Метод не разрешён"))
        #expect(notAllowed.headers["Allow"] != nil)
        let english = try #require(client.request("GET", "/nowhere"))
        #expect(english.text.contains("No resource at this path.") && english.headers["Content-Language"] == "en")
    }
}

import Foundation
import Messages
import Store
import Testing

@testable import LandMon

/// Configuration precedence (file, then LANDMON_* variables, then flags) and refusals by name.
struct ConfigurationTests {
    private func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "landmon-config-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let path = try file(#"{"port": 9000, "host": "0.0.0.0", "database": "a.sqlite", "public_read": true}"#)
        let fromFile = try Configuration.load(file: path, environment: [:], overrides: [:])
        #expect(fromFile.port == 9000 && fromFile.host == "0.0.0.0" && fromFile.publicRead)
        let fromEnvironment = try Configuration.load(
            file: path, environment: ["LANDMON_PORT": "9001", "LANDMON_DB": "b.sqlite", "HOME": "/x"], overrides: [:])
        #expect(fromEnvironment.port == 9001 && fromEnvironment.database == "b.sqlite")
        let fromFlags = try Configuration.load(
            file: path, environment: ["LANDMON_PORT": "9001"], overrides: ["port": "9002", "db": "c.sqlite"])
        #expect(fromFlags.port == 9002 && fromFlags.database == "c.sqlite" && fromFlags.host == "0.0.0.0")
    }

    @Test func refusalsNameTheSourceAndKey() throws {
        let path = try file(#"{"port": 70000}"#)
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: path, environment: [:], overrides: [:])
        }
        do {
            _ = try Configuration.load(file: nil, environment: ["LANDMON_PORT": "abc"], overrides: [:])
            Issue.record("a malformed port was accepted")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("LANDMON_PORT") && error.description.contains("port"))
        }
        let unknown = try file(#"{"prot": 1}"#)
        do {
            _ = try Configuration.load(file: unknown, environment: [:], overrides: [:])
            Issue.record("an unknown key was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "prot")
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: "/nonexistent/landmon.json", environment: [:], overrides: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["LANDMON_SYNCHRONOUS": "sometimes"], overrides: [:])
        }
    }

    @Test func refusalsAreMessagesInBothLanguages() throws {
        do {
            _ = try Configuration.load(file: nil, environment: ["LANDMON_PORT": "abc"], overrides: [:])
            Issue.record("a malformed port was accepted")
        } catch let error as ConfigurationError {
            #expect(error.problem == Message("configuration.integer", ["min": "0", "max": "65535"]))
            let messages = try MessageCatalog.load(from: TestApp.root.appendingPathComponent("Config/messages"))
            var arguments = error.problem.arguments
            arguments["key"] = "port"
            arguments["source"] = messages.text(error.source, in: .ru)
            #expect(
                messages.text(error.problem.key, arguments, in: .ru)
                    == "настройки: переменная окружения LANDMON_PORT: «port» должно быть целым числом от 0 до 65535")
        }
    }

    @Test func listsAndBooleansFromText() throws {
        let configuration = try Configuration.load(
            file: nil,
            environment: [
                "LANDMON_CORS_ORIGINS": "https://a.example, https://b.example", "LANDMON_PUBLIC_READ": "yes",
            ],
            overrides: [:])
        #expect(configuration.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(configuration.publicRead)
    }
}

/// The durability and cache settings reach the SQLite connections.
@Test func storeSettingsReachSQLite() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var configuration = Configuration()
    configuration.database = NSTemporaryDirectory() + "landmon-settings-\(UUID().uuidString).sqlite"
    configuration.schemaDirectory = root.appendingPathComponent("Config/schema").path
    configuration.messagesDirectory = root.appendingPathComponent("Config/messages").path
    configuration.migrationsDirectory = root.appendingPathComponent("Migrations").path
    configuration.synchronous = "normal"
    configuration.writerCacheMB = 48
    configuration.readerCacheMB = 3
    let application = try Application(configuration: configuration)
    defer { application.close() }
    let (synchronous, writerCache) = try (application.store as! SQLiteStore).database.write { db in
        (try db.first("PRAGMA synchronous", []) { $0.int(0) }, try db.first("PRAGMA cache_size", []) { $0.int(0) })
    }
    #expect(synchronous == 1, "synchronous=normal is 1")
    #expect(writerCache == -48 * 1024)
    #expect(
        try (application.store as! SQLiteStore).database.read { try $0.first("PRAGMA cache_size", []) { $0.int(0) } }
            == -3 * 1024)
}

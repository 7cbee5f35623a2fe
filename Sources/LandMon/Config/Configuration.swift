import Foundation
import Messages

/// Server settings: `Config/landmon.json`, overridden by `LANDMON_*` environment variables,
/// then by command-line flags.
public struct Configuration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = "landmon.sqlite"
    public var schemaDirectory = "Config/schema"
    public var messagesDirectory = "Config/messages"
    public var migrationsDirectory = "Migrations"
    public var publicRead = false
    /// Reads of `/ogc` without a key (the OGC API alone; `public_read` opens every read).
    public var publicReadOGC = false
    /// Decimal places of site coordinates in reads without a key; nil keeps them exact.
    public var publicCoordinateDecimals: Int? = 2
    /// The absolute URL links are built from (`https://landmon.example.org`); nil: from the request's `Host`.
    public var publicBaseURL: String?
    public var corsOrigins: [String] = []
    public var synchronous = "full"
    public var readerConnections = 4
    public var writerCacheMB = 32
    public var readerCacheMB = 8
    /// Handler threads; 0 means four per core.
    public var workerThreads = 0
    public var queryTimeoutMilliseconds = 2000
    public var maxConnections = 4096
    public var headerTimeoutSeconds = 10.0
    public var bodyTimeoutSeconds = 30.0
    public var idleTimeoutSeconds = 75.0
    public var writeTimeoutSeconds = 30.0
    public var shutdownDeadlineSeconds = 10.0
    public var maxBodyBytes = 1 << 20
    public var maxBatchBodyBytes = 64 << 20
    public var maxBatchDocuments = 10_000
    public var rateLimitPerMinute = 6000
    public var idempotencyRetentionHours = 24.0
    public var changesRetentionDays = 3650.0
    public var ldnMinimumSites = 10
    public var accessLog = true

    public init() {}
}

/// A configuration file as the source of a setting.
private func fileSource(_ path: String) -> Message { Message("configuration.source_file", ["path": path]) }

extension Configuration {
    /// Builds the configuration from a file (optional), the environment and flag overrides.
    /// - Parameter file: path of a JSON file; `nil` uses `Config/landmon.json` when it exists.
    public static func load(
        file: String?, environment: [String: String], overrides: [String: String]
    ) throws -> Configuration {
        var configuration = Configuration()
        let path = file ?? "Config/landmon.json"
        if FileManager.default.fileExists(atPath: path) {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ConfigurationError(
                    source: fileSource(path), key: nil, problem: Message("configuration.not_object"))
            }
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                try configuration.set(key, to: value, source: fileSource(path))
            }
        } else if file != nil {
            throw ConfigurationError(source: fileSource(path), key: nil, problem: Message("configuration.no_file"))
        }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("LANDMON_") {
            let key = String(name.dropFirst("LANDMON_".count)).lowercased()
            let key2 = key == "db" ? "database" : key
            try configuration.set(
                key2, to: value, source: Message("configuration.source_environment", ["name": name]))
        }
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            try configuration.set(key, to: value, source: Message("configuration.source_flag", ["name": key]))
        }
        return configuration
    }
}

/// A setting that could not be read: names where it came from and which key; its words in the
/// terminal's language.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// The file, environment variable or flag the value came from.
    public let source: Message
    public let key: String?
    public let problem: Message
    public var description: String {
        var arguments = problem.arguments
        arguments["source"] = Commands.text(source)
        arguments["key"] = key ?? ""
        return Commands.text(Message(problem.key, arguments))
    }
}

import Assessments
@preconcurrency import Dispatch
import Foundation
import HTTP
import Messages
import Store

/// A command line that cannot be run as given (exit status 64).
public enum CommandError: Error, CustomStringConvertible {
    case usage(Message)

    /// The message in the terminal's language (`LC_ALL`, `LC_MESSAGES`, `LANG`: `ru_RU.UTF-8` is Russian).
    public var description: String {
        switch self {
        case .usage(let message): return Commands.text(message)
        }
    }
}

/// The commands of the `landmon` executable; each returns the process exit status.
public enum Commands {
    /// Migrates, then serves until SIGTERM or SIGINT; then stops accepting, finishes in-flight
    /// requests within the configured deadline, closes the database and returns 0.
    public static func serve(_ configuration: Configuration) throws -> Int32 {
        let application = try Application(configuration: configuration)
        let server = Server(configuration: application.serverConfiguration(), responder: application.makeRouter())
        try server.start()
        application.server.withLock { $0 = server }
        Log.info("serving on http://\(configuration.host):\(server.port) (database \(configuration.database))")
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        let maintenance = application.startMaintenance()
        stop.wait()
        Log.info("stopping: no new connections; finishing in-flight requests")
        maintenance.cancel()
        server.shutdown(deadline: configuration.shutdownDeadlineSeconds)
        application.close()
        Log.info("stopped")
        _ = sources
        return 0
    }

    /// Applies pending migrations, or lists them with `statusOnly`.
    public static func migrate(_ configuration: Configuration, statusOnly: Bool) throws -> Int32 {
        let migrations = URL(fileURLWithPath: configuration.migrationsDirectory)
        if statusOnly {
            let states =
                PostgreSQLStore.isURL(configuration.database)
                ? try PostgreSQLStore.migrationStatus(url: configuration.database, migrations: migrations)
                : try SQLiteStore.migrationStatus(path: configuration.database, migrations: migrations)
            for state in states {
                print(
                    "\(String(format: "%04d", state.version)) \(state.name)  \(state.appliedAt.map { "applied \($0)" } ?? "pending")"
                )
            }
        } else {
            let applied =
                PostgreSQLStore.isURL(configuration.database)
                ? try PostgreSQLStore.migrate(url: configuration.database, migrations: migrations)
                : try SQLiteStore.migrate(path: configuration.database, migrations: migrations)
            print(
                applied.isEmpty
                    ? "up to date"
                    : applied.map { "applied \(String(format: "%04d", $0.version)) \($0.name)" }.joined(separator: "\n")
            )
        }
        return 0
    }

    /// Creates a key and prints it alone on standard output, once.
    public static func createKey(_ configuration: Configuration, name: String, role: String, country: String?) throws
        -> Int32
    {
        guard let role = Role(rawValue: role) else { throw CommandError.usage(Message("cli.role")) }
        guard (1...100).contains(name.count), !name.contains(where: { $0.isNewline }) else {
            throw CommandError.usage(Message("cli.name"))
        }
        if role == .submitter {
            let countries = try Catalog.load(from: URL(fileURLWithPath: configuration.schemaDirectory)).countries
                .map(\.code)
            guard let country, countries.contains(country) else {
                throw CommandError.usage(
                    Message("cli.submitter_country", ["countries": countries.joined(separator: " ")]))
            }
        } else if country != nil {
            throw CommandError.usage(Message("cli.country_for_submitters"))
        }
        let (store, keys) = try openKeys(configuration)
        defer { store.close() }
        do {
            let (_, secret) = try keys.create(name: name, role: role, country: country)
            print(secret)
        } catch StoreError.duplicateKeyName {
            throw CommandError.usage(Message("cli.key_exists", ["name": name]))
        }
        return 0
    }

    /// Lists keys (never their secrets).
    public static func listKeys(_ configuration: Configuration) throws -> Int32 {
        let (store, keys) = try openKeys(configuration)
        defer { store.close() }
        print("id\tname\trole\tcountry\tcreated\trevoked")
        for entry in try keys.list() {
            print(
                "\(entry.id)\t\(entry.name)\t\(entry.role.rawValue)\t\(entry.country ?? "-")\t\(entry.createdAt)\t\(entry.revokedAt ?? "-")"
            )
        }
        return 0
    }

    /// Revokes a key; a running server refuses it from its next request.
    public static func revokeKey(_ configuration: Configuration, id: Int64) throws -> Int32 {
        let (store, keys) = try openKeys(configuration)
        defer { store.close() }
        guard try keys.revoke(id: id) else {
            FileHandle.standardError.write(
                Data("landmon: \(text(Message("cli.no_such_key", ["id": String(id)])))\n".utf8))
            return 1
        }
        print("revoked key \(id)")
        return 0
    }

    /// A consistent copy of a live database through SQLite's online backup; for PostgreSQL, how to
    /// make one with `pg_dump`.
    public static func backup(_ configuration: Configuration, to target: String) throws -> Int32 {
        guard !PostgreSQLStore.isURL(configuration.database) else {
            throw CommandError.usage(Message("cli.backup_postgresql", ["path": target]))
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw CommandError.usage(Message("cli.backup_target_exists", ["path": target]))
        }
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            throw CommandError.usage(Message("cli.no_database", ["path": configuration.database]))
        }
        try SQLiteStore.backup(path: configuration.database, to: target)
        print("backed up \(configuration.database) to \(target)")
        return 0
    }

    /// Copies an SQLite file into a PostgreSQL database (see `Transfer`), with a progress line on
    /// standard error, then prints each table's counts and checksums; 0 when all are equal.
    public static func transfer(_ configuration: Configuration, from source: String, to target: String) throws -> Int32
    {
        guard PostgreSQLStore.isURL(target), !PostgreSQLStore.isURL(source) else {
            throw CommandError.usage(Message("cli.transfer_usage"))
        }
        guard FileManager.default.fileExists(atPath: source) else {
            throw CommandError.usage(Message("cli.no_database", ["path": source]))
        }
        let reports = try Transfer.run(
            from: source, to: target, migrations: URL(fileURLWithPath: configuration.migrationsDirectory)
        ) { table, copied, total in
            let line = text(
                Message("cli.transfer_progress", ["table": table, "copied": String(copied), "total": String(total)]))
            FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
            if copied >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        print("table\tsqlite\tpostgresql\tsqlite_checksum\tpostgresql_checksum")
        for report in reports {
            print(
                "\(report.table)\t\(report.source)\t\(report.target)\t\(report.sourceChecksum)\t\(report.targetChecksum)"
            )
        }
        let isEqual = reports.allSatisfy(\.isEqual)
        print(text(Message(isEqual ? "cli.transfer_equal" : "cli.transfer_different")))
        return isEqual ? 0 : 1
    }

    /// Seeds synthetic assessments (see `Seeder`).
    public static func seed(_ configuration: Configuration, count: Int) throws -> Int32 {
        let application = try Application(configuration: configuration)
        defer { application.close() }
        let started = Date()
        let stored = try Seeder(application: application).seed(count: count)
        let seconds = Date().timeIntervalSince(started)
        print(
            "seeded \(stored) assessments in \(String(format: "%.1f", seconds)) s (\(Int(Double(stored) / max(seconds, 0.001)))/s)"
        )
        return 0
    }

    private static func openKeys(_ configuration: Configuration) throws -> (any AssessmentStore, KeyStore) {
        let store = try Application.openStore(configuration, indicators: [])
        return (store, KeyStore(store: store))
    }

    /// The terminal's language: `LC_ALL`, else `LC_MESSAGES`, else `LANG` (`ru_RU.UTF-8` is Russian).
    public static var language: Language {
        let environment = ProcessInfo.processInfo.environment
        let locale =
            [environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("ru") ? .ru : .en
    }

    /// The command line's texts, from `Config/messages` under the working directory.
    static let messages: MessageCatalog? = try? MessageCatalog.load(
        from: URL(fileURLWithPath: "Config/messages"))

    /// A message in the terminal's language (its key when no catalog is at hand).
    public static func text(_ message: Message) -> String {
        messages?.text(message, in: language) ?? message.description
    }
}

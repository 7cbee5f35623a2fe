@preconcurrency import Dispatch
import Foundation
import HTTP
import SQLite

/// A command line that cannot be run as given (exit status 64).
public enum CommandError: Error, CustomStringConvertible {
    case usage(String)

    public var description: String {
        switch self {
        case .usage(let message): return message
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
        let database = try Database(path: configuration.database, configuration: DatabaseConfiguration())
        defer { database.close() }
        let migrator = try Migrator(directory: URL(fileURLWithPath: configuration.migrationsDirectory))
        if statusOnly {
            for (migration, appliedAt) in try migrator.status(database) {
                print(
                    "\(String(format: "%04d", migration.version)) \(migration.name)  \(appliedAt.map { "applied \($0)" } ?? "pending")"
                )
            }
        } else {
            let applied = try migrator.migrate(database)
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
        guard let role = Role(rawValue: role) else {
            throw CommandError.usage("--role must be reader, submitter or admin")
        }
        guard (1...100).contains(name.count), !name.contains(where: { $0.isNewline }) else {
            throw CommandError.usage("--name must be 1 to 100 characters on one line")
        }
        if role == .submitter {
            guard let country, QueryValues.countries.contains(country) else {
                throw CommandError.usage("a submitter key needs --country, one of KZ KG RU TJ TM UZ")
            }
        } else if country != nil {
            throw CommandError.usage("--country is for submitter keys only")
        }
        let (database, keys) = try openKeys(configuration)
        defer { database.close() }
        do {
            let (_, secret) = try keys.create(name: name, role: role, country: country)
            print(secret)
        } catch let error as SQLiteError where error.isUniqueViolation {
            throw CommandError.usage("a key named \(name) exists already")
        }
        return 0
    }

    /// Lists keys (never their secrets).
    public static func listKeys(_ configuration: Configuration) throws -> Int32 {
        let (database, keys) = try openKeys(configuration)
        defer { database.close() }
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
        let (database, keys) = try openKeys(configuration)
        defer { database.close() }
        guard try keys.revoke(id: id) else {
            FileHandle.standardError.write(Data("landmon: no active key with id \(id)\n".utf8))
            return 1
        }
        print("revoked key \(id)")
        return 0
    }

    /// A consistent copy of a live database through SQLite's online backup.
    public static func backup(_ configuration: Configuration, to target: String) throws -> Int32 {
        guard !FileManager.default.fileExists(atPath: target) else {
            throw CommandError.usage("\(target) exists; backup writes a new file")
        }
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            throw CommandError.usage("no database at \(configuration.database)")
        }
        // A read-only connection: the backup needs no write lock, so a serving process keeps writing.
        let connection = try Connection(path: configuration.database, readOnly: true)
        try connection.backup(to: target)
        print("backed up \(configuration.database) to \(target)")
        return 0
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

    private static func openKeys(_ configuration: Configuration) throws -> (Database, KeyStore) {
        let database = try Database(path: configuration.database, configuration: DatabaseConfiguration())
        _ = try Migrator(directory: URL(fileURLWithPath: configuration.migrationsDirectory)).migrate(database)
        return (database, KeyStore(database: database))
    }
}

import Foundation
import Locking
import PostgreSQL
import SQLite
import Store

@testable import HTTP
@testable import LandMon

/// One answer as a router-level test sees it; a problem is rendered like the server would.
struct TestReply: Sendable {
    var status: Int
    var headers: Headers
    var body: [UInt8]
    var problem: Problem?

    var isProblem: Bool { problem != nil }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as JSON (Foundation's parser: test input is trusted).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    /// The `parameter` member of a 400 problem.
    var parameter: String? { object["parameter"] as? String }
    /// `errors[].path` of a problem document.
    var errorPaths: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
    var errorCodes: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
}

/// An application over a fresh temporary database, driven through its router.
final class TestApp: Sendable {
    /// The defaults a suite starts from, before its own adjustments.
    enum Profile: Sendable {
        /// Writes as deployed: durable commits, the default rate limit, two readers, no key.
        case submissions
        /// Reads: synchronous off and no rate limit, with an admin key made up front.
        case queries
    }

    let app: Application
    let router: Router
    let directory: URL
    /// The admin key's secret under `.queries`; nil under `.submissions`, whose key ids start at 1.
    let adminKey: String?
    /// The PostgreSQL database under the app when the suite runs on PostgreSQL.
    let postgres: PGTestDatabase?

    /// Whether the API tests run on PostgreSQL: `TEST_STORE=postgresql` with a test cluster
    /// (`TEST_POSTGRESQL_URL`); SQLite otherwise.
    static let isPostgreSQL =
        ProcessInfo.processInfo.environment["TEST_STORE"] == "postgresql" && PGTestDatabase.clusterURL != nil

    /// The package root: this file is Tests/LandMonTests/Support/TestApp.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init(_ profile: Profile = .submissions, _ adjust: (inout Configuration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("landmon-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.database = directory.appendingPathComponent("test.sqlite").path
        configuration.schemaDirectory = TestApp.root.appendingPathComponent("Config/schema").path
        configuration.messagesDirectory = TestApp.root.appendingPathComponent("Config/messages").path
        configuration.migrationsDirectory = TestApp.root.appendingPathComponent("Migrations").path
        configuration.accessLog = false
        switch profile {
        case .submissions:
            configuration.readerConnections = 2
        case .queries:
            configuration.synchronous = "off"
            configuration.rateLimitPerMinute = 0
        }
        let sqlitePath = configuration.database
        adjust(&configuration)
        if TestApp.isPostgreSQL && configuration.database == sqlitePath {
            let database = try PGTestDatabase("api")
            configuration.database = database.url
            postgres = database
        } else {
            postgres = nil
        }
        app = try Application(configuration: configuration)
        router = app.makeRouter()
        switch profile {
        case .submissions: adminKey = nil
        case .queries:
            adminKey = try app.keys.create(name: "t6-admin", role: .admin, country: nil).1
        }
    }

    /// The SQLite database under the store, for SQL that simulates retention, full disks and the like.
    var database: Database { (app.store as! SQLiteStore).database }

    deinit {
        app.close()
        postgres?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new key's secret.
    func key(_ name: String, _ role: Role, _ country: String? = nil) throws -> String {
        try app.keys.create(name: name, role: role, country: country).1
    }

    /// A new key's id and secret.
    func keyWithID(_ name: String, _ role: Role, _ country: String? = nil) throws -> (Int64, String) {
        try app.keys.create(name: name, role: role, country: country)
    }

    /// Sends one request with a text body and an explicit key through the router, and waits.
    func send(
        _ method: HTTPMethod, _ target: String, key: String? = nil, body: String? = nil,
        contentType: String? = "application/json", headers extra: [(String, String)] = []
    ) -> TestReply {
        var headers = Headers()
        if let key { headers.add("Authorization", "Bearer \(key)") }
        if body != nil, let contentType { headers.add("Content-Type", contentType) }
        for (name, value) in extra { headers.add(name, value) }
        return respond(Request(method: method, target: target, headers: headers, body: Array((body ?? "").utf8)))
    }

    /// Sends one request through the router (with the admin key unless `authorized` is false) and waits.
    func request(
        _ method: HTTPMethod = .get, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
        authorized: Bool = true
    ) -> TestReply {
        var fields = Headers(headers)
        if authorized, let adminKey { fields.add("Authorization", "Bearer \(adminKey)") }
        if !body.isEmpty && fields["Content-Type"] == nil { fields.add("Content-Type", "application/json") }
        return respond(Request(method: method, target: target, headers: fields, body: body))
    }

    private func respond(_ request: Request) -> TestReply {
        let box = Locked<Response?>(nil)
        let done = DispatchSemaphore(value: 0)
        router.respond(to: request) { response in
            box.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        let response = box.withLock { $0! }
        var bytes: [UInt8] = []
        if case .bytes(let data) = response.body { bytes = data }
        if let problem = response.problem { bytes = problem.encoded(requestID: "test") }
        return TestReply(
            status: Int(response.status.code), headers: response.headers, body: bytes, problem: response.problem)
    }

    /// POSTs one document with the admin key; returns the answer.
    @discardableResult
    func submit(_ document: [String: Any]) -> TestReply {
        request(.post, "/v1/assessments", body: T6Doc.encode(document))
    }

    /// POSTs one document and returns its id, recording a failure when it is not stored.
    func store(_ document: [String: Any]) throws -> Int64 {
        let reply = submit(document)
        guard reply.status == 201, let id = (reply.object["id"] as? NSNumber)?.int64Value else {
            throw T6Failure("submission refused: \(reply.status) \(reply.text)")
        }
        return id
    }

    /// Runs SQL against the database (to simulate retention and the like).
    func execute(_ sql: String) throws {
        if let postgres {
            let connection = try PGConnection(url: postgres.url)
            defer { connection.close() }
            try connection.execute(sql)
            return
        }
        try database.write { db in try db.run(sql) }
    }

    /// Rows in a table, counted on a reader.
    func count(_ table: String, where condition: String = "1 = 1") throws -> Int {
        if let postgres {
            // No R*Tree on PostgreSQL: each active assessment is where SQLite keeps a site entry.
            let sql =
                table == "assessment_sites"
                ? "SELECT count(*) FROM assessments WHERE status = 'active' AND \(condition)"
                : "SELECT count(*) FROM \(table) WHERE \(condition)"
            let connection = try PGConnection(url: postgres.url)
            defer { connection.close() }
            return Int(try connection.first(sql) { $0.int(0) } ?? -1)
        }
        let sql = "SELECT count(*) FROM \(table) WHERE \(condition)"
        return try database.read { db in Int(try db.first(sql, []) { $0.int(0) } ?? -1) }
    }

    /// `PRAGMA integrity_check` on a reader.
    func integrityCheck() throws -> String {
        try database.read { db in try db.first("PRAGMA integrity_check", []) { $0.text(0) } ?? "" }
    }

    /// Starts a real server for this application on an ephemeral loopback port.
    func serve() throws -> Server {
        var configuration = app.serverConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = Server(configuration: configuration, responder: router)
        try server.start()
        app.server.withLock { $0 = server }
        return server
    }
}

/// A failure with a message, for `throw` inside tests.
struct T6Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A value handed from a completion to the waiting test.
final class T6Box<Value: Sendable>: @unchecked Sendable {
    // @unchecked: the value is only touched under the lock.
    private let lock = NSLock()
    private var value: Value?
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value? { lock.withLock { value } }
}

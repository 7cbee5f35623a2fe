import Foundation
import HTTP
import Locking
import SQLite

@testable import LandMon

/// The repository root, three levels up from this file (Tests/LandMonTests/Support).
let t5Root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One answer as a client sees it: problems rendered the way the server renders them.
struct T5Reply: Sendable {
    let status: Int
    let headers: Headers
    let body: [UInt8]
    let isProblem: Bool

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (Foundation's parser: test input is trusted).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) as? [String: Any] ?? [:]
    }

    /// `errors[].path` of a problem document.
    var errorPaths: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
    var errorCodes: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
}

/// An Application over a fresh temporary database, driven through its router.
final class T5App: Sendable {
    let app: Application
    let router: Router
    let directory: URL

    init(_ adjust: (inout Configuration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("landmon-t5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.database = directory.appendingPathComponent("test.sqlite").path
        configuration.schemaDirectory = t5Root.appendingPathComponent("Config/schema").path
        configuration.migrationsDirectory = t5Root.appendingPathComponent("Migrations").path
        configuration.accessLog = false
        configuration.readerConnections = 2
        adjust(&configuration)
        app = try Application(configuration: configuration)
        router = app.makeRouter()
    }

    deinit {
        app.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new key's secret.
    func key(_ name: String, _ role: Role, _ country: String? = nil) throws -> String {
        try KeyStore(database: app.database).create(name: name, role: role, country: country).1
    }

    /// A new key's id and secret.
    func keyWithID(_ name: String, _ role: Role, _ country: String? = nil) throws -> (Int64, String) {
        try KeyStore(database: app.database).create(name: name, role: role, country: country)
    }

    /// Sends one request through the router and waits for the answer.
    func send(
        _ method: HTTPMethod, _ target: String, key: String? = nil, body: String? = nil,
        contentType: String? = "application/json", headers extra: [(String, String)] = []
    ) -> T5Reply {
        var headers = Headers()
        if let key { headers.add("Authorization", "Bearer \(key)") }
        if body != nil, let contentType { headers.add("Content-Type", contentType) }
        for (name, value) in extra { headers.add(name, value) }
        let request = Request(method: method, target: target, headers: headers, body: Array((body ?? "").utf8))
        let box = Locked<Response?>(nil)
        let done = DispatchSemaphore(value: 0)
        router.respond(to: request) { response in
            box.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        let response = box.withLock { $0! }
        if let problem = response.problem {
            return T5Reply(
                status: response.status.code, headers: response.headers, body: problem.encoded(requestID: "test"),
                isProblem: true)
        }
        switch response.body {
        case .bytes(let bytes):
            return T5Reply(status: response.status.code, headers: response.headers, body: bytes, isProblem: false)
        default:
            return T5Reply(status: response.status.code, headers: response.headers, body: [], isProblem: false)
        }
    }

    /// Rows in a table, counted on a reader.
    func count(_ table: String, where condition: String = "1") throws -> Int {
        try app.database.read { db in
            Int(try db.first("SELECT count(*) FROM \(table) WHERE \(condition)", []) { $0.int(0) } ?? -1)
        }
    }

    /// `PRAGMA integrity_check` on a reader.
    func integrityCheck() throws -> String {
        try app.database.read { db in try db.first("PRAGMA integrity_check", []) { $0.text(0) } ?? "" }
    }
}

/// An application served on 127.0.0.1 with an ephemeral port.
final class T5LiveApp: Sendable {
    let t: T5App
    let server: Server

    init(_ adjust: (inout Configuration) -> Void = { _ in }) throws {
        t = try T5App(adjust)
        var configuration = t.app.serverConfiguration()
        configuration.port = 0
        server = Server(configuration: configuration, responder: t.router)
        try server.start()
    }

    deinit { server.shutdown(deadline: 1) }

    var port: Int { server.port }

    func client() throws -> LoopbackClient { try LoopbackClient(port: port, timeout: 5) }
}

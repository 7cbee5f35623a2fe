import Foundation
import SQLite

@testable import HTTP
@testable import LandMon

/// One answer as a router-level test sees it; a problem is rendered like the server would.
struct T6Reply {
    var status: Int
    var headers: Headers
    var body: [UInt8]
    var problem: Problem?

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    /// The `parameter` member of a 400 problem.
    var parameter: String? { object["parameter"] as? String }
}

/// An application over a fresh temporary database with an admin key, driven through its router.
final class T6Harness: @unchecked Sendable {
    // @unchecked: every stored property is a `let` of a Sendable type or an immutable value.
    let app: Application
    let router: Router
    let directory: URL
    let key: String

    /// The package root: this file is Tests/LandMonTests/Support/T6Harness.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init(_ adjust: (inout Configuration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("t6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.database = directory.appendingPathComponent("landmon.sqlite").path
        configuration.schemaDirectory = T6Harness.root.appendingPathComponent("Config/schema").path
        configuration.migrationsDirectory = T6Harness.root.appendingPathComponent("Migrations").path
        configuration.accessLog = false
        configuration.synchronous = "off"
        configuration.rateLimitPerMinute = 0
        adjust(&configuration)
        app = try Application(configuration: configuration)
        router = app.makeRouter()
        key = try KeyStore(database: app.database).create(name: "t6-admin", role: .admin, country: nil).1
    }

    deinit {
        app.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends one request through the router (with the admin key unless `authorized` is false) and waits.
    func request(
        _ method: HTTPMethod = .get, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
        authorized: Bool = true
    ) -> T6Reply {
        var fields = Headers(headers)
        if authorized { fields.add("Authorization", "Bearer \(key)") }
        if !body.isEmpty && fields["Content-Type"] == nil { fields.add("Content-Type", "application/json") }
        let request = Request(method: method, target: target, headers: fields, body: body)
        let box = T6Box<Response>()
        let done = DispatchSemaphore(value: 0)
        router.respond(to: request) { response in
            box.set(response)
            done.signal()
        }
        done.wait()
        let response = box.get()!
        var bytes: [UInt8] = []
        switch response.body {
        case .bytes(let data): bytes = data
        case .empty: break
        case .stream: bytes = []
        }
        if let problem = response.problem { bytes = problem.encoded(requestID: "test") }
        return T6Reply(
            status: Int(response.status.code), headers: response.headers, body: bytes, problem: response.problem)
    }

    /// POSTs one document; returns the answer.
    @discardableResult
    func submit(_ document: [String: Any]) -> T6Reply {
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
        try app.database.write { db in try db.run(sql) }
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

extension T6Harness {
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

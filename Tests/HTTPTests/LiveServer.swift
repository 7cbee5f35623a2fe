import Foundation
import Synchronization

@testable import HTTP

/// A server on 127.0.0.1 with an ephemeral port, the test routes, and a captured access log.
final class LiveServer: Sendable {
    let server: Server
    let log = AccessLogBox()
    var port: Int { server.port }

    init(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.maxBodyBytes = 1000
        configuration.corsOrigins = ["https://dash.example"]
        let log = self.log
        configuration.accessLog = { record in log.append(record) }
        adjust(&configuration)
        server = Server(configuration: configuration, responder: LiveServer.router())
        try server.start()
    }

    deinit { server.shutdown(deadline: 1) }

    func records() -> [AccessRecord] { log.all() }

    /// The access records once `count` are there (the log line follows the last byte sent,
    /// so a client can read its answer a moment before the record exists), or after 2 s.
    func records(count: Int) -> [AccessRecord] {
        for _ in 0..<200 where log.all().count < count { usleep(10_000) }
        return log.all()
    }

    static func router() -> Router {
        var router = Router()
        router.add(.get, "/health", name: "health") { _ in .json(Array(#"{"status":"ok"}"#.utf8)) }
        router.add(.get, "/inline", isNonblocking: true) { _ in .json(Array(#"{"inline":true}"#.utf8)) }
        router.add(.get, "/echo/{word}") { request in
            if let delay = request.query["sleep_ms"].flatMap(Int.init) { usleep(UInt32(delay * 1000)) }
            var response = Response.json(Array(request.parameters["word"]!.utf8))
            response.logFields["key"] = "k"
            return response
        }
        router.add(.post, "/echo") { request in
            Response(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: .bytes(request.body))
        }
        router.add(.put, "/echo") { request in Response(status: .ok, body: .bytes(request.body)) }
        router.add(.get, "/stream") { request in
            let pieces = Int(request.query["pieces"] ?? "100")!
            return Response(
                status: .ok, headers: ["Content-Type": "text/plain"],
                body: .stream { writer in
                    LiveServer.writePieces(writer, index: 0, count: pieces)
                })
        }
        router.add(
            .get, "/deferred",
            deferred: { _, completion in
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) {
                    completion(Response(status: .ok, body: .bytes(Array("late".utf8))))
                }
            })
        return router
    }

    /// Piece i is 10,000 copies of the byte `i % 26 + 'a'`.
    static func writePieces(_ writer: BodyWriter, index: Int, count: Int) {
        guard index < count else {
            writer.finish()
            return
        }
        let piece = [UInt8](repeating: UInt8(index % 26) + 0x61, count: 10_000)
        writer.write(piece) { isOpen in
            if isOpen { writePieces(writer, index: index + 1, count: count) }
        }
    }
}

/// Captured access records, shared with the server's log closure.
///
/// A serial queue rather than a `Mutex`: ThreadSanitizer reported the exclusivity access of
/// `Mutex.withLock` from two socket queues as a race here; the queue keeps the report clean.
final class AccessLogBox: @unchecked Sendable {
    private let queue = DispatchQueue(label: "test.access-log")
    // Only touched on `queue`.
    private var records: [AccessRecord] = []

    func append(_ record: AccessRecord) { queue.sync { records.append(record) } }
    func all() -> [AccessRecord] { queue.sync { records } }
}

import Foundation
import HTTP

@testable import LandMon

/// An application served on 127.0.0.1 with an ephemeral port.
final class LiveTestApp: Sendable {
    let t: TestApp
    let server: Server

    init(_ adjust: (inout Configuration) -> Void = { _ in }) throws {
        t = try TestApp(.submissions, adjust)
        var configuration = t.app.serverConfiguration()
        configuration.port = 0
        server = Server(configuration: configuration, responder: t.router)
        try server.start()
    }

    deinit { server.shutdown(deadline: 1) }

    var port: Int { server.port }

    func client() throws -> LoopbackClient { try LoopbackClient(port: port, timeout: 5) }
}

import Hummingbird

// Usage: HummingbirdPeer PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 8082
let body = ByteBuffer(string: #"{"status":"ok","version":"bench"}"#)
let router = Router()
router.get("/health") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()

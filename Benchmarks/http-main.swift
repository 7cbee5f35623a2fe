// The benchmark server for Benchmarks/http.sh: the HTTP module compiled with `swiftc -O`
// alone, answering GET /health with the same bytes as nginx and the Hummingbird peer.
// Usage: landmon-http-bench PORT [nonblocking]   (access log lines go to standard output)
// By default /health is an ordinary handler, run on the bounded worker pool like every
// handler that touches SQLite; with `nonblocking` it runs on the socket queue.
import Dispatch
import Foundation

@main
struct HTTPBenchMain {
    static func main() throws {
        let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 8081
        let body = Array(#"{"status":"ok","version":"bench"}"#.utf8)
        var router = Router()
        if CommandLine.arguments.dropFirst(2).first == "nonblocking" {
            router.add(.get, "/health", name: "health", isNonblocking: true) { _ in .json(body) }
        } else {
            router.add(.get, "/health", name: "health") { _ in .json(body) }
        }
        var configuration = ServerConfiguration()
        configuration.port = port
        configuration.serverName = "landmon/bench"
        let server = Server(configuration: configuration, responder: router)
        try server.start()
        dispatchMain()
    }
}

import Foundation

/// Settings of a `Server`: address, limits, timeouts, CORS, logging.
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks an ephemeral port; `Server.port` tells which.
    public var port: Int = 8080
    /// Past this many open connections a new one is answered `503` with `Retry-After` and closed.
    public var maxConnections: Int = 10_000
    /// Time from a head's first byte to its end; cuts slowloris clients.
    public var headerTimeout: TimeInterval = 10
    /// Longest pause between body bytes.
    public var bodyTimeout: TimeInterval = 30
    /// How long a keep-alive connection may sit idle between requests.
    public var idleTimeout: TimeInterval = 60
    /// Longest pause while the client does not take response bytes.
    public var writeTimeout: TimeInterval = 30
    public var maxRequestLineBytes: Int = 8192
    public var maxHeaderBytes: Int = 32768
    public var maxHeaderFields: Int = 100
    /// The body limit for a request head (per route: the app decides); over it is `413`.
    public var maxBodyBytes = 1 << 20
    /// Rewrites a problem answer before it is sent (e.g. into the request's language); applied to
    /// every problem that carries a `messageKey`, the server's own (400, 404, 405, 413...) included.
    public var localizeProblem: (@Sendable (inout Response, RequestHead) -> Void)?
    /// Origins allowed by CORS (exact match, or "*" for any).
    public var corsOrigins: [String] = []
    /// At most this many synchronous handlers run at once.
    public var workerConcurrency: Int = max(4, ProcessInfo.processInfo.activeProcessorCount * 4)
    /// Serial socket queues connections are spread over (one per core by default).
    public var queueCount: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The `Server` field of every answer.
    public var serverName: String = "landmon"
    /// Called once per answered request, on a socket queue; keep it cheap.
    public var accessLog: @Sendable (AccessRecord) -> Void = AccessRecord.writeJSONLine

    public init() {}

    var parserLimits: ParserLimits {
        ParserLimits(
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes, maxHeaderFields: maxHeaderFields)
    }
}

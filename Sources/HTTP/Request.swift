/// A request as handlers see it: head, decoded path and query, full body, and context.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent.
    public var target: String
    /// The percent-decoded path, without the query.
    public var path: String
    public var query: QueryItems
    public var version: HTTPVersion
    public var headers: Headers
    public var body: [UInt8]
    /// Path parameters, set by `Router` from the matched pattern.
    public var parameters: [String: String]
    /// The client's `X-Request-Id` if sane (1 to 128 visible ASCII characters), else generated.
    public var requestID: String
    public var remoteAddress: String
    /// Where `Router` runs synchronous handlers; the server sets its own bounded pool.
    var workers: WorkerPool?

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http11, headers: Headers = Headers(),
        body: [UInt8] = [], requestID: String = "test", remoteAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.target = target
        (self.path, self.query) = Request.split(target: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.parameters = [:]
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// Splits a target into its decoded path and query; an absolute-form target keeps its path.
    static func split(target: String) -> (String, QueryItems) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let scheme = rest.range(of: "://") {
            let afterScheme = rest[scheme.upperBound...]
            rest = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? "/"
            if rest.hasPrefix("?") { rest = "/" + rest }
        }
        guard let q = rest.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return (PercentDecoding.decode(rest.utf8[...], plusIsSpace: false), QueryItems())
        }
        let path = PercentDecoding.decode(rest.utf8[..<q], plusIsSpace: false)
        return (path, QueryItems(parsing: rest[rest.index(after: q)...]))
    }

    /// Whether a client-sent request id may be echoed: 1 to 128 visible ASCII characters.
    static func isSaneRequestID(_ id: String) -> Bool {
        let utf8 = id.utf8
        return !utf8.isEmpty && utf8.count <= 128 && utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

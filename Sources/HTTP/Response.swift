/// A response a handler returns: status, headers, body, and fields for the access log.
public struct Response: Sendable {
    /// A response body: nothing, bytes sent at once, or a stream written with backpressure.
    public enum Body: Sendable {
        case empty
        case bytes([UInt8])
        case stream(@Sendable (BodyWriter) -> Void)
    }

    public var status: Status
    public var headers: Headers
    public var body: Body
    /// Extra access-log fields (e.g. the key name); never sent to the client.
    public var logFields: [String: String]
    /// The matched route pattern, set by `Router`, for metrics by route; never sent.
    public var route: String?
    /// A problem to render as the body; rendered by the server so it can add `request_id`.
    public var problem: Problem?

    public init(status: Status = .ok, headers: Headers = Headers(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
        self.logFields = [:]
        self.route = nil
        self.problem = nil
    }

    /// A JSON answer of pre-encoded bytes.
    public static func json(_ bytes: [UInt8], status: Status = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: .bytes(bytes))
    }

    /// An RFC 9457 problem answer; the server renders it with the request id.
    public static func problem(_ problem: Problem) -> Response {
        var response = Response(status: problem.status, headers: problem.headers)
        response.problem = problem
        return response
    }
}

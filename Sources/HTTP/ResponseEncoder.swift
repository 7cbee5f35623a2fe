/// Serializes a response head (and a complete body) into the connection's output buffer, so
/// that head and body leave in one write.
enum ResponseEncoder {
    struct Result {
        var keepsAlive: Bool
        var bodyBytes: Int
        var stream: (@Sendable (BodyWriter) -> Void)?
        var isChunked: Bool
    }

    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let nosniff = Array("X-Content-Type-Options: nosniff\r\n".utf8)
    static let statusLines: [Int: [UInt8]] = Status.phrases.mapValues { _ in [] }.reduce(into: [:]) { table, entry in
        table[entry.key] = Array("HTTP/1.1 \(entry.key) \(Status(code: entry.key).reasonPhrase)\r\n".utf8)
    }
    /// Fields the server owns; a handler's values for them are ignored (Content-Length is
    /// honoured only for streams, where it selects raw framing).
    static let serverFields = ["content-length", "transfer-encoding", "connection", "date", "server", "x-request-id"]

    static func isServerField(_ name: String) -> Bool {
        let count = name.utf8.count
        for field in serverFields where field.utf8.count == count && Headers.equalNames(field, name) { return true }
        return false
    }

    static func encode(
        _ response: Response, for exchange: Connection.Exchange, keepAlive: Bool, date: [UInt8],
        configuration: ServerConfiguration, into out: inout [UInt8]
    ) -> Result {
        let head = exchange.head
        var keepAlive = keepAlive
        var body: [UInt8] = []
        var stream: (@Sendable (BodyWriter) -> Void)?
        var headers = response.headers
        if let problem = response.problem {
            body = problem.encoded(requestID: exchange.requestID)
            headers.set("Content-Type", "application/problem+json")
        } else {
            switch response.body {
            case .empty: break
            case .bytes(let bytes): body = bytes
            case .stream(let s): stream = s
            }
        }
        let code = response.status.code
        // RFC 9110 section 6.4.1: 1xx, 204 and 304 answers have no content.
        let hasNoContent = code < 200 || code == 204 || code == 304
        let streamLength = stream != nil ? headers["Content-Length"].flatMap { Int($0) } : nil
        // HTTP/1.0 clients cannot read chunked: stream raw and close to end the body.
        let isChunked = stream != nil && streamLength == nil && head.version == .http11
        if stream != nil && streamLength == nil && !isChunked { keepAlive = false }

        if let line = statusLines[code], response.status.reasonPhrase == Status(code: code).reasonPhrase {
            out.append(contentsOf: line)
        } else {
            out.append(contentsOf: "HTTP/1.1 \(code) \(response.status.reasonPhrase)\r\n".utf8)
        }
        out.append(contentsOf: date)
        append("Server", configuration.serverName, to: &out)
        append("X-Request-Id", exchange.requestID, to: &out)
        out.append(contentsOf: nosniff)
        for field in headers where !isServerField(field.name) {
            append(field.name, field.value, to: &out)
        }
        appendCORS(head: head, allow: headers["Allow"], origins: configuration.corsOrigins, to: &out)
        if stream != nil {
            if let streamLength { append("Content-Length", String(streamLength), to: &out) }
            if isChunked { append("Transfer-Encoding", "chunked", to: &out) }
        } else if !hasNoContent {
            append("Content-Length", String(body.count), to: &out)
        }
        if !keepAlive {
            append("Connection", "close", to: &out)
        } else if head.version == .http10 {
            append("Connection", "keep-alive", to: &out)
        }
        out.append(contentsOf: crlf)
        // HEAD: the fields a GET would have, no content (RFC 9110 section 9.3.2).
        let isHead = head.method == .head
        if !isHead && !hasNoContent { out.append(contentsOf: body) }
        return Result(
            keepsAlive: keepAlive, bodyBytes: isHead || hasNoContent ? 0 : body.count,
            stream: isHead || hasNoContent ? nil : stream, isChunked: isChunked)
    }

    static func append(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
        out.append(0x3A)
        out.append(0x20)
        out.append(contentsOf: value.utf8)
        out.append(contentsOf: crlf)
    }

    /// CORS for configured origins: allow the origin, and answer a preflight with the
    /// route's methods (its `Allow`) and the requested headers.
    static func appendCORS(head: RequestHead, allow: String?, origins: [String], to out: inout [UInt8]) {
        guard !origins.isEmpty, let origin = head.headers["Origin"],
            origins.contains(origin) || origins.contains("*")
        else { return }
        append("Access-Control-Allow-Origin", origin, to: &out)
        append("Vary", "Origin", to: &out)
        if head.method == .options, head.headers.contains("Access-Control-Request-Method") {
            append("Access-Control-Allow-Methods", allow ?? "GET, HEAD, OPTIONS", to: &out)
            if let requested = head.headers["Access-Control-Request-Headers"] {
                append("Access-Control-Allow-Headers", requested, to: &out)
            }
            append("Access-Control-Max-Age", "600", to: &out)
        } else {
            append(
                "Access-Control-Expose-Headers",
                "ETag, Location, Link, Retry-After, RateLimit, RateLimit-Policy, X-Request-Id", to: &out)
        }
    }
}

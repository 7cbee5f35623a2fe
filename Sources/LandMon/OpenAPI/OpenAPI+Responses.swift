/// Answers and their headers: an operation's own, then those every operation of its kind gives.
extension OpenAPI {
    static let problemType = "application/problem+json"

    static func ref(_ schema: String) -> [String: Any] { ["$ref": "#/components/schemas/\(schema)"] }

    /// A problem answer; problems carry `Content-Language` and `Vary: Accept-Language`, but for the
    /// 503 past the connection cap, written before any request is read.
    static func problem(_ status: Int, _ description: String, headers: [(String, Bool)] = []) -> Answer {
        Answer(
            status: status, description: description, content: [(problemType, ref("Problem"))],
            headers: [("Content-Language", status != 503), ("Vary", status != 503)] + headers)
    }

    /// The answers of `operation`: its own, then the common ones it lacks.
    static func responses(of operation: Operation) -> [String: Any] {
        var responses: [String: Any] = [:]
        for answer in operation.answers + commonAnswers(operation)
        where responses[String(answer.status)] == nil {
            responses[String(answer.status)] = responseObject(answer, access: operation.access)
        }
        return responses
    }

    /// What every operation of this kind can answer.
    static func commonAnswers(_ operation: Operation) -> [Answer] {
        var answers: [Answer] = []
        if operation.method == "GET" {
            answers.append(
                Answer(
                    status: 304, description: "Not modified: If-None-Match names the current ETag",
                    headers: [("ETag", true), ("Cache-Control", false), ("Vary", false), ("Content-Language", false)]))
        }
        answers += [
            problem(400, "A malformed or unknown parameter (named in parameter), malformed JSON (offset), or request"),
            problem(408, "The request did not arrive in time"),
        ]
        if operation.access != .open {
            answers.append(problem(401, "Missing, unknown or revoked key", headers: [("WWW-Authenticate", true)]))
        }
        if operation.access == .write { answers.append(problem(403, "The key may not write this country")) }
        if operation.body != nil {
            answers += [
                problem(413, "The body is larger than the route takes (decided before reading it)"),
                problem(415, "Content-Type is not one this route takes"),
            ]
        }
        answers.append(problem(414, "The request line is too long"))
        if operation.access != .open {
            answers.append(
                problem(
                    429, "Past the key's (or address's) rate limit",
                    headers: [("Retry-After", true), ("RateLimit", true), ("RateLimit-Policy", true)]))
        }
        answers += [
            problem(431, "The header block is too large"), problem(500, "An unexpected failure (details in the log)"),
            problem(501, "A transfer coding the server does not implement"),
            problem(
                503, "A query past its time budget (query-timeout), a busy or stopping store, or too many connections",
                headers: [("Retry-After", true)]),
            problem(505, "An HTTP version other than 1.0 and 1.1"),
        ]
        if operation.access == .write { answers.append(problem(507, "Storage full: nothing was written")) }
        return answers
    }

    static func responseObject(_ answer: Answer, access: Access) -> [String: Any] {
        var headers: [String: Any] = [:]
        var fields = answer.headers
        // The connection-cap 503 has no request id; every other answer has one.
        fields.append(("X-Request-Id", answer.status != 503))
        if access != .open && answer.status != 429 {
            fields += [("RateLimit", false), ("RateLimit-Policy", false)]
        }
        // Inline: a reference object cannot say whether the header is required.
        let described = headerComponents
        for (name, isRequired) in fields where headers[name] == nil {
            var header = described[name] as? [String: Any] ?? [:]
            header["required"] = isRequired
            headers[name] = header
        }
        var object: [String: Any] = ["description": answer.description, "headers": headers]
        if !answer.links.isEmpty { object["links"] = answer.links }
        if !answer.content.isEmpty {
            object["content"] = Dictionary(
                uniqueKeysWithValues: answer.content.map { ($0.0, ["schema": $0.1]) })
        }
        return object
    }

    /// The response headers, described once (and listed under `components/headers`).
    static var headerComponents: [String: Any] {
        let headers: [(String, String, [String: Any])] = [
            ("ETag", "Strong entity tag of this representation (differs per language and with ?pretty)", string),
            (
                "Location", "The new assessment: /v1/assessments/{id}",
                ["type": "string", "pattern": "^/v1/assessments/[1-9][0-9]*$"]
            ),
            ("Link", "The next page: <...>; rel=\"next\"", string),
            ("RateLimit", "IETF RateLimit fields: what is left of the key's budget", string),
            ("RateLimit-Policy", "IETF RateLimit-Policy: the key's limit and window", string),
            ("Retry-After", "Seconds to wait", ["type": "integer", "minimum": 0]),
            ("WWW-Authenticate", "Bearer", string),
            ("Allow", "The methods of this path", string),
            ("Vary", "Request fields the answer depends on (Accept, Authorization, Accept-Language)", string),
            ("Content-Language", "The language of the answer's texts", ["type": "string", "enum": ["en", "ru"]]),
            ("Cache-Control", "private, no-cache for keyed reads; no-cache for public ones", string),
            ("X-Request-Id", "The client's X-Request-Id if sane, else a new one; also in the access log", string),
            (
                "Idempotent-Replayed", "true on an answer replayed for an Idempotency-Key",
                ["type": "string", "enum": ["true"]]
            ),
            ("X-Total-Count", "Total number of matches (count=true)", ["type": "integer", "minimum": 0]),
        ]
        return Dictionary(
            uniqueKeysWithValues: headers.map { ($0.0, ["description": $0.1, "schema": $0.2] as [String: Any]) })
    }

    /// Shared responses: the server's own 405 for a method a path lacks, which no operation can list.
    static var responseComponents: [String: Any] {
        let responses: [String: Any] = [
            "MethodNotAllowed": responseObject(
                problem(
                    405, "A method this path lacks (any method of the IANA registry, QUERY included)",
                    headers: [("Allow", true)]),
                access: .open)
        ]
        return responses
    }
}

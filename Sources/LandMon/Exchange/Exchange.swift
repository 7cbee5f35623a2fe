import Assessments
import HTTP
import Messages
import Store

/// Who may call an endpoint.
enum Access: Sendable {
    /// No key needed (/health, /openapi.json, /metrics).
    case open
    /// A key with any role, unless the configuration makes reads public.
    case read
    /// A submitter or admin key.
    case write
    /// A read of the OGC API: like `read`, and also public with `public_read_ogc`.
    case readOGC
}

/// What a handler learns about its caller.
struct Caller: Sendable {
    let principal: Principal?
    /// The rate-limit bucket: the key, or the address of an anonymous public reader.
    let client: String
    let rateLimit: RateLimiter.Decision?
    /// The language of texts in the answer.
    let language: Language
}

/// What every handler shares: admission (keys, roles, rate limits), the answer's language,
/// conditional requests, common headers, and problems. Handlers run inside `guarded`.
struct Exchange: Sendable {
    let keys: KeyStore
    /// Reads without a key.
    let publicRead: Bool
    let rateLimiter: RateLimiter
    let messages: MessageCatalog
    /// The change feed, whose sequence tags collections.
    let feed: ChangeFeed
    /// Reads of `/ogc` without a key.
    var publicReadOGC = false
    /// Decimal places of site coordinates in reads without a key; nil keeps them exact.
    var publicCoordinateDecimals: Int?

    /// The decimal places of coordinates for this caller: exact with a key.
    func coordinateDecimals(for caller: Caller) -> Int? {
        caller.principal == nil ? publicCoordinateDecimals : nil
    }

    /// The language of the answer: `?lang=en|ru`, else `Accept-Language`, else English (never 406).
    func language(of request: Request) -> Language {
        Language.negotiate(query: request.query["lang"], acceptLanguage: request.headers["Accept-Language"])
    }

    /// Authenticates and rate-limits a request; throws the refusal.
    func admit(_ request: Request, access: Access, language: Language) throws -> Caller {
        if let lang = request.query["lang"], Language(rawValue: lang) == nil {
            throw APIError.parameter("lang", "one_of", ["values": "en, ru"])
        }
        if let pretty = request.query["pretty"], !pretty.isEmpty {
            _ = try QueryValues.flag(pretty, name: "pretty")
        }
        if access == .open { return Caller(principal: nil, client: "", rateLimit: nil, language: language) }
        var principal: Principal?
        if let header = request.headers["Authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIError.unauthorized(Message("access.bearer_expected"))
            }
            guard let found = try keys.authenticate(secret: trimmingOptionalWhitespace(parts[1])) else {
                throw APIError.unauthorized(Message("access.unknown_key"))
            }
            principal = found
        }
        let isPublic = (access == .read && publicRead) || (access == .readOGC && (publicRead || publicReadOGC))
        if principal == nil && !isPublic {
            throw APIError.unauthorized(Message("access.key_needed"))
        }
        if access == .write, let principal, !principal.isWriter {
            throw APIError.forbidden(Message("access.reader_cannot_write", ["key": principal.name]))
        }
        let client = principal.map { "key:\($0.keyID)" } ?? "addr:\(request.remoteAddress)"
        guard rateLimiter.isEnabled else {
            return Caller(principal: principal, client: client, rateLimit: nil, language: language)
        }
        let decision = rateLimiter.take(for: client)
        guard decision.isAllowed else {
            throw APIError.rateLimited(retryAfter: decision.retryAfter, policy: decision.policy, state: decision.state)
        }
        return Caller(principal: principal, client: client, rateLimit: decision, language: language)
    }

    /// Runs a synchronous handler: admission, conditional GET, `?pretty`, headers, errors.
    func guarded(_ request: Request, access: Access, _ body: (Request, Caller) throws -> Response) -> Response {
        let language = language(of: request)
        var caller: Caller?
        do {
            let admitted = try admit(request, access: access, language: language)
            caller = admitted
            return finish(try body(request, admitted), for: request, caller: admitted)
        } catch {
            return failure(error, for: request, caller: caller, language: language)
        }
    }

    /// Runs a handler that answers later (writes through group commit, long polls).
    func guardedDeferred(
        _ request: Request, access: Access, completion: @escaping @Sendable (Response) -> Void,
        _ body: (Request, Caller, @escaping @Sendable (Result<Response, any Error>) -> Void) throws -> Void
    ) {
        let language = language(of: request)
        var caller: Caller?
        do {
            let admitted = try admit(request, access: access, language: language)
            caller = admitted
            try body(request, admitted) { result in
                switch result {
                case .success(let response): completion(finish(response, for: request, caller: admitted))
                case .failure(let error):
                    completion(failure(error, for: request, caller: admitted, language: language))
                }
            }
        } catch {
            completion(failure(error, for: request, caller: caller, language: language))
        }
    }

    /// Adds the common headers, answers `If-None-Match` with 304, indents for `?pretty`.
    func finish(_ response: Response, for request: Request, caller: Caller) -> Response {
        var response = response
        if let principal = caller.principal { response.logFields["key"] = principal.name }
        if let decision = caller.rateLimit {
            response.headers.set("RateLimit-Policy", decision.policy)
            response.headers.set("RateLimit", decision.state)
        }
        let isGet = request.method == .get || request.method == .head
        if isGet && response.headers["Cache-Control"] == nil && response.status.code < 300 {
            response.headers.set("Cache-Control", cacheControl(caller))
        }
        if isGet && response.status == .ok {
            if case .bytes(let bytes) = response.body, Exchange.isPretty(request),
                let type = response.headers["Content-Type"],
                type.hasPrefix("application/json") || type.hasPrefix("application/schema+json")
                    || type.hasPrefix("application/geo+json")
            {
                response.body = .bytes(JSONWriter.prettyPrinted(bytes))
                if let etag = response.headers["ETag"] {
                    response.headers.set("ETag", representationTag(etag, for: request, isJSON: true))
                }
            }
            if response.headers["ETag"] == nil, case .bytes(let bytes) = response.body {
                response.headers.set("ETag", ETag.strong(of: bytes))
            }
            if let etag = response.headers["ETag"], let condition = request.headers["If-None-Match"],
                ETag.matches(condition, etag, weak: true)
            {
                return notModified(response, caller: caller)
            }
        }
        return response
    }

    /// How caches may keep a read: always revalidate with the ETag (`no-cache`), and a keyed answer
    /// only in the client's own cache (`private`), never in a shared proxy.
    func cacheControl(_ caller: Caller) -> String { caller.principal == nil ? "no-cache" : "private, no-cache" }

    /// Marks an answer whose text is in `language`: `Content-Language`, and `Vary: Accept-Language`
    /// so that caches keep one copy per language.
    func localized(_ response: Response, _ language: Language) -> Response {
        var response = response
        response.headers.set("Content-Language", language.rawValue)
        let vary = response.headers["Vary"]
        response.headers.set("Vary", vary.map { $0 + ", Accept-Language" } ?? "Accept-Language")
        return response
    }

    /// The tag of the representation `finish` sends: indented (`?pretty`) JSON has other bytes,
    /// so a strong tag set by a handler gets a suffix.
    func representationTag(_ etag: String, for request: Request, isJSON: Bool) -> String {
        guard isJSON, Exchange.isPretty(request), etag.hasSuffix("\""), !etag.hasSuffix("-p\"") else { return etag }
        return etag.dropLast() + "-p\""
    }

    /// The 304 for a request whose `If-None-Match` matches a collection tag computed before the
    /// query, so an unchanged collection is answered without running it; nil otherwise.
    func unchanged(
        _ request: Request, etag: String, caller: Caller, isJSON: Bool = true, headers: Headers = Headers()
    ) -> Response? {
        let tag = representationTag(etag, for: request, isJSON: isJSON)
        guard let condition = request.headers["If-None-Match"], ETag.matches(condition, tag, weak: true) else {
            return nil
        }
        var headers = headers
        headers.set("ETag", tag)
        if headers["Cache-Control"] == nil { headers.set("Cache-Control", cacheControl(caller)) }
        return notModified(Response(headers: headers), caller: caller)
    }

    /// A strong tag for a collection answer: the change sequence and the normalized query, so an
    /// unchanged collection is recognised without running its query.
    func collectionETag(_ parts: String...) -> String {
        ETag.collection(seq: feed.lastSeq, parts: parts)
    }

    /// A 304 that keeps the validator and caching headers of the full answer; not counted against the rate limit.
    func notModified(_ response: Response, caller: Caller) -> Response {
        var answer = Response(status: .notModified)
        for name in ["ETag", "Cache-Control", "Vary", "Content-Language", "RateLimit-Policy"] {
            if let value = response.headers[name] { answer.headers.set(name, value) }
        }
        answer.logFields = response.logFields
        if rateLimiter.isEnabled && !caller.client.isEmpty { rateLimiter.refund(for: caller.client) }
        return answer
    }

    /// A refusal or failure as a problem response in the request's language.
    func failure(_ error: any Error, for request: Request, caller: Caller?, language: Language) -> Response {
        let problem = Problems.problem(for: error, language: language, messages: messages)
        if problem.status == .internalServerError {
            Log.error("request \(request.requestID) \(request.method.rawValue) \(request.path) failed: \(error)")
        }
        var response = Response.problem(problem)
        if let principal = caller?.principal { response.logFields["key"] = principal.name }
        if let decision = caller?.rateLimit {
            response.headers.set("RateLimit-Policy", decision.policy)
            response.headers.set("RateLimit", decision.state)
        }
        return response
    }

    /// Query parameters every endpoint takes: `pretty` and `lang`.
    static let commonParameters: Set<String> = ["pretty", "lang"]

    /// Whether the answer is indented: `?pretty`, `?pretty=true` or `?pretty=1` (`admit` refuses
    /// other values than these and `false` or `0`).
    static func isPretty(_ request: Request) -> Bool {
        guard let value = request.query["pretty"] else { return false }
        return value.isEmpty || value == "true" || value == "1"
    }

    /// Refuses query parameters an endpoint does not know (400 naming the first); the
    /// `commonParameters` are known everywhere. Each resource declares its names in one set, which
    /// the OpenAPI document lists too.
    func rejectParameters(_ request: Request, allowed: Set<String>) throws {
        for item in request.query where !allowed.contains(item.name) && !Exchange.commonParameters.contains(item.name) {
            throw APIError.parameter(item.name, "unknown")
        }
    }
}

import Assessments
import HTTP
import Messages
import Store

/// The one place where errors become RFC 9457 problem documents, in the request's language.
/// Types are relative URIs under `/problems/`; `type`, codes and paths never change with the
/// language. Anything unexpected is a bare 500 whose detail goes to the log only.
enum Problems {
    static func problem(for error: any Error, language: Language, messages: MessageCatalog) -> Problem {
        let parts = describe(error)
        var problem = Problem(
            status: parts.status, type: parts.type, title: messages.text("problem.\(parts.slug).title", in: language),
            detail: parts.detail.map { messages.text($0, in: language) },
            errors: parts.errors.map {
                Problem.FieldError(
                    path: $0.path, code: $0.code.rawValue, message: messages.text($0.message, in: language))
            },
            extra: parts.extra, headers: parts.headers)
        problem.headers.set("Content-Language", language.rawValue)
        problem.headers.add("Vary", "Accept-Language")
        return problem
    }

    /// The server's own problems (404, 405, 413, malformed requests) in the request's language.
    static func localize(_ response: inout Response, language: Language, messages: MessageCatalog) {
        guard var problem = response.problem, let key = problem.messageKey, messages.contains(key + ".title")
        else { return }
        problem.title = messages.text(key + ".title", in: language)
        if messages.contains(key + ".detail") {
            problem.detail = messages.text(key + ".detail", problem.messageArguments, in: language)
        }
        response.problem = problem
        response.headers.set("Content-Language", language.rawValue)
        response.headers.add("Vary", "Accept-Language")
    }

    private struct Parts {
        var status: Status
        var slug: String
        var detail: Message?
        var errors: [ValidationProblem] = []
        var extra: [(name: String, json: [UInt8])] = []
        var headers = Headers()
        var type: String { "/problems/" + slug }
    }

    private static func describe(_ error: any Error) -> Parts {
        switch error {
        case let error as APIError: return describe(error)
        case let error as JSONError: return describe(APIError.malformedJSON(offset: error.offset, error.message))
        case let error as StoreError: return describe(error)
        default:
            return Parts(status: .internalServerError, slug: "internal", detail: Message("problem.internal.detail"))
        }
    }

    private static func describe(_ error: StoreError) -> Parts {
        switch error {
        case .timeout: return describe(APIError.queryTimeout)
        case .full: return describe(APIError.storageFull)
        case .busy: return describe(APIError.unavailable(Message("problem.unavailable.busy")))
        case .closed: return describe(APIError.unavailable(Message("problem.unavailable.stopping")))
        default:
            return Parts(status: .internalServerError, slug: "internal", detail: Message("problem.internal.detail"))
        }
    }

    private static func describe(_ error: APIError) -> Parts {
        switch error {
        case .invalidParameter(let name, let message):
            return Parts(
                status: .badRequest, slug: "invalid-parameter", detail: message, extra: [("parameter", json(name))])
        case .malformedJSON(let offset, let message):
            return Parts(
                status: .badRequest, slug: "malformed-json", detail: message,
                extra: [("offset", Array(String(offset).utf8))])
        case .unauthorized(let message):
            return Parts(
                status: .unauthorized, slug: "unauthorized", detail: message,
                headers: ["WWW-Authenticate": "Bearer realm=\"landmon\""])
        case .forbidden(let message): return Parts(status: .forbidden, slug: "forbidden", detail: message)
        case .notFound(let message): return Parts(status: .notFound, slug: "not-found", detail: message)
        case .gone(let message): return Parts(status: .gone, slug: "retracted", detail: message)
        case .conflict(let message, let existingID):
            return Parts(
                status: .conflict, slug: "conflict", detail: message,
                extra: existingID.map { [("existing_id", Array(String($0).utf8))] } ?? [])
        case .preconditionRequired(let message):
            return Parts(status: .preconditionRequired, slug: "precondition-required", detail: message)
        case .preconditionFailed(let message):
            return Parts(status: .preconditionFailed, slug: "precondition-failed", detail: message)
        case .unsupportedMediaType(let message):
            return Parts(status: .unsupportedMediaType, slug: "unsupported-media-type", detail: message)
        case .notAcceptable(let message): return Parts(status: .notAcceptable, slug: "not-acceptable", detail: message)
        case .validation(let problems, let message):
            return Parts(status: .unprocessableContent, slug: "validation", detail: message, errors: problems)
        case .idempotencyKeyReused:
            return Parts(
                status: .unprocessableContent, slug: "idempotency-key-reused",
                detail: Message("problem.idempotency-key-reused.detail"))
        case .idempotencyKeyInFlight:
            return Parts(
                status: .conflict, slug: "idempotency-key-in-flight",
                detail: Message("problem.idempotency-key-in-flight.detail"))
        case .rateLimited(let retryAfter, let policy, let state):
            return Parts(
                status: .tooManyRequests, slug: "rate-limited",
                detail: Message("problem.rate-limited.detail", ["seconds": String(retryAfter)]),
                headers: ["Retry-After": String(retryAfter), "RateLimit-Policy": policy, "RateLimit": state])
        case .changesExpired(let since):
            return Parts(
                status: .gone, slug: "changes-expired",
                detail: Message("problem.changes-expired.detail", ["since": String(since)]))
        case .queryTimeout:
            return Parts(
                status: .serviceUnavailable, slug: "query-timeout", detail: Message("problem.query-timeout.detail"),
                headers: ["Retry-After": "1"])
        case .storageFull:
            return Parts(
                status: .insufficientStorage, slug: "storage-full", detail: Message("problem.storage-full.detail"))
        case .contentTooLarge(let message):
            return Parts(status: .contentTooLarge, slug: "content-too-large", detail: message)
        case .unavailable(let message):
            return Parts(
                status: .serviceUnavailable, slug: "unavailable", detail: message, headers: ["Retry-After": "1"])
        }
    }

    private static func json(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        return out
    }
}

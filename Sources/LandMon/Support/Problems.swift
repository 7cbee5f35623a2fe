import Assessments
import HTTP
import SQLite

/// The one place where errors become RFC 9457 problem documents. Types are relative URIs
/// under `/problems/`; anything unexpected is a bare 500 whose detail goes to the log only.
enum Problems {
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let error as APIError: return problem(for: error)
        case let error as Problem: return error
        case let error as JSONError:
            return problem(for: APIError.malformedJSON(offset: error.offset, detail: error.description))
        case DatabaseError.queryTimeout: return problem(for: APIError.queryTimeout)
        case DatabaseError.closed: return problem(for: APIError.unavailable(detail: "The server is stopping."))
        case let error as SQLiteError: return problem(for: error)
        default: return internalError
        }
    }

    static let internalError = Problem(
        status: .internalServerError, type: "/problems/internal",
        detail: "The server failed to answer; the request id identifies the log entry.")

    private static func problem(for error: SQLiteError) -> Problem {
        if error.isFull { return problem(for: APIError.storageFull) }
        if error.isBusy { return problem(for: APIError.unavailable(detail: "The database is busy; retry shortly.")) }
        if error.isInterrupt { return problem(for: APIError.queryTimeout) }
        return internalError
    }

    private static func problem(for error: APIError) -> Problem {
        switch error {
        case .invalidParameter(let name, let detail):
            return Problem(
                status: .badRequest, type: "/problems/invalid-parameter", title: "Invalid parameter", detail: detail,
                extra: [("parameter", json(name))])
        case .malformedJSON(let offset, let detail):
            return Problem(
                status: .badRequest, type: "/problems/malformed-json", title: "Malformed JSON", detail: detail,
                extra: [("offset", Array(String(offset).utf8))])
        case .unauthorized(let detail):
            return Problem(
                status: .unauthorized, type: "/problems/unauthorized", detail: detail,
                headers: ["WWW-Authenticate": "Bearer realm=\"landmon\""])
        case .forbidden(let detail):
            return Problem(status: .forbidden, type: "/problems/forbidden", detail: detail)
        case .notFound(let detail):
            return Problem(status: .notFound, type: "/problems/not-found", detail: detail)
        case .gone(let detail):
            return Problem(status: .gone, type: "/problems/retracted", title: "Retracted", detail: detail)
        case .conflict(let detail, let existingID):
            return Problem(
                status: .conflict, type: "/problems/conflict", detail: detail,
                extra: existingID.map { [("existing_id", Array(String($0).utf8))] } ?? [])
        case .preconditionRequired(let detail):
            return Problem(status: .preconditionRequired, type: "/problems/precondition-required", detail: detail)
        case .preconditionFailed(let detail):
            return Problem(status: .preconditionFailed, type: "/problems/precondition-failed", detail: detail)
        case .unsupportedMediaType(let detail):
            return Problem(status: .unsupportedMediaType, type: "/problems/unsupported-media-type", detail: detail)
        case .validation(let problems, let detail):
            return Problem(
                status: .unprocessableContent, type: "/problems/validation", title: "Validation failed",
                detail: detail,
                errors: problems.map { Problem.FieldError(path: $0.path, code: $0.code.rawValue, message: $0.message) })
        case .idempotencyKeyReused:
            return Problem(
                status: .unprocessableContent, type: "/problems/idempotency-key-reused",
                detail: "This Idempotency-Key was used with another request body.")
        case .idempotencyKeyInFlight:
            return Problem(
                status: .conflict, type: "/problems/idempotency-key-in-flight",
                detail: "A request with this Idempotency-Key is still being processed; retry when it has finished.")
        case .rateLimited(let retryAfter, let policy, let state):
            return Problem(
                status: .tooManyRequests, type: "/problems/rate-limited",
                detail: "This key has used its requests for now; retry after \(retryAfter) s.",
                headers: ["Retry-After": String(retryAfter), "RateLimit-Policy": policy, "RateLimit": state])
        case .queryTimeout:
            return Problem(
                status: .serviceUnavailable, type: "/problems/query-timeout", title: "Query timeout",
                detail: "The query ran past its time budget and was stopped; narrow it (region, dates) or page it.",
                headers: ["Retry-After": "1"])
        case .storageFull:
            return Problem(
                status: .insufficientStorage, type: "/problems/storage-full",
                detail: "The database has no space left; nothing was stored. Reads still work.")
        case .unavailable(let detail):
            return Problem(
                status: .serviceUnavailable, type: "/problems/unavailable", detail: detail,
                headers: ["Retry-After": "1"])
        }
    }

    private static func json(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        return out
    }
}

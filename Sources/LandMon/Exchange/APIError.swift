import Assessments
import Messages

/// Every refusal the application makes. Texts are messages of the catalog, told in the request's
/// language; `Problems.swift` turns each into an RFC 9457 problem document in one place.
enum APIError: Error, Sendable {
    /// A query parameter, header or field that is malformed or unknown (400).
    case invalidParameter(name: String, Message)
    /// A body that is not JSON, or has a repeated key (400), with the byte offset.
    case malformedJSON(offset: Int, Message)
    case unauthorized(Message)
    case forbidden(Message)
    case notFound(Message)
    /// A retracted assessment (410).
    case gone(Message)
    /// A (country, reference) pair taken by other content, or another state conflict (409).
    case conflict(Message, existingID: Int64?)
    case preconditionRequired(Message)
    case preconditionFailed(Message)
    case unsupportedMediaType(Message)
    /// `Accept` names no representation the resource has (406).
    case notAcceptable(Message)
    /// Every problem found in a document or batch (422).
    case validation([ValidationProblem], Message)
    /// The same Idempotency-Key with another body (422) or while the first is in flight (409).
    case idempotencyKeyReused
    case idempotencyKeyInFlight
    case rateLimited(retryAfter: Int, policy: String, state: String)
    /// A `since` the change feed no longer (or never) had (410).
    case changesExpired(since: Int64)
    case queryTimeout
    case storageFull
    case unavailable(Message)
    /// A body that unpacks to more than the server takes, such as a zip bomb (413).
    case contentTooLarge(Message)
}

extension APIError {
    /// A 400 naming `name`, with the message `parameter.<key>`.
    static func parameter(_ name: String, _ key: String, _ arguments: [String: String] = [:]) -> APIError {
        var arguments = arguments
        arguments["name"] = name
        return .invalidParameter(name: name, Message("parameter." + key, arguments))
    }
}

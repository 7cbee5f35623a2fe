import Assessments

/// Every refusal the application makes, in its own words. `Problems.swift` turns each into an
/// RFC 9457 problem document in one place.
enum APIError: Error, Sendable {
    /// A query parameter, header or field that is malformed or unknown (400).
    case invalidParameter(name: String, detail: String)
    /// A body that is not JSON, or has a repeated key (400), with the byte offset.
    case malformedJSON(offset: Int, detail: String)
    case unauthorized(detail: String)
    case forbidden(detail: String)
    case notFound(detail: String)
    case gone(detail: String)
    /// A (country, reference) pair taken by other content, or another state conflict (409).
    case conflict(detail: String, existingID: Int64?)
    case preconditionRequired(detail: String)
    case preconditionFailed(detail: String)
    case unsupportedMediaType(detail: String)
    /// Every problem found in a document or batch (422).
    case validation([ValidationProblem], detail: String)
    /// The same Idempotency-Key with another body (422) or while the first is in flight (409).
    case idempotencyKeyReused
    case idempotencyKeyInFlight
    case rateLimited(retryAfter: Int, policy: String, state: String)
    case queryTimeout
    case storageFull
    case unavailable(detail: String)
}

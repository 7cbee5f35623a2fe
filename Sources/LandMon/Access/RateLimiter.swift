import Foundation
import Locking

/// Per-key request rate limit: a token bucket of `limit` requests refilled evenly over a minute.
/// Answers carry the IETF `RateLimit` and `RateLimit-Policy` fields
/// (draft-ietf-httpapi-ratelimit-headers): `"default";q=LIMIT;w=60` and `"default";r=LEFT;t=SECONDS`.
final class RateLimiter: Sendable {
    /// What a request was allowed, with the header values to send.
    struct Decision: Sendable {
        let isAllowed: Bool
        let policy: String
        let state: String
        let retryAfter: Int
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let limit: Int
    private let window = 60.0
    private let buckets = Locked<[String: Bucket]>([:])

    /// - Parameter limit: requests per minute per client; 0 turns the limit off.
    init(limitPerMinute limit: Int) { self.limit = limit }

    var isEnabled: Bool { limit > 0 }

    /// Takes one token for `client` (a key id, or an address for anonymous reads).
    func take(for client: String, now: Double = Date().timeIntervalSinceReferenceDate) -> Decision {
        let capacity = Double(limit)
        let rate = capacity / window
        return buckets.withLock { buckets in
            if buckets.count > 100_000 { buckets.removeAll(keepingCapacity: true) }
            var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[client] = bucket
            let remaining = Int(bucket.tokens.rounded(.down))
            let untilFull = Int(((capacity - bucket.tokens) / rate).rounded(.up))
            let untilNext = allowed ? 0 : Int(((1 - bucket.tokens) / rate).rounded(.up))
            return Decision(
                isAllowed: allowed, policy: "\"default\";q=\(limit);w=\(Int(window))",
                state: "\"default\";r=\(remaining);t=\(allowed ? untilFull : max(1, untilNext))",
                retryAfter: max(1, untilNext))
        }
    }

    /// Gives back the token of a request that is not counted (a `304`).
    func refund(for client: String) {
        let capacity = Double(limit)
        buckets.withLock { buckets in
            if var bucket = buckets[client] {
                bucket.tokens = min(capacity, bucket.tokens + 1)
                buckets[client] = bucket
            }
        }
    }
}

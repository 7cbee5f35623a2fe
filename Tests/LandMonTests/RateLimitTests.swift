import Foundation
import HTTP
import Testing

@testable import LandMon

/// Per-key rate limiting: `429` with `Retry-After` and the IETF `RateLimit` headers; `304` not counted.
@Suite struct RateLimitTests {
    @Test func fourthRequestOfThreePerMinuteIs429AndA304IsNotCounted() throws {
        let t = try TestApp { $0.rateLimitPerMinute = 3 }
        let writer = try t.key("root", .admin)
        let reader = try t.key("analyst", .reader)
        let created = t.send(.post, "/v1/assessments", key: writer, body: T5Documents.kz("KZ-L-1"))
        #expect(created.status == 201)
        #expect(created.headers["RateLimit-Policy"] == "\"default\";q=3;w=60")
        let path = "/v1/assessments/\(try #require(created.object["id"] as? Int))"

        let first = t.send(.get, path, key: reader)
        #expect(first.status == 200)
        #expect(first.headers["RateLimit"]?.contains("r=2") == true)
        let etag = try #require(first.headers["ETag"])
        for _ in 0..<5 {
            let unchanged = t.send(.get, path, key: reader, headers: [("If-None-Match", etag)])
            #expect(unchanged.status == 304)
            #expect(unchanged.body.isEmpty)
        }
        #expect(t.send(.get, path, key: reader).status == 200)
        let third = t.send(.get, "/v1/assessments", key: reader)
        #expect(third.status == 200)
        #expect(third.headers["RateLimit"]?.contains("r=0") == true)

        let refused = t.send(.get, path, key: reader)
        #expect(refused.status == 429)
        #expect(refused.isProblem)
        let retryAfter = try #require(refused.headers["Retry-After"].flatMap { Int($0) })
        #expect(retryAfter >= 1 && retryAfter <= 60)
        #expect(refused.headers["RateLimit-Policy"] == "\"default\";q=3;w=60")
        #expect(refused.headers["RateLimit"]?.hasPrefix("\"default\";r=0;t=") == true)
        // Writes of the same key are refused too; another key has its own budget.
        #expect(t.send(.get, path, key: writer).status == 200)
        #expect(t.send(.get, path, key: reader, headers: [("If-None-Match", etag)]).status == 429)
    }

    @Test func limitOfZeroTurnsItOff() throws {
        let t = try TestApp { $0.rateLimitPerMinute = 0 }
        let reader = try t.key("analyst", .reader)
        for _ in 0..<20 { #expect(t.send(.get, "/v1/assessments", key: reader).status == 200) }
        #expect(t.send(.get, "/v1/assessments", key: reader).headers["RateLimit"] == nil)
    }
}

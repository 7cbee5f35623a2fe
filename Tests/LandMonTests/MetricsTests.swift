import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /metrics` over a live server: requests by route and status, latency histogram buckets,
/// open connections, assessments stored and database bytes.
@Suite struct MetricsTests {
    /// The value of the sample line that starts with `prefix`.
    func sample(_ text: String, _ prefix: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(prefix + " ") {
            return Double(line.split(separator: " ").last!)
        }
        return nil
    }

    @Test func exposition() throws {
        let harness = try TestApp(.queries)
        for n in 0..<3 { _ = try harness.store(T6Doc.make("KZ", reference: "M-\(n)", site: "S-\(n)")) }
        let server = try harness.serve()
        defer { server.shutdown(deadline: 1) }
        let auth = ("Authorization", "Bearer \(harness.adminKey!)")
        let held = try LoopbackClient(port: server.port)
        #expect(held.request("GET", "/v1/assessments?limit=1", headers: [auth])?.status == 200)
        let other = try LoopbackClient(port: server.port)
        #expect(other.request("GET", "/v1/assessments/999999", headers: [auth])?.status == 404)
        #expect(other.request("GET", "/nowhere")?.status == 404)

        var text = ""
        for _ in 0..<20 {
            let client = try LoopbackClient(port: server.port)
            let reply = try #require(client.request("GET", "/metrics"))
            #expect(reply.status == 200)
            #expect(reply.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            text = reply.text
            if text.contains("route=\"/v1/assessments/{id}\",status=\"404\"") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(
            sample(text, "landmon_http_requests_total{method=\"GET\",route=\"/v1/assessments\",status=\"200\"}") == 1)
        #expect(
            sample(text, "landmon_http_requests_total{method=\"GET\",route=\"/v1/assessments/{id}\",status=\"404\"}")
                == 1)
        #expect(sample(text, "landmon_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}") == 1)
        #expect(text.contains("# TYPE landmon_http_request_duration_seconds histogram"))
        #expect(
            sample(text, "landmon_http_request_duration_seconds_bucket{route=\"/v1/assessments\",le=\"+Inf\"}") == 1)
        #expect(sample(text, "landmon_http_request_duration_seconds_count{route=\"/v1/assessments\"}") == 1)
        let buckets = text.split(separator: "\n").filter {
            $0.hasPrefix("landmon_http_request_duration_seconds_bucket{route=\"/v1/assessments\",")
        }
        #expect(buckets.count == Metrics.bounds.count + 1)
        // Buckets are cumulative.
        let counts = buckets.compactMap { Double($0.split(separator: " ").last!) }
        #expect(counts == counts.sorted())
        // The two clients still hold their connections, plus the one asking.
        #expect((sample(text, "landmon_open_connections") ?? 0) >= 2)
        #expect(sample(text, "landmon_assessments") == 3)
        let bytes = try #require(sample(text, "landmon_database_bytes"))
        #expect(bytes > 4096)
        _ = held
    }
}

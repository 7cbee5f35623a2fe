import Foundation
import Locking

/// Request counters and latency histograms by route, rendered in the Prometheus text format.
final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RouteKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.bounds.count)
        var sum = 0.0
        var total = 0
    }

    private struct State {
        var requests: [RouteKey: Int] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Locked(State())

    /// Records one answered request.
    func record(method: String, route: String, status: Int, duration: Double) {
        state.withLock { state in
            state.requests[RouteKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            if let index = Metrics.bounds.firstIndex(where: { duration <= $0 }) { histogram.counts[index] += 1 }
            histogram.sum += duration
            histogram.total += 1
            state.latency[route] = histogram
        }
    }

    /// The exposition text, with the gauges the caller measured just now.
    func render(openConnections: Int, assessments: Int64, databaseBytes: Int64) -> [UInt8] {
        let snapshot = state.withLock { $0 }
        var out = """
            # HELP landmon_http_requests_total HTTP requests answered, by method, route and status.
            # TYPE landmon_http_requests_total counter

            """
        for (key, count) in snapshot.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            out +=
                "landmon_http_requests_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += """
            # HELP landmon_http_request_duration_seconds Time from a complete request to its answer, by route.
            # TYPE landmon_http_request_duration_seconds histogram

            """
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in Metrics.bounds.enumerated() {
                cumulative += histogram.counts[index]
                out +=
                    "landmon_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out +=
                "landmon_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"+Inf\"} \(histogram.total)\n"
            out += "landmon_http_request_duration_seconds_sum{route=\"\(escape(route))\"} \(histogram.sum)\n"
            out += "landmon_http_request_duration_seconds_count{route=\"\(escape(route))\"} \(histogram.total)\n"
        }
        out += """
            # HELP landmon_open_connections Open client connections.
            # TYPE landmon_open_connections gauge
            landmon_open_connections \(openConnections)
            # HELP landmon_assessments Active (not retracted) assessments stored.
            # TYPE landmon_assessments gauge
            landmon_assessments \(assessments)
            # HELP landmon_database_bytes Size of the database file and its write-ahead log.
            # TYPE landmon_database_bytes gauge
            landmon_database_bytes \(databaseBytes)

            """
        return Array(out.utf8)
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

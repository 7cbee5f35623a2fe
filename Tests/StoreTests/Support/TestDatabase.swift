import Foundation
import PostgreSQL
import Testing

/// A fresh PostgreSQL database on the test cluster named by `TEST_POSTGRESQL_URL`
/// (`scripts/pg-test-cluster.sh start` prints one; `.ci/run` sets it), dropped afterwards.
final class TestDatabase {
    /// The cluster's URL, or nil when the tests of PostgreSQL are to be skipped.
    static let clusterURL: String? = {
        let value = ProcessInfo.processInfo.environment["TEST_POSTGRESQL_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let skipMessage: Comment =
        "TEST_POSTGRESQL_URL is not set: start a cluster with scripts/pg-test-cluster.sh and export its URL"

    let name: String
    let url: String
    private let admin: String

    /// Creates `landmon_test_<prefix>_<random>` on the cluster.
    init(_ prefix: String) throws {
        guard let cluster = TestDatabase.clusterURL else { throw DataError("TEST_POSTGRESQL_URL is not set") }
        admin = cluster
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        name = "landmon_test_\(prefix.lowercased().filter { $0.isLetter || $0.isNumber })_\(suffix)"
        url = TestDatabase.url(cluster, database: name)
        let connection = try PGConnection(url: admin)
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(name)")
    }

    /// `cluster` with its database replaced by `database`.
    static func url(_ cluster: String, database: String) -> String {
        var components = URLComponents(string: cluster)!
        components.path = "/" + database
        return components.string!
    }

    /// Drops the database (and whatever still holds a connection to it).
    func drop() {
        guard let connection = try? PGConnection(url: admin) else { return }
        defer { connection.close() }
        try? connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    deinit { drop() }
}

import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// The status codes of `/openapi.json` against the handlers, both ways: each probe below gets the
/// status it expects and that status is documented for its operation; each documented status is
/// given by a probe, unless the connection or admission decides it before any handler runs.
@Suite struct OpenAPIStatusTests {
    /// Decided by the connection (408, 413, 414, 431, 501, 505), admission (429), or failures of the
    /// machine (500, 503, 507): the same for every operation of a kind, tested in their own suites.
    static let beforeHandlers: Set<Int> = [408, 413, 414, 429, 431, 500, 501, 503, 505, 507]

    struct Probe {
        let operation: String
        let status: Int
        let reply: TestReply
    }

    @Test func documentedStatusesAreTheHandlersStatuses() throws {
        let t = try TestApp(.queries)
        let (kzID, kz) = try t.keyWithID("kz", .submitter, "KZ")
        let uz = try t.key("uz", .submitter, "UZ")
        let reader = try t.key("reader", .reader)
        let kzDocument = T5Documents.kz("OA-1")
        let id = try #require(
            (t.send(.post, "/v1/assessments", key: kz, body: kzDocument).object["id"] as? NSNumber)?.int64Value)
        _ = t.send(.post, "/v1/assessments", key: kz, body: T5Documents.kz("OA-TAKEN"))
        let gone = try #require(
            (t.send(.post, "/v1/assessments", key: kz, body: T5Documents.kz("OA-2")).object["id"] as? NSNumber)?
                .int64Value)
        #expect(t.send(.delete, "/v1/assessments/\(gone)?reason=test", key: kz).status == 204)
        let etag = try #require(t.send(.get, "/v1/assessments/\(id)", key: kz).headers["ETag"])
        let one = "/v1/assessments/\(id)"
        let correction = T5Documents.kz("OA-1", notes: "Corrected")

        var probes: [Probe] = []
        func probe(
            _ status: Int, _ method: HTTPMethod, _ path: String, _ target: String, key: String? = nil,
            body: String? = nil, contentType: String? = "application/json", headers: [(String, String)] = []
        ) {
            let reply = t.send(method, target, key: key, body: body, contentType: contentType, headers: headers)
            probes.append(Probe(operation: "\(method.rawValue) \(path)", status: status, reply: reply))
        }
        // Every GET: 200, then 304 with its ETag, 400 for an unknown parameter, 401 without a key where one is needed.
        let gets: [(String, String, Bool)] = [
            ("/health", "/health", false), ("/openapi.json", "/openapi.json", false), ("/metrics", "/metrics", false),
            ("/v1/schema", "/v1/schema", true), ("/v1/regions", "/v1/regions", true),
            ("/v1/regions/{code}", "/v1/regions/KZ-33", true),
            ("/v1/regions/{code}/summary", "/v1/regions/KZ-11/summary", true), ("/v1/stats", "/v1/stats", true),
            ("/v1/ldn", "/v1/ldn?country=KZ", true), ("/v1/ldn/transitions", "/v1/ldn/transitions?country=KZ", true),
            ("/v1/reports/so1-3", "/v1/reports/so1-3?country=KZ", true), ("/v1/changes", "/v1/changes", true),
            ("/v1/assessments", "/v1/assessments", true), ("/v1/assessments/{id}", one, true),
            ("/v1/assessments/{id}/history", one + "/history", true), ("/ogc", "/ogc", true),
            ("/ogc/conformance", "/ogc/conformance", true), ("/ogc/collections", "/ogc/collections", true),
            ("/ogc/collections/{collectionId}", "/ogc/collections/sites", true),
            ("/ogc/collections/{collectionId}/schema", "/ogc/collections/sites/schema", true),
            ("/ogc/collections/{collectionId}/items", "/ogc/collections/assessments/items", true),
            ("/ogc/collections/{collectionId}/items/{featureId}", "/ogc/collections/assessments/items/\(id)", true),
            ("/v1/import/template", "/v1/import/template?lang=ru", false),
        ]
        for (path, target, needsKey) in gets {
            probe(200, .get, path, target, key: reader)
            let tag = probes.last?.reply.headers["ETag"] ?? "none"
            probe(304, .get, path, target, key: reader, headers: [("If-None-Match", tag)])
            probe(400, .get, path, target + (target.contains("?") ? "&" : "?") + "colour=red", key: reader)
            if needsKey { probe(401, .get, path, target) }
        }
        probe(404, .get, "/v1/regions/{code}/summary", "/v1/regions/XX-1/summary", key: reader)
        probe(404, .get, "/v1/regions/{code}", "/v1/regions/XX-1", key: reader)
        probe(406, .get, "/v1/regions/{code}", "/v1/regions/KZ-33", key: reader, headers: [("Accept", "text/csv")])
        for (path, target) in [
            ("/v1/assessments", "/v1/assessments"), ("/v1/ldn", "/v1/ldn?country=KZ"),
            ("/v1/reports/so1-3", "/v1/reports/so1-3?country=KZ"),
        ] {
            probe(406, .get, path, target, key: reader, headers: [("Accept", "image/png")])
        }
        probe(404, .get, "/v1/assessments/{id}", "/v1/assessments/999999", key: reader)
        probe(410, .get, "/v1/assessments/{id}", "/v1/assessments/\(gone)", key: reader)
        probe(404, .get, "/v1/assessments/{id}/history", "/v1/assessments/999999/history", key: reader)
        for path in ["/ogc/collections/{collectionId}", "/ogc/collections/{collectionId}/schema"] {
            probe(404, .get, path, path.replacingOccurrences(of: "{collectionId}", with: "parcels"), key: reader)
        }
        let items = "/ogc/collections/{collectionId}/items"
        probe(404, .get, items, "/ogc/collections/parcels/items", key: reader)
        probe(404, .get, items + "/{featureId}", "/ogc/collections/sites/items/KZ:NONE", key: reader)
        try t.execute("DELETE FROM changes WHERE seq <= 2")
        probe(410, .get, "/v1/changes", "/v1/changes?since=1", key: reader)

        let submit = "/v1/assessments"
        probe(201, .post, submit, submit, key: kz, body: T5Documents.kz("OA-3"))
        probe(200, .post, submit, submit, key: kz, body: T5Documents.kz("OA-3"))
        probe(400, .post, submit, submit, key: kz, body: "{\"reference\":")
        probe(401, .post, submit, submit, body: T5Documents.kz("OA-4"))
        probe(403, .post, submit, submit, key: reader, body: T5Documents.kz("OA-4"))
        probe(409, .post, submit, submit, key: kz, body: T5Documents.kz("OA-3", notes: "Other"))
        probe(415, .post, submit, submit, key: kz, body: T5Documents.kz("OA-4"), contentType: "text/plain")
        probe(422, .post, submit, submit, key: kz, body: "{}")

        let batch = "/v1/assessments/batch"
        probe(201, .post, batch, batch, key: kz, body: "[" + T5Documents.kz("OA-5") + "]")
        probe(200, .post, batch, batch, key: kz, body: "[" + T5Documents.kz("OA-5") + "]")
        probe(400, .post, batch, batch, key: kz, body: "[{")
        probe(401, .post, batch, batch, body: "[]")
        probe(403, .post, batch, batch, key: uz, body: "[" + T5Documents.kz("OA-6") + "]")
        #expect(t.app.idempotency.inFlight.begin("\(kzID)\u{0}busy"))
        probe(409, .post, batch, batch, key: kz, body: "[]", headers: [("Idempotency-Key", "busy")])
        probe(415, .post, batch, batch, key: kz, body: "[]", contentType: "text/csv")
        probe(422, .post, batch, batch, key: kz, body: "{}")

        let sheet = "/v1/assessments/import"
        let csv = "text/csv"
        let rows = ImportFixtures.wideCSV(references: ["OA-7"])
        probe(201, .post, sheet, sheet, key: kz, body: rows, contentType: csv)
        probe(200, .post, sheet, sheet, key: kz, body: rows, contentType: csv)
        probe(400, .post, sheet, sheet + "?dry_run=perhaps", key: kz, body: rows, contentType: csv)
        probe(401, .post, sheet, sheet, body: rows, contentType: csv)
        probe(403, .post, sheet, sheet, key: uz, body: ImportFixtures.wideCSV(references: ["OA-8"]), contentType: csv)
        probe(409, .post, sheet, sheet, key: kz, body: rows, contentType: csv, headers: [("Idempotency-Key", "busy")])
        probe(415, .post, sheet, sheet, key: kz, body: rows)
        probe(422, .post, sheet, sheet, key: kz, body: "reference;colour\nOA-9;red\n", contentType: csv)

        let template = "/v1/assessments/{id}"
        probe(428, .put, template, one, key: kz, body: correction)
        probe(412, .put, template, one, key: kz, body: correction, headers: [("If-Match", "\"a\(id)-r9\"")])
        probe(200, .put, template, one, key: kz, body: correction, headers: [("If-Match", etag)])
        probe(400, .put, template, one + "?colour=red", key: kz, body: correction)
        probe(401, .put, template, one, body: correction)
        probe(403, .put, template, one, key: uz, body: correction, headers: [("If-Match", "*")])
        probe(404, .put, template, "/v1/assessments/999999", key: kz, body: correction, headers: [("If-Match", "*")])
        probe(409, .put, template, one, key: kz, body: T5Documents.kz("OA-TAKEN"), headers: [("If-Match", "*")])
        probe(410, .put, template, "/v1/assessments/\(gone)", key: kz, body: correction, headers: [("If-Match", "*")])
        probe(
            415, .put, template, one, key: kz, body: correction, contentType: "text/plain", headers: [("If-Match", "*")]
        )
        probe(422, .put, template, one, key: kz, body: "{}", headers: [("If-Match", "*")])

        probe(400, .delete, template, one + "?reason=", key: kz)
        probe(401, .delete, template, one + "?reason=x")
        probe(403, .delete, template, one + "?reason=x", key: uz)
        probe(404, .delete, template, "/v1/assessments/999999?reason=x", key: kz)
        probe(410, .delete, template, "/v1/assessments/\(gone)?reason=x", key: kz)
        probe(412, .delete, template, one + "?reason=x", key: kz, headers: [("If-Match", "\"a\(id)-r9\"")])
        probe(204, .delete, template, one + "?reason=x", key: kz)

        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(t.request(.get, "/openapi.json", authorized: false).body))
                as? [String: Any])
        let paths = document["paths"] as? [String: [String: [String: Any]]] ?? [:]
        func documented(_ operation: String) -> Set<Int> {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            return Set(
                (paths[parts[1]]?[parts[0].lowercased()]?["responses"] as? [String: Any] ?? [:]).keys.compactMap {
                    Int($0)
                })
        }
        for probe in probes {
            #expect(
                probe.reply.status == probe.status,
                "\(probe.operation): \(probe.reply.status), not \(probe.status): \(probe.reply.text)")
            #expect(
                documented(probe.operation).contains(probe.reply.status),
                "\(probe.operation) gives \(probe.reply.status) undocumented")
        }
        var given: [String: Set<Int>] = [:]
        for probe in probes { given[probe.operation, default: []].insert(probe.status) }
        for (path, operations) in paths {
            for method in operations.keys {
                let operation = "\(method.uppercased()) \(path)"
                let missing = documented(operation).subtracting(given[operation] ?? []).subtracting(Self.beforeHandlers)
                #expect(missing.isEmpty, "\(operation) documents \(missing.sorted()) that no probe gives")
            }
        }
    }

    /// Admission's own answer: 429 with Retry-After and the RateLimit fields, as documented.
    @Test func rateLimitedAnswersCarryTheirHeaders() throws {
        let t = try TestApp(.queries) { $0.rateLimitPerMinute = 1 }
        #expect(t.request(.get, "/v1/regions").status == 200)
        let limited = t.request(.get, "/v1/regions")
        #expect(limited.status == 429)
        for name in ["Retry-After", "RateLimit", "RateLimit-Policy", "Content-Language"] {
            #expect(limited.headers[name] != nil, "429 without \(name)")
        }
    }
}

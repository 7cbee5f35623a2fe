import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// Strong `ETag` on every `200` to a `GET`, `304` without a body for a matching `If-None-Match`,
/// a new tag after a write, and a 304 for collections that does not run their query.
@Suite struct ConditionalTests {
    let harness: TestApp
    let id: Int64

    init() throws {
        harness = try TestApp(.queries)
        id = try harness.store(T6Doc.make("KZ", reference: "C-1", region: "KZ-11", site: "S-1", date: "2010-06-01"))
        _ = try harness.store(T6Doc.make("KZ", reference: "C-2", region: "KZ-11", site: "S-1", date: "2017-06-01"))
    }

    var targets: [String] {
        [
            "/health", "/openapi.json", "/metrics", "/v1/schema", "/v1/regions", "/v1/regions?country=KG",
            "/v1/regions/KZ-11/summary", "/v1/stats", "/v1/stats?group_by=year&indicator=soc", "/v1/ldn?country=KZ",
            "/v1/changes?since=0", "/v1/assessments", "/v1/assessments?format=csv", "/v1/assessments?format=geojson",
            "/v1/assessments/\(id)", "/v1/assessments/\(id)/history",
        ]
    }

    @Test func every200GetHasAStrongTagAndA304() throws {
        for target in targets {
            let reply = harness.request(.get, target)
            #expect(reply.status == 200, "\(target)")
            let etag = try #require(reply.headers["ETag"], "\(target) has no ETag")
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, "\(target): \(etag) is not strong")
            let again = harness.request(.get, target, headers: [("If-None-Match", etag)])
            if target == "/metrics" {
                // The metrics text changes as requests are counted; a 304 is right only when it did not.
                #expect(again.status == 200 || again.status == 304)
                continue
            }
            #expect(again.status == 304, "\(target)")
            #expect(again.body.isEmpty, "\(target)")
            #expect(again.headers["ETag"] == etag)
            let listed = harness.request(.get, target, headers: [("If-None-Match", "\"other\", \(etag)")])
            #expect(listed.status == 304, "\(target) with a list of tags")
            #expect(harness.request(.get, target, headers: [("If-None-Match", "\"other\"")]).status == 200)
        }
    }

    @Test func tagsChangeAfterASubmission() throws {
        let collections = ["/v1/assessments", "/v1/regions/KZ-11/summary", "/v1/stats", "/v1/ldn?country=KZ"]
        let before = collections.map { harness.request(.get, $0).headers["ETag"] }
        _ = try harness.store(T6Doc.make("KZ", reference: "C-3", region: "KZ-11", site: "S-2", date: "2018-06-01"))
        for (target, old) in zip(collections, before) {
            let reply = harness.request(.get, target, headers: [("If-None-Match", old ?? "")])
            #expect(reply.status == 200, "\(target) still 304 after a write")
            #expect(reply.headers["ETag"] != old)
        }
    }

    @Test func listTagDependsOnlyOnSequenceAndNormalizedQuery() {
        let a = harness.request(.get, "/v1/assessments?country=KZ&land_cover=grassland&region=KZ-11")
        let b = harness.request(.get, "/v1/assessments?region=KZ-AKM&land_cover=grassland&country=KZ")
        #expect(a.headers["ETag"] != nil)
        #expect(a.headers["ETag"] == b.headers["ETag"])
        let c = harness.request(.get, "/v1/assessments?country=KZ&land_cover=cropland")
        #expect(c.headers["ETag"] != a.headers["ETag"])
        #expect(a.headers["ETag"]?.contains("c\(harness.app.feed.lastSeq)-") == true)
    }

    @Test func a304DoesNotRunTheQuery() throws {
        let collections = [
            "/v1/assessments?country=KZ", "/v1/regions/KZ-11/summary?indicator=soc", "/v1/stats?group_by=region",
            "/v1/ldn?country=KZ",
        ]
        let tags = collections.map { harness.request(.get, $0).headers["ETag"] ?? "" }
        // Break every query behind the server's back (no change is published): a query run now fails.
        try harness.execute("ALTER TABLE assessments RENAME TO assessments_hidden")
        try harness.execute("ALTER TABLE measurements RENAME TO measurements_hidden")
        // SDG 15.3.1 answers are kept by their tag (computed once per change): without a change they
        // come from the cache, tables or not; the other collections run their query again.
        let ldn = harness.request(.get, "/v1/ldn?country=KZ")
        #expect(ldn.status == 200 && ldn.headers["ETag"] == tags[3])
        for (target, tag) in zip(collections, tags) {
            if target.hasPrefix("/v1/ldn") {
                harness.app.answers.forget()
            }
            #expect(harness.request(.get, target).status == 500, "\(target) ran without its table?")
            // The tables are gone: a 304 proves the query did not run (no timing needed).
            let reply = harness.request(.get, target, headers: [("If-None-Match", tag)])
            #expect(reply.status == 304, "\(target) ran its query for a conditional request")
        }
    }
}

extension ConditionalTests {
    /// `?pretty` changes the bytes, so it must change a strong tag.
    @Test func prettyHasItsOwnTag() {
        for target in [
            "/v1/assessments?country=KZ", "/v1/regions/KZ-11/summary", "/v1/stats", "/v1/ldn?country=KZ",
            "/openapi.json",
            "/v1/schema", "/v1/regions", "/v1/assessments/\(id)", "/v1/changes",
        ] {
            let plain = harness.request(.get, target)
            let pretty = harness.request(.get, target + (target.contains("?") ? "&pretty" : "?pretty"))
            #expect(pretty.status == 200)
            let indented = pretty.text.contains("\n  ")
            #expect(indented, "\(target): ?pretty did not indent")
            let differ = plain.body != pretty.body
            #expect(differ, "\(target)")
            // The pretty representation has its own 304.
            let again = harness.request(
                .get, target + (target.contains("?") ? "&pretty" : "?pretty"),
                headers: [("If-None-Match", pretty.headers["ETag"] ?? "")])
            #expect(again.status == 304, "\(target)")
            #expect(
                plain.headers["ETag"] != pretty.headers["ETag"], "\(target): one strong tag for two representations")
        }
    }
}

extension ConditionalTests {
    /// The tag of `GET ?pretty` is as good an `If-Match` for a correction as the plain one.
    @Test func prettyTagServesAsIfMatch() throws {
        let pretty = harness.request(.get, "/v1/assessments/\(id)?pretty")
        let tag = try #require(pretty.headers["ETag"])
        let document = T6Doc.make("KZ", reference: "C-1", region: "KZ-11", site: "S-1", date: "2010-06-01", soc: 11)
        let corrected = harness.request(
            .put, "/v1/assessments/\(id)", headers: [("If-Match", tag)], body: T6Doc.encode(document))
        #expect(corrected.status == 200)
        let stale = harness.request(
            .put, "/v1/assessments/\(id)", headers: [("If-Match", tag)], body: T6Doc.encode(document))
        #expect(stale.status == 412)
    }
}

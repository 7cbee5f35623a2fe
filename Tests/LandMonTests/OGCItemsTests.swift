import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `/ogc/collections/{collectionId}/items`: paging, filters, keys and coordinates.
@Suite struct OGCItemsTests {
    /// Features of a page, and the page.
    static func features(_ reply: TestReply) -> [[String: Any]] { reply.object["features"] as? [[String: Any]] ?? [] }

    /// The path and query of an absolute link, for the router.
    static func target(_ href: String) -> String {
        guard let url = URL(string: href) else { return href }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }

    @Test("/req/core/fc-limit-response-1 (and every bad value is named)") func limitResponseAndEveryBadValueIsNamed()
        throws
    {
        let t = try OGCTests.seeded()
        let page = t.request(.get, "/ogc/collections/assessments/items?limit=2")
        #expect(page.status == 200 && Self.features(page).count == 2)
        #expect(page.object["numberReturned"] as? Int == 2 && page.object["numberMatched"] as? Int == 4)
        #expect(page.object["timeStamp"] is String)
        for bad in [
            "limit=0", "limit=1001", "limit=ten", "limit=1.5", "bbox=1,2,3", "bbox-crs=EPSG:4326",
            "datetime=2020-13-01", "datetime=2021-01-01/2020-01-01", "datetime=../..x",
            "datetime=2020-01-01/2020-01-02/2020-01-03",
            "country=FR", "region=XX-1", "indicator=gold", "land_cover=forest", "qa_flag=Bad", "colour=red",
            "from=2020-01-01", "cursor=abc",
        ] {
            let reply = t.request(.get, "/ogc/collections/assessments/items?" + bad)
            let name = String(bad.split(separator: "=")[0])
            #expect(reply.status == 400 && reply.parameter == name, "\(bad): \(reply.status) \(reply.text)")
        }
        let russian = t.request(.get, "/ogc/collections/sites/items?datetime=x&lang=ru")
        #expect((russian.object["detail"] as? String)?.hasPrefix("datetime: нужна дата") == true)
    }

    @Test("/req/core/fc-links, /req/core/fc-next-1: every page walked, nothing skipped or repeated")
    func nextLinksWalkEveryPageNothingSkippedOrRepeated() throws {
        let t = try TestApp(.queries)
        for index in 0..<23 {
            _ = try t.store(
                T6Doc.make("KZ", reference: "KZ-W-\(index)", site: "S-\(index % 7)", date: "2020-01-\(10 + index % 9)"))
        }
        for (collection, expected) in [("assessments", 23), ("sites", 7), ("measurements", 46)] {
            var seen: [String] = []
            var next: String? = "/ogc/collections/\(collection)/items?limit=4&country=KZ"
            var pages = 0
            while let target = next {
                let reply = t.request(.get, target)
                #expect(reply.status == 200, "\(target)")
                #expect(reply.object["numberMatched"] as? Int == expected)
                seen += Self.features(reply).map { "\($0["id"] ?? "")" }
                let links = OGCTests.links(reply.object)
                #expect((links["self"]?["href"] as? String).map(Self.target) == target)
                next = (links["next"]?["href"] as? String).map(Self.target)
                if let href = links["next"]?["href"] as? String {
                    #expect(reply.headers["Link"] == "<\(href)>; rel=\"next\"; type=\"application/geo+json\"")
                    #expect(href.contains("country=KZ") && href.contains("limit=4"))
                }
                pages += 1
            }
            #expect(seen.count == expected && Set(seen).count == expected, "\(collection): \(seen.count)")
            #expect(pages == (expected + 3) / 4)
        }
        // The next link keeps the client's own spelling of the query (GDAL looks for it verbatim).
        let spelled = t.request(.get, "/ogc/collections/assessments/items?datetime=2020-01-01/..&limit=4")
        let next = try #require(OGCTests.links(spelled.object)["next"]?["href"] as? String)
        #expect(next.contains("?datetime=2020-01-01/..&limit=4&cursor="), "\(next)")
        // A cursor belongs to its query.
        let first = t.request(.get, "/ogc/collections/assessments/items?limit=4")
        let cursor = try #require(
            (OGCTests.links(first.object)["next"]?["href"] as? String)?.components(separatedBy: "cursor=").last)
        let other = t.request(.get, "/ogc/collections/sites/items?limit=4&cursor=\(cursor)")
        #expect(other.status == 400 && other.parameter == "cursor")
    }

    @Test("/req/core/fc-bbox-response, across the antimeridian") func bboxResponseAcrossTheAntimeridian() throws {
        let t = try OGCTests.seeded()
        func ids(_ query: String, _ collection: String = "sites") -> Set<String> {
            Set(
                Self.features(t.request(.get, "/ogc/collections/\(collection)/items?" + query)).map {
                    "\($0["id"] ?? "")"
                })
        }
        #expect(ids("bbox=170,60,-160,70") == ["RU:CHU-1"])
        #expect(ids("bbox=-170,60,-169,70&bbox-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84") == ["RU:CHU-1"])
        #expect(ids("bbox=20,30,100,60") == ["KZ:AKM-1", "UZ:TAS-1"])
        #expect(ids("bbox=170,60,-160,70", "measurements").allSatisfy { $0.hasPrefix("3.") })
    }

    @Test("/req/core/fc-time-response on sampled_on") func timeResponseOnSampledOn() throws {
        let t = try OGCTests.seeded()
        func dates(_ datetime: String) -> [String] {
            Self.features(t.request(.get, "/ogc/collections/assessments/items?datetime=" + datetime)).compactMap {
                ($0["properties"] as? [String: Any])?["sampled_on"] as? String
            }.sorted()
        }
        #expect(dates("2019-06-01") == ["2019-06-01"])
        #expect(dates("2019-06-01T12:30:00Z") == ["2019-06-01"])
        #expect(dates("2019-01-01/2020-12-31") == ["2019-06-01", "2020-08-19"])
        #expect(dates("../2019-12-31") == ["2015-05-05", "2019-06-01"])
        #expect(dates("2020-01-01T00:00:00Z/..") == ["2020-08-19", "2021-06-01"])
        #expect(dates("/2016-01-01") == ["2015-05-05"])
    }

    @Test func sitesAreOnePerSiteWithTheLatestVisitAndFiltersApply() throws {
        let t = try OGCTests.seeded()
        let sites = Self.features(t.request(.get, "/ogc/collections/sites/items"))
        #expect(sites.count == 3)
        let akmola = sites.first { $0["id"] as? String == "KZ:AKM-1" }?["properties"] as? [String: Any]
        #expect(akmola?["sampled_on"] as? String == "2021-06-01" && akmola?["soc_0_30"] as? Double == 12)
        #expect(Self.features(t.request(.get, "/ogc/collections/sites/items?country=UZ")).count == 1)
        let measurements = t.request(.get, "/ogc/collections/measurements/items?indicator=bd_fe&region=KZ-11")
        #expect(Self.features(measurements).count == 2)
        #expect(
            Self.features(measurements).allSatisfy {
                ($0["properties"] as? [String: Any])?["indicator"] as? String == "bd_fe"
            })
    }

    @Test func keysCoordinatesAndConditionalGets() throws {
        let t = try OGCTests.seeded()
        #expect(t.request(.get, "/ogc/collections/sites/items", authorized: false).status == 401)
        let open = try OGCTests.seeded { $0.publicReadOGC = true }
        #expect(open.request(.get, "/v1/assessments", authorized: false).status == 401)
        let anonymous = open.request(.get, "/ogc/collections/assessments/items/1", authorized: false)
        #expect(anonymous.status == 200 && anonymous.headers["Cache-Control"] == "no-cache")
        let keyed = open.request(.get, "/ogc/collections/assessments/items/1")
        func point(_ reply: TestReply) -> [Double] {
            (reply.object["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
        }
        let exact = point(keyed)
        #expect(exact.count == 2 && point(anonymous) == exact.map { ($0 * 100).rounded() / 100 })
        #expect(exact == [71.45678, 51.17123] && point(anonymous) == [71.46, 51.17])
        let exactEverywhere = try OGCTests.seeded {
            $0.publicReadOGC = true
            $0.publicCoordinateDecimals = nil
        }
        #expect(
            point(exactEverywhere.request(.get, "/ogc/collections/assessments/items/1", authorized: false)) == exact)
        let page = t.request(.get, "/ogc/collections/sites/items?limit=2")
        let etag = try #require(page.headers["ETag"])
        #expect(
            t.request(.get, "/ogc/collections/sites/items?limit=2", headers: [("If-None-Match", etag)]).status == 304)
        _ = try t.store(T6Doc.make("TJ", reference: "TJ-OGC-1"))
        #expect(
            t.request(.get, "/ogc/collections/sites/items?limit=2", headers: [("If-None-Match", etag)]).status == 200)
    }

    @Test func overLoopbackWithALinkHeader() throws {
        let live = try LiveTestApp { $0.publicReadOGC = true }
        let admin = try live.t.key("admin", .admin)
        for reference in ["KZ-L-1", "KZ-L-2"] {
            let body = String(decoding: T6Doc.encode(T6Doc.make("KZ", reference: reference)), as: UTF8.self)
            #expect(live.t.send(.post, "/v1/assessments", key: admin, body: body).status == 201)
        }
        let client = try live.client()
        let reply = try #require(client.request("GET", "/ogc/collections/assessments/items?limit=1"))
        #expect(reply.status == 200 && reply.headers["Content-Type"] == "application/geo+json")
        let link = try #require(reply.headers["Link"])
        #expect(link.hasPrefix("<http://127.0.0.1/ogc/collections/assessments/items?limit=1&cursor="))
        let landing = try #require(client.request("GET", "/ogc"))
        #expect(landing.status == 200 && (landing.object["links"] as? [Any])?.count == 5)
    }
}

/// The `datetime` pattern of the OpenAPI document against the server's parser, both ways.
@Suite struct OGCDatetimeTests {
    @Test func thePatternAndTheParserAgree() throws {
        let regex = try Regex(OpenAPI.datetimePattern)
        let good = [
            "2020-02-29", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5Z", "2020-01-01T23:59:59.123+05:00",
            "2020-01-01/..", "../2020-12-31",
            "/2020-12-31", "2020-01-01/", "../..", "/", "2019-01-01T10:00:00Z/2020-01-01",
        ]
        for value in good {
            #expect(value.wholeMatch(of: regex) != nil, "\(value) should match")
            #expect((try? OGCParameters.interval(value, name: "datetime")) != nil, "\(value) should parse")
        }
        for value in ["2021-02-29", "2020-1-01", "2020-01-01T25:00:00Z", "2020-01-01T00:00:00", "x", "2020/2021/2022"] {
            #expect(value.wholeMatch(of: regex) == nil, "\(value) should not match")
            #expect((try? OGCParameters.interval(value, name: "datetime")) == nil, "\(value) should not parse")
        }
    }
}

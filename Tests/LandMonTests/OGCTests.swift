import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `/ogc`: OGC API - Features Part 1 core and GeoJSON, requirement by requirement (tests named
/// after the requirement of OGC 17-069r4 they check), over the router.
@Suite struct OGCTests {
    static let core = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
    static let geojson = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"

    /// Links of a document by `rel`.
    static func links(_ object: [String: Any]) -> [String: [String: Any]] {
        Dictionary((object["links"] as? [[String: Any]] ?? []).map { ($0["rel"] as? String ?? "", $0) }) { a, _ in a }
    }

    /// A KZ site, a second visit to it, a Chukotka site across the antimeridian and a UZ site.
    static func seeded(_ adjust: (inout Configuration) -> Void = { _ in }) throws -> TestApp {
        let t = try TestApp(.queries, adjust)
        _ = try t.store(
            T6Doc.make("KZ", reference: "KZ-OGC-1", site: "AKM-1", lat: 51.17123, lon: 71.45678, date: "2019-06-01"))
        _ = try t.store(T6Doc.make("KZ", reference: "KZ-OGC-2", site: "AKM-1", date: "2021-06-01", soc: 12))
        _ = try t.store(T6Doc.make("RU", reference: "RU-OGC-1", site: "CHU-1", lon: -169.81, date: "2020-08-19"))
        _ = try t.store(T6Doc.make("UZ", reference: "UZ-OGC-1", site: "TAS-1", date: "2015-05-05"))
        return t
    }

    @Test("/req/core/root-success") func rootSuccess() throws {
        let t = try TestApp(.queries)
        let reply = t.request(.get, "/ogc", headers: [("Host", "gis.example.org:8443")])
        #expect(reply.status == 200 && reply.headers["Content-Type"] == "application/json")
        let links = Self.links(reply.object)
        for rel in ["self", "service-desc", "service-doc", "conformance", "data"] {
            let href = try #require(links[rel]?["href"] as? String, "no \(rel) link")
            #expect(href.hasPrefix("http://gis.example.org:8443/"), "\(rel): \(href)")
            #expect(links[rel]?["type"] is String, "\(rel) has no type")
        }
        #expect(links["data"]?["href"] as? String == "http://gis.example.org:8443/ogc/collections")
        #expect(links["service-desc"]?["href"] as? String == "http://gis.example.org:8443/openapi.json")
        #expect(reply.headers["ETag"] != nil)
    }

    @Test func linksFollowPublicBaseURL() throws {
        let t = try TestApp(.queries) { $0.publicBaseURL = "https://landmon.example.org/api" }
        let links = Self.links(t.request(.get, "/ogc", headers: [("Host", "internal:8080")]).object)
        #expect(links["self"]?["href"] as? String == "https://landmon.example.org/api/ogc")
        for bad in ["ftp://landmon.example.org", "landmon.example.org", "https://x.org/?a=1"] {
            #expect(throws: ConfigurationError.self, "\(bad)") {
                try Configuration.load(file: nil, environment: ["LANDMON_PUBLIC_BASE_URL": bad], overrides: [:])
            }
        }
        let good = try Configuration.load(
            file: nil, environment: ["LANDMON_PUBLIC_BASE_URL": "https://x.org/gis/"], overrides: [:])
        #expect(good.publicBaseURL == "https://x.org/gis")
    }

    @Test func documentsTakeTheFiltersOfAnAddressAndCheckThem() throws {
        let t = try TestApp(.queries)
        // GDAL repeats the query of `OAPIF:https://host/ogc?...` on every request it makes.
        let query = "?datetime=2010-01-01/2019-12-31&bbox=170,60,-160,72&country=RU"
        for path in [
            "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/sites",
            "/ogc/collections/sites/schema",
        ] {
            #expect(t.request(.get, path + query).status == 200, "\(path)")
            let bad = t.request(.get, path + "?country=FR")
            #expect(bad.status == 400 && bad.parameter == "country", "\(path)")
            let paging = t.request(.get, path + "?limit=5")
            #expect(paging.status == 400 && paging.parameter == "limit", "\(path)")
        }
    }

    @Test("/req/core/conformance-success") func conformanceSuccess() throws {
        let t = try TestApp(.queries)
        let reply = t.request(.get, "/ogc/conformance")
        #expect(reply.status == 200)
        let classes = Set(reply.object["conformsTo"] as? [String] ?? [])
        #expect(classes == [Self.core, Self.geojson], "only what is honoured: no html, no oas30")
    }

    @Test("/req/core/fc-md-success, /req/core/fc-md-items, /req/core/sfc-md-success")
    func collectionsSuccessAndTheirItemsLinks() throws {
        let t = try Self.seeded()
        let english = t.request(.get, "/ogc/collections")
        #expect(english.status == 200 && english.headers["Content-Language"] == "en")
        let collections = english.object["collections"] as? [[String: Any]] ?? []
        #expect(collections.compactMap { $0["id"] as? String } == ["assessments", "sites", "measurements"])
        for collection in collections {
            let id = collection["id"] as? String ?? ""
            #expect(collection["itemType"] as? String == "feature")
            #expect((collection["crs"] as? [String])?.contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84") == true)
            let links = Self.links(collection)
            #expect(links["items"]?["type"] as? String == "application/geo+json", "\(id)")
            #expect((links["items"]?["href"] as? String)?.hasSuffix("/ogc/collections/\(id)/items") == true)
            #expect(links["describedby"]?["type"] as? String == "application/schema+json", "\(id)")
            #expect((collection["description"] as? String)?.contains("rounded to 2 decimal places") == true)
        }
        let russian = t.request(.get, "/ogc/collections", headers: [("Accept-Language", "ru-RU, en;q=0.5")])
        #expect(russian.headers["Content-Language"] == "ru")
        let first = (russian.object["collections"] as? [[String: Any]])?.first
        #expect(first?["title"] as? String == "Почвенные обследования")
        #expect(russian.headers["ETag"] != english.headers["ETag"])
        #expect(t.request(.get, "/ogc/collections/parcels").status == 404)
    }

    @Test func extentCrossesTheAntimeridianAsMinXAboveMaxX() throws {
        let t = try Self.seeded()
        let collection = t.request(.get, "/ogc/collections/sites").object
        let extent = collection["extent"] as? [String: Any]
        let boxes = (extent?["spatial"] as? [String: Any])?["bbox"] as? [[Double]] ?? []
        let overall = try #require(boxes.first)
        #expect(overall[0] > overall[2], "minx > maxx across the antimeridian: \(overall)")
        #expect(overall[2] == -169.81)
        #expect(boxes.count == 3, "the parts either side follow the overall box")
        let interval = (extent?["temporal"] as? [String: Any])?["interval"] as? [[String]]
        #expect(interval == [["2015-05-05T00:00:00Z", "2021-06-01T00:00:00Z"]])
        // Without sites beyond 180 degrees the box is an ordinary one.
        let plain = try TestApp(.queries)
        _ = try plain.store(T6Doc.make("KZ", reference: "KZ-X-1"))
        let box =
            ((plain.request(.get, "/ogc/collections/assessments").object["extent"] as? [String: Any])?[
                "spatial"] as? [String: Any])?["bbox"] as? [[Double]]
        #expect(box?.count == 1 && (box?[0][0] ?? 1) <= (box?[0][2] ?? 0))
    }

    @Test func describedbyIsAJSONSchemaOfTheFeature() throws {
        let t = try Self.seeded()
        let reply = t.request(.get, "/ogc/collections/assessments/schema")
        #expect(reply.status == 200 && reply.headers["Content-Type"] == "application/schema+json")
        let properties =
            ((reply.object["properties"] as? [String: Any])?["properties"] as? [String: Any])?[
                "properties"] as? [String: [String: Any]] ?? [:]
        #expect(properties["soc_0_30"]?["type"] as? String == "number")
        #expect(properties["sampled_on"]?["format"] as? String == "date")
        // Every property of a feature is in the schema, and the other way round.
        let feature = t.request(.get, "/ogc/collections/assessments/items?limit=1").object
        let first = (feature["features"] as? [[String: Any]])?.first?["properties"] as? [String: Any] ?? [:]
        #expect(Set(first.keys) == Set(properties.keys))
        let measurements = t.request(.get, "/ogc/collections/measurements/schema").object
        #expect(measurements["$id"] as? String == "http://localhost/ogc/collections/measurements/schema")
    }

    @Test("/req/core/f-success, /req/core/f-links, /req/geojson/content") func featureSuccessWithACollectionLink()
        throws
    {
        let t = try Self.seeded()
        let one = t.request(.get, "/ogc/collections/assessments/items/2")
        #expect(one.status == 200 && one.headers["Content-Type"] == "application/geo+json")
        #expect(one.object["id"] as? Int == 2)
        #expect(
            (Self.links(one.object)["collection"]?["href"] as? String)?.hasSuffix("/ogc/collections/assessments")
                == true)
        let site = t.request(.get, "/ogc/collections/sites/items/KZ:AKM-1")
        #expect(site.status == 200)
        #expect((site.object["properties"] as? [String: Any])?["sampled_on"] as? String == "2021-06-01")
        let measurement = t.request(.get, "/ogc/collections/measurements/items/3.soc.0")
        #expect((measurement.object["properties"] as? [String: Any])?["unit"] as? String == "g/kg")
        for missing in [
            "/ogc/collections/assessments/items/999", "/ogc/collections/assessments/items/x",
            "/ogc/collections/sites/items/KZ:NONE", "/ogc/collections/sites/items/XX:AKM-1",
            "/ogc/collections/measurements/items/3.soc.5", "/ogc/collections/measurements/items/3.nope.0",
        ] {
            let reply = t.request(.get, missing)
            #expect(reply.status == 404 && reply.isProblem, "\(missing): \(reply.status)")
        }
        #expect(t.request(.delete, "/v1/assessments/2?reason=test").status == 204)
        #expect(t.request(.get, "/ogc/collections/assessments/items/2").status == 404)
    }
}

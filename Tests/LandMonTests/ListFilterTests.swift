import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/assessments`: each filter of API.md alone and combined, each sort, `count=true`,
/// and `400` naming the parameter for unknown names and malformed values.
@Suite struct ListFilterTests {
    let harness: TestApp
    let ids: [String: Int64]

    init() throws {
        harness = try TestApp(.queries)
        ids = try T6Data.load(into: harness)
    }

    /// The references a query lists, as a set (order is checked by the sort tests).
    func listed(_ query: String) -> Set<String> {
        let reply = harness.request(.get, "/v1/assessments?" + query)
        #expect(reply.status == 200, "\(query): \(reply.text)")
        return Set(reply.references)
    }

    @Test func everythingWithoutFilters() {
        #expect(listed("") == Set(ids.keys))
    }

    @Test func eachFilterAlone() {
        #expect(listed("country=KZ") == ["KZ-1", "KZ-2", "KZ-3"])
        #expect(listed("country=RU") == ["RU-E", "RU-W", "RU-K"])
        #expect(listed("region=KZ-11") == ["KZ-1", "KZ-3"])
        #expect(listed("site=S-KZ-1") == ["KZ-1", "KZ-3"])
        #expect(listed("reference=RU-K") == ["RU-K"])
        #expect(listed("indicator=ph_h2o") == ["TM-1"])
        #expect(listed("indicator=ph_h2o,bd_fe").count == 10)
        #expect(listed("land_cover=wetland") == ["RU-E", "RU-W"])
        #expect(listed("depth_max=10") == Set(ids.keys).subtracting(["KZ-2"]))
        #expect(listed("depth_max=25") == Set(ids.keys))
        #expect(listed("qa_flag=out_of_typical_range") == ["UZ-1"])
        #expect(listed("qa_flag=incomplete_depth") == ["KZ-2"])
        #expect(listed("qa_flag=region_code_updated") == ["KZ-1"])
    }

    @Test func regionListAcceptsLegacyKazakhCodes() {
        // KZ-AKM is Akmola's code from before 2022, stored as KZ-11.
        #expect(listed("region=KZ-AKM,RU-CHU") == ["KZ-1", "KZ-3", "RU-E", "RU-W"])
        #expect(listed("region=KZ-KZY") == ["KZ-2"])
        let item = harness.request(.get, "/v1/assessments?reference=KZ-1").items.first
        #expect(item?["region"] as? String == "KZ-11")
    }

    @Test func datesAreInclusive() {
        #expect(listed("from=2016-05-01&to=2019-01-01") == ["KZ-3", "KG-1", "RU-K"])
        #expect(listed("from=2023-04-01") == ["TM-1"])
        #expect(listed("to=2010-05-01") == ["KZ-1"])
        #expect(listed("from=2023-04-02").isEmpty)
    }

    @Test func boundingBoxes() {
        #expect(listed("bbox=60,40,80,55") == ["KZ-1", "KZ-2", "KZ-3", "KG-1", "UZ-1"])
        // Crossing the antimeridian: minLon > maxLon takes lon >= 178 or lon <= -178.
        #expect(listed("bbox=178,60,-178,70") == ["RU-E", "RU-W"])
        #expect(listed("bbox=178,60,180,70") == ["RU-E"])
        #expect(listed("bbox=-180,60,-178,70") == ["RU-W"])
        #expect(listed("bbox=178,67.5,-178,70").isEmpty)
    }

    @Test func combinations() {
        #expect(listed("country=RU&land_cover=wetland&from=2021-01-01") == ["RU-W"])
        #expect(listed("region=KZ-11&to=2012-12-31") == ["KZ-1"])
        #expect(listed("bbox=60,40,80,55&qa_flag=out_of_typical_range") == ["UZ-1"])
        #expect(listed("country=KZ&depth_max=10&land_cover=grassland&site=S-KZ-1&from=2011-01-01") == ["KZ-3"])
        #expect(listed("indicator=soc&country=TM&bbox=50,30,70,45") == ["TM-1"])
        #expect(listed("country=KG&region=KZ-11").isEmpty)
    }

    @Test func updatedSince() throws {
        let before = harness.request(.get, "/v1/assessments?reference=TJ-1").items.first?["submitted_at"] as? String
        #expect(before != nil)
        Thread.sleep(forTimeInterval: 0.01)
        let mark = LandMon.Timestamp.format(Date())
        Thread.sleep(forTimeInterval: 0.01)
        _ = try harness.store(T6Doc.make("TM", reference: "TM-LATE", site: "S-TM-2", date: "2001-01-01"))
        #expect(listed("updated_since=\(mark)") == ["TM-LATE"])
        #expect(listed("updated_since=2000-01-01T00:00:00Z").count == 11)
        #expect(listed("updated_since=\(before!)").contains("TJ-1"))
    }

    @Test func sorts() {
        let byDate = ids.keys.sorted { dateOf($0) < dateOf($1) }
        #expect(harness.request(.get, "/v1/assessments").references == byDate.reversed())
        #expect(harness.request(.get, "/v1/assessments?sort=-sampled_on").references == byDate.reversed())
        #expect(harness.request(.get, "/v1/assessments?sort=sampled_on").references == byDate)
        let bySubmission = ids.keys.sorted { ids[$0]! < ids[$1]! }
        #expect(harness.request(.get, "/v1/assessments?sort=submitted_at").references == bySubmission)
        #expect(harness.request(.get, "/v1/assessments?sort=-submitted_at").references == bySubmission.reversed())
    }

    func dateOf(_ reference: String) -> String {
        T6Data.documents().first { $0["reference"] as? String == reference }!["sampled_on"] as! String
    }

    @Test func countGivesTheTotal() {
        let reply = harness.request(.get, "/v1/assessments?country=KZ&limit=1&count=true")
        #expect(reply.status == 200)
        #expect(reply.items.count == 1)
        #expect((reply.object["total"] as? Int) == 3)
        #expect(reply.object["next"] is String)
        let without = harness.request(.get, "/v1/assessments?country=KZ&limit=1")
        #expect(without.object["total"] == nil)
        let last = harness.request(.get, "/v1/assessments?country=KZ&limit=3")
        #expect(last.object["next"] is NSNull)
    }

    @Test(arguments: [
        ("colour=red", "colour"), ("from=2020-13-01", "from"), ("to=2021-02-30", "to"), ("from=yesterday", "from"),
        ("bbox=1,2,3", "bbox"), ("bbox=10,50,20,40", "bbox"), ("bbox=a,b,c,d", "bbox"), ("bbox=0,0,200,10", "bbox"),
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("cursor=not-a-cursor", "cursor"),
        ("country=XX", "country"), ("land_cover=forest", "land_cover"), ("region=KZ-99", "region"),
        ("region=KZ-11,", "region"), ("updated_since=last-week", "updated_since"), ("sort=name", "sort"),
        ("count=maybe", "count"), ("depth_max=-1", "depth_max"), ("indicator=unobtainium", "indicator"),
        ("qa_flag=Bad Flag", "qa_flag"), ("format=xml", "format"), ("limit=all", "limit"), ("site=", "site"),
        ("country=KZ&country=RU", "country"), ("from=2020-01-02&to=2020-01-01", "from"),
        // Numbers as JSON writes them, as the OpenAPI document promises: not Swift's wider syntax.
        ("limit=+5", "limit"), ("limit=007", "limit"), ("depth_max=0x10", "depth_max"), ("depth_max=inf", "depth_max"),
        ("depth_max=+5", "depth_max"), ("bbox=58,43,62,4.6e1", "bbox"), ("bbox=58,43,62,.5", "bbox"),
        ("pretty=yes", "pretty"),
    ])
    func malformedParametersAreNamed(query: String, parameter: String) {
        let reply = harness.request(.get, "/v1/assessments?" + query.replacingOccurrences(of: " ", with: "%20"))
        #expect(reply.status == 400, "\(query)")
        #expect(reply.parameter == parameter, "\(query): \(reply.text)")
        #expect((reply.object["detail"] as? String)?.isEmpty == false)
    }

    @Test func cursorFromAnotherQueryIsRefused() throws {
        let first = harness.request(.get, "/v1/assessments?country=KZ&limit=1")
        let cursor = try #require(first.object["next"] as? String)
        #expect(harness.request(.get, "/v1/assessments?country=KZ&limit=1&cursor=\(cursor)").status == 200)
        let other = harness.request(.get, "/v1/assessments?country=RU&limit=1&cursor=\(cursor)")
        #expect(other.status == 400)
        #expect(other.parameter == "cursor")
        let resorted = harness.request(.get, "/v1/assessments?country=KZ&sort=sampled_on&cursor=\(cursor)")
        #expect(resorted.status == 400)
    }
}

extension ListFilterTests {
    /// A bbox is inclusive: a site exactly on its edge is inside, whatever the R*Tree's 32-bit
    /// floats round its coordinates to.
    @Test func boundingBoxEdgesAreInclusive() {
        // KG-1 is the Naryn fixture's site, at 41.421 N 75.982 E; TJ-1 at 37.721 N 68.834 E.
        #expect(listed("bbox=75.982,41.421,76,42") == ["KG-1"])
        #expect(listed("bbox=75,41,75.982,41.421") == ["KG-1"])
        #expect(listed("bbox=68.834,37.721,68.834,37.721") == ["TJ-1"])
        #expect(listed("bbox=75.9821,41.421,76,42").isEmpty)
        #expect(listed("bbox=75,41,75.982,41.4209").isEmpty)
        // Across the antimeridian, with both Chukotka sites exactly on the edges.
        #expect(listed("bbox=179.5,67,-179.5,67") == ["RU-E", "RU-W"])
        #expect(listed("bbox=179.6,60,-179.6,70").isEmpty)
    }
}

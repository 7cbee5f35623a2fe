import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// Reads without a key, on every route, see site coordinates rounded to
/// `public_coordinate_decimals`; keyed reads see them exact.
@Suite struct PublicCoordinatesTests {
    static func app(_ decimals: Int? = 2) throws -> (TestApp, Int64) {
        let t = try TestApp(.queries) {
            $0.publicRead = true
            $0.publicCoordinateDecimals = decimals
        }
        let id = try t.store(T6Doc.make("KZ", reference: "KZ-PC-1", lat: 51.17123, lon: 71.45678))
        return (t, id)
    }

    static func site(_ object: Any?) -> [Double] {
        let site = (object as? [String: Any])?["site"] as? [String: Any]
        return [site?["lat"] as? Double ?? .nan, site?["lon"] as? Double ?? .nan]
    }

    @Test func oneAssessmentAndItsHistory() throws {
        let (t, id) = try Self.app()
        let anonymous = t.request(.get, "/v1/assessments/\(id)", authorized: false)
        let keyed = t.request(.get, "/v1/assessments/\(id)")
        #expect(Self.site(anonymous.object) == [51.17, 71.46])
        #expect(Self.site(keyed.object) == [51.17123, 71.45678])
        #expect(anonymous.headers["ETag"] != keyed.headers["ETag"])
        #expect(anonymous.object["derived"] as? NSDictionary == keyed.object["derived"] as? NSDictionary)
        let history = t.request(.get, "/v1/assessments/\(id)/history", authorized: false)
        let revisions = history.object["revisions"] as? [[String: Any]] ?? []
        #expect(revisions.count == 1 && Self.site(revisions.first?["document"]) == [51.17, 71.46])
    }

    @Test func listsInEveryFormat() throws {
        let (t, _) = try Self.app()
        let page = t.request(.get, "/v1/assessments", authorized: false)
        #expect(Self.site(page.items.first) == [51.17, 71.46])
        #expect(
            t.request(.get, "/v1/assessments", authorized: false).headers["ETag"]
                != t.request(.get, "/v1/assessments").headers["ETag"])
        let geojson = t.request(.get, "/v1/assessments?format=geojson", authorized: false).object
        let feature = (geojson["features"] as? [[String: Any]])?.first
        #expect((feature?["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [71.46, 51.17])
        let csv = t.request(.get, "/v1/assessments?format=csv", authorized: false).text
        #expect(csv.contains(",51.17,71.46,") && !csv.contains("51.17123"))
        #expect(t.request(.get, "/v1/assessments?format=csv").text.contains(",51.17123,71.45678,"))
    }

    @Test func nullKeepsThemExact() throws {
        let (t, id) = try Self.app(nil)
        #expect(Self.site(t.request(.get, "/v1/assessments/\(id)", authorized: false).object) == [51.17123, 71.45678])
        let configuration = try Configuration.load(
            file: nil, environment: ["LANDMON_PUBLIC_COORDINATE_DECIMALS": "null"], overrides: [:])
        #expect(configuration.publicCoordinateDecimals == nil)
        #expect(Configuration().publicCoordinateDecimals == 2)
    }
}

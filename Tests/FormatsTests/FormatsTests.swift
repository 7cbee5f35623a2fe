import Assessments
import Foundation
import Testing

@testable import Formats
@testable import Store

/// Renderings of store values, checked byte for byte where the contract fixes them.
@Suite struct FormatsTests {
    private let item = ListedAssessment(
        id: 7, sampledOn: "2024-06-14", lat: 51.17, lon: 71.45, document: Array(#"{"id":7}"#.utf8))

    private func render(_ format: OutputFormat, _ items: [ListedAssessment], next: String?, total: Int?) -> String {
        let writer = format.listWriter()
        var out: [UInt8] = []
        writer.begin(into: &out)
        for (index, item) in items.enumerated() { writer.append(item, isFirst: index == 0, into: &out) }
        writer.end(trailer: format.pageTrailer(next: next, total: total), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func jsonPagesSpliceStoredDocumentsAndEndWithNextAndTotal() {
        #expect(
            render(.json, [item, item], next: "abc", total: 2)
                == #"{"items":[{"id":7},{"id":7}],"next":"abc","total":2}"#)
        #expect(render(.json, [], next: nil, total: nil) == #"{"items":[],"next":null}"#)
    }

    @Test func geoJSONIsAFeatureCollectionOfPointsLonLat() throws {
        let text = render(.geojson, [item], next: nil, total: nil)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(object["type"] as? String == "FeatureCollection")
        let feature = try #require((object["features"] as? [[String: Any]])?.first)
        #expect((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [71.45, 51.17])
        #expect(object["next"] is NSNull)
    }

    @Test func ndjsonAndCSVCarryNoPageMembers() {
        #expect(render(.ndjson, [item, item], next: "abc", total: 2) == "{\"id\":7}\n{\"id\":7}\n")
        #expect(OutputFormat.csv.pageTrailer(next: "abc", total: 1).isEmpty)
        #expect(render(.csv, [], next: nil, total: nil).hasPrefix("id,reference,country,region,"))
    }

    @Test func feedAndBatchDocuments() {
        let changes = [Change(seq: 3, id: 7, kind: "created", at: "2026-12-01T00:00:00.000Z")]
        #expect(
            String(decoding: FeedJSON.page(changes, lastSeq: 3), as: UTF8.self)
                == #"{"changes":[{"seq":3,"id":7,"kind":"created","at":"2026-12-01T00:00:00.000Z"}],"last_seq":3}"#)
        #expect(
            String(decoding: FeedJSON.events(changes), as: UTF8.self)
                == "id: 3\nevent: created\ndata: {\"seq\":3,\"id\":7,\"kind\":\"created\",\"at\":\"2026-12-01T00:00:00.000Z\"}\n\n"
        )
        let stored = StoredAssessment(id: 9, revision: 1, isRetracted: false, country: "KZ", document: [])
        #expect(
            String(decoding: DocumentJSON.batch([.created(stored, seq: 1), .unchanged(stored)]), as: UTF8.self)
                == #"{"created":1,"unchanged":1,"ids":[9,9]}"#)
    }
}

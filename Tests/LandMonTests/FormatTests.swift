import Formats
import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// The list formats: JSON, NDJSON, CSV (read back by an RFC 4180 parser), GeoJSON; choice by
/// `Accept` and `?format=`; `limit=all` streamed with chunked transfer over a real socket.
@Suite struct FormatTests {
    /// A document whose CSV needs quoting: a horizon with a comma, quotes and a line break, and a
    /// national method with a comma and quotes; soc given in % to show canonical and original.
    static func awkward() -> [String: Any] {
        let layer: [String: Any] = [
            "top_cm": 0, "bottom_cm": 30, "horizon": "Ап, \"тёмный\"\nplough",
            "measurements": [
                ["indicator": "soc", "value": 1.5, "unit": "%"],
                ["indicator": "bd_fe", "value": 1.2],
                ["indicator": "p2o5_machigin", "value": 40, "method": "national:GOST 26205-91, \"Machigin\""],
            ],
        ]
        var document = T6Doc.make("KZ", reference: "KZ-CSV-1", site: "S-CSV", date: "2021-06-01", layers: [layer])
        document["notes"] = "notes, in CSV since issue 15"
        return document
    }

    @Test func json() throws {
        let harness = try TestApp(.queries)
        _ = try T6Data.load(into: harness)
        let reply = harness.request(.get, "/v1/assessments?limit=4")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/json")
        #expect(reply.items.count == 4)
        #expect(reply.object["next"] is String)
        #expect(reply.items.allSatisfy { $0["id"] != nil && $0["layers"] != nil })
        let pretty = harness.request(.get, "/v1/assessments?limit=1&pretty")
        #expect(pretty.text.contains("\n"))
        #expect(pretty.items.count == 1)
    }

    @Test func ndjson() throws {
        let harness = try TestApp(.queries)
        _ = try T6Data.load(into: harness)
        let reply = harness.request(.get, "/v1/assessments?format=ndjson")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/x-ndjson")
        #expect(reply.body.last == 0x0a)
        let lines = reply.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 10)
        let references = try lines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["reference"] as? String ?? ""
        }
        #expect(Set(references) == Set(T6Data.documents().map { $0["reference"] as! String }))
    }

    @Test func csvReadsBackWithQuotedFields() throws {
        let harness = try TestApp(.queries)
        let id = try harness.store(FormatTests.awkward())
        _ = try harness.store(T6Doc.make("UZ", reference: "UZ-CSV-2", site: "S-2", date: "2020-01-01", soc: 12))
        let reply = harness.request(.get, "/v1/assessments?format=csv&sort=submitted_at")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let records = try T6CSV.parse(reply.body)
        let header = records[0]
        #expect(Array(header.prefix(CSVListWriter.columns.count)) == CSVListWriter.columns)
        // Then one column per block field of the catalog.
        #expect(header.count == CSVListWriter.columns.count + harness.app.catalog.blockFieldNames.count)
        // Free text is exported (issue 15), after the other fields of the assessment, so that a
        // spreadsheet re-imports to the same document.
        #expect(
            CSVListWriter.columns.suffix(4) == ["observer_organisation", "observer_lab", "observer_person", "notes"])
        // One row per measurement: 3 + 2.
        #expect(records.count == 1 + 5)
        #expect(records.allSatisfy { $0.count == header.count })
        func column(_ row: [String], _ name: String) -> String { row[header.firstIndex(of: name)!] }
        let rows = records.dropFirst().filter { column($0, "reference") == "KZ-CSV-1" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { column($0, "id") == String(id) && column($0, "country") == "KZ" })
        #expect(rows.allSatisfy { column($0, "horizon") == "Ап, \"тёмный\"\nplough" })
        #expect(rows.allSatisfy { column($0, "sampled_on") == "2021-06-01" })
        #expect(rows.allSatisfy { column($0, "notes") == "notes, in CSV since issue 15" })
        let soc = try #require(rows.first { column($0, "indicator") == "soc" })
        #expect(Double(column(soc, "value")) == 15)
        #expect(column(soc, "unit") == "g/kg")
        #expect(Double(column(soc, "original_value")) == 1.5)
        #expect(column(soc, "original_unit") == "%")
        let p = try #require(rows.first { column($0, "indicator") == "p2o5_machigin" })
        #expect(column(p, "method") == "national:GOST 26205-91, \"Machigin\"")
        #expect(Double(column(p, "value")) == 40)
        // 15 g/kg x 1.2 x 30 cm x 0.1 = 54 t/ha.
        #expect(abs((Double(column(soc, "soc_stock_0_30_t_ha")) ?? 0) - 54) < 1e-9)
        #expect(column(soc, "qa_flags").contains("coarse_fragments_assumed_zero"))
    }

    @Test func csvDepthMaxKeepsShallowLayers() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(
            T6Doc.make(
                "KZ", reference: "KZ-D", site: "S-D",
                layers: [
                    T6Doc.layer(0, 10, [("soc", 10), ("bd_fe", 1.1)]),
                    T6Doc.layer(10, 30, [("soc", 8), ("bd_fe", 1.2)]),
                    T6Doc.layer(30, 60, [("soc", 4)]),
                ]))
        let all = try T6CSV.parse(harness.request(.get, "/v1/assessments?format=csv").body)
        #expect(all.count == 1 + 5)
        let shallow = try T6CSV.parse(harness.request(.get, "/v1/assessments?format=csv&depth_max=10").body)
        #expect(shallow.count == 1 + 2)
    }

    @Test func geojson() throws {
        let harness = try TestApp(.queries)
        _ = try T6Data.load(into: harness)
        let reply = harness.request(.get, "/v1/assessments?format=geojson&country=RU")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/geo+json")
        #expect(reply.object["type"] as? String == "FeatureCollection")
        let features = try #require(reply.object["features"] as? [[String: Any]])
        #expect(features.count == 3)
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let coordinates = try #require(geometry["coordinates"] as? [Double])
            let properties = try #require(feature["properties"] as? [String: Any])
            let site = try #require(properties["site"] as? [String: Any])
            #expect(coordinates == [site["lon"] as! Double, site["lat"] as! Double])
            #expect((feature["id"] as? NSNumber)?.int64Value == (properties["id"] as? NSNumber)?.int64Value)
        }
        let east = features.first { ($0["properties"] as? [String: Any])?["reference"] as? String == "RU-E" }
        #expect(((east?["geometry"] as? [String: Any])?["coordinates"] as? [Double]) == [179.5, 67.0])
    }

    @Test(arguments: [
        ("application/json", "application/json"), ("text/csv", "text/csv; charset=utf-8; header=present"),
        ("application/x-ndjson", "application/x-ndjson"), ("application/geo+json", "application/geo+json"),
        ("text/csv;q=0.5, application/geo+json", "application/geo+json"), ("*/*", "application/json"),
        ("text/html, application/x-ndjson;q=0.1", "application/x-ndjson"),
    ])
    func acceptNegotiation(accept: String, contentType: String) throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("TJ", reference: "TJ-A", site: "S-A"))
        let reply = harness.request(.get, "/v1/assessments", headers: [("Accept", accept)])
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == contentType)
        #expect(reply.headers["Vary"]?.contains("Accept") == true)
    }

    @Test func formatParameterWinsOverAccept() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("TJ", reference: "TJ-A", site: "S-A"))
        let reply = harness.request(.get, "/v1/assessments?format=csv", headers: [("Accept", "application/json")])
        #expect(reply.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let refused = harness.request(.get, "/v1/assessments", headers: [("Accept", "text/html")])
        #expect(refused.status == 400 || refused.status == 406)
        // Different representations of one query have different tags.
        let json = harness.request(.get, "/v1/assessments")
        #expect(json.headers["ETag"] != reply.headers["ETag"])
    }

    @Test(arguments: ["ndjson", "csv", "geojson"])
    func limitAllStreamsEverythingChunked(format: String) throws {
        let harness = try TestApp(.queries)
        let stored = try Seeder(application: harness.app).seed(count: 1200)
        #expect(stored == 1200)
        let server = try harness.serve()
        defer { server.shutdown(deadline: 1) }
        let client = try LoopbackClient(port: server.port)
        let reply = try #require(
            client.request(
                "GET", "/v1/assessments?limit=all&format=\(format)",
                headers: [("Authorization", "Bearer \(harness.adminKey!)")]))
        #expect(reply.status == 200)
        #expect(reply.headers["Transfer-Encoding"]?.lowercased() == "chunked")
        #expect(reply.headers["Content-Length"] == nil)
        #expect(reply.chunks.count >= 3, "chunks: \(reply.chunks)")
        var references: [String] = []
        switch format {
        case "ndjson":
            for line in reply.text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                references.append(object?["reference"] as? String ?? "")
            }
        case "csv":
            let records = try T6CSV.parse(reply.body)
            #expect(Array(records[0].prefix(CSVListWriter.columns.count)) == CSVListWriter.columns)
            let index = records[0].firstIndex(of: "reference")!
            references = Array(Set(records.dropFirst().map { $0[index] }))
        default:
            let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            #expect(object?["type"] as? String == "FeatureCollection")
            // The whole result: a FeatureCollection like a page's, with no next page.
            #expect(object?["next"] is NSNull)
            let features = object?["features"] as? [[String: Any]] ?? []
            references = features.map { ($0["properties"] as? [String: Any])?["reference"] as? String ?? "" }
        }
        #expect(references.count == 1200)
        #expect(Set(references).count == 1200)
    }
}

extension FormatTests {
    /// `limit=all` with a page's cursor exports the rest, not everything again.
    @Test func limitAllContinuesFromACursor() throws {
        let harness = try TestApp(.queries)
        for n in 0..<12 {
            _ = try harness.store(
                T6Doc.make("KG", reference: "R-\(n)", site: "S-\(n)", date: String(format: "2010-01-%02d", n + 1)))
        }
        let page = harness.request(.get, "/v1/assessments?format=ndjson&limit=5")
        let link = try #require(page.headers["Link"])
        let cursor = try #require(link.split(separator: "cursor=").last?.prefix { $0 != ">" && $0 != "&" })
        let server = try harness.serve()
        defer { server.shutdown(deadline: 1) }
        let client = try LoopbackClient(port: server.port)
        let reply = try #require(
            client.request(
                "GET", "/v1/assessments?format=ndjson&limit=all&cursor=\(cursor)",
                headers: [("Authorization", "Bearer \(harness.adminKey!)")]))
        #expect(reply.status == 200)
        let first = Set(page.text.split(separator: "\n").map(String.init))
        let rest = reply.text.split(separator: "\n").map(String.init)
        #expect(rest.count == 7)
        #expect(first.isDisjoint(with: rest))
    }
}

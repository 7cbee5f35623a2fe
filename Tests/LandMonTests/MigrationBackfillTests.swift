import Foundation
import Testing

@testable import LandMon

/// Migration 0002 fills `lpd_class` and `soc_method` of assessments stored before it from their
/// documents: its SQL must give what the write path stores (`Assessment.socMethod`).
@Suite(.disabled(if: TestApp.isPostgreSQL, "runs the SQLite migration's SQL"))
struct MigrationBackfillTests {
    static func measurement(_ indicator: String, _ value: Double, _ method: String? = nil) -> [String: Any] {
        var object: [String: Any] = ["indicator": indicator, "value": value]
        if let method { object["method"] = method }
        return object
    }

    @Test func backfillEqualsTheWritePath() throws {
        let t = try TestApp(.queries)
        let bd = Self.measurement("bd_fe", 1.2)
        let cases: [(String, [[String: Any]], Int?)] = [
            // The method on the first soc measurement.
            (
                "first",
                [["top_cm": 0, "bottom_cm": 30, "measurements": [Self.measurement("soc", 12, "OrgC_dc-ht"), bd]]], 3
            ),
            // No method on the top layer's soc: the next one down counts.
            (
                "second",
                [
                    ["top_cm": 0, "bottom_cm": 10, "measurements": [Self.measurement("soc", 12), bd]],
                    [
                        "top_cm": 10, "bottom_cm": 30,
                        "measurements": [Self.measurement("soc", 9, "OrgC_wc-cro3-tiurin"), bd],
                    ],
                ], nil
            ),
            // Only organic matter: its method, marked som:.
            (
                "som",
                [
                    [
                        "top_cm": 0, "bottom_cm": 30,
                        "measurements": [Self.measurement("som", 30, "OrgM_calcul-oc1.73"), bd],
                    ]
                ],
                5
            ),
            // No method anywhere.
            ("none", [["top_cm": 0, "bottom_cm": 30, "measurements": [Self.measurement("soc", 12), bd]]], 1),
        ]
        for (name, layers, lpd) in cases {
            var document = T6Doc.make("KZ", reference: "BF-\(name)", site: "BF-\(name)", layers: layers)
            document["lpd_class"] = lpd
            _ = try t.store(document)
        }
        for fixture in ["uz-sierozem-tashkent", "ru-tundra-chukotka", "tm-takyr-ahal"] {
            _ = try t.store(T6Doc.fixture(fixture))
        }
        func visits() throws -> [String] {
            try t.app.store.siteVisits(
                country: nil, regions: ["KZ-11", "UZ-TO", "RU-CHU", "TM-A"], from: "1900-01-01", to: "2100-12-31"
            )
            .map { "\($0.siteID) lpd=\($0.lpdClass.map(String.init) ?? "-") method=\($0.socMethod ?? "-")" }.sorted()
        }
        let written = try visits()
        #expect(written.contains("BF-second lpd=- method=OrgC_wc-cro3-tiurin"))
        #expect(written.contains("BF-som lpd=5 method=som:OrgM_calcul-oc1.73"))
        #expect(written.contains("BF-none lpd=1 method=-"))
        #expect(written.count == 7)

        let migration = try String(
            contentsOf: TestApp.root.appendingPathComponent("Migrations/0002_ldn_columns.sql"), encoding: .utf8)
        let start = try #require(migration.range(of: "UPDATE assessments SET"))
        let end = try #require(migration.range(of: ";", range: start.upperBound..<migration.endIndex))
        try t.execute("UPDATE assessments SET lpd_class = NULL, soc_method = NULL")
        #expect(try visits() != written)
        try t.execute(String(migration[start.lowerBound..<end.lowerBound]))
        #expect(try visits() == written)
    }
}

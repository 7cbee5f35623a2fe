import Foundation

/// A small data set whose every attribute a filter test asks about is known: ten assessments
/// over the six countries, a legacy Kazakh region code, two Chukotka sites on either side of
/// the antimeridian, a layer starting at 20 cm, a ph measurement and an out-of-range value.
enum T6Data {
    /// The documents, in submission order.
    static func documents() -> [[String: Any]] {
        [
            T6Doc.make(
                "KZ", reference: "KZ-1", region: "KZ-AKM", site: "S-KZ-1", lat: 51.0, lon: 71.0, date: "2010-05-01",
                landCover: "grassland", soc: 10),
            T6Doc.make(
                "KZ", reference: "KZ-2", region: "KZ-43", site: "S-KZ-2", lat: 45.6, lon: 61.2, date: "2015-06-01",
                landCover: "cropland", layers: [T6Doc.layer(20, 40, [("soc", 8), ("bd_fe", 1.2)])]),
            T6Doc.make(
                "KZ", reference: "KZ-3", region: "KZ-11", site: "S-KZ-1", lat: 51.0, lon: 71.0, date: "2016-05-01",
                landCover: "grassland", soc: 12),
            T6Doc.make("KG", reference: "KG-1", site: "S-KG-1", date: "2018-07-01", landCover: "grassland", soc: 20),
            T6Doc.make(
                "RU", reference: "RU-E", region: "RU-CHU", site: "S-RU-E", lat: 67.0, lon: 179.5, date: "2020-08-01",
                landCover: "wetland", soc: 100),
            T6Doc.make(
                "RU", reference: "RU-W", region: "RU-CHU", site: "S-RU-W", lat: 67.0, lon: -179.5, date: "2021-08-01",
                landCover: "wetland", soc: 120),
            T6Doc.make(
                "RU", reference: "RU-K", region: "RU-KRS", site: "S-RU-K", lat: 51.6, lon: 36.1, date: "2019-01-01",
                landCover: "cropland", soc: 30),
            T6Doc.make("UZ", reference: "UZ-1", site: "S-UZ-1", date: "2012-01-01", landCover: "cropland", soc: 200),
            T6Doc.make("TJ", reference: "TJ-1", site: "S-TJ-1", date: "2022-03-01", landCover: "cropland", soc: 9),
            T6Doc.make(
                "TM", reference: "TM-1", site: "S-TM-1", date: "2023-04-01", landCover: "other_land",
                layers: [T6Doc.layer(0, 30, [("soc", 5), ("bd_fe", 1.0), ("ph_h2o", 8)])]),
        ]
    }

    /// Stores the data set; returns the id of each reference.
    static func load(into harness: TestApp) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for document in documents() {
            ids[document["reference"] as! String] = try harness.store(document)
        }
        return ids
    }
}

extension TestReply {
    /// The `reference` of each listed item, in order.
    var references: [String] { items.compactMap { $0["reference"] as? String } }
}

import Foundation

/// Assessment documents for tests, derived from the fixtures in `Config/fixtures`: one template
/// per country, with the fields a test controls replaced.
enum T6Doc {
    /// The fixture used as each country's template.
    static let templates: [String: String] = [
        "KZ": "kz-chestnut-akmola", "KG": "kg-mountain-meadow-naryn", "RU": "ru-tundra-chukotka",
        "TJ": "tj-sierozem-khatlon", "TM": "tm-takyr-ahal", "UZ": "uz-sierozem-tashkent",
    ]

    /// One fixture file as a mutable dictionary.
    static func fixture(_ name: String) -> [String: Any] {
        let url = TestApp.root.appendingPathComponent("Config/fixtures/\(name).json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A layer: depths and (indicator, value) measurements in canonical units.
    static func layer(_ top: Double, _ bottom: Double, _ measurements: [(String, Double)], horizon: String? = nil)
        -> [String: Any]
    {
        var layer: [String: Any] = [
            "top_cm": top, "bottom_cm": bottom,
            "measurements": measurements.map { ["indicator": $0.0, "value": $0.1] as [String: Any] },
        ]
        if let horizon { layer["horizon"] = horizon }
        return layer
    }

    /// A document of `country`'s template; nil arguments keep the template's value. The default
    /// layers are one 0-30 cm layer with `soc` (g/kg) and bulk density 1.0, so the stock is 3 x soc.
    static func make(
        _ country: String, reference: String, region: String? = nil, site: String? = nil, lat: Double? = nil,
        lon: Double? = nil, date: String = "2020-06-01", landCover: String? = nil, soc: Double = 10,
        layers: [[String: Any]]? = nil
    ) -> [String: Any] {
        var document = fixture(templates[country]!)
        document["reference"] = reference
        if let region { document["region"] = region }
        var siteObject = document["site"] as! [String: Any]
        if let site { siteObject["id"] = site }
        if let lat { siteObject["lat"] = lat }
        if let lon { siteObject["lon"] = lon }
        document["site"] = siteObject
        document["sampled_on"] = date
        if let landCover { document["land_cover"] = landCover }
        document["layers"] = layers ?? [layer(0, 30, [("soc", soc), ("bd_fe", 1.0)])]
        return document
    }

    static func encode(_ document: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
    }
}

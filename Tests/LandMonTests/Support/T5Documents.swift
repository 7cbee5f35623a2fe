import Foundation

/// Valid submissions made from the committed fixtures, with their identifying fields replaced.
enum T5Documents {
    /// The text of `Config/fixtures/NAME.json`.
    static func fixture(_ name: String) -> String {
        let url = TestApp.root.appendingPathComponent("Config/fixtures/\(name).json")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { fatalError("no fixture \(name)") }
        return text
    }

    /// A valid Kazakh document (Akmola; soc in % converted to g/kg) with this reference and notes.
    static func kz(_ reference: String, notes: String = "Dark chestnut soil, spring survey, north transect") -> String {
        fixture("kz-chestnut-akmola")
            .replacingOccurrences(of: "KZ-NCMS-2024-000123", with: reference)
            .replacingOccurrences(of: "Dark chestnut soil, spring survey, north transect", with: notes)
    }

    /// A valid Uzbek document with this reference.
    static func uz(_ reference: String) -> String {
        fixture("uz-sierozem-tashkent").replacingOccurrences(of: "UZ-GOSKOMZEM-2023-004117", with: reference)
    }

    /// The same document on one line (for NDJSON).
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// A Kazakh document breaking several rules at once: unknown field, bad region, latitude out
    /// of the country, a future date, overlapping layers, a string value and an out-of-range pH.
    static let brokenKZ = """
        {"reference": "KZ-BROKEN-1", "country": "KZ", "region": "KZ-99", "colour": "red",
         "site": {"id": "S-1", "lat": 10.0, "lon": 71.45},
         "sampled_on": "2999-01-01", "land_cover": "grassland",
         "layers": [
           {"top_cm": 0, "bottom_cm": 20, "measurements": [{"indicator": "soc", "value": 10}]},
           {"top_cm": 10, "bottom_cm": 30, "measurements": [{"indicator": "soc", "value": 5}]},
           {"top_cm": 30, "bottom_cm": 50, "measurements": [
             {"indicator": "soc", "value": "12"}, {"indicator": "ph_h2o", "value": 19}]}
         ]}
        """
}

import Assessments
import Foundation

@testable import LandMon

/// The spreadsheet fixtures of `Tests/LandMonTests/Fixtures/import` (made by
/// `scripts/import-fixtures.py` from `twins.json`) and small sheets built in code.
enum ImportFixtures {
    static let directory = TestApp.root.appendingPathComponent("Tests/LandMonTests/Fixtures/import")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// A Kazakh assessment per reference in the wide layout, two layers each, English headers.
    static func wideCSV(references: [String], separator: String = ",") -> String {
        var lines = [
            [
                "reference", "country", "region", "site_id", "lat", "lon", "sampled_on", "land_cover", "top_cm",
                "bottom_cm", "\"SOC, %\"", "bd_fe",
            ].joined(separator: separator)
        ]
        for reference in references {
            lines.append(
                [
                    reference, "KZ", "KZ-11", "AKM-1", "51.17", "71.45", "14.06.2024", "grassland", "0", "10",
                    "1.84", "1.21",
                ].joined(separator: separator))
            lines.append(
                [
                    reference, "KZ", "KZ-11", "AKM-1", "51.17", "71.45", "14.06.2024", "grassland", "10", "30",
                    "1.21", "1.32",
                ].joined(separator: separator))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Assessments as the validator makes them, measurements of each layer sorted by indicator
    /// (a sheet's column order need not be the document's).
    static func assessments(_ documents: [Any], validator: Validator) throws -> [Assessment] {
        try documents.map { document in
            let data = try JSONSerialization.data(withJSONObject: document)
            guard case .valid(var assessment) = validator.validate([UInt8](data)) else {
                throw CocoaError(.coderInvalidValue)
            }
            for index in assessment.layers.indices {
                assessment.layers[index].measurements.sort { $0.indicator < $1.indicator }
            }
            return assessment
        }
    }

    static func twins(validator: Validator) throws -> [Assessment] {
        let json = try JSONSerialization.jsonObject(with: Data(try bytes("twins.json")))
        return try assessments(json as? [Any] ?? [], validator: validator)
    }
}

import Foundation
import Messages
import Testing

@testable import Assessments

private let soc = "/layers/0/measurements/0"

/// A third layer (30-60 cm) holding `measurements` (JSON text).
private func layerWith(_ measurements: String, top: Double = 30, bottom: Double = 60) -> JSONValue {
    let depths = #"{"top_cm":"# + formatNumber(top) + #","bottom_cm":"# + formatNumber(bottom)
    return with("/layers/-", json(depths + #","measurements":"# + measurements + "}"))
}

/// Documents that between them make the validator write every message key it has.
private var everyKindOfProblem: [JSONValue] {
    let uzbek = setting("/site", to: json(#"{"id":"S","lat":41.3,"lon":69.2}"#), in: with("/country", string("UZ")))
    return [
        json("[1]"),
        with("/reference", nil),
        with("/contry", string("KZ")),
        with("/revision", number(1)),
        with("/site", string("x")),
        with("/layers/0/measurements/0", number(5)),
        with("/layers", json("{}")),
        with("/notes", number(5)),
        with("/management", json(#"{"cover_crop":"yes"}"#)),
        with("/dust", json(#"{"g_m2_month":12,"period_from":"2024-05-01","period_to":"2024-04-01"}"#)),
        with("/site/lat", JSONValue(.null)),
        with("/site/lat", string("51.1")),
        with(soc + "/value", json("1e999")),
        with("/lpd_class", json("2.5")),
        with("/lpd_class", number(6)),
        with("/site/lat", number(91)),
        with("/notes", string(String(repeating: "ж", count: 2001))),
        with("/site/accuracy_m", number(0)),
        with("/land_cover", string("forest")),
        with("/reference", string("has space")),
        with("/region", string("UZ-QR")),
        setting("/region", to: string("KZ-AKM"), in: uzbek),
        with("/region", string("KZ-99")),
        with("/sampled_on", string("2024-02-30")),
        with("/sampled_on", string("1899-12-31")),
        with("/sampled_on", string("2025-03-12")),
        setting("/site/lon", to: number(0), in: with("/site/lat", number(0))),
        with("/site/lat", number(30)),
        with("/layers", json("[]")),
        with("/layers/0/measurements", json("[]")),
        with("/layers/1/top_cm", number(5)),
        with("/layers/1/bottom_cm", number(10)),
        layerWith(
            #"[{"indicator":"sand","value":40},{"indicator":"silt","value":30},{"indicator":"clay","value":19}]"#),
        setting(
            "/layers/2/top_cm", to: nil,
            in: layerWith(
                #"[{"indicator":"sand","value":40},{"indicator":"silt","value":30},{"indicator":"clay","value":19}]"#)),
        with("/layers/0/measurements/-", json(#"{"indicator":"soc","value":3}"#)),
        with(soc + "/indicator", string("carbon")),
        with(soc + "/unit", string("ppm")),
        with(soc + "/method", string("OrgC_magic")),
        layerWith(#"[{"indicator":"tss","value":1,"method":"conductivity"}]"#),
        layerWith(#"[{"indicator":"clay","value":1,"method":"eyeball"}]"#),
        with(soc + "/uncertainty", number(-0.1)),
        with(soc + "/value", number(-1)),
        with(soc + "/value", number(812)),
        setting(soc + "/unit", to: string("%"), in: with(soc + "/value", number(-1))),
        setting(soc + "/unit", to: string("%"), in: with(soc + "/value", number(81.2))),
    ]
}

/// The `"validation.*"` keys written in Sources/Assessments, with the argument names of the
/// dictionary literal that follows each one where there is one.
private func keysInSources() throws -> [(key: String, arguments: Set<String>?)] {
    let directory = repositoryRoot.appendingPathComponent("Sources/Assessments")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
    let keyPattern = try NSRegularExpression(pattern: #""(validation\.[a-z0-9_]+)"(\s*,\s*\[([^\]]*)\])?"#)
    let argumentPattern = try NSRegularExpression(pattern: #""([a-z0-9_]+)"\s*:"#)
    var found: [(key: String, arguments: Set<String>?)] = []
    for name in names.sorted() {
        let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let text = source as NSString
        for match in keyPattern.matches(in: source, range: NSRange(location: 0, length: text.length)) {
            let key = text.substring(with: match.range(at: 1))
            var arguments: Set<String>?
            if match.range(at: 3).location != NSNotFound {
                let literal = text.substring(with: match.range(at: 3))
                let range = NSRange(location: 0, length: (literal as NSString).length)
                arguments = Set(
                    argumentPattern.matches(in: literal, range: range).map {
                        (literal as NSString).substring(with: $0.range(at: 1))
                    })
            }
            found.append((key, arguments))
        }
    }
    return found
}

@Test func everyKeyTheValidatorWritesIsInTheCatalog() throws {
    let found = try keysInSources()
    #expect(Set(found.map(\.key)).count >= 40, "the scan of Sources/Assessments found too few keys")
    for (key, arguments) in found {
        #expect(testMessages.contains(key), "\(key) is missing from Config/messages")
        if let arguments {
            #expect(arguments == testMessages.placeholders(of: key), "\(key): arguments \(arguments.sorted())")
        }
    }
}

@Test func everyKeyIsWrittenWithItsPlaceholdersFilled() throws {
    var written: Set<String> = []
    // A correction sent as the stored representation, with a read-only member changed.
    let stored = try JSONParser().parse(Array(#"{"id":1,"revision":1,"reference":"R"}"#.utf8))
    let sentBack = try JSONParser().parse(Array(#"{"id":2,"revision":1,"reference":"R"}"#.utf8))
    let readOnly = StoredFields.submission(from: sentBack, stored: stored, catalog: testCatalog).1
    #expect(readOnly.map(\.path) == ["/id"])
    for found in everyKindOfProblem.map({ problems($0) }) + [readOnly] {
        #expect(!found.isEmpty)
        for problem in found {
            let message = problem.message
            written.insert(message.key)
            #expect(testMessages.contains(message.key), "\(problem)")
            #expect(Set(message.arguments.keys) == testMessages.placeholders(of: message.key), "\(problem)")
            for (name, value) in message.arguments where name == "unit" || name.hasSuffix("_unit") {
                #expect(testMessages.contains("unit." + value), "\(problem): unit \(value) has no text")
            }
            for language in Language.allCases {
                #expect(!text(problem, in: language).contains("{"), "\(problem) in \(language)")
            }
        }
    }
    let inSources = Set(try keysInSources().map(\.key))
    #expect(
        inSources.subtracting(written).isEmpty, "never written by these documents: \(inSources.subtracting(written))")
}

@Test func everyUnitOfTheCatalogHasATextInEveryLanguage() {
    var units: Set<String> = ["cm", "t/ha"]
    for indicator in testCatalog.indicators.values {
        units.insert(indicator.unit)
        units.formUnion(indicator.otherUnits.keys)
    }
    for unit in units.sorted() {
        #expect(testMessages.contains("unit." + unit), "unit.\(unit)")
        #expect(testMessages.text("unit." + unit, in: .en) == unit)
    }
    #expect(testMessages.text("unit.g/kg", in: .ru) == "г/кг")
    #expect(testMessages.text("unit.pH", in: .ru) == "pH")
    #expect(testMessages.text("unit.%", in: .ru) == "%")
    #expect(testMessages.text("unit.permille", in: .ru) == "‰")
}

@Test func sameProblemsReadInBothLanguages() {
    let document = json(
        """
        {"reference": "bad ref", "country": "KZ", "region": "KZ-99", "contry": "KZ",
         "site": {"id": "S-1", "lat": 30, "lon": 71.45},
         "sampled_on": "2025-03-12", "land_cover": "forest",
         "layers": [
           {"top_cm": 0, "bottom_cm": 10, "measurements": [
             {"indicator": "soc", "value": 812}, {"indicator": "bd_fe", "value": 1.3, "unit": "lb/ft3"}]},
           {"top_cm": 5, "bottom_cm": 30, "measurements": [
             {"indicator": "soc", "value": 81.2, "unit": "%"}, {"indicator": "ph_h2o", "value": 7},
             {"indicator": "ph_h2o", "value": 7.5}]}
         ]}
        """)
    let found = problems(document)
    // Messages are data: the paths and codes do not depend on the language, only the texts do.
    let english = found.map { "\($0.path) \($0.code.rawValue) \(text($0, in: .en))" }
    let russian = found.map { "\($0.path) \($0.code.rawValue) \(text($0, in: .ru))" }
    #expect(found.count == 11)
    for (en, ru) in zip(english, russian) {
        #expect(en != ru)
        #expect(ru.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(ru)")
    }
    func russianText(_ path: String) -> String? {
        found.first { $0.path == path }.map { text($0, in: .ru) }
    }
    #expect(russianText(soc + "/value") == "soc 812 г/кг превышает допустимый максимум 600 г/кг")
    #expect(
        russianText("/layers/1/measurements/0/value") == "soc 81,2 % (812 г/кг) превышает допустимый максимум 600 г/кг")
    #expect(
        found.first { $0.path == "/layers/1/measurements/0/value" }.map { text($0) }
            == "soc 81.2 % (812 g/kg) is above the maximum of 600 g/kg")
    #expect(russianText("/contry") == "неизвестное поле «contry» не входит в схему")
    #expect(russianText("/sampled_on") == "дата sampled_on 2025-03-12 ещё не наступила")
    #expect(russianText("/layers/1") == "слой 5–30 см перекрывается со слоем /layers/0 (0–10 см)")
    #expect(russianText("/layers/1/measurements/2/indicator") == "показатель ph_h2o указан в этом слое дважды")
    #expect(russianText("/site") == "координаты участка 30; 71,45 (широта; долгота) лежат за пределами KZ")
    #expect(
        russianText("/layers/0/measurements/1/unit")?.hasPrefix("единица «lb/ft3» для bd_fe не принимается") == true)
    #expect(russianText("/reference")?.contains("«bad ref»") == true)
    #expect(russianText("/land_cover")?.contains("«forest»") == true)
    #expect(russianText("/region")?.contains("«KZ-99»") == true)
}

@Test func russianTextsOfOtherRules() {
    func russian(_ document: JSONValue) -> String { problems(document).first.map { text($0, in: .ru) } ?? "" }
    #expect(russian(with("/land_cover", nil)) == "обязательное поле land_cover не заполнено")
    #expect(
        russian(
            layerWith(
                #"[{"indicator":"sand","value":40},{"indicator":"silt","value":30},{"indicator":"clay","value":19.5}]"#)
        )
            == "сумма sand + silt + clay в слое 30–60 см равна 89,5 г/100 г — вне допустимых пределов 90–101")
    #expect(russian(with("/site/lat", number(91))) == "site.lat 91 вне допустимого диапазона от -90 до 90")
    #expect(russian(with("/layers/1/bottom_cm", number(10))).contains("bottom_cm 10"))
}

// MARK: - One problem must not hide another

@Test func aDuplicateDoesNotHideTheTextureSum() {
    let document = layerWith(
        #"[{"indicator":"clay","value":60},{"indicator":"silt","value":38},{"indicator":"sand","value":48},"#
            + #"{"indicator":"ph_h2o","value":7},{"indicator":"ph_h2o","value":7.2}]"#)
    let found = problems(document)
    #expect(
        found.map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/2/measurements/4/indicator duplicate", "/layers/2 inconsistent",
        ])
    #expect(found.last.map { text($0) } == "sand + silt + clay of layer 30-60 cm is 146 g/100g, outside 90 to 101")
}

@Test func theFirstOccurrenceOfARepeatedIndicatorCounts() {
    // The repeat would make the sum right (40 + 40 + 20); the first occurrence (clay 60) does not.
    let document = layerWith(
        #"[{"indicator":"clay","value":60},{"indicator":"silt","value":40},{"indicator":"sand","value":40},"#
            + #"{"indicator":"clay","value":20}]"#)
    #expect(
        problems(document).map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/2/measurements/3/indicator duplicate", "/layers/2 inconsistent",
        ])
}

@Test func anInvalidMeasurementDoesNotHideTheTextureSum() {
    let document = layerWith(
        #"[{"indicator":"clay","value":60},{"indicator":"silt","value":38,"method":"pipette"},"#
            + #"{"indicator":"sand","value":48,"note":"x"},{"indicator":"soc","value":"10"}]"#)
    #expect(
        problems(document).map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/2/measurements/1/method method_not_accepted",
            "/layers/2/measurements/2/note unknown_field",
            "/layers/2/measurements/3/value type",
            "/layers/2 inconsistent",
        ])
}

@Test func badDepthsDoNotHideTheLayersOtherProblems() {
    let document = layerWith(
        #"[{"indicator":"clay","value":60},{"indicator":"silt","value":38},{"indicator":"sand","value":48},"#
            + #"{"indicator":"soc","value":900}]"#, top: 60, bottom: 30)
    let found = problems(document)
    #expect(
        found.map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/2/bottom_cm inconsistent", "/layers/2/measurements/3/value out_of_range", "/layers/2 inconsistent",
        ])
    #expect(found.last.map { text($0) } == "sand + silt + clay of layer 60-30 cm is 146 g/100g, outside 90 to 101")
    let noTop = setting(
        "/layers/2/top_cm", to: nil,
        in: layerWith(
            #"[{"indicator":"clay","value":60},{"indicator":"silt","value":38},{"indicator":"sand","value":48}]"#))
    let withoutDepth = problems(noTop)
    #expect(
        withoutDepth.map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/2/top_cm required", "/layers/2 inconsistent",
        ])
    #expect(withoutDepth.last.map { text($0) } == "sand + silt + clay of this layer is 146 g/100g, outside 90 to 101")
}

@Test func aRepeatIsADuplicateEvenWhenTheFirstIsInvalid() {
    let document = with("/layers/0/measurements/0/value", string("10"))
    let repeated = setting("/layers/0/measurements/-", to: json(#"{"indicator":"soc","value":10}"#), in: document)
    #expect(
        problems(repeated).map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers/0/measurements/0/value type", "/layers/0/measurements/2/indicator duplicate",
        ])
}

@Test func aBadMethodDoesNotHideTheBounds() {
    let document = setting(soc + "/method", to: string("litmus"), in: with(soc + "/value", number(900)))
    #expect(
        problems(document).map { "\($0.path) \($0.code.rawValue)" } == [
            soc + "/method method_not_accepted", soc + "/value out_of_range",
        ])
}

@Test func anUnknownIndicatorDoesNotHideANegativeUncertainty() {
    let document = setting(soc + "/uncertainty", to: number(-1), in: with(soc + "/indicator", string("carbon")))
    #expect(
        problems(document).map { "\($0.path) \($0.code.rawValue)" } == [
            soc + "/indicator not_in_catalog", soc + "/uncertainty out_of_range",
        ])
}

@Test func aMissingSiteIdDoesNotHideThePosition() {
    let document = setting("/site/lat", to: number(30), in: with("/site/id", nil))
    #expect(
        problems(document).map { "\($0.path) \($0.code.rawValue)" } == ["/site/id required", "/site outside_country"])
    let nullIsland = setting("/site/lon", to: number(0), in: with("/site/lat", number(0)))
    #expect(
        problems(setting("/site/id", to: number(1), in: nullIsland)).map { "\($0.path) \($0.code.rawValue)" } == [
            "/site/id type", "/site out_of_range",
        ])
}

@Test func tooManyLayersStillHaveTheirOwnProblemsReported() {
    let layer = json(#"{"top_cm":0,"bottom_cm":1,"measurements":[{"indicator":"ph_h2o","value":7}]}"#)
    var layers = (0..<21).map { index in
        setting(
            "/bottom_cm", to: number(Double(index + 1)), in: setting("/top_cm", to: number(Double(index)), in: layer))
    }
    layers[3] = setting("/measurements/0/value", to: number(15), in: layers[3])
    #expect(
        problems(with("/layers", JSONValue(.array(layers)))).map { "\($0.path) \($0.code.rawValue)" } == [
            "/layers out_of_range", "/layers/3/measurements/0/value out_of_range",
        ])
}

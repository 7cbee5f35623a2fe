import Assessments

extension Seeder {
    /// Template indices by region (the fixtures taken in that region, legacy codes mapped) and by
    /// country (all of the country's fixtures), so that a site takes the soil of its place when a
    /// fixture knows it.
    static func typicalTemplates(_ templates: [(country: String, value: JSONValue)], catalog: Catalog)
        -> [String: [Int]]
    {
        var result: [String: [Int]] = [:]
        for (index, template) in templates.enumerated() {
            result[template.country, default: []].append(index)
            if let code = template.value["region"]?.stringValue {
                result[catalog.legacyCodes[code] ?? code, default: []].append(index)
            }
        }
        return result
    }

    /// Of the `candidates` templates, the one whose site is nearest in latitude to `lat`.
    static func zonal(_ candidates: [Int], _ templates: [(country: String, value: JSONValue)], lat: Double) -> Int {
        func latitude(_ index: Int) -> Double { templates[index].value["site"]?["lat"]?.numberValue?.value ?? 0 }
        return candidates.min { abs(latitude($0) - lat) < abs(latitude($1) - lat) } ?? 0
    }

    /// A point inside the region's outline (and within its country's), drawn from the region's
    /// bounding box; a region without an outline (a city inside its province) takes a point
    /// inside its country near the centre of the country's first region with one.
    static func place(in region: String, country: String, catalog: Catalog, random: inout Random) -> (
        lat: Double, lon: Double
    ) {
        let geography = catalog.geography
        guard let outline = geography.regions[region] ?? geography.countries[country] else { return (0, 0) }
        let box = outline.bounds
        let countryOutline = geography.countries[country]
        var fallback: (Double, Double)?
        for _ in 0..<1000 {
            let lat = box.minLat + random.unit() * (box.maxLat - box.minLat)
            var lon = box.minLon + random.unit() * (box.maxLon - box.minLon)
            if lon > 180 { lon -= 360 }
            guard outline.contains(lat: lat, lon: lon) else { continue }
            if fallback == nil { fallback = (lat, lon) }
            // Rounded as the seed document writes it, and inside the country with a margin.
            let (roundedLat, roundedLon) = ((lat * 10_000).rounded() / 10_000, (lon * 10_000).rounded() / 10_000)
            if countryOutline?.contains(lat: roundedLat, lon: roundedLon) ?? true,
                outline.contains(lat: roundedLat, lon: roundedLon)
            {
                return (roundedLat, roundedLon)
            }
        }
        return fallback ?? (box.minLat, box.minLon)
    }

    /// Field notes in Russian and Kazakh, as agencies write them.
    static let notes = [
        "Весенний маршрут, северный трансект; разрез заложен на водоразделе",
        "Көктемгі зерттеу, солтүстік трансект; топырақ кескіні су айрығында",
        "Осенний отбор после уборки; поверхность задернована слабо",
        "Күзгі сынама орақтан кейін алынды; жайылым шамадан тыс пайдаланылған",
        "Пастбище сбито, признаки дефляции на межбарханных понижениях",
        "Тұзданған учаске, бетінде ақ тұз қабыршағы бар",
        "Повторное обследование участка мониторинга, репер сохранён",
        "Мониторинг алаңы қайта зерттелді, белгі сақталған",
    ]

    /// Organisations and people by country; Kazakh and Russian names.
    static let observers: [String: (organisation: String, people: [String])] = [
        "KZ": (
            "Казахский НИИ почвоведения и агрохимии им. У. У. Успанова",
            ["Нұрланова А. С.", "Жұмабеков Е. Т.", "Сейітқали Г. М.", "Ким В. П."]
        ),
        "KG": ("Кыргызгипрозем", ["Абдыкадыров Н. Т.", "Осмонова Ж. К."]),
        "RU": ("Почвенный институт им. В. В. Докучаева", ["Иванова Е. А.", "Смирнов П. В.", "Рябова О. Н."]),
        "TJ": ("Институт почвоведения ТАСХН", ["Рахимов Ф. Д.", "Назарова М. С."]),
        "TM": ("Институт пустынь, флоры и фауны", ["Атаев Б. М.", "Гурбанова А. Д."]),
        "UZ": ("Научно-исследовательский институт почвоведения и агрохимии", ["Хакимов Р. А.", "Юлдашева Н. Т."]),
    ]

    /// The observer object of a seeded site in `country`.
    static func observer(country: String, index: Int) -> JSONValue.Storage {
        guard let entry = observers[country] else { return .object([]) }
        return .object([
            JSONMember(key: "organisation", value: JSONValue(.string(entry.organisation))),
            JSONMember(key: "person", value: JSONValue(.string(entry.people[index % entry.people.count]))),
        ])
    }
}

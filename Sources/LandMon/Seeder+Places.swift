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
    /// bounding box (the country's outline when the region has none).
    static func place(in region: String, country: String, catalog: Catalog, random: inout Random) -> (
        lat: Double, lon: Double
    ) {
        let geography = catalog.geography
        guard let outline = geography.regions[region] ?? geography.countries[country] else {
            // No outlines in this catalog: somewhere in the middle of the country's box.
            guard let box = catalog.countryBoxes[country], box.minLon < box.maxLon else { return (55.75, 37.62) }
            let lat = box.minLat + (0.3 + 0.4 * random.unit()) * (box.maxLat - box.minLat)
            let lon = box.minLon + (0.3 + 0.4 * random.unit()) * (box.maxLon - box.minLon)
            return ((lat * 10_000).rounded() / 10_000, (lon * 10_000).rounded() / 10_000)
        }
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

    /// Field notes by the fixture's own region, in Russian (and in Kazakh for Kazakhstan's), as
    /// the agencies write them: the soil, the land use, what the surveyor saw.
    static let notesByFixture: [String: [String]] = [
        "KG-N": [
            "Горно-луговая субальпийская почва под типчаково-кобрезиевым пастбищем, летнее жайлоо",
            "Пастбище перегружено: тропинчатость склона, щебнистость с 20 см",
        ],
        "KZ-11": [
            "Тёмно-каштановая почва, залежь на месте целинной распашки, северный трансект",
            "Қара-қоңыр топырақ, тыңайған жер, солтүстік трансект",
        ],
        "KZ-KZY": [
            "Приаральские Каракумы: очаг солепылевого выноса, соровый солончак",
            "Арал маңындағы Қарақұм: тұзды шаң көзі, сор",
        ],
        "KZ-PAV": [
            "Каштановая почва, яровая пшеница; гумус по Тюрину, гранулометрия по Качинскому",
            "Қоңыр топырақ, жаздық бидай; қарашірік Тюрин әдісімен анықталды",
        ],
        "RU-KRS": [
            "Чернозём типичный мощный, некосимая степь Центрально-Чернозёмного заповедника",
            "Чернозём типичный, пашня; слабый смыв на склоне балки",
        ],
        "RU-CHU": [
            "Тундровая торфянисто-глеевая почва, многолетняя мерзлота с 40 см",
            "Бугорковая тундра, оленье пастбище; мерзлота с 35 см, надмерзлотная верховодка",
        ],
        "TJ-KT": [
            "Светлый серозём Вахшской долины, орошаемый хлопчатник",
            "Серозём, вторичное засоление в бессточном понижении, выцветы солей на гребнях борозд",
        ],
        "TM-A": [
            "Такыр на окраине Каракумов, выпас овец",
            "Такыровидная почва, пастбищная дигрессия, рядом развеваемые пески",
        ],
        "UZ-QR": [
            "Солончаковая корка осушенного дна Арала к востоку от Муйнака",
            "Посадки саксаула на осушенном дне Арала, пухлый солончак между кулисами",
        ],
        "UZ-TO": [
            "Типичный серозём на лёссе, хлопково-пшеничный севооборот",
            "Орошаемый серозём, полив по бороздам, признаки ирригационной эрозии",
        ],
    ]

    /// The note of one visit: the fixture's notes in turn (its own note when it has none listed).
    static func note(_ template: JSONValue, site: Int, visit: Int) -> String {
        let own = template["notes"]?.stringValue ?? ""
        guard let region = template["region"]?.stringValue, let notes = notesByFixture[region] else { return own }
        return notes[(site + visit) % notes.count]
    }

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

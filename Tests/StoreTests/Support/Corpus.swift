import Assessments
import Store

/// The assessments the read checks list, page and count: fourteen documents of six countries,
/// stored one call each a second apart (so submission order is creation order), with three on
/// the same date and two Chukotka sites on either side of the antimeridian.
struct Corpus {
    struct Item {
        let id: Int64
        let assessment: Assessment
    }

    let items: [Item]

    typealias Changes = ConformanceData.Changes

    static let documents: [(String, Changes)] = [
        ("kz-chestnut-akmola", Changes()),
        (
            "kz-chestnut-akmola",
            Changes(reference: "KZ-CONF-2", sampledOn: "2022-06-14", siteID: "AKM-0043", lat: 51.3, lon: 71.6)
        ),
        ("kz-chestnut-akmola", Changes(reference: "KZ-CONF-3", siteID: "AKM-0044", lat: 51.05, lon: 71.2)),
        ("kz-legacy-aral-kyzylorda", Changes()),
        ("kz-legacy-pavlodar-units", Changes()),
        ("uz-sierozem-tashkent", Changes()),
        ("uz-sierozem-tashkent", Changes(reference: "UZ-CONF-2", sampledOn: "2024-06-14", siteID: "TO-CHIR-0013")),
        ("uz-aral-salt-crust-karakalpakstan", Changes()),
        ("ru-chernozem-kursk", Changes()),
        ("ru-tundra-chukotka", Changes()),
        // Anadyr, east of the antimeridian (the fixture's Uelen site is west of it).
        (
            "ru-tundra-chukotka",
            Changes(
                reference: "RU-CONF-CHU-2", sampledOn: "2021-08-19", siteID: "CHU-ANADYR-01", lat: 64.73, lon: 177.51)
        ),
        ("kg-mountain-meadow-naryn", Changes()),
        ("tj-sierozem-khatlon", Changes()),
        ("tm-takyr-ahal", Changes()),
    ]

    /// Stores the documents in `store`, one write each.
    static func store(in store: any AssessmentStore) throws -> Corpus {
        var items: [Item] = []
        for (index, (fixture, changes)) in documents.enumerated() {
            let submission = try ConformanceData.submission(fixture, changes)
            let stored = try store.store(submission, context: ConformanceData.admin(at: ConformanceData.time(index)))
            items.append(Item(id: stored.id, assessment: submission.assessment))
        }
        return Corpus(items: items)
    }

    var count: Int { items.count }

    /// The item with this reference.
    func item(_ reference: String) -> Item? { items.first { $0.assessment.reference == reference } }

    /// Ids of the items that `predicate` selects, in creation order.
    func ids(where predicate: (Assessment) -> Bool) -> [Int64] {
        items.filter { predicate($0.assessment) }.map(\.id)
    }

    /// Every id in the order `sort` lists it: by date then id, or by submission.
    func order(_ sort: AssessmentFilter.Sort, where predicate: (Assessment) -> Bool = { _ in true }) -> [Int64] {
        let selected = items.filter { predicate($0.assessment) }
        let byDate = selected.sorted { ($0.assessment.sampledOn, $0.id) < ($1.assessment.sampledOn, $1.id) }.map(\.id)
        switch sort {
        case .sampledOn: return byDate
        case .sampledOnDescending: return byDate.reversed()
        case .submittedAt: return selected.map(\.id)
        case .submittedAtDescending: return selected.map(\.id).reversed()
        }
    }
}

/// One statistics sample, comparable so that groups compare as sorted lists.
struct Sample: Hashable, Comparable, CustomStringConvertible {
    let year: Int
    let value: Double

    static func < (lhs: Sample, rhs: Sample) -> Bool { (lhs.year, lhs.value) < (rhs.year, rhs.value) }

    var description: String { "\(year):\(value)" }

    /// Group -> indicator -> sorted samples.
    static func grouped(_ samples: StatisticsSamples) -> [String: [String: [Sample]]] {
        samples.mapValues { $0.mapValues { $0.map { Sample(year: $0.year, value: $0.value) }.sorted() } }
    }
}

/// One site visit, comparable.
struct Visit: Hashable, Comparable, CustomStringConvertible {
    let country: String
    let siteID: String
    let region: String
    let sampledOn: String
    let landCover: String
    let lpdClass: Int?
    let socStock: Double?
    let socMethod: String?

    init(_ visit: LDNVisit) {
        self.init(
            country: visit.country, siteID: visit.siteID, region: visit.region, sampledOn: visit.sampledOn,
            landCover: visit.landCover, lpdClass: visit.lpdClass, socStock: visit.socStock, socMethod: visit.socMethod)
    }

    init(_ assessment: Assessment) {
        self.init(
            country: assessment.country, siteID: assessment.site.id, region: assessment.region,
            sampledOn: assessment.sampledOn, landCover: assessment.landCover, lpdClass: assessment.lpdClass,
            socStock: assessment.derived.socStock0to30, socMethod: assessment.socMethod)
    }

    private init(
        country: String, siteID: String, region: String, sampledOn: String, landCover: String, lpdClass: Int?,
        socStock: Double?, socMethod: String?
    ) {
        self.country = country
        self.siteID = siteID
        self.region = region
        self.sampledOn = sampledOn
        self.landCover = landCover
        self.lpdClass = lpdClass
        self.socStock = socStock
        self.socMethod = socMethod
    }

    static func < (lhs: Visit, rhs: Visit) -> Bool {
        (lhs.country, lhs.siteID, lhs.sampledOn) < (rhs.country, rhs.siteID, rhs.sampledOn)
    }

    var description: String { "\(country)/\(siteID)@\(sampledOn)" }
}

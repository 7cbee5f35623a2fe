import Assessments
@preconcurrency import Dispatch
import Foundation
import Locking
import Messages
import Store
import Synchronization

/// `landmon seed`: plausible synthetic assessments across the six countries and their regions
/// over 2000-2025, made from the fixture documents in `Config/fixtures`: each site lies inside
/// its region's outline and takes the soil of a fixture from that region when there is one (a
/// salt crust in Karakalpakstan, chernozem in Kursk, peat in Chukotka), else the country's fixture
/// nearest in latitude (soil zones run east-west: tundra north of the taiga, chestnut soils south
/// of the chernozems).
/// Each synthetic site is visited several times with a carbon trend of its own, so statistics and LDN have something to
/// show. Every document goes through the validator, like a real submission.
struct Seeder {
    let application: Application

    /// Deterministic SplitMix64, so two seeds of the same count make the same data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// The member countries seeded.
    static let countries: Set<String> = ["KZ", "KG", "RU", "TJ", "TM", "UZ"]

    /// Stores `count` assessments in transactions of 1,000; returns how many were stored.
    /// The next thousand is built and validated while the writer stores the previous one.
    func seed(count: Int) throws -> Int {
        let templates = try loadTemplates()
        let catalog = application.catalog
        var random = Random(state: 20_261_125)
        let siteCount = max(1, count / 5)
        var regionsByCountry: [String: [String]] = [:]
        // Regions with an outline only (Osh city and Ashgabat have none to place a site in),
        // unless the catalog has no outlines at all.
        let outlined = catalog.geography.regions.isEmpty ? nil : catalog.geography.regions
        for region in catalog.regions.values where outlined == nil || outlined?[region.code] != nil {
            regionsByCountry[region.country, default: []].append(region.code)
        }
        for country in regionsByCountry.keys { regionsByCountry[country]!.sort() }
        // A bulk load touches far more pages than the default 2 MB cache holds; without room
        // the writer re-reads and spills pages in every transaction. The seed command exits after.
        try (application.store as? SQLiteStore)?.prepareForBulkLoad()
        struct Site {
            let template: Int
            let region: String
            let lat: Double
            let lon: Double
            let level: Double
            let trend: Double
        }
        var sites: [Site] = []
        sites.reserveCapacity(siteCount)
        let typical = Seeder.typicalTemplates(templates, catalog: catalog)
        for _ in 0..<siteCount {
            let country = templates[random.below(templates.count)].country
            let regions = regionsByCountry[country] ?? []
            let region = regions[random.below(regions.count)]
            let (lat, lon) = Seeder.place(in: region, country: country, catalog: catalog, random: &random)
            let choices = typical[region] ?? [Seeder.zonal(typical[country] ?? [], templates, lat: lat)]
            sites.append(
                Site(
                    template: choices[random.below(choices.count)], region: region, lat: lat, lon: lon,
                    level: 0.7 + random.unit() * 0.6, trend: (random.unit() - 0.5) * 0.6))
        }
        let context = WriteContext(
            author: "seed", country: nil, now: Timestamp.format(Date()), schemaVersion: application.schemaVersion)
        let application = self.application
        let stored = Atomic<Int>(0)
        let failure = Locked<(any Error)?>(nil)
        let inFlight = DispatchSemaphore(value: 1)
        var batch: [Submission] = []
        func flush() throws {
            let group = batch
            batch.removeAll(keepingCapacity: true)
            inFlight.wait()
            if let error = failure.withLock({ $0 }) { throw error }
            application.store.create(group, context: context, idempotency: nil) { result in
                switch result {
                case .success(let outcomes):
                    var created = 0
                    var seq: Int64 = 0
                    for case .created(_, let last) in outcomes {
                        created += 1
                        seq = max(seq, last)
                    }
                    stored.add(created, ordering: .relaxed)
                    application.commits.didCommit(seq: seq, activeDelta: Int64(created))
                case .failure(let error): failure.withLock { $0 = error }
                }
                inFlight.signal()
            }
        }
        for index in 0..<count {
            let siteIndex = index % siteCount
            let site = sites[siteIndex]
            let visit = index / siteCount
            let year = 2000 + (visit * 6 + siteIndex % 6) % 26
            let date = String(format: "%04d-%02d-%02d", year, 4 + random.below(6), 1 + random.below(28))
            let factor = site.level * (1 + site.trend * Double(year - 2000) / 25) * (0.95 + random.unit() * 0.1)
            let template = templates[site.template]
            let document = Seeder.render(
                template.value,
                replacing: [
                    "reference": .string("\(template.country)-SEED-\(index)"), "region": .string(site.region),
                    "sampled_on": .string(date),
                    "notes": .string(Seeder.note(template.value, site: siteIndex, visit: visit)),
                    "observer": Seeder.observer(country: template.country, index: siteIndex),
                ],
                site: (id: "SEED-\(template.country)-\(siteIndex)", lat: site.lat, lon: site.lon), carbonFactor: factor)
            switch application.validator.validate(document, today: Date()) {
            case .valid(let assessment): batch.append(Bodies.submission(assessment))
            case .invalid(let failure):
                Log.error("seed document \(index) refused: \(failure.problems.first?.description ?? "")")
            case .malformed(let error): Log.error("seed document \(index) malformed: \(error)")
            }
            if batch.count == 1000 { try flush() }
        }
        if !batch.isEmpty { try flush() }
        inFlight.wait()
        // libdispatch traps on disposing a semaphore below its initial value.
        inFlight.signal()
        if let error = failure.withLock({ $0 }) { throw error }
        return stored.load(ordering: .relaxed)
    }

    private func loadTemplates() throws -> [(country: String, value: JSONValue)] {
        let directory = URL(fileURLWithPath: application.configuration.schemaDirectory)
            .deletingLastPathComponent().appendingPathComponent("fixtures")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
            .sorted()
        var templates: [(String, JSONValue)] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
            let value = try JSONParser().parse(bytes)
            guard let country = value["country"]?.stringValue, Seeder.countries.contains(country) else { continue }
            templates.append((country, value))
        }
        guard !templates.isEmpty else {
            throw CommandError.usage(Message("cli.no_fixtures", ["path": directory.path]))
        }
        return templates
    }
}

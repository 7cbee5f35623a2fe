import Assessments
import Store
import Testing

/// Lists, statistics and site visits over the corpus.
extension StoreConformance {
    /// Each filter selects exactly the active assessments it names, and `count` their number.
    func pageFilters() throws {
        try withStore { store in
            let corpus = try Corpus.store(in: store)
            func check(
                _ filter: AssessmentFilter, sourceLocation: SourceLocation = #_sourceLocation,
                _ predicate: (Assessment) -> Bool
            ) throws {
                let expected = corpus.ids(where: predicate)
                #expect(
                    !expected.isEmpty && expected.count < corpus.count, "a check that selects",
                    sourceLocation: sourceLocation)
                let page = try store.page(filter, limit: 100, after: nil, count: true, isBudgeted: true)
                #expect(
                    page.items.map(\.id).sorted() == expected.sorted(), "\(filter.key)", sourceLocation: sourceLocation)
                #expect(page.total == expected.count, "\(filter.key)", sourceLocation: sourceLocation)
                #expect(page.next == nil, "\(filter.key)", sourceLocation: sourceLocation)
            }
            func filter(_ adjust: (inout AssessmentFilter) -> Void) -> AssessmentFilter {
                var filter = AssessmentFilter()
                adjust(&filter)
                return filter
            }
            func box(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> BoundingBox {
                BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
            }
            let uelen = "RU-CHU-2020-0004"
            let anadyr = "RU-CONF-CHU-2"

            let all = try store.page(AssessmentFilter(), limit: 100, after: nil, count: true, isBudgeted: true)
            #expect(all.items.count == corpus.count)
            #expect(all.total == corpus.count)
            try check(filter { $0.country = "KZ" }) { $0.country == "KZ" }
            try check(filter { $0.country = "RU" }) { $0.country == "RU" }
            try check(filter { $0.regions = ["KZ-11", "UZ-TO"] }) { ["KZ-11", "UZ-TO"].contains($0.region) }
            try check(filter { $0.site = "AKM-0043" }) { $0.site.id == "AKM-0043" }
            try check(filter { $0.reference = uelen }) { $0.reference == uelen }
            try check(filter { $0.indicators = ["ph_kcl"] }) {
                $0.measurementRows.contains { $0.indicator == "ph_kcl" }
            }
            try check(filter { $0.indicators = ["tss", "caco3"] }) {
                $0.measurementRows.contains { ["tss", "caco3"].contains($0.indicator) }
            }
            try check(filter { $0.landCover = "cropland" }) { $0.landCover == "cropland" }
            try check(filter { $0.qaFlag = "region_code_updated" }) { $0.qaFlags.contains("region_code_updated") }
            // Date bounds are inclusive: both ends fall on stored dates.
            try check(filter { ($0.from, $0.to) = ("2020-08-19", "2023-09-21") }) {
                $0.sampledOn >= "2020-08-19" && $0.sampledOn <= "2023-09-21"
            }
            try check(filter { $0.from = "2024-06-14" }) { $0.sampledOn >= "2024-06-14" }
            try check(filter { $0.to = "2016-06-28" }) { $0.sampledOn <= "2016-06-28" }
            try check(filter { ($0.country, $0.from) = ("RU", "2020-01-01") }) {
                [uelen, anadyr].contains($0.reference)
            }
            // Boxes: Akmola; then Chukotka, whose two sites lie on either side of the antimeridian.
            try check(filter { $0.bbox = box(70.9, 51.0, 72.0, 51.5) }) { $0.region == "KZ-11" }
            try check(filter { $0.bbox = box(170, 60, -160, 70) }) { [uelen, anadyr].contains($0.reference) }
            try check(filter { $0.bbox = box(175, 60, -175, 70) }) { $0.reference == anadyr }
            try check(filter { $0.bbox = box(179, 60, -169, 70) }) { $0.reference == uelen }
            try check(filter { $0.bbox = box(-180, 60, -160, 70) }) { $0.reference == uelen }
            try check(filter { $0.bbox = box(170, 60, 180, 70) }) { $0.reference == anadyr }
            try check(filter { ($0.bbox, $0.landCover) = (box(170, 40, -160, 70), "wetland") }) {
                $0.country == "RU" && $0.landCover == "wetland"
            }

            // Only a later correction is updated since its time.
            let revisedItem = try #require(corpus.item("TJ-TAAS-2023-KT-0310"))
            let corrected = try ConformanceData.submission("tj-sierozem-khatlon", .init(notes: "Corrected"))
            _ = try store.reviseAndWait(
                id: revisedItem.id, with: corrected, context: ConformanceData.admin(at: ConformanceData.time(600))
            ).get()
            let since = try store.page(
                filter { $0.updatedSince = ConformanceData.time(300) }, limit: 100, after: nil, count: true,
                isBudgeted: true)
            #expect(since.items.map(\.id) == [revisedItem.id])
            #expect(since.total == 1)
        }
    }

    /// Every sort order lists every item in its order (date ties broken by id), with the columns
    /// and the stored representation of each.
    func pageSortOrders() throws {
        try withStore { store in
            let corpus = try Corpus.store(in: store)
            var filter = AssessmentFilter()
            #expect(filter.sort == .sampledOnDescending)
            for sort in AssessmentFilter.Sort.allCases {
                filter.sort = sort
                let page = try store.page(filter, limit: 100, after: nil, count: false, isBudgeted: true)
                #expect(page.items.map(\.id) == corpus.order(sort), "sort \(sort.rawValue)")
                #expect(page.total == nil)
            }
            let page = try store.page(AssessmentFilter(), limit: 100, after: nil, count: false, isBudgeted: false)
            for listed in page.items {
                let item = try #require(corpus.items.first { $0.id == listed.id })
                #expect(listed.sampledOn == item.assessment.sampledOn)
                #expect(listed.lat == item.assessment.site.lat)
                #expect(listed.lon == item.assessment.site.lon)
                #expect(listed.document == (try store.assessment(id: listed.id))?.document)
            }
        }
    }

    /// Keyset paging returns every item exactly once in order, whatever the page size and sort,
    /// with `next` on every page but the last; `count` gives the total on every page.
    func keysetPaging() throws {
        try withStore { store in
            let corpus = try Corpus.store(in: store)
            for sort in AssessmentFilter.Sort.allCases {
                for limit in [1, 3, 7, corpus.count, 100] {
                    var filter = AssessmentFilter()
                    filter.sort = sort
                    try expectPaging(store, filter, limit: limit, expected: corpus.order(sort))
                }
            }
            var kazakh = AssessmentFilter()
            kazakh.country = "KZ"
            for sort in AssessmentFilter.Sort.allCases {
                kazakh.sort = sort
                try expectPaging(store, kazakh, limit: 2, expected: corpus.order(sort) { $0.country == "KZ" })
            }
        }
    }

    private func expectPaging(
        _ store: any AssessmentStore, _ filter: AssessmentFilter, limit: Int, expected: [Int64],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let label = "\(filter.key) limit \(limit)"
        var seen: [Int64] = []
        var key: PageKey?
        var pages = 0
        repeat {
            let page = try store.page(filter, limit: limit, after: key, count: true, isBudgeted: true)
            pages += 1
            seen += page.items.map(\.id)
            #expect(page.total == expected.count, "\(label)", sourceLocation: sourceLocation)
            if let next = page.next {
                #expect(page.items.count == limit, "\(label)", sourceLocation: sourceLocation)
                #expect(next.id == page.items.last?.id, "\(label)", sourceLocation: sourceLocation)
            }
            key = page.next
        } while key != nil && pages <= expected.count + 1
        #expect(seen == expected, "\(label)", sourceLocation: sourceLocation)
        #expect(Set(seen).count == seen.count, "\(label): an item twice", sourceLocation: sourceLocation)
        let pagesNeeded = max(1, (expected.count + limit - 1) / limit)
        #expect(pages == pagesNeeded, "\(label)", sourceLocation: sourceLocation)
    }

    /// Statistics samples are every measurement (or derived stock) of the active assessments,
    /// grouped by region, year, country or land cover, and filtered by country, region and dates.
    func statisticsSamplesGrouped() throws {
        try withStore { store in
            let corpus = try Corpus.store(in: store)
            func expected(
                _ indicators: [String], _ group: (Assessment) -> String,
                where predicate: (Assessment) -> Bool = { _ in true }
            ) -> [String: [String: [Sample]]] {
                var groups: [String: [String: [Sample]]] = [:]
                for item in corpus.items where predicate(item.assessment) {
                    let assessment = item.assessment
                    let year = Int(assessment.sampledOn.prefix(4)) ?? 0
                    for indicator in indicators {
                        let values =
                            indicator == StatisticsFilter.derivedStock
                            ? [assessment.derived.socStock0to30].compactMap { $0 }
                            : assessment.measurementRows.filter { $0.indicator == indicator }.map(\.value)
                        guard !values.isEmpty else { continue }
                        groups[group(assessment), default: [:]][indicator, default: []] += values.map {
                            Sample(year: year, value: $0)
                        }
                    }
                }
                return groups.mapValues { $0.mapValues { $0.sorted() } }
            }
            func check(
                _ filter: StatisticsFilter, _ expected: [String: [String: [Sample]]],
                sourceLocation: SourceLocation = #_sourceLocation
            ) throws {
                #expect(!expected.isEmpty, "a check that selects", sourceLocation: sourceLocation)
                let actual = Sample.grouped(try store.statisticsSamples(filter))
                #expect(actual == expected, "\(filter.key)", sourceLocation: sourceLocation)
            }
            let year: (Assessment) -> String = { String($0.sampledOn.prefix(4)) }

            var soc = StatisticsFilter(indicators: ["soc"])
            soc.grouping = .region
            try check(soc, expected(["soc"], \.region))
            soc.grouping = .year
            try check(soc, expected(["soc"], year))
            soc.grouping = .country
            try check(soc, expected(["soc"], \.country))
            soc.grouping = .landCover
            try check(soc, expected(["soc"], \.landCover))

            var stock = StatisticsFilter(indicators: [StatisticsFilter.derivedStock, "ph_h2o"])
            stock.grouping = .region
            try check(stock, expected([StatisticsFilter.derivedStock, "ph_h2o"], \.region))

            var uzbek = StatisticsFilter(indicators: ["soc"])
            uzbek.country = "UZ"
            try check(uzbek, expected(["soc"], \.region) { $0.country == "UZ" })

            var regions = StatisticsFilter(indicators: ["soc", "bd_fe"])
            regions.regions = ["KZ-11", "RU-CHU"]
            regions.grouping = .year
            try check(regions, expected(["soc", "bd_fe"], year) { ["KZ-11", "RU-CHU"].contains($0.region) })

            var dated = StatisticsFilter(indicators: ["soc"])
            dated.from = "2021-05-11"
            dated.to = "2023-09-21"
            dated.grouping = .year
            try check(dated, expected(["soc"], year) { $0.sampledOn >= "2021-05-11" && $0.sampledOn <= "2023-09-21" })

            let none = try store.statisticsSamples(StatisticsFilter(indicators: ["ec_1_5"]))
            #expect(Sample.grouped(none) == expected(["ec_1_5"], \.region))
        }
    }

    /// Site visits are one per active assessment in the date range (inclusive), in the regions
    /// given or else in the country, with the derived stock.
    func siteVisitsInRange() throws {
        try withStore { store in
            let corpus = try Corpus.store(in: store)
            func check(
                country: String?, regions: [String], from: String, to: String,
                sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (Assessment) -> Bool
            ) throws {
                let expected = corpus.items.map(\.assessment).filter(predicate).map(Visit.init).sorted()
                #expect(!expected.isEmpty, "a check that selects", sourceLocation: sourceLocation)
                let visits = try store.siteVisits(country: country, regions: regions, from: from, to: to)
                #expect(visits.map(Visit.init).sorted() == expected, sourceLocation: sourceLocation)
            }
            try check(country: "KZ", regions: [], from: "1900-01-01", to: "2100-12-31") { $0.country == "KZ" }
            try check(country: "KZ", regions: [], from: "2018-09-02", to: "2022-06-14") {
                $0.country == "KZ" && $0.sampledOn >= "2018-09-02" && $0.sampledOn <= "2022-06-14"
            }
            try check(country: nil, regions: ["UZ-TO", "KG-N"], from: "2000-01-01", to: "2030-12-31") {
                ["UZ-TO", "KG-N"].contains($0.region)
            }
            try check(country: "RU", regions: [], from: "2020-08-19", to: "2021-08-19") { $0.region == "RU-CHU" }
            // One site: all its visits, in its country only.
            let site = corpus.items.map(\.assessment).filter { $0.country == "KZ" && $0.site.id == "AKM-0042" }
            #expect(!site.isEmpty)
            #expect(
                try store.siteVisits(country: "KZ", siteID: "AKM-0042").map(Visit.init).sorted()
                    == site.map(Visit.init).sorted())
            #expect(try store.siteVisits(country: "UZ", siteID: "AKM-0042").isEmpty)

            let retracted = try #require(corpus.item("KZ-CONF-2"))
            _ = try store.retractAndWait(id: retracted.id).get()
            try check(country: "KZ", regions: [], from: "1900-01-01", to: "2100-12-31") {
                $0.country == "KZ" && $0.reference != "KZ-CONF-2"
            }
        }
    }
}

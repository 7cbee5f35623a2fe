import PostgreSQL

/// The SQL of the OGC API - Features collections beyond the assessment pages: the data's extent
/// and measurements as features.
enum PGFeatureReads {
    /// The extent of the active assessments; nil when there are none.
    static func extent(in db: PGConnection) throws -> DataExtent? {
        let sql = """
            SELECT min(lat), max(lat), min(sampled_on), max(sampled_on),
                min(CASE WHEN lon >= 0 THEN lon END), max(CASE WHEN lon >= 0 THEN lon END),
                min(CASE WHEN lon < 0 THEN lon END), max(CASE WHEN lon < 0 THEN lon END)
            FROM assessments WHERE status = 'active'
            """
        return try db.first(sql, []) { row -> DataExtent? in
            guard !row.isNull(0) else { return nil }
            let east = row.isNull(4) ? nil : row.double(4)...row.double(5)
            let west = row.isNull(6) ? nil : row.double(6)...row.double(7)
            return DataExtent(
                minLat: row.double(0), maxLat: row.double(1), east: east, west: west, first: row.text(2),
                last: row.text(3))
        } ?? nil
    }

    /// One page of measurements of active assessments matching `filter` (its indicators select
    /// measurements; `depthMax` keeps those starting above it), in key order after `cursor`.
    static func page(
        _ filter: AssessmentFilter, limit: Int, after cursor: MeasurementKey?, count: Bool, in db: PGConnection
    ) throws -> MeasurementPage {
        var assessmentFilter = filter
        assessmentFilter.indicators = []
        assessmentFilter.depthMax = nil
        let base = assessmentFilter.postgreSQLFilter()
        var conditions = base.sql
        var bindings = base.bindings
        if !filter.indicators.isEmpty {
            conditions += " AND m.indicator IN (" + PGText.placeholders(filter.indicators.count) + ")"
            bindings += filter.indicators.map { $0 as any PGBindable }
        }
        if let depthMax = filter.depthMax {
            conditions += " AND m.top_cm < ?"
            bindings.append(depthMax)
        }
        let from = " FROM measurements m JOIN assessments a ON a.id = m.assessment_id WHERE "
        var sql =
            "SELECT m.indicator, m.region, m.sampled_on, m.assessment_id, m.top_cm, m.bottom_cm, m.value, a.country, a.site_id, a.land_cover, a.lat, a.lon"
            + from + conditions
        var pageBindings = bindings
        if let cursor {
            sql += " AND (m.indicator, m.region, m.sampled_on, m.assessment_id, m.top_cm) > (?, ?, ?, ?, ?)"
            pageBindings +=
                [cursor.indicator, cursor.region, cursor.sampledOn, cursor.assessmentID, cursor.topCm]
                as [any PGBindable]
        }
        sql += " ORDER BY m.indicator, m.region, m.sampled_on, m.assessment_id, m.top_cm LIMIT ?"
        pageBindings.append(limit + 1)
        var items: [MeasurementRow] = []
        try db.query(sql, pageBindings) { row in
            let key = MeasurementKey(
                indicator: row.text(0), region: row.text(1), sampledOn: row.text(2), assessmentID: row.int(3),
                topCm: row.double(4))
            items.append(
                MeasurementRow(
                    key: key, bottomCm: row.double(5), value: row.double(6), country: row.text(7), siteID: row.text(8),
                    landCover: row.text(9), lat: row.double(10), lon: row.double(11)))
        }
        var next: MeasurementKey?
        if items.count > limit {
            items.removeLast()
            next = items.last?.key
        }
        var total: Int?
        if count {
            total = try db.first("SELECT count(*)" + from + conditions, bindings) { Int($0.int(0)) }
        }
        return MeasurementPage(items: items, next: next, total: total)
    }

    /// One measurement of an active assessment: the assessment's row gives the rest of the key.
    static func measurement(assessmentID: Int64, indicator: String, topCm: Double, in db: PGConnection) throws
        -> MeasurementRow?
    {
        let sql = """
            SELECT m.region, m.sampled_on, m.bottom_cm, m.value, a.country, a.site_id, a.land_cover, a.lat, a.lon
            FROM assessments a JOIN measurements m ON m.indicator = ? AND m.region = a.region
                AND m.sampled_on = a.sampled_on AND m.assessment_id = a.id AND m.top_cm = ?
            WHERE a.id = ? AND a.status = 'active'
            """
        return try db.first(sql, [indicator, topCm, assessmentID] as [any PGBindable]) { row in
            let key = MeasurementKey(
                indicator: indicator, region: row.text(0), sampledOn: row.text(1), assessmentID: assessmentID,
                topCm: topCm)
            return MeasurementRow(
                key: key, bottomCm: row.double(2), value: row.double(3), country: row.text(4), siteID: row.text(5),
                landCover: row.text(6), lat: row.double(7), lon: row.double(8))
        }
    }
}

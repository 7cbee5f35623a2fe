import PostgreSQL

extension AssessmentFilter {
    /// The WHERE conditions of the filters (without the cursor), every value bound: PostgreSQL's
    /// dialect of `filterSQL()`.
    func postgreSQLFilter() -> (sql: String, bindings: [any PGBindable]) {
        var conditions = ["a.status = 'active'"]
        var bindings: [any PGBindable] = []
        /// Adds `condition` with its one bound value, when the filter is set.
        func add(_ condition: String, _ value: (any PGBindable)?) {
            guard let value else { return }
            conditions.append(condition)
            bindings.append(value)
        }
        add("a.country = ?", country)
        if !regions.isEmpty {
            conditions.append("a.region IN (" + PGText.placeholders(regions.count) + ")")
            bindings.append(contentsOf: regions.map { $0 as any PGBindable })
        }
        add("a.site_id = ?", site)
        add("a.reference = ?", reference)
        if !indicators.isEmpty {
            let marks = PGText.placeholders(indicators.count)
            var sql = """
                EXISTS (SELECT 1 FROM measurements m WHERE m.indicator IN (\(marks)) AND m.region = a.region
                    AND m.sampled_on = a.sampled_on AND m.assessment_id = a.id
                """
            bindings.append(contentsOf: indicators.map { $0 as any PGBindable })
            if let depthMax {
                sql += " AND m.top_cm < ?"
                bindings.append(depthMax)
            }
            conditions.append(sql + ")")
        } else {
            add("a.min_top_cm < ?", depthMax)
        }
        add("a.land_cover = ?", landCover)
        add("a.sampled_on >= ?", from)
        add("a.sampled_on <= ?", to)
        if let bbox {
            // No R*Tree here: the exact coordinates, latitude first (the (lat, lon) index).
            let crosses = bbox.minLon > bbox.maxLon
            conditions.append(crosses ? "(a.lon >= ? OR a.lon <= ?)" : "a.lon BETWEEN ? AND ?")
            conditions.append("a.lat BETWEEN ? AND ?")
            bindings.append(contentsOf: [bbox.minLon, bbox.maxLon, bbox.minLat, bbox.maxLat] as [any PGBindable])
        }
        add("a.updated_at >= ?", updatedSince)
        if let qaFlag {
            // A whole flag between the column's spaces; strpos, not LIKE, whose `_` matches any character.
            conditions.append("strpos(a.qa_flags, ?) > 0")
            bindings.append(" \(qaFlag) ")
        }
        if isLatestPerSite {
            // No later visit of the same site (by date, then id): one row per site, on its index.
            conditions.append(
                """
                NOT EXISTS (SELECT 1 FROM assessments b WHERE b.site_id = a.site_id AND b.country = a.country
                    AND b.status = 'active' AND (b.sampled_on, b.id) > (a.sampled_on, a.id))
                """)
        }
        for condition in documentConditions {
            // SQLite's json_extract compares a member with a value of its own type only: text with
            // text (in byte order), a number with a number, true/false with a flag. The path and
            // the value are bound; the comparison comes from a closed set.
            let path = "{" + condition.field.split(separator: ".").joined(separator: ",") + "}"
            let member = "(a.document::jsonb #> ?::text[])"
            let comparison = condition.comparison.rawValue
            switch condition.value {
            case .text(let text):
                conditions.append(
                    "(CASE WHEN jsonb_typeof\(member) = 'string' THEN (a.document::jsonb #>> ?::text[]) END) COLLATE \"C\" \(comparison) ?"
                )
                bindings.append(contentsOf: [path, path, text] as [any PGBindable])
            case .number(let number):
                conditions.append(
                    "(CASE WHEN jsonb_typeof\(member) = 'number' THEN (a.document::jsonb #>> ?::text[])::double precision END) \(comparison) ?"
                )
                bindings.append(contentsOf: [path, path, number] as [any PGBindable])
            case .bool(let flag):
                conditions.append("\(member) = ?::jsonb")
                bindings.append(contentsOf: [path, flag ? "true" : "false"] as [any PGBindable])
            }
        }
        return (conditions.joined(separator: " AND "), bindings)
    }

    /// ORDER BY, and the keyset condition that continues after `cursor`.
    func postgreSQLOrder(after cursor: PageKey?) -> (order: String, keyset: String?, bindings: [any PGBindable]) {
        switch sort {
        case .sampledOnDescending:
            guard let cursor else { return ("a.sampled_on DESC, a.id DESC", nil, []) }
            return (
                "a.sampled_on DESC, a.id DESC", "(a.sampled_on, a.id) < (?, ?)", [cursor.sampledOn ?? "", cursor.id]
            )
        case .sampledOn:
            guard let cursor else { return ("a.sampled_on, a.id", nil, []) }
            return ("a.sampled_on, a.id", "(a.sampled_on, a.id) > (?, ?)", [cursor.sampledOn ?? "", cursor.id])
        case .submittedAtDescending:
            // Ids are given in commit order, so id order is submission order.
            guard let cursor else { return ("a.id DESC", nil, []) }
            return ("a.id DESC", "a.id < ?", [cursor.id])
        case .submittedAt:
            guard let cursor else { return ("a.id", nil, []) }
            return ("a.id", "a.id > ?", [cursor.id])
        }
    }
}

import SQLite

extension AssessmentFilter {
    /// The WHERE conditions of the filters (without the cursor), every value bound.
    func filterSQL() -> (sql: String, bindings: [any Bindable]) {
        var conditions = ["a.status = 'active'"]
        var bindings: [any Bindable] = []
        /// Adds `condition` with its one bound value, when the filter is set.
        func add(_ condition: String, _ value: (any Bindable)?) {
            guard let value else { return }
            conditions.append(condition)
            bindings.append(value)
        }
        // Unary plus: filter on the row, and let the planner walk the sort index instead of
        // the (country, reference) index, which would force a sort of a whole country.
        add("+a.country = ?", country)
        if !regions.isEmpty {
            conditions.append("a.region IN (" + SQLText.placeholders(regions.count) + ")")
            bindings.append(contentsOf: regions.map { $0 as any Bindable })
        }
        add("a.site_id = ?", site)
        add("a.reference = ?", reference)
        if !indicators.isEmpty {
            let marks = SQLText.placeholders(indicators.count)
            var sql = """
                EXISTS (SELECT 1 FROM measurements m WHERE m.indicator IN (\(marks)) AND m.region = a.region
                    AND m.sampled_on = a.sampled_on AND m.assessment_id = a.id
                """
            bindings.append(contentsOf: indicators.map { $0 as any Bindable })
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
            // The R*Tree keeps 32-bit floats rounded outwards, so a site on the box's edge would
            // fall outside it: search a box wider by ~10 m, then test the exact coordinates.
            let slack = 1e-4
            let crosses = bbox.minLon > bbox.maxLon
            let lonCondition = crosses ? "(min_lon >= ? OR max_lon <= ?)" : "min_lon >= ? AND max_lon <= ?"
            conditions.append(
                "a.id IN (SELECT id FROM assessment_sites WHERE \(lonCondition) AND min_lat >= ? AND max_lat <= ?)")
            bindings.append(
                contentsOf: [bbox.minLon - slack, bbox.maxLon + slack, bbox.minLat - slack, bbox.maxLat + slack]
                    as [any Bindable])
            conditions.append(crosses ? "(a.lon >= ? OR a.lon <= ?)" : "a.lon BETWEEN ? AND ?")
            conditions.append("a.lat BETWEEN ? AND ?")
            bindings.append(contentsOf: [bbox.minLon, bbox.maxLon, bbox.minLat, bbox.maxLat] as [any Bindable])
        }
        add("a.updated_at >= ?", updatedSince)
        if let qaFlag {
            // A whole flag between the column's spaces; instr, not LIKE, whose `_` matches any character.
            conditions.append("instr(a.qa_flags, ?) > 0")
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
            // The path and the value are bound; the comparison comes from a closed set.
            conditions.append("json_extract(a.document, ?) \(condition.comparison.rawValue) ?")
            bindings.append("$." + condition.field)
            switch condition.value {
            case .text(let text): bindings.append(text)
            case .number(let number): bindings.append(number)
            case .bool(let flag): bindings.append(flag ? 1 : 0)
            }
        }
        return (conditions.joined(separator: " AND "), bindings)
    }

    /// ORDER BY, and the keyset condition that continues after `cursor`.
    func orderSQL(after cursor: PageKey?) -> (order: String, keyset: String?, bindings: [any Bindable]) {
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

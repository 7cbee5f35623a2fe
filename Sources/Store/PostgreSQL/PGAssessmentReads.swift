import PostgreSQL

/// The SQL that reads assessments in PostgreSQL. Runs on a pooled connection under the query time budget.
enum PGAssessmentReads {
    /// The current revision of one assessment, retracted or not.
    static func find(id: Int64, in db: PGConnection) throws -> StoredAssessment? {
        try db.first("SELECT revision, status, country, document FROM assessments WHERE id = ?", [id]) { row in
            StoredAssessment(
                id: id, revision: Int(row.int(0)), isRetracted: row.text(1) == "retracted", country: row.text(2),
                document: row.blob(3))
        }
    }

    /// Every revision, oldest first; nil when the assessment does not exist.
    static func history(id: Int64, in db: PGConnection) throws -> [RevisionEntry]? {
        guard let current = try find(id: id, in: db) else { return nil }
        var entries: [RevisionEntry] = []
        try db.query(
            "SELECT revision, action, recorded_at, recorded_by, reason, document FROM revisions WHERE assessment_id = ? ORDER BY revision",
            [id]
        ) { row in
            let action = row.text(1)
            let document: [UInt8]? =
                action == "retracted" ? nil : (row.isNull(5) ? current.document : row.blob(5))
            entries.append(
                RevisionEntry(
                    revision: Int(row.int(0)), action: action, recordedAt: row.text(2), recordedBy: row.text(3),
                    reason: row.optionalText(4), document: document))
        }
        return entries
    }

    /// One page of a list query (`limit` rows after the cursor), with the next cursor.
    static func page(
        _ query: AssessmentFilter, limit: Int, after cursor: PageKey?, count: Bool, in db: PGConnection
    ) throws -> AssessmentPage {
        let filter = query.postgreSQLFilter()
        let order = query.postgreSQLOrder(after: cursor)
        var sql = "SELECT a.id, a.sampled_on, a.lat, a.lon, a.document FROM assessments a WHERE " + filter.sql
        var bindings = filter.bindings
        if let keyset = order.keyset {
            sql += " AND " + keyset
            bindings += order.bindings
        }
        sql += " ORDER BY " + order.order + " LIMIT ?"
        bindings.append(limit + 1)
        var items: [ListedAssessment] = []
        items.reserveCapacity(min(limit + 1, 1001))
        try db.query(sql, bindings) { row in
            items.append(
                ListedAssessment(
                    id: row.int(0), sampledOn: row.text(1), lat: row.double(2), lon: row.double(3),
                    document: row.blob(4)))
        }
        var next: PageKey?
        if items.count > limit {
            items.removeLast()
            if let last = items.last {
                next = PageKey(sampledOn: query.sort.isByDate ? last.sampledOn : nil, id: last.id)
            }
        }
        var total: Int?
        if count {
            total = try db.first("SELECT count(*) FROM assessments a WHERE " + filter.sql, filter.bindings) {
                Int($0.int(0))
            }
        }
        return AssessmentPage(items: items, next: next, total: total)
    }

    /// Active assessments stored (for /health and /metrics).
    static func activeCount(in db: PGConnection) throws -> Int64 {
        try db.first("SELECT count(*) FROM assessments WHERE status = 'active'", []) { $0.int(0) } ?? 0
    }

    /// The newest change-feed sequence number, 0 when empty.
    static func lastSeq(in db: PGConnection) throws -> Int64 {
        try db.first("SELECT coalesce(max(seq), 0) FROM changes", []) { $0.int(0) } ?? 0
    }
}

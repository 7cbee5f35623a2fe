import PostgreSQL

enum PGChangeReads {
    /// Changes after `since`, oldest first; nil when `since` is older than the feed keeps, or
    /// newer than any seq it gave (a restored or replaced database: the client must re-list).
    static func after(_ since: Int64, limit: Int, in db: PGConnection) throws -> [Change]? {
        if since > 0 {
            let first = try db.first("SELECT min(seq) FROM changes", []) { $0.isNull(0) ? nil : $0.int(0) } ?? nil
            let last = try db.first("SELECT max(seq) FROM changes", []) { $0.isNull(0) ? 0 : $0.int(0) } ?? 0
            if let first, since < first - 1 { return nil }
            if since > last { return nil }
        }
        var changes: [Change] = []
        try db.query(
            "SELECT seq, assessment_id, kind, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", [since, limit]
        ) {
            row in
            changes.append(Change(seq: row.int(0), id: row.int(1), kind: row.text(2), at: row.text(3)))
        }
        return changes
    }
}

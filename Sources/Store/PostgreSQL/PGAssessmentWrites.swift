import Assessments
import PostgreSQL

/// The SQL that writes assessments in PostgreSQL. Every function runs inside one transaction of
/// the store, holding its advisory lock, committed synchronously before anyone is answered.
enum PGAssessmentWrites {
    /// What `create` found for one document.
    enum CreateResult {
        case stored(CreateOutcome)
        case conflict(existingID: Int64, isRetracted: Bool)
    }

    /// Stores a new assessment unless its (country, reference) is taken.
    static func create(_ submission: Submission, context: WriteContext, in db: PGConnection) throws -> CreateResult {
        let assessment = submission.assessment
        let contentHash = submission.contentHash
        let now = context.now
        if let existing = try db.first(
            "SELECT id, revision, status, content_hash, document FROM assessments WHERE country = ? AND reference = ?",
            [assessment.country, assessment.reference],
            { row in
                (
                    StoredAssessment(
                        id: row.int(0), revision: Int(row.int(1)), isRetracted: row.text(2) == "retracted",
                        country: assessment.country, document: row.blob(4)),
                    row.bytea(3)
                )
            })
        {
            if !existing.0.isRetracted && existing.1 == contentHash { return .stored(.unchanged(existing.0)) }
            return .conflict(existingID: existing.0.id, isRetracted: existing.0.isRetracted)
        }
        // Under the store's advisory lock: no other server gives an id until this commits.
        let id = try db.first("SELECT coalesce(max(id), 0) + 1 FROM assessments", []) { $0.int(0) } ?? 1
        let document = assessment.representation(
            server: ServerFields(
                id: id, revision: 1, status: "active", submittedAt: now, submittedBy: context.author,
                updatedAt: now, schemaVersion: context.schemaVersion))
        let seq = try appendChange(id: id, kind: "created", at: now, in: db)
        try db.run(
            """
            INSERT INTO assessments (id, country, region, reference, site_id, sampled_on, land_cover, lat, lon,
                min_top_cm, revision, status, submitted_at, submitted_by, updated_at, updated_seq, qa_flags, soc_stock,
                content_hash, document, lpd_class, soc_method)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id, assessment.country, assessment.region, assessment.reference, assessment.site.id,
                assessment.sampledOn, assessment.landCover, assessment.site.lat, assessment.site.lon,
                assessment.minimumTop, now,
                context.author, now,
                seq, flagColumn(assessment.qaFlags), assessment.derived.socStock0to30, contentHash, document,
                assessment.lpdClass, assessment.socMethod,
            ])
        try db.run(
            "INSERT INTO revisions (assessment_id, revision, action, recorded_at, recorded_by) VALUES (?, 1, 'created', ?, ?)",
            [id, now, context.author])
        try insertIndexRows(assessment, id: id, in: db)
        return .stored(
            .created(
                StoredAssessment(
                    id: id, revision: 1, isRetracted: false, country: assessment.country, document: document),
                seq: seq))
    }

    /// Writes the derived index rows of an active assessment: its measurements, in one statement
    /// (one round trip); a key given twice keeps its last row, as SQLite's `INSERT OR REPLACE`.
    static func insertIndexRows(_ assessment: Assessment, id: Int64, in db: PGConnection) throws {
        var rows: [MeasurementRowKey: Int] = [:]
        let measurements = assessment.measurementRows
        for (index, row) in measurements.enumerated() { rows[MeasurementRowKey(row.indicator, row.top)] = index }
        let kept = rows.values.sorted()
        guard !kept.isEmpty else { return }
        var bindings: [any PGBindable] = []
        bindings.reserveCapacity(kept.count * 8)
        for index in kept {
            let row = measurements[index]
            bindings +=
                [
                    row.indicator, assessment.region, assessment.sampledOn, id, row.top, row.bottom, row.value,
                    assessment.landCover,
                ] as [any PGBindable]
        }
        try db.run(
            """
            INSERT INTO measurements
                (indicator, region, sampled_on, assessment_id, top_cm, bottom_cm, value, land_cover)
            VALUES
            """ + Array(repeating: " (?, ?, ?, ?, ?, ?, ?, ?)", count: kept.count).joined(separator: ","),
            bindings)
    }

    /// Removes the derived index rows of an assessment (before a revision or on retraction): one
    /// statement on the primary key, every catalog indicator at once.
    static func deleteIndexRows(
        id: Int64, region: String, sampledOn: String, indicators: Set<String>, in db: PGConnection
    ) throws {
        // Indicator codes are catalog identifiers (letters, digits, underscores): a plain array literal.
        let list = "{" + indicators.sorted().joined(separator: ",") + "}"
        try db.run(
            """
            DELETE FROM measurements
            WHERE indicator = ANY (CAST(? AS text[])) AND region = ? AND sampled_on = ? AND assessment_id = ?
            """, [list, region, sampledOn, id])
    }

    /// Appends to the change feed and returns the new sequence number.
    static func appendChange(id: Int64, kind: String, at now: String, in db: PGConnection) throws -> Int64 {
        // Under the store's advisory lock, so seqs commit in order and without gaps.
        let seq = try db.first("SELECT coalesce(max(seq), 0) + 1 FROM changes", []) { $0.int(0) } ?? 1
        try db.run("INSERT INTO changes (seq, assessment_id, kind, at) VALUES (?, ?, ?, ?)", [seq, id, kind, now])
        return seq
    }

    /// QA flags as stored: space-separated with a space at each end, so `strpos` finds whole flags.
    static func flagColumn(_ flags: [String]) -> String {
        flags.isEmpty ? "" : " " + flags.joined(separator: " ") + " "
    }
}

/// A measurement's place in its assessment: indicator and layer top.
private struct MeasurementRowKey: Hashable {
    let indicator: String
    let top: Double
    init(_ indicator: String, _ top: Double) {
        self.indicator = indicator
        self.top = top
    }
}

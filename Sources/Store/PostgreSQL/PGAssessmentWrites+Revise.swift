import Assessments
import PostgreSQL

/// The current row of an assessment, as a correction or retraction needs it.
private struct PGCurrentRow {
    let revision: Int
    let isRetracted: Bool
    let country: String
    let reference: String
    let region: String
    let sampledOn: String
    let submittedAt: String
    let submittedBy: String
    let contentHash: [UInt8]
    let document: [UInt8]
}

extension PGAssessmentWrites {
    private static func current(id: Int64, in db: PGConnection) throws -> PGCurrentRow? {
        try db.first(
            """
            SELECT revision, status, country, reference, region, sampled_on, submitted_at, submitted_by, content_hash,
                document
            FROM assessments WHERE id = ?
            """, [id]
        ) { row in
            PGCurrentRow(
                revision: Int(row.int(0)), isRetracted: row.text(1) == "retracted", country: row.text(2),
                reference: row.text(3), region: row.text(4), sampledOn: row.text(5), submittedAt: row.text(6),
                submittedBy: row.text(7), contentHash: row.bytea(8), document: row.blob(9))
        }
    }

    /// Checks existence, state, precondition and right; shared by corrections and retractions.
    private static func checked(
        id: Int64, precondition: RevisionPrecondition?, context: WriteContext, in db: PGConnection
    ) throws -> PGCurrentRow {
        guard let row = try current(id: id, in: db) else { throw StoreError.notFound }
        if row.isRetracted { throw StoreError.retracted(id: id) }
        guard context.mayWrite(row.country) else { throw StoreError.forbidden(country: row.country) }
        if let precondition, !precondition.allows(row.revision) {
            throw StoreError.stale(currentRevision: row.revision)
        }
        return row
    }

    /// Makes a new revision from a full corrected document, keeping the old one in history.
    static func revise(
        id: Int64, with submission: Submission, precondition: RevisionPrecondition, reason: String?,
        context: WriteContext, indicators: Set<String>, in db: PGConnection
    ) throws -> ReviseOutcome {
        let (assessment, contentHash, now) = (submission.assessment, submission.contentHash, context.now)
        let row = try checked(id: id, precondition: precondition, context: context, in: db)
        guard assessment.country == row.country else { throw StoreError.identityChanged(field: "country") }
        if row.contentHash == contentHash {
            return .unchanged(
                StoredAssessment(
                    id: id, revision: row.revision, isRetracted: false, country: row.country, document: row.document))
        }
        if assessment.reference != row.reference,
            let taken = try db.first(
                "SELECT id FROM assessments WHERE country = ? AND reference = ?", [row.country, assessment.reference],
                { $0.int(0) })
        {
            throw StoreError.referenceTaken(existingID: taken)
        }
        let revision = row.revision + 1
        let document = assessment.representation(
            server: ServerFields(
                id: id, revision: revision, status: "active", submittedAt: row.submittedAt,
                submittedBy: row.submittedBy, updatedAt: now, schemaVersion: context.schemaVersion))
        try keepSuperseded(id: id, document: row.document, in: db)
        let seq = try appendChange(id: id, kind: "revised", at: now, in: db)
        try db.run(
            """
            UPDATE assessments SET reference = ?, region = ?, site_id = ?, sampled_on = ?, land_cover = ?, lat = ?,
                lon = ?, min_top_cm = ?, revision = ?, updated_at = ?, updated_seq = ?, qa_flags = ?, soc_stock = ?, content_hash = ?,
                document = ?, lpd_class = ?, soc_method = ?
            WHERE id = ?
            """,
            [
                assessment.reference, assessment.region, assessment.site.id, assessment.sampledOn, assessment.landCover,
                assessment.site.lat, assessment.site.lon, assessment.minimumTop, revision, now, seq,
                flagColumn(assessment.qaFlags),
                assessment.derived.socStock0to30, contentHash, document, assessment.lpdClass, assessment.socMethod, id,
            ])
        try db.run(
            "INSERT INTO revisions (assessment_id, revision, action, recorded_at, recorded_by, reason) VALUES (?, ?, 'revised', ?, ?, ?)",
            [id, revision, now, context.author, reason])
        try deleteIndexRows(id: id, region: row.region, sampledOn: row.sampledOn, indicators: indicators, in: db)
        try insertIndexRows(assessment, id: id, in: db)
        return .revised(
            StoredAssessment(id: id, revision: revision, isRetracted: false, country: row.country, document: document),
            seq: seq)
    }

    /// Retracts an assessment: a state and a revision, never a delete. Returns the change's seq.
    static func retract(
        id: Int64, precondition: RevisionPrecondition?, reason: String, context: WriteContext,
        indicators: Set<String>, in db: PGConnection
    ) throws -> Int64 {
        let now = context.now
        let row = try checked(id: id, precondition: precondition, context: context, in: db)
        let revision = row.revision + 1
        let seq = try appendChange(id: id, kind: "retracted", at: now, in: db)
        try db.run(
            "UPDATE assessments SET status = 'retracted', revision = ?, updated_at = ?, updated_seq = ? WHERE id = ?",
            [revision, now, seq, id])
        try db.run(
            "INSERT INTO revisions (assessment_id, revision, action, recorded_at, recorded_by, reason) VALUES (?, ?, 'retracted', ?, ?, ?)",
            [id, revision, now, context.author, reason])
        try deleteIndexRows(id: id, region: row.region, sampledOn: row.sampledOn, indicators: indicators, in: db)
        return seq
    }

    /// Moves the current representation into its revision row before it is replaced.
    private static func keepSuperseded(id: Int64, document: [UInt8], in db: PGConnection) throws {
        try db.run(
            """
            UPDATE revisions SET document = ?
            WHERE assessment_id = ? AND document IS NULL AND action <> 'retracted'
            """, [document, id])
    }
}

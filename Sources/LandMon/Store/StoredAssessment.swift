import Assessments

/// An assessment as stored: its current representation and the columns that decide answers.
struct StoredAssessment: Sendable {
    let id: Int64
    let revision: Int
    let isRetracted: Bool
    let document: [UInt8]

    /// The strong entity tag of this revision's representation.
    var etag: String { "\"a\(id)-r\(revision)\"" }
}

/// What a create or batch write did to one document.
enum CreateOutcome: Sendable {
    /// Stored as a new assessment; `seq` is its change-feed entry.
    case created(StoredAssessment, seq: Int64)
    /// The identical document was already stored: nothing written.
    case unchanged(StoredAssessment)
    /// The (country, reference) pair exists with other content, or was retracted.
    case conflict(existingID: Int64, isRetracted: Bool)
}

/// What a correction did.
enum ReviseOutcome: Sendable {
    case revised(StoredAssessment, seq: Int64)
    case unchanged(StoredAssessment)
}

/// Why a correction or retraction was refused inside the write transaction.
enum WriteRefusal: Error, Sendable {
    case notFound
    case gone(id: Int64)
    case stale(current: String)
    case forbidden(country: String)
    case identityChanged(field: String)
    case referenceTaken(existingID: Int64)
}

extension Assessment {
    /// Top of the shallowest layer (layers are ordered), stored for the `depth_max` filter.
    var minimumTop: Double { layers.first?.top ?? 0 }
}

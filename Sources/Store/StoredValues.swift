import Assessments

/// An assessment as stored: its current representation and the state that decides answers.
public struct StoredAssessment: Sendable, Equatable {
    public let id: Int64
    public let revision: Int
    public let isRetracted: Bool
    /// The country it belongs to (who may correct or retract it).
    public let country: String
    /// The stored representation (server fields, normalized document, derived values, flags).
    public let document: [UInt8]

    public init(id: Int64, revision: Int, isRetracted: Bool, country: String, document: [UInt8]) {
        self.id = id
        self.revision = revision
        self.isRetracted = isRetracted
        self.country = country
        self.document = document
    }
}

/// One listed assessment: the columns output formats need beside the stored representation.
public struct ListedAssessment: Sendable {
    public let id: Int64
    public let sampledOn: String
    public let lat: Double
    public let lon: Double
    public let document: [UInt8]

    public init(id: Int64, sampledOn: String, lat: Double, lon: Double, document: [UInt8]) {
        self.id = id
        self.sampledOn = sampledOn
        self.lat = lat
        self.lon = lon
        self.document = document
    }
}

/// Where a page ended: the sort key of its last row. The application wraps it in an opaque cursor.
public struct PageKey: Sendable, Equatable {
    /// `sampled_on` of the last row (absent for the submission-order sorts).
    public let sampledOn: String?
    public let id: Int64

    public init(sampledOn: String?, id: Int64) {
        self.sampledOn = sampledOn
        self.id = id
    }
}

/// A page of a list query.
public struct AssessmentPage: Sendable {
    public let items: [ListedAssessment]
    /// Where the next page starts; nil on the last page.
    public let next: PageKey?
    /// The number of matching assessments, when asked for.
    public let total: Int?
}

/// One revision in an assessment's history.
public struct RevisionEntry: Sendable {
    public let revision: Int
    /// `created`, `revised` or `retracted`.
    public let action: String
    public let recordedAt: String
    public let recordedBy: String
    public let reason: String?
    /// The representation of a content revision (created or revised); nil for a retraction.
    public let document: [UInt8]?
}

/// One entry of the change feed.
public struct Change: Sendable, Equatable {
    public let seq: Int64
    public let id: Int64
    /// `created`, `revised` or `retracted`.
    public let kind: String
    public let at: String
}

/// What a create call did to one document.
public enum CreateOutcome: Sendable {
    /// Stored as a new assessment; `seq` is its change-feed entry.
    case created(StoredAssessment, seq: Int64)
    /// The identical document was already stored: nothing written.
    case unchanged(StoredAssessment)

    public var stored: StoredAssessment {
        switch self {
        case .created(let stored, _), .unchanged(let stored): return stored
        }
    }
}

/// What a correction did.
public enum ReviseOutcome: Sendable {
    case revised(StoredAssessment, seq: Int64)
    case unchanged(StoredAssessment)
}

/// Which revisions a correction or retraction may apply to: the client's `If-Match`, read by the
/// application. `any` is `*`.
public enum RevisionPrecondition: Sendable, Equatable {
    case any
    case revisions(Set<Int>)

    public func allows(_ revision: Int) -> Bool {
        switch self {
        case .any: return true
        case .revisions(let set): return set.contains(revision)
        }
    }
}

/// Who writes, when, and under which schema: stamped on every revision.
public struct WriteContext: Sendable {
    /// The key name recorded as submitter or reviser.
    public var author: String
    /// The only country this writer may write; nil for any.
    public var country: String?
    /// RFC 3339 time of the write.
    public var now: String
    /// The catalog version written into documents.
    public var schemaVersion: String

    public init(author: String, country: String?, now: String, schemaVersion: String) {
        self.author = author
        self.country = country
        self.now = now
        self.schemaVersion = schemaVersion
    }

    func mayWrite(_ target: String) -> Bool { country == nil || country == target }
}

/// One document to store: the validated assessment and the hash of its canonical JSON, by which
/// an identical resubmission is recognised.
public struct Submission: Sendable {
    public let assessment: Assessment
    public let contentHash: [UInt8]

    public init(_ assessment: Assessment, contentHash: [UInt8]) {
        self.assessment = assessment
        self.contentHash = contentHash
    }
}

/// A stored first answer to an `Idempotency-Key` request.
public struct IdempotencyAnswer: Sendable, Equatable {
    public let requestHash: [UInt8]
    public let status: Int
    /// Header fields that describe the stored answer, in order.
    public let headers: [Header]
    public let body: [UInt8]

    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(requestHash: [UInt8], status: Int, headers: [Header], body: [UInt8]) {
        self.requestHash = requestHash
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What to keep for an `Idempotency-Key` request, written in the same transaction as its data so
/// that a replay never answers for a write that did not commit.
public struct IdempotencyWrite: Sendable {
    public let keyID: Int64
    public let key: String
    public let requestHash: [UInt8]
    /// Renders the answer to keep from the outcomes, inside the transaction.
    public let answer: @Sendable ([CreateOutcome]) -> IdempotencyAnswer

    public init(
        keyID: Int64, key: String, requestHash: [UInt8],
        answer: @escaping @Sendable ([CreateOutcome]) -> IdempotencyAnswer
    ) {
        self.keyID = keyID
        self.key = key
        self.requestHash = requestHash
        self.answer = answer
    }
}

/// What a key may do (API.md, "Keys and roles").
public enum Role: String, Sendable, CaseIterable {
    case reader, submitter, admin
}

/// A stored API key, never with its secret.
public struct KeyRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let role: Role
    public let country: String?
    public let createdAt: String
    public let revokedAt: String?
    /// SHA-256 of the secret.
    public let hash: [UInt8]
}

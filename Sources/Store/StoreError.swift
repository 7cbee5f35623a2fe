/// Why the store refused or failed a call, in its own words: the application decides what each
/// means to a client (the store knows nothing of HTTP).
public enum StoreError: Error, Sendable, Equatable {
    /// A read ran past its time budget and was interrupted.
    case timeout
    /// The disk is full: nothing was written; reads still work.
    case full
    /// The database is locked by another process longer than the busy timeout.
    case busy
    /// The store is closed (the server is stopping).
    case closed
    /// No assessment with this id.
    case notFound
    /// The assessment was retracted.
    case retracted(id: Int64)
    /// The precondition names another revision than the current one.
    case stale(currentRevision: Int)
    /// The stored assessment belongs to a country the writer may not write.
    case forbidden(country: String)
    /// A correction tried to change a field that identifies the assessment.
    case identityChanged(field: String)
    /// A correction's new reference is taken by another assessment.
    case referenceTaken(existingID: Int64)
    /// Documents whose (country, reference) is taken by other content; nothing was written.
    case conflicts([Conflict])
    /// A key with this name exists.
    case duplicateKeyName
    /// Anything else; the description is for the log, never for a client.
    case failed(String)
}

/// A document of a create call whose (country, reference) is taken, by a stored assessment or by
/// an earlier document of the same call.
public struct Conflict: Sendable, Equatable {
    /// Position of the document in the call.
    public let index: Int
    /// The stored assessment holding the pair; nil when an earlier document of the call holds it.
    public let existingID: Int64?
    /// Whether that assessment was retracted (its reference cannot be reused).
    public let isRetracted: Bool
    /// The position of the earlier document of the same call with this pair.
    public let duplicateOf: Int?

    public init(index: Int, existingID: Int64?, isRetracted: Bool, duplicateOf: Int? = nil) {
        self.index = index
        self.existingID = existingID
        self.isRetracted = isRetracted
        self.duplicateOf = duplicateOf
    }
}

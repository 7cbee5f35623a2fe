import Store

/// The authenticated caller: one API key.
public struct Principal: Sendable, Equatable {
    public let keyID: Int64
    public let name: String
    public let role: Role
    /// The only country a submitter may write; nil for readers and admins.
    public let country: String?

    /// Whether this key may create, correct or retract assessments of `country`.
    func mayWrite(country target: String) -> Bool {
        switch role {
        case .admin: return true
        case .submitter: return country == target
        case .reader: return false
        }
    }

    /// Whether this key may write at all (before the document's country is known).
    var isWriter: Bool { role != .reader }
}

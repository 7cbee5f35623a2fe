import Store
import Testing

// Short descriptions of store values for failure messages: ids and states, not document bytes.

extension StoredAssessment: CustomTestStringConvertible {
    public var testDescription: String {
        "assessment \(id) revision \(revision) \(country)\(isRetracted ? " retracted" : "") (\(document.count) bytes)"
    }
}

extension ListedAssessment: CustomTestStringConvertible {
    public var testDescription: String { "listed \(id) \(sampledOn) at \(lat),\(lon) (\(document.count) bytes)" }
}

extension CreateOutcome: CustomTestStringConvertible {
    public var testDescription: String {
        switch self {
        case .created(let stored, let seq): return "created(\(stored.testDescription), seq \(seq))"
        case .unchanged(let stored): return "unchanged(\(stored.testDescription))"
        }
    }
}

extension ReviseOutcome: CustomTestStringConvertible {
    public var testDescription: String {
        switch self {
        case .revised(let stored, let seq): return "revised(\(stored.testDescription), seq \(seq))"
        case .unchanged(let stored): return "unchanged(\(stored.testDescription))"
        }
    }
}

func brief(_ outcomes: [CreateOutcome]) -> String {
    "[" + outcomes.map(\.testDescription).joined(separator: ", ") + "]"
}

func brief(_ outcome: ReviseOutcome) -> String { outcome.testDescription }

func brief(_ result: Result<[CreateOutcome], StoreError>) -> String {
    switch result {
    case .success(let outcomes): return brief(outcomes)
    case .failure(let error): return "\(error)"
    }
}

func brief(_ result: Result<ReviseOutcome, StoreError>) -> String {
    switch result {
    case .success(let outcome): return brief(outcome)
    case .failure(let error): return "\(error)"
    }
}

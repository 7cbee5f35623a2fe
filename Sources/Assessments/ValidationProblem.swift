import Messages

/// The error codes of SCHEMA.md; `rawValue` is the code string clients see.
public enum ProblemCode: String, Sendable, Equatable, CaseIterable {
    case required
    case type
    case unknownField = "unknown_field"
    case format
    case outOfRange = "out_of_range"
    case notInCatalog = "not_in_catalog"
    case unitNotAccepted = "unit_not_accepted"
    case methodNotAccepted = "method_not_accepted"
    case duplicate
    case overlap
    case inconsistent
    case futureDate = "future_date"
    case outsideCountry = "outside_country"
    case regionMismatch = "region_mismatch"
}

/// One thing wrong with a submission: where (JSON Pointer), which rule, and what to tell the
/// client, as a message key with arguments that the message catalog puts in the client's language.
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    /// RFC 6901 JSON Pointer into the submitted document (`""` is the whole document).
    public var path: String
    /// The rule broken.
    public var code: ProblemCode
    /// The field, the rule and the value given: a `validation.*` key of `Config/messages` and its
    /// arguments (numbers as JSON writes them; arguments named `unit` or `*_unit` are unit codes).
    public var message: Message

    /// Makes a problem.
    public init(path: String, code: ProblemCode, message: Message) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// The same problem inside element `index` of a batch (`/17/layers/0/...`).
    public func prefixed(byIndex index: Int) -> ValidationProblem {
        ValidationProblem(path: "/\(index)" + path, code: code, message: message)
    }

    /// `path: code: key {arguments}`: for logs and test failures, never for clients.
    public var description: String { "\(path): \(code.rawValue): \(message.description)" }

    /// Appends `{"path":...,"code":...,"message":...}` to `buffer`, the message in `language`.
    public func appendJSON(to buffer: inout [UInt8], catalog: MessageCatalog, language: Language) {
        buffer.append(contentsOf: #"{"path":"#.utf8)
        JSONWriter.appendString(path, to: &buffer)
        buffer.append(contentsOf: #","code":"#.utf8)
        JSONWriter.appendString(code.rawValue, to: &buffer)
        buffer.append(contentsOf: #","message":"#.utf8)
        JSONWriter.appendString(catalog.text(message, in: language), to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }
}

/// Every problem found in one submission (never only the first); the app answers `422`.
public struct ValidationFailure: Error, Sendable, Equatable {
    /// The problems, in document order.
    public var problems: [ValidationProblem]

    /// Makes a failure.
    public init(problems: [ValidationProblem]) {
        self.problems = problems
    }
}

/// The outcome of validating raw bytes: unreadable JSON (`400`), invalid (`422`) or valid.
public enum ValidationResult: Sendable {
    /// The normalized assessment.
    case valid(Assessment)
    /// Every rule broken.
    case invalid(ValidationFailure)
    /// Not one unambiguous JSON document (syntax, duplicate key, limits).
    case malformed(JSONError)
}

/// Escapes one reference token of a JSON Pointer (RFC 6901 section 3: `~` as `~0`, `/` as `~1`).
func pointerToken(_ key: String) -> String {
    guard key.contains("~") || key.contains("/") else { return key }
    return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

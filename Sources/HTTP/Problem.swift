import JSONString

/// An RFC 9457 problem document, thrown by handlers or returned via `Response.problem`.
///
/// Rendered as `application/problem+json` by the server, which adds `request_id`.
public struct Problem: Error, Sendable {
    /// One entry of `errors`: where in the submitted document, a stable code, a message.
    public struct FieldError: Sendable, Equatable {
        public var path: String
        public var code: String
        public var message: String

        public init(path: String, code: String, message: String) {
            self.path = path
            self.code = code
            self.message = message
        }
    }

    public var status: Status
    /// A URI reference naming the problem type.
    public var type: String
    public var title: String
    public var detail: String?
    /// Validation failures; rendered as `errors` when not empty.
    public var errors: [FieldError]
    /// Further members, each value already encoded as JSON (e.g. `("offset", Array("17".utf8))`).
    public var extra: [(name: String, json: [UInt8])]
    /// Fields sent with the problem (Allow, Retry-After, WWW-Authenticate...).
    public var headers: Headers
    /// A key of the application's message catalog for `title` and `detail` in other languages
    /// (`http.not_found`); the English texts above stand when nothing rewrites them.
    public var messageKey: String?
    /// Values of the message's placeholders.
    public var messageArguments: [String: String]

    public init(
        status: Status, type: String = "about:blank", title: String? = nil, detail: String? = nil,
        errors: [FieldError] = [], extra: [(name: String, json: [UInt8])] = [], headers: Headers = Headers(),
        messageKey: String? = nil, messageArguments: [String: String] = [:]
    ) {
        self.messageKey = messageKey
        self.messageArguments = messageArguments
        self.status = status
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.extra = extra
        self.headers = headers
    }

    /// The JSON document, with `request_id` when given.
    public func encoded(requestID: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out.append(contentsOf: #"{"type":"#.utf8)
        JSONString.append(type, to: &out)
        out.append(contentsOf: #","title":"#.utf8)
        JSONString.append(title, to: &out)
        out.append(contentsOf: #","status":"#.utf8)
        out.append(contentsOf: String(status.code).utf8)
        if let detail {
            out.append(contentsOf: #","detail":"#.utf8)
            JSONString.append(detail, to: &out)
        }
        if let requestID {
            out.append(contentsOf: #","request_id":"#.utf8)
            JSONString.append(requestID, to: &out)
        }
        if !errors.isEmpty {
            out.append(contentsOf: #","errors":["#.utf8)
            for (i, error) in errors.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #"{"path":"#.utf8)
                JSONString.append(error.path, to: &out)
                out.append(contentsOf: #","code":"#.utf8)
                JSONString.append(error.code, to: &out)
                out.append(contentsOf: #","message":"#.utf8)
                JSONString.append(error.message, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        for member in extra {
            out.append(UInt8(ascii: ","))
            JSONString.append(member.name, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: member.json)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

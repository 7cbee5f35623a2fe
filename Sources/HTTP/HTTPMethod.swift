/// An HTTP request method token (RFC 9110 section 9).
///
/// Any syntactically valid token is representable so that the server can answer `501` for
/// tokens that are no HTTP method at all and `405` for real methods a route does not allow.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let trace = HTTPMethod(rawValue: "TRACE")
    public static let connect = HTTPMethod(rawValue: "CONNECT")

    /// The methods of RFC 9110 plus PATCH (RFC 5789), in the order `Allow` lists them.
    public static let known: [HTTPMethod] = [.get, .head, .post, .put, .delete, .options, .patch, .trace, .connect]

    /// Every method of the IANA HTTP Method Registry, and QUERY (the IETF's safe method with a
    /// body): a real method that a route lacks is `405` with `Allow`, not `501`.
    public static let registered: Set<String> = [
        "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD",
        "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE",
        "MOVE", "OPTIONS", "ORDERPATCH", "PATCH", "POST", "PRI", "PROPFIND", "PROPPATCH", "PUT", "QUERY", "REBIND",
        "REPORT", "SEARCH", "TRACE", "UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF",
        "VERSION-CONTROL",
    ]

    /// Whether this is an HTTP method at all (any other token is answered `501`).
    public var isKnown: Bool { HTTPMethod.registered.contains(rawValue) }

    public var description: String { rawValue }

    /// Makes a method from the request line's bytes, sharing the constants for common ones.
    static func make(_ bytes: ArraySlice<UInt8>) -> HTTPMethod {
        let i = bytes.startIndex
        switch bytes.count {
        case 3 where bytes[i] == 0x47 && bytes[i + 1] == 0x45 && bytes[i + 2] == 0x54: return .get
        case 3 where bytes[i] == 0x50 && bytes[i + 1] == 0x55 && bytes[i + 2] == 0x54: return .put
        case 4 where bytes[i] == 0x50 && bytes[i + 1] == 0x4F && bytes[i + 2] == 0x53 && bytes[i + 3] == 0x54:
            return .post
        case 4 where bytes[i] == 0x48 && bytes[i + 1] == 0x45 && bytes[i + 2] == 0x41 && bytes[i + 3] == 0x44:
            return .head
        default: return HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// The protocol version of a request line (RFC 9112 section 2.3).
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http10 = HTTPVersion(major: 1, minor: 0)
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

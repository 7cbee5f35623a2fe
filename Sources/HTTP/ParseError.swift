/// Why the parser refused a request; each case maps to the status the server answers with.
///
/// Every refusal closes the connection: once framing is in doubt, the next byte's meaning is
/// unknown, and guessing is how request smuggling starts.
public enum ParseError: Error, Sendable, Equatable {
    /// Bytes that are no request line (a TLS hello, binary garbage, a malformed line).
    case badRequestLine
    /// A request line longer than the limit (`414`).
    case requestLineTooLong
    /// A version other than HTTP/1.0 or HTTP/1.1 (`505`).
    case unsupportedVersion
    /// A malformed header field: no colon, whitespace before the colon, a control character.
    case badHeaderField
    /// A header line starting with whitespace (obs-fold, RFC 9112 section 5.2).
    case obsoleteLineFolding
    /// A CR not followed by LF (RFC 9112 section 2.2).
    case bareCarriageReturn
    /// A header block over the byte or field-count limit (`431`).
    case headerTooLarge
    /// HTTP/1.1 without exactly one Host, or HTTP/1.0 with several (RFC 9112 section 3.2).
    case badHost
    /// Content-Length together with Transfer-Encoding (RFC 9112 section 6.3).
    case contentLengthWithTransferEncoding
    /// A Content-Length that is not a number, or several that differ (RFC 9112 section 6.3).
    case badContentLength
    /// A transfer coding list whose last coding is not chunked, or chunked twice (section 6.3).
    case badTransferEncoding
    /// A transfer coding the server does not implement (`501`, RFC 9112 section 6.1).
    case unsupportedTransferCoding
    /// A malformed chunk size, extension or chunk terminator (RFC 9112 section 7.1).
    case badChunk

    /// The status code the server answers with before closing.
    public var statusCode: Int {
        switch self {
        case .requestLineTooLong: return 414
        case .unsupportedVersion: return 505
        case .headerTooLarge: return 431
        case .unsupportedTransferCoding: return 501
        default: return 400
        }
    }
}

/// Limits the parser enforces while it reads, before anything is buffered past them.
public struct ParserLimits: Sendable {
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderFields: Int

    public init(maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 32768, maxHeaderFields: Int = 100) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderFields = maxHeaderFields
    }
}

/// How a request's body is delimited (RFC 9112 section 6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
}

/// A parsed request head: request line, fields and what they imply for framing.
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var version: HTTPVersion
    public var headers: Headers
    public var framing: BodyFraming
    /// Whether the connection stays open after the answer (RFC 9112 section 9.3).
    public var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body (RFC 9110 10.1.1).
    public var expectsContinue: Bool
}

/// What the parser produces, in order: a head, zero or more body pieces, then the end.
public enum ParseEvent: Sendable {
    case head(RequestHead)
    case body([UInt8])
    case end
}

extension ParseError {
    /// A stable snake_case name of the error, for message keys (`http.bad_request_line`).
    public var code: String {
        switch self {
        case .badRequestLine: return "bad_request_line"
        case .requestLineTooLong: return "request_line_too_long"
        case .unsupportedVersion: return "unsupported_version"
        case .badHeaderField: return "bad_header_field"
        case .obsoleteLineFolding: return "obsolete_line_folding"
        case .bareCarriageReturn: return "bare_carriage_return"
        case .headerTooLarge: return "header_too_large"
        case .badHost: return "bad_host"
        case .contentLengthWithTransferEncoding: return "content_length_with_transfer_encoding"
        case .badContentLength: return "bad_content_length"
        case .badTransferEncoding: return "bad_transfer_encoding"
        case .unsupportedTransferCoding: return "unsupported_transfer_coding"
        case .badChunk: return "bad_chunk"
        }
    }
}

/// Request line and field parsing, and the framing rules of RFC 9112 section 6.
extension RequestParser {
    /// tchar (RFC 9110 section 5.6.2) lookup: field names and methods are tokens.
    static let tokenTable: [Bool] = (0..<256).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(b))
        }
    }

    static func isToken(_ b: UInt8) -> Bool { tokenTable[Int(b)] }

    /// Parses a complete head: request line in `[readIndex, requestLineEnd)`, fields up to `headEnd`.
    func parseHead(requestLineEnd: Int, headEnd: Int) throws(ParseError) -> RequestHead {
        let lineEnd =
            requestLineEnd > readIndex && buffer[requestLineEnd - 1] == 0x0D ? requestLineEnd - 1 : requestLineEnd
        var head = try parseRequestLine(readIndex, lineEnd)
        var hostCount = 0
        var contentLength: Int?
        var transferEncodings: [String] = []
        var connectionValues: [String] = []
        var lineStart = requestLineEnd + 1
        head.headers.fields.reserveCapacity(8)
        while lineStart < headEnd {
            var lf = lineStart
            while buffer[lf] != 0x0A { lf += 1 }
            var end = lf
            if end > lineStart && buffer[end - 1] == 0x0D { end -= 1 }
            let (name, value) = try parseField(lineStart, end)
            lineStart = lf + 1
            switch name.utf8.count {
            case 4 where Headers.equalNames(name, "host"):
                hostCount += 1
            case 14 where Headers.equalNames(name, "content-length"):
                // RFC 9112 section 6.3 (5) and RFC 9110 section 8.6: a list of identical
                // values may be taken as one; differing or invalid values are unrecoverable.
                for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let n = Self.parseDecimal(part.trimmingOWS()) else { throw .badContentLength }
                    if let existing = contentLength, existing != n { throw .badContentLength }
                    contentLength = n
                }
            case 17 where Headers.equalNames(name, "transfer-encoding"):
                for part in value.split(separator: ",") {
                    let coding = part.trimmingOWS()
                    if !coding.isEmpty { transferEncodings.append(coding) }
                }
            case 10 where Headers.equalNames(name, "connection"):
                connectionValues.append(value)
            case 6 where Headers.equalNames(name, "expect"):
                if Headers.equalNames(value, "100-continue") { head.expectsContinue = true }
            default:
                break
            }
            head.headers.fields.append((name: name, value: value))
        }
        // RFC 9112 section 3.2: a server MUST respond 400 to an HTTP/1.1 request that lacks a
        // Host field and to any request with more than one.
        if hostCount > 1 || (hostCount == 0 && head.version == .http11) { throw .badHost }
        head.framing = try framing(
            contentLength: contentLength, transferEncodings: transferEncodings, version: head.version)
        // RFC 9112 section 9.3: 1.1 persists unless "close"; 1.0 only with "keep-alive".
        let close = connectionValues.contains { Headers.listContains($0, "close") }
        let keepAlive = connectionValues.contains { Headers.listContains($0, "keep-alive") }
        head.keepAlive = head.version == .http11 ? !close : (keepAlive && !close)
        if head.version != .http11 { head.expectsContinue = false }
        return head
    }

    /// Decides body framing from the fields (RFC 9112 section 6.3, in its order).
    func framing(contentLength: Int?, transferEncodings: [String], version: HTTPVersion) throws(ParseError)
        -> BodyFraming
    {
        if !transferEncodings.isEmpty {
            // Section 6.3 (3): both present is a smuggling attempt until proven otherwise;
            // the server MAY reject it and MUST then close.
            if contentLength != nil { throw .contentLengthWithTransferEncoding }
            // Section 6.1: Transfer-Encoding in an HTTP/1.0 request means faulty framing.
            if version != .http11 { throw .badTransferEncoding }
            // Section 6.3 (4): chunked must be the final coding; section 7: applied once.
            guard Headers.equalNames(transferEncodings.last!, "chunked") else { throw .badTransferEncoding }
            let others = transferEncodings.dropLast()
            if others.contains(where: { Headers.equalNames($0, "chunked") }) { throw .badTransferEncoding }
            // Section 6.1: a coding the server does not understand is answered 501.
            if !others.isEmpty { throw .unsupportedTransferCoding }
            return .chunked
        }
        // Section 6.3 (5) and (7): a valid Content-Length, else no body for a request.
        if let n = contentLength { return n == 0 ? .none : .length(n) }
        return .none
    }

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 section 3).
    func parseRequestLine(_ start: Int, _ end: Int) throws(ParseError) -> RequestHead {
        var i = start
        while i < end && Self.isToken(buffer[i]) { i += 1 }
        guard i > start, i < end, buffer[i] == 0x20 else { throw .badRequestLine }
        let method = HTTPMethod.make(buffer[start..<i])
        let targetStart = i + 1
        i = targetStart
        // Section 3.2: request-target is visible ASCII; exactly one SP separates the parts.
        while i < end && buffer[i] > 0x20 && buffer[i] < 0x7F { i += 1 }
        guard i > targetStart, i < end, buffer[i] == 0x20 else { throw .badRequestLine }
        let target = String(decoding: buffer[targetStart..<i], as: UTF8.self)
        let version = try parseVersion(i + 1, end)
        // Section 3.2: origin-form for most; asterisk-form only for OPTIONS; authority-form
        // only for CONNECT; absolute-form accepted from anyone (section 3.2.2).
        let first = buffer[targetStart]
        if first != UInt8(ascii: "/") {
            if target == "*" {
                guard method == .options else { throw .badRequestLine }
            } else if method != .connect && !(target.hasPrefix("http://") || target.hasPrefix("https://")) {
                throw .badRequestLine
            }
        }
        return RequestHead(
            method: method, target: target, version: version, headers: Headers(),
            framing: .none, keepAlive: true, expectsContinue: false)
    }

    /// Parses `HTTP/DIGIT.DIGIT` (RFC 9112 section 2.3); only 1.0 and 1.1 are served.
    func parseVersion(_ start: Int, _ end: Int) throws(ParseError) -> HTTPVersion {
        guard end - start == 8,
            buffer[start] == 0x48, buffer[start + 1] == 0x54, buffer[start + 2] == 0x54,
            buffer[start + 3] == 0x50, buffer[start + 4] == 0x2F,
            buffer[start + 6] == UInt8(ascii: "."),
            let major = Self.digit(buffer[start + 5]), let minor = Self.digit(buffer[start + 7])
        else { throw .badRequestLine }
        guard major == 1, minor <= 1 else { throw .unsupportedVersion }
        return minor == 1 ? .http11 : .http10
    }

    static func digit(_ b: UInt8) -> Int? { b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil }

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 section 5).
    func parseField(_ start: Int, _ end: Int) throws(ParseError) -> (String, String) {
        // Section 5.2: obs-fold (a line starting with SP or HTAB) MUST be rejected in requests.
        if buffer[start] == 0x20 || buffer[start] == 0x09 { throw .obsoleteLineFolding }
        var i = start
        while i < end && Self.isToken(buffer[i]) { i += 1 }
        // Section 5.1: no whitespace between field name and colon; 400 for it.
        guard i > start, i < end, buffer[i] == UInt8(ascii: ":") else {
            if i < end && buffer[i] == 0x0D { throw .bareCarriageReturn }
            throw .badHeaderField
        }
        let name = String(decoding: buffer[start..<i], as: UTF8.self)
        var valueStart = i + 1
        var valueEnd = end
        while valueStart < valueEnd && (buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09) { valueStart += 1 }
        while valueEnd > valueStart && (buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09) { valueEnd -= 1 }
        // Section 5.5: field values hold no CTL but HTAB; section 2.2: a bare CR is refused.
        var j = valueStart
        while j < valueEnd {
            let b = buffer[j]
            if b < 0x20 && b != 0x09 || b == 0x7F { throw b == 0x0D ? .bareCarriageReturn : .badHeaderField }
            j += 1
        }
        return (name, String(decoding: buffer[valueStart..<valueEnd], as: UTF8.self))
    }

    /// A non-negative decimal without sign or overflow, else nil.
    static func parseDecimal(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 18 else { return nil }
        var n = 0
        for b in s.utf8 {
            guard let d = digit(b) else { return nil }
            n = n * 10 + d
        }
        return n
    }
}

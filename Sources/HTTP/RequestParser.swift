import Foundation

/// An incremental HTTP/1.1 request parser (RFC 9112): bytes in, events or a typed error out.
///
/// Pure: no I/O, no clock, nothing but the standard library and Foundation, so that the
/// fuzzer can compile it alone. Feed bytes with `append`, then call `next` until it returns
/// nil (more bytes needed). Limits are enforced while scanning, so a hostile client never
/// makes it buffer more than the limits allow for a head.
public struct RequestParser {
    enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
        case end
    }

    let limits: ParserLimits
    var buffer: [UInt8] = []
    var readIndex = 0
    var state = State.head
    /// Where the LF search resumes, so a head trickled in byte by byte is scanned once.
    var scanIndex = 0
    /// End of the request line (index of its LF), once seen.
    var requestLineEnd: Int?
    var lineStart = 0
    var fieldLines = 0

    public init(limits: ParserLimits = ParserLimits()) { self.limits = limits }

    /// Bytes received but not yet consumed by an event.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Whether the parser sits between messages (nothing of a next request consumed yet).
    public var isAtMessageStart: Bool {
        if case .head = state { return requestLineEnd == nil && scanIndex == readIndex }
        return false
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: [UInt8]) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    private mutating func compact() {
        if readIndex == 0 { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if readIndex >= 4096 {
            buffer.removeFirst(readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        lineStart -= readIndex
        if let end = requestLineEnd { requestLineEnd = end - readIndex }
        readIndex = 0
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func next() throws(ParseError) -> ParseEvent? {
        switch state {
        case .head:
            guard let head = try scanHead() else { return nil }
            switch head.framing {
            case .none: state = .end
            case .length(let n): state = n == 0 ? .end : .fixedBody(remaining: n)
            case .chunked: state = .chunkSize
            }
            return .head(head)
        case .fixedBody(let remaining):
            let available = buffer.count - readIndex
            if available == 0 { return nil }
            let take = min(available, remaining)
            let piece = Array(buffer[readIndex..<readIndex + take])
            readIndex += take
            state = take == remaining ? .end : .fixedBody(remaining: remaining - take)
            return .body(piece)
        case .end:
            state = .head
            resetHeadScan()
            return .end
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            return try nextChunked()
        }
    }

    mutating func resetHeadScan() {
        scanIndex = readIndex
        lineStart = readIndex
        requestLineEnd = nil
        fieldLines = 0
    }

    /// Index of the next LF at or after `from`, if buffered.
    func indexOfLF(from: Int) -> Int? {
        if from >= buffer.count { return nil }
        return buffer.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress,
                let hit = memchr(base + from, 0x0A, p.count - from)
            else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// Finds the end of the head, enforcing limits as bytes arrive; parses it once complete.
    mutating func scanHead() throws(ParseError) -> RequestHead? {
        // RFC 9112 section 2.2: a server SHOULD ignore at least one empty line (CRLF)
        // received before the request-line.
        if requestLineEnd == nil && scanIndex == readIndex {
            while readIndex < buffer.count {
                if buffer[readIndex] == 0x0A {
                    readIndex += 1
                } else if buffer[readIndex] == 0x0D {
                    guard readIndex + 1 < buffer.count else { return nil }
                    guard buffer[readIndex + 1] == 0x0A else { throw .bareCarriageReturn }
                    readIndex += 2
                } else {
                    break
                }
            }
            scanIndex = readIndex
            lineStart = readIndex
        }
        while true {
            guard let lf = indexOfLF(from: scanIndex) else {
                try checkPartialLine(upTo: buffer.count)
                scanIndex = buffer.count
                return nil
            }
            try checkPartialLine(upTo: lf)
            scanIndex = lf + 1
            if requestLineEnd == nil {
                requestLineEnd = lf
                lineStart = lf + 1
                continue
            }
            let isEmptyLine = lf == lineStart || (lf == lineStart + 1 && buffer[lineStart] == 0x0D)
            if isEmptyLine {
                let head = try parseHead(requestLineEnd: requestLineEnd!, headEnd: lineStart)
                readIndex = lf + 1
                return head
            }
            fieldLines += 1
            // RFC 9112 section 5 leaves the field limit to the server; refuse it early.
            if fieldLines > limits.maxHeaderFields { throw .headerTooLarge }
            lineStart = lf + 1
        }
    }

    /// Checks limits and request-line bytes on the part of the head scanned so far.
    private func checkPartialLine(upTo end: Int) throws(ParseError) {
        if let requestEnd = requestLineEnd {
            if end - requestEnd > limits.maxHeaderBytes { throw .headerTooLarge }
            return
        }
        // A request line holds only visible ASCII and SP (RFC 9112 section 3): anything else
        // (a TLS hello starts with 0x16) is refused at once instead of waiting for a LF.
        var i = scanIndex
        while i < end {
            let b = buffer[i]
            if b < 0x20 || b >= 0x7F {
                if !(b == 0x0D && (i + 1 == buffer.count || buffer[i + 1] == 0x0A)) { throw .badRequestLine }
            }
            i += 1
        }
        if end - readIndex > limits.maxRequestLineBytes { throw .requestLineTooLong }
    }
}

/// The chunked transfer coding (RFC 9112 section 7.1).
extension RequestParser {
    /// Longest chunk-size line (size plus extensions) accepted; extensions are ignored.
    static let maxChunkLineBytes = 4096

    mutating func nextChunked() throws(ParseError) -> ParseEvent? {
        while true {
            switch state {
            case .chunkSize:
                guard let lf = indexOfLF(from: readIndex) else {
                    if buffer.count - readIndex > Self.maxChunkLineBytes { throw .badChunk }
                    return nil
                }
                if lf - readIndex > Self.maxChunkLineBytes { throw .badChunk }
                let size = try parseChunkSize(readIndex, lf)
                readIndex = lf + 1
                // Section 7.1: last-chunk is a zero size; a trailer section follows.
                state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = buffer.count - readIndex
                if available == 0 { return nil }
                let take = min(available, remaining)
                let piece = Array(buffer[readIndex..<readIndex + take])
                readIndex += take
                state = take == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - take)
                return .body(piece)
            case .chunkDataEnd:
                // Section 7.1: chunk-data is followed by CRLF, nothing else.
                guard readIndex < buffer.count else { return nil }
                if buffer[readIndex] == 0x0A {
                    readIndex += 1
                } else {
                    guard buffer[readIndex] == 0x0D else { throw .badChunk }
                    guard readIndex + 1 < buffer.count else { return nil }
                    guard buffer[readIndex + 1] == 0x0A else { throw .badChunk }
                    readIndex += 2
                }
                state = .chunkSize
            case .trailers(let seen):
                // Section 7.1.2: trailer fields are read and discarded (never merged into the
                // header section), bounded like the header block.
                guard let lf = indexOfLF(from: readIndex) else {
                    if seen + buffer.count - readIndex > limits.maxHeaderBytes { throw .headerTooLarge }
                    return nil
                }
                let lineBytes = lf + 1 - readIndex
                if seen + lineBytes > limits.maxHeaderBytes { throw .headerTooLarge }
                let end = lf > readIndex && buffer[lf - 1] == 0x0D ? lf - 1 : lf
                if end == readIndex {
                    readIndex = lf + 1
                    state = .head
                    resetHeadScan()
                    return .end
                }
                _ = try parseField(readIndex, end)
                readIndex = lf + 1
                state = .trailers(bytes: seen + lineBytes)
            default:
                return nil
            }
        }
    }

    /// Parses `chunk-size [ chunk-ext ] CRLF` in `[start, lf)` (RFC 9112 section 7.1, 7.1.1).
    func parseChunkSize(_ start: Int, _ lf: Int) throws(ParseError) -> Int {
        var end = lf
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        var i = start
        var size = 0
        while i < end, let d = Self.hexDigit(buffer[i]) {
            // 15 hex digits fit an Int; more is an overflow attempt.
            guard i - start < 15 else { throw .badChunk }
            size = size << 4 | d
            i += 1
        }
        guard i > start else { throw .badChunk }
        // Section 7.1.1: chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] );
        // extensions are ignored but must not smuggle control characters.
        if i < end {
            var j = i
            while j < end && (buffer[j] == 0x20 || buffer[j] == 0x09) { j += 1 }
            guard j < end, buffer[j] == UInt8(ascii: ";") else { throw .badChunk }
            while j < end {
                let b = buffer[j]
                if b < 0x20 && b != 0x09 || b == 0x7F { throw .badChunk }
                j += 1
            }
        }
        return size
    }

    static func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }
}

// libFuzzer entry for the request parser: feeds the input in two pieces (split at a point
// taken from the first byte) and drains every event; any crash or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var parser = RequestParser(limits: ParserLimits(maxRequestLineBytes: 512, maxHeaderBytes: 2048, maxHeaderFields: 20))
    for piece in [bytes[..<split], bytes[split...]] {
        parser.append(Array(piece))
        do {
            while let event = try parser.next() {
                if case .head(let head) = event {
                    _ = QueryItems(parsing: Substring(head.target))
                    _ = PercentDecoding.decode(Substring(head.target).utf8[...], plusIsSpace: false)
                    _ = head.headers["host"]
                }
            }
        } catch {
            _ = error.statusCode
            return 0
        }
    }
    return 0
}

import Foundation
import JSONString

#if canImport(Glibc)
    import Glibc
#endif

/// What the server knows of one answered request, for the access log and metrics.
public struct AccessRecord: Sendable {
    /// Seconds since 1970 when the request's head was complete.
    public var time: Double
    public var requestID: String
    public var method: String
    public var path: String
    /// The matched route's label (pattern or name), nil when no route matched.
    public var route: String?
    public var status: Int
    /// Body bytes sent.
    public var bytes: Int
    /// Seconds from the head's end to the last byte handed to the socket.
    public var duration: Double
    public var remoteAddress: String
    public var logFields: [String: String]

    /// The default log: one JSON line per record on standard output, written in batches.
    public static let writeJSONLine: @Sendable (AccessRecord) -> Void = { record in
        AccessLogBuffer.standardOutput.append(record)
    }

    /// The record as one JSON line (newline-terminated).
    public func jsonLine() -> [UInt8] {
        var out: [UInt8] = []
        appendJSONLine(to: &out, secondPrefix: Array(AccessRecord.iso8601(time).utf8.prefix(20)))
        return out
    }

    /// Appends the JSON line; `secondPrefix` is `iso8601(time)` up to the seconds' dot,
    /// cached by the caller because formatting a date costs more than the rest of the line.
    func appendJSONLine(to out: inout [UInt8], secondPrefix: [UInt8]) {
        out.append(contentsOf: #"{"time":""#.utf8)
        out.append(contentsOf: secondPrefix)
        let millis = min(999, max(0, Int((time - time.rounded(.down)) * 1000)))
        appendPadded(millis, width: 3, to: &out)
        out.append(contentsOf: #"Z","request_id":"#.utf8)
        JSONString.append(requestID, to: &out)
        out.append(contentsOf: #","method":"#.utf8)
        JSONString.append(method, to: &out)
        out.append(contentsOf: #","path":"#.utf8)
        JSONString.append(path, to: &out)
        out.append(contentsOf: #","route":"#.utf8)
        if let route { JSONString.append(route, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","status":"#.utf8)
        appendPadded(status, width: 1, to: &out)
        out.append(contentsOf: #","bytes":"#.utf8)
        appendPadded(bytes, width: 1, to: &out)
        out.append(contentsOf: #","duration_ms":"#.utf8)
        let micros = Int((duration * 1_000_000).rounded())
        appendPadded(micros / 1000, width: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(micros % 1000, width: 3, to: &out)
        out.append(contentsOf: #","remote":"#.utf8)
        JSONString.append(remoteAddress, to: &out)
        if !logFields.isEmpty {
            for (name, value) in logFields.sorted(by: { $0.key < $1.key }) {
                out.append(UInt8(ascii: ","))
                JSONString.append(name, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONString.append(value, to: &out)
            }
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// Appends a non-negative integer in decimal, zero-padded to `width` digits.
    private func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = max(0, value)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0 && count < 20
            for _ in count..<max(count, width) { out.append(48) }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// `2026-01-02T03:04:05.678Z` without DateFormatter (which is slow and not Sendable).
    static func iso8601(_ time: Double) -> String {
        var seconds = time_t(time)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((time - Double(seconds)) * 1000)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}

@preconcurrency import Dispatch
import Foundation
import Locking

#if canImport(Glibc)
    import Glibc
#endif

/// Buffers access-log lines and writes them to a descriptor in large writes.
///
/// A write(2) per request cost about a third of a small request's CPU; lines are instead
/// flushed when 64 KiB accumulate, every 100 ms, and at server shutdown.
public final class AccessLogBuffer: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var second = -1
        var secondPrefix: [UInt8] = []
        var timer: DispatchSourceTimer?
    }

    /// The default log's destination: standard output.
    public static let standardOutput = AccessLogBuffer(fd: 1)

    private let fd: Int32
    private let state = Locked(State())
    private static let flushBytes = 65536

    /// A buffer writing to `fd` (not closed by the buffer).
    public init(fd: Int32) { self.fd = fd }

    /// Appends one record as a JSON line.
    public func append(_ record: AccessRecord) {
        let full = state.withLock { s -> [UInt8]? in
            let second = Int(record.time)
            if second != s.second {
                s.second = second
                s.secondPrefix = Array(AccessRecord.iso8601(Double(second)).utf8.prefix(20))
            }
            record.appendJSONLine(to: &s.pending, secondPrefix: s.secondPrefix)
            if s.timer == nil { s.timer = startTimer() }
            guard s.pending.count >= AccessLogBuffer.flushBytes else { return nil }
            defer { s.pending.removeAll(keepingCapacity: true) }
            return s.pending
        }
        if let full { write(full) }
    }

    /// Writes whatever is buffered.
    public func flush() {
        let bytes = state.withLock { s -> [UInt8] in
            defer { s.pending.removeAll(keepingCapacity: true) }
            return s.pending
        }
        if !bytes.isEmpty { write(bytes) }
    }

    private func startTimer() -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
        return timer
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

@preconcurrency import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One serial socket queue and the connections it owns, with one periodic timeout sweep.
///
/// Every mutable property is touched only on `queue`; that confinement is why the type can
/// be `@unchecked Sendable` (other threads reach it only through `queue.async`).
final class EventLoop: @unchecked Sendable {
    let queue: DispatchQueue
    let server: ServerCore
    private(set) var connections: [ObjectIdentifier: Connection] = [:]
    private var sweepTimer: DispatchSourceTimer?
    /// One read buffer shared by the loop's connections (only one reads at a time).
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    private var dateSecond = -1
    private(set) var dateLine: [UInt8] = []
    private var randomState: UInt64
    var isShuttingDown = false

    init(index: Int, server: ServerCore) {
        self.queue = DispatchQueue(label: "landmon.http.loop\(index)")
        self.server = server
        self.randomState = UInt64.random(in: 1...UInt64.max)
    }

    deinit { readBuffer.deallocate() }

    /// Starts the sweep; its period is a fraction of the shortest timeout, at most 1 s.
    func start() {
        let c = server.configuration
        let shortest = min(c.headerTimeout, c.bodyTimeout, c.idleTimeout, c.writeTimeout)
        let period = max(0.01, min(1, shortest / 4))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(Int(period * 100)))
        timer.setEventHandler { [unowned self] in self.sweep() }
        timer.resume()
        sweepTimer = timer
    }

    func stop() {
        sweepTimer?.cancel()
        sweepTimer = nil
    }

    /// Takes ownership of an accepted socket.
    func adopt(fd: Int32, remote: String) {
        let connection = Connection(fd: fd, remoteAddress: remote, loop: self)
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
    }

    /// Forgets a closed connection.
    func remove(_ connection: Connection) {
        connections[ObjectIdentifier(connection)] = nil
    }

    /// Cuts connections whose deadline passed: slow heads, stalled bodies, idle, slow readers.
    func sweep() {
        let now = DispatchTime.now().uptimeNanoseconds
        for connection in connections.values where connection.deadline != 0 && connection.deadline <= now {
            connection.timedOut()
        }
    }

    /// Stops keep-alive: idle connections close now, busy ones after their answer.
    func beginShutdown() {
        isShuttingDown = true
        for connection in connections.values { connection.shutdownIfIdle() }
    }

    /// Closes everything still open (the shutdown deadline passed).
    func closeAll() {
        for connection in connections.values { connection.close() }
    }

    /// The `Date` field line, formatted once per second (RFC 9110 section 5.6.7 IMF-fixdate).
    func dateFieldLine() -> [UInt8] {
        var now = time(nil)
        if Int(now) != dateSecond {
            dateSecond = Int(now)
            var parts = tm()
            gmtime_r(&now, &parts)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let text =
                "Date: \(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT\r\n"
            dateLine = Array(text.utf8)
        }
        return dateLine
    }

    /// A fresh request id: 16 hex digits from a per-loop splitmix64 (unique, not secret).
    func makeRequestID() -> String {
        randomState &+= 0x9E37_79B9_7F4A_7C15
        var z = randomState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let hex = String(z, radix: 16)
        return hex.count == 16 ? hex : String(repeating: "0", count: 16 - hex.count) + hex
    }
}

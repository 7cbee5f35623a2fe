@preconcurrency import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One client connection: reads and parses requests, hands them to the responder, writes
/// answers in order, and enforces timeouts through its loop's sweep.
///
/// All state is touched only on `loop.queue` (sources, sweep and completions are delivered
/// there), which is why `@unchecked Sendable` is safe.
final class Connection: @unchecked Sendable {
    enum Phase {
        /// Between requests: idle, or a head partly received.
        case waiting
        /// A head was parsed; its body is being read.
        case readingBody
        /// The responder has the request.
        case handling
        /// The answer is being written (or streamed).
        case responding
        /// The answer went out and the write side is shut; draining input until the peer closes.
        case lingering
        case closed
    }

    /// The request in progress and what the access log needs of it.
    struct Exchange {
        var head: RequestHead
        var body: [UInt8] = []
        var bodyLimit: Int
        var requestID: String
        var path = "-"
        var startNanos: UInt64
        var time: Double
        var status = 0
        var bytesSent = 0
        var route: String?
        var logFields: [String: String] = [:]
    }

    let fd: Int32
    let remoteAddress: String
    let loop: EventLoop
    var server: ServerCore { loop.server }
    var parser: RequestParser
    var phase = Phase.waiting
    /// Monotonic nanoseconds at which the sweep acts; 0 for none.
    var deadline: UInt64 = 0
    var isHeadStarted = false
    var exchange: Exchange?
    var readSource: DispatchSourceRead?
    var isReadSuspended = false
    var writeSource: DispatchSourceWrite?
    var isWriteSuspended = true
    var openSources = 0
    var output: [UInt8] = []
    var outputOffset = 0
    /// Whether every byte of the current answer is in `output` (false while streaming).
    var isResponseComplete = false
    var closeAfterResponse = false
    var isPeerClosed = false
    var writer: BodyWriter?
    var isChunkedStream = false
    var pendingNext: (@Sendable (Bool) -> Void)?

    /// Past this much buffered input while a request is handled, reading pauses.
    static let maxBufferedInput = 1 << 20
    /// A stream's `next` waits while more than this is queued for the socket.
    static let highWaterMark = 256 * 1024

    init(fd: Int32, remoteAddress: String, loop: EventLoop) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.parser = RequestParser(limits: loop.server.configuration.parserLimits)
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func nanos(_ seconds: TimeInterval) -> UInt64 { UInt64(max(0, seconds) * 1e9) }

    func start() {
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: loop.queue)
        source.setEventHandler { [self] in readable() }
        source.setCancelHandler { [self] in sourceCancelled() }
        openSources += 1
        readSource = source
        deadline = Connection.now() + Connection.nanos(server.configuration.idleTimeout)
        source.resume()
    }

    func readable() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        let buffer = loop.readBuffer
        while phase != .closed {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n > 0 {
                if phase == .lingering { continue }
                parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                if n < buffer.count { break }
            } else if n == 0 {
                isPeerClosed = true
                break
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                close()
                return
            }
        }
        switch phase {
        case .waiting, .readingBody:
            processInput()
        case .handling, .responding:
            if parser.bufferedByteCount > Connection.maxBufferedInput { suspendReading() }
        case .lingering, .closed:
            break
        }
        if isPeerClosed { peerClosed() }
    }

    /// The client shut its write side: finish the answer in progress, else close.
    private func peerClosed() {
        switch phase {
        case .handling, .responding:
            closeAfterResponse = true
            suspendReading()
        case .waiting, .readingBody, .lingering:
            close()
        case .closed:
            break
        }
    }

    func suspendReading() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        guard !isReadSuspended, let readSource else { return }
        isReadSuspended = true
        readSource.suspend()
    }

    func resumeReading() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        guard isReadSuspended, let readSource else { return }
        isReadSuspended = false
        readSource.resume()
    }

    /// The loop's sweep found the deadline passed.
    func timedOut() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        switch phase {
        case .waiting where isHeadStarted, .readingBody:
            // A head or body trickling in too slowly (slowloris): 408, then close.
            refuse(
                Problem(
                    status: .requestTimeout, detail: "The request was not received in time.",
                    messageKey: "http.request_timeout"))
        case .waiting, .responding, .lingering:
            close()
        case .handling, .closed:
            deadline = 0
        }
    }

    /// At shutdown: an idle connection closes now, a busy one after its answer.
    func shutdownIfIdle() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        closeAfterResponse = true
        if phase == .waiting && !isHeadStarted && parser.bufferedByteCount == 0 { close() }
    }

    /// Releases the connection: cancels its sources (the descriptor closes once both have
    /// finished cancelling, so a source never watches a reused descriptor).
    func close() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        guard phase != .closed else { return }
        phase = .closed
        deadline = 0
        writer?.markClosed()
        writer = nil
        if let next = pendingNext {
            pendingNext = nil
            DispatchQueue.global().async { next(false) }
        }
        if let readSource {
            readSource.cancel()
            if isReadSuspended { readSource.resume() }
        }
        if let writeSource {
            writeSource.cancel()
            if isWriteSuspended { writeSource.resume() }
        }
        loop.remove(self)
    }

    func sourceCancelled() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        openSources -= 1
        if openSources == 0 {
            Glibc.close(fd)
            readSource = nil
            writeSource = nil
            server.openConnections.subtract(1, ordering: .relaxed)
        }
    }

    /// After an answer that ends the connection: shut the write side so the client sees the
    /// whole answer, then drain input briefly; closing with unread input would send a RST
    /// that can destroy the answer in the client's buffer.
    func closeGracefully() {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        if isPeerClosed {
            close()
            return
        }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        phase = .lingering
        deadline = Connection.now() + Connection.nanos(2)
        resumeReading()
    }
}

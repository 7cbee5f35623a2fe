@preconcurrency import Dispatch
import Foundation
import Locking
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What the socket queues share: settings, the responder, the worker pool, counters.
final class ServerCore: Sendable {
    let configuration: ServerConfiguration
    let responder: any Responder
    let workers: WorkerPool
    let openConnections = Atomic<Int>(0)

    init(configuration: ServerConfiguration, responder: any Responder) {
        self.configuration = configuration
        self.responder = responder
        self.workers = WorkerPool(concurrency: configuration.workerConcurrency)
    }
}

/// An HTTP/1.1 server: accepts on one socket, spreads connections over a few serial queues.
public final class Server: Sendable {
    private struct Listening {
        var fd: Int32 = -1
        var source: DispatchSourceRead?
        var port = 0
        var nextLoop = 0
    }

    let core: ServerCore
    private let loops: [EventLoop]
    private let acceptQueue = DispatchQueue(label: "landmon.http.accept")
    private let listening = Locked(Listening())

    /// A server that answers with `responder`; call `start` to listen.
    public init(configuration: ServerConfiguration, responder: any Responder) {
        let core = ServerCore(configuration: configuration, responder: responder)
        self.core = core
        loops = (0..<max(1, configuration.queueCount)).map { EventLoop(index: $0, server: core) }
    }

    /// The bound port (the ephemeral one when configured with 0).
    public var port: Int { listening.withLock { $0.port } }

    /// Connections currently open.
    public var openConnections: Int { core.openConnections.load(ordering: .relaxed) }

    /// Binds and listens; returns once new connections are being accepted.
    public func start() throws {
        let configuration = core.configuration
        let fd = try Socket.listen(host: configuration.host, port: configuration.port)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        source.setEventHandler { [self] in acceptPending(fd) }
        source.setCancelHandler { Glibc.close(fd) }
        listening.withLock {
            $0.fd = fd
            $0.source = source
            $0.port = Socket.localPort(fd)
        }
        for loop in loops { loop.queue.sync { loop.start() } }
        source.resume()
    }

    private func acceptPending(_ listener: Int32) {
        let limit = core.configuration.maxConnections
        while let (fd, remote) = Socket.accept(listener) {
            if core.openConnections.load(ordering: .relaxed) >= limit {
                Server.refuseOverCapacity(fd)
                continue
            }
            core.openConnections.add(1, ordering: .relaxed)
            let loop = listening.withLock { state -> EventLoop in
                state.nextLoop = (state.nextLoop + 1) % loops.count
                return loops[state.nextLoop]
            }
            loop.queue.async { loop.adopt(fd: fd, remote: remote) }
        }
    }

    /// Past the connection cap: a short 503 with Retry-After, then close, without reading.
    static func refuseOverCapacity(_ fd: Int32) {
        let body =
            #"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Too many open connections."}"#
        let text =
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/problem+json\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            + body
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        Glibc.close(fd)
    }

    /// Stops accepting, lets in-flight requests finish within `deadline` seconds, then closes
    /// every connection. Blocks until done; idle keep-alive connections close at once.
    public func shutdown(deadline: TimeInterval) {
        let source = listening.withLock { state -> DispatchSourceRead? in
            defer { state.source = nil }
            return state.source
        }
        guard let source else { return }
        acceptQueue.sync { source.cancel() }
        for loop in loops { loop.queue.sync { loop.beginShutdown() } }
        let end = Date().addingTimeInterval(deadline)
        while openConnections > 0 && Date() < end { usleep(2000) }
        for loop in loops { loop.queue.sync { loop.closeAll() } }
        let hard = Date().addingTimeInterval(1)
        while openConnections > 0 && Date() < hard { usleep(1000) }
        for loop in loops { loop.queue.sync { loop.stop() } }
        AccessLogBuffer.standardOutput.flush()
    }
}

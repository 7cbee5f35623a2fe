@preconcurrency import Dispatch
import Synchronization

/// Streams a response body: chunked encoding, or raw bytes after a Content-Length the
/// handler set. Usable from any thread; pieces are written in call order.
public final class BodyWriter: Sendable {
    private let connection: Connection
    private let open = Atomic<Bool>(true)

    init(connection: Connection) { self.connection = connection }

    /// Whether the client is still there to receive bytes.
    public var isOpen: Bool { open.load(ordering: .relaxed) }

    /// Queues `bytes`; `next` runs (on a global queue) once the backlog has drained below a
    /// high-water mark, with `false` if the client went away. Call the next `write` from it.
    public func write(_ bytes: [UInt8], then next: @escaping @Sendable (_ isOpen: Bool) -> Void) {
        let connection = self.connection
        connection.loop.queue.async { connection.streamWrite(bytes, then: next) }
    }

    /// Ends the body; the connection then serves its next request.
    public func finish() {
        let connection = self.connection
        connection.loop.queue.async { connection.streamFinish() }
    }

    func markClosed() { open.store(false, ordering: .relaxed) }
}

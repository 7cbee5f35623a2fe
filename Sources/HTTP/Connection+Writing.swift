@preconcurrency import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Output: one buffer per connection, drained with non-blocking sends; a write source is
/// armed only while bytes are pending.
extension Connection {
    /// Sends as much pending output as the socket takes; finishes the answer when drained.
    func flush() {
        while outputOffset < output.count {
            let n = output.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + outputOffset, raw.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outputOffset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                armWriting()
                deadline = Connection.now() + Connection.nanos(server.configuration.writeTimeout)
                releaseStreamIfBelowMark()
                return
            } else {
                close()
                return
            }
        }
        // Drained: keep a small buffer's capacity, give a large one back.
        if output.capacity > 65536 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outputOffset = 0
        disarmWriting()
        releaseStreamIfBelowMark()
        if isResponseComplete && phase == .responding { responseFinished() }
    }

    private func armWriting() {
        if writeSource == nil {
            let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: loop.queue)
            source.setEventHandler { [self] in if phase != .closed { flush() } }
            source.setCancelHandler { [self] in sourceCancelled() }
            openSources += 1
            writeSource = source
        }
        if isWriteSuspended {
            isWriteSuspended = false
            writeSource!.resume()
        }
    }

    private func disarmWriting() {
        guard let writeSource, !isWriteSuspended else { return }
        isWriteSuspended = true
        writeSource.suspend()
    }

    /// Lets a waiting stream produce more once the backlog is under the high-water mark.
    private func releaseStreamIfBelowMark() {
        guard let next = pendingNext, output.count - outputOffset < Connection.highWaterMark else { return }
        pendingNext = nil
        DispatchQueue.global().async { next(true) }
    }

    /// A streamed piece from `BodyWriter.write`.
    func streamWrite(_ bytes: [UInt8], then next: @escaping @Sendable (Bool) -> Void) {
        guard phase == .responding, writer != nil, !isResponseComplete else {
            DispatchQueue.global().async { next(false) }
            return
        }
        if !bytes.isEmpty {
            if isChunkedStream {
                // RFC 9112 section 7.1: chunk-size in hex, CRLF, data, CRLF.
                output.append(contentsOf: String(bytes.count, radix: 16).utf8)
                output.append(contentsOf: [0x0D, 0x0A])
                output.append(contentsOf: bytes)
                output.append(contentsOf: [0x0D, 0x0A])
            } else {
                output.append(contentsOf: bytes)
            }
            exchange?.bytesSent += bytes.count
        }
        pendingNext = next
        flush()
    }

    /// The end of a streamed body from `BodyWriter.finish`.
    func streamFinish() {
        guard phase == .responding, writer != nil, !isResponseComplete else { return }
        if isChunkedStream { output.append(contentsOf: Array("0\r\n\r\n".utf8)) }
        isResponseComplete = true
        flush()
    }
}

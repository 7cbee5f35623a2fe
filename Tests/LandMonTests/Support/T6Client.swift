import Foundation

@testable import HTTP
@testable import LandMon

#if canImport(Glibc)
    import Glibc
#endif

extension T6Harness {
    /// Starts a real server for this application on an ephemeral loopback port.
    func serve() throws -> Server {
        var configuration = app.serverConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = Server(configuration: configuration, responder: router)
        try server.start()
        app.server.withLock { $0 = server }
        return server
    }
}

/// A blocking HTTP/1.1 client over a loopback socket that keeps the raw bytes it read, so a
/// test can see the framing (chunked transfer) and read a stream piece by piece.
final class T6Client {
    struct Reply {
        var status: Int
        var headers: Headers
        var body: [UInt8]
        /// The chunk sizes of a chunked body, in order (the final 0 excluded).
        var chunks: [Int]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32
    var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw T6Failure("connect failed: \(errno)")
        }
        setTimeout(timeout)
    }

    deinit { Glibc.close(fd) }

    func setTimeout(_ timeout: Double) {
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends a GET with the given fields.
    func get(_ target: String, headers: [(String, String)] = []) {
        var text = "GET \(target) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads more bytes; false at EOF, error or timeout.
    @discardableResult
    func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func takeLine() -> String? {
        guard let lf = buffer.firstIndex(of: 0x0A) else { return nil }
        var line = Array(buffer[..<lf])
        if line.last == 0x0D { line.removeLast() }
        buffer.removeFirst(lf + 1)
        return String(decoding: line, as: UTF8.self)
    }

    private func headEnd() -> Bool {
        guard buffer.count >= 4 else { return false }
        for i in 0...(buffer.count - 4)
        where buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A {
            return true
        }
        return false
    }

    /// Reads a status line and header block.
    func readHead() -> (Int, Headers)? {
        while !headEnd() { guard fill() else { return nil } }
        guard let statusLine = takeLine() else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers = Headers()
        while let line = takeLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return (status, headers)
    }

    /// Reads the next chunk of a chunked body; nil at the end or on a framing error.
    func readChunk() -> [UInt8]? {
        while !buffer.contains(0x0A) { guard fill() else { return nil } }
        guard let sizeLine = takeLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
            return nil
        }
        while buffer.count < size + 2 { guard fill() else { return nil } }
        let data = Array(buffer[..<size])
        buffer.removeFirst(size + 2)
        return size == 0 ? nil : data
    }

    /// Reads one whole response.
    func readReply() -> Reply? {
        guard let (status, headers) = readHead() else { return nil }
        if status == 304 || status == 204 { return Reply(status: status, headers: headers, body: [], chunks: []) }
        if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length { guard fill() else { return nil } }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return Reply(status: status, headers: headers, body: body, chunks: [])
        }
        guard headers["Transfer-Encoding"]?.lowercased() == "chunked" else { return nil }
        var body: [UInt8] = []
        var chunks: [Int] = []
        while let chunk = readChunk() {
            chunks.append(chunk.count)
            body.append(contentsOf: chunk)
        }
        return Reply(status: status, headers: headers, body: body, chunks: chunks)
    }
}

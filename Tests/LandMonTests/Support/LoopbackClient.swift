import Foundation
import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client over a loopback socket on raw bytes, for what only sockets show:
/// framing (chunked transfer), limits, disconnects, and streams read piece by piece.
final class LoopbackClient {
    struct ConnectFailure: Error { let code: Int32 }

    /// One response as read off the socket.
    struct Reply {
        var status: Int
        var headers: Headers
        var body: [UInt8]
        /// The chunk sizes of a chunked body, in order (the final 0 excluded).
        var chunks: [Int]
        var isProblem: Bool

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object (Foundation's parser: test input is trusted).
        var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) as? [String: Any] ?? [:]
        }

        /// `errors[].path` of a problem document.
        var errorPaths: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
    }

    let fd: Int32
    private var buffer: [UInt8] = []

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
            let code = errno
            Glibc.close(fd)
            throw ConnectFailure(code: code)
        }
        setTimeout(timeout)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { Glibc.close(fd) }

    /// Sets how long a read waits before it gives up (and the reader answers nil).
    func setTimeout(_ timeout: Double) {
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Resets the connection at once (SO_LINGER 0), as a crashed client would.
    func abort() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }

    /// A whole request (with `Content-Length` when there is a body), then its reply.
    func request(
        _ method: String, _ target: String, key: String? = nil, body: String? = nil,
        contentType: String = "application/json", headers: [(String, String)] = []
    ) -> Reply? {
        send(
            Self.head(
                method, target, key: key, bodyLength: body?.utf8.count, contentType: contentType, headers: headers)
                + (body ?? ""))
        return readReply()
    }

    /// The request head only; `bodyLength` adds Content-Length and Content-Type.
    static func head(
        _ method: String, _ target: String, key: String? = nil, bodyLength: Int? = nil,
        contentType: String = "application/json", headers: [(String, String)] = []
    ) -> String {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let key { head += "Authorization: Bearer \(key)\r\n" }
        if let bodyLength { head += "Content-Type: \(contentType)\r\nContent-Length: \(bodyLength)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return head + "\r\n"
    }

    /// Reads a status line and header block; nil at EOF, timeout or a malformed head.
    func readHead() -> (Int, Headers)? {
        while !headEnd() { guard fill() else { return nil } }
        guard let statusLine = takeLine() else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers = Headers()
        while let line = takeLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return (status, headers)
    }

    /// Reads the next chunk of a chunked body; nil at the end or on a framing error.
    func readChunk() -> [UInt8]? {
        guard let chunk = takeChunk(), !chunk.isEmpty else { return nil }
        return chunk
    }

    /// Reads one response (Content-Length or chunked body); nil at EOF, timeout or bad framing.
    func readReply() -> Reply? {
        guard let (status, headers) = readHead() else { return nil }
        if status < 200 || status == 204 || status == 304 {
            return Reply(status: status, headers: headers, body: [], chunks: [], isProblem: false)
        }
        let isProblem = headers["Content-Type"]?.hasPrefix("application/problem+json") == true
        if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length { guard fill() else { return nil } }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return Reply(status: status, headers: headers, body: body, chunks: [], isProblem: isProblem)
        }
        guard headers["Transfer-Encoding"]?.lowercased() == "chunked" else { return nil }
        var body: [UInt8] = []
        var chunks: [Int] = []
        while true {
            guard let chunk = takeChunk() else { return nil }
            if chunk.isEmpty {
                return Reply(status: status, headers: headers, body: body, chunks: chunks, isProblem: isProblem)
            }
            chunks.append(chunk.count)
            body.append(contentsOf: chunk)
        }
    }

    /// One chunk's data, empty for the last chunk; nil at EOF, timeout or a framing error.
    private func takeChunk() -> [UInt8]? {
        while !buffer.contains(0x0A) { guard fill() else { return nil } }
        guard let sizeLine = takeLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
            return nil
        }
        while buffer.count < size + 2 { guard fill() else { return nil } }
        let data = Array(buffer[..<size])
        buffer.removeFirst(size + 2)
        return data
    }

    /// Reads more bytes; false at EOF, error or timeout.
    @discardableResult
    private func fill() -> Bool {
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
}

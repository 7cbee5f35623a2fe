import Foundation
import HTTP
import LandMon

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking loopback HTTP/1.1 client on raw bytes, for what only sockets show.
final class T5RawClient {
    struct ConnectFailure: Error { let code: Int32 }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 5) throws {
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
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { Glibc.close(fd) }

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

    /// A whole request with `Content-Length`.
    func request(
        _ method: String, _ target: String, key: String? = nil, body: String? = nil,
        contentType: String = "application/json", headers: [(String, String)] = []
    ) -> T5Reply? {
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

    /// Reads one response (Content-Length or chunked body); nil at EOF or timeout.
    func readReply() -> T5Reply? {
        while !buffer.containsHeadEnd { guard fill() else { return nil } }
        guard let statusLine = takeLine() else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers = Headers()
        while let line = takeLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let isProblem = headers["Content-Type"]?.hasPrefix("application/problem+json") == true
        if status < 200 || status == 204 || status == 304 {
            return T5Reply(status: status, headers: headers, body: [], isProblem: false)
        }
        if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length { guard fill() else { return nil } }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return T5Reply(status: status, headers: headers, body: body, isProblem: isProblem)
        }
        guard headers["Transfer-Encoding"] == "chunked" else { return nil }
        var body: [UInt8] = []
        while true {
            while !buffer.contains(0x0A) { guard fill() else { return nil } }
            guard let sizeLine = takeLine(), let size = Int(sizeLine, radix: 16) else { return nil }
            while buffer.count < size + 2 { guard fill() else { return nil } }
            body.append(contentsOf: buffer[..<size])
            buffer.removeFirst(size + 2)
            if size == 0 { return T5Reply(status: status, headers: headers, body: body, isProblem: isProblem) }
        }
    }
}

extension [UInt8] {
    fileprivate var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4)
        where self[i] == 0x0D && self[i + 1] == 0x0A && self[i + 2] == 0x0D && self[i + 3] == 0x0A {
            return true
        }
        return false
    }
}

/// An application served on 127.0.0.1 with an ephemeral port.
final class T5LiveApp: Sendable {
    let t: T5App
    let server: Server

    init(_ adjust: (inout Configuration) -> Void = { _ in }) throws {
        t = try T5App(adjust)
        var configuration = t.app.serverConfiguration()
        configuration.port = 0
        server = Server(configuration: configuration, responder: t.router)
        try server.start()
    }

    deinit { server.shutdown(deadline: 1) }

    var port: Int { server.port }

    func client() throws -> T5RawClient { try T5RawClient(port: port) }
}

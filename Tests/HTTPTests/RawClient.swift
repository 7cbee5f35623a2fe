import Foundation

@testable import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking loopback client speaking raw bytes, for what only sockets show.
final class RawClient {
    struct Reply {
        var status: Int
        var headers: Headers
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32
    var buffer: [UInt8] = []

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
            Glibc.close(fd)
            throw Socket.Failure(call: "connect", code: errno)
        }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { Glibc.close(fd) }

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

    /// Reads more bytes; false at EOF, error or timeout.
    @discardableResult
    func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// Whether EOF comes next (waits up to the receive timeout).
    func readsEOF() -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        return n == 0 || (n < 0 && errno == ECONNRESET)
    }

    private func takeLine() -> String? {
        guard let lf = buffer.firstIndex(of: 0x0A) else { return nil }
        var line = Array(buffer[..<lf])
        if line.last == 0x0D { line.removeLast() }
        buffer.removeFirst(lf + 1)
        return String(decoding: line, as: UTF8.self)
    }

    /// Reads one response; `isHead` for answers to HEAD (no body whatever the fields say).
    func readReply(isHead: Bool = false) -> Reply? {
        while !containsHeadEnd() { guard fill() else { return nil } }
        guard let statusLine = takeLine() else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers = Headers()
        while let line = takeLine(), !line.isEmpty {
            let colon = line.firstIndex(of: ":")!
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        if isHead || status < 200 || status == 204 || status == 304 {
            return Reply(status: status, headers: headers, body: [])
        }
        if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length { guard fill() else { return nil } }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return Reply(status: status, headers: headers, body: body)
        }
        if headers["Transfer-Encoding"] == "chunked" {
            var body: [UInt8] = []
            while true {
                while !buffer.contains(0x0A) { guard fill() else { return nil } }
                let size = Int(takeLine()!, radix: 16)!
                while buffer.count < size + 2 { guard fill() else { return nil } }
                body.append(contentsOf: buffer[..<size])
                buffer.removeFirst(size + 2)
                if size == 0 { return Reply(status: status, headers: headers, body: body) }
            }
        }
        while fill() {}
        let body = buffer
        buffer = []
        return Reply(status: status, headers: headers, body: body)
    }

    private func containsHeadEnd() -> Bool {
        guard buffer.count >= 4 else { return false }
        for i in 0...(buffer.count - 4)
        where buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A {
            return true
        }
        return false
    }
}

#if os(Linux)
    import Foundation
    import Glibc
    import Locking
    import PostgreSQL
    import Testing

    /// Two `landmon serve` processes on one PostgreSQL database, as a deployment behind a load
    /// balancer runs them: a commit through one wakes a long poll on the other, both answer the
    /// same list with the same ETag, and a key revoked on the command line is refused by both.
    @Suite(.enabled(if: PGTestDatabase.clusterURL != nil, PGTestDatabase.skipMessage))
    struct PostgreSQLServeTests {
        private var root: URL {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
        }

        /// `landmon`, built by `swift test` beside the test bundle.
        private func executable() throws -> URL {
            let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
            while directory.path != "/"
                && !FileManager.default.isExecutableFile(
                    atPath: directory.appendingPathComponent("landmon").path)
            {
                directory.deleteLastPathComponent()
            }
            let binary = directory.appendingPathComponent("landmon")
            guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw POSIXError(.ENOENT) }
            return binary
        }

        /// Runs a `landmon` command to its end; (status, stdout).
        private func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = try executable()
            process.currentDirectoryURL = root
            process.arguments = arguments
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                Issue.record("landmon \(arguments.prefix(2)): \(String(decoding: err, as: UTF8.self))")
            }
            return (process.terminationStatus, String(decoding: out, as: UTF8.self))
        }

        /// Starts `landmon serve` on a free port; answers the process and its port.
        private func serve(_ url: String) throws -> (Process, Int) {
            let process = Process()
            process.executableURL = try executable()
            process.currentDirectoryURL = root
            process.arguments = ["serve", "--port", "0", "--db", url]
            process.environment = ["LANDMON_ACCESS_LOG": "false"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("serving on"), Date() < deadline, process.isRunning {
                text += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            }
            // "serving on http://127.0.0.1:PORT (database ...)"
            let after = text.components(separatedBy: "serving on http://127.0.0.1:").dropFirst().first ?? ""
            guard let port = Int(after.prefix(while: \.isNumber)) else {
                process.terminate()
                throw POSIXError(.EIO)
            }
            return (process, port)
        }

        /// One HTTP/1.1 request on a new connection; (status, headers and body as text).
        private func request(
            port: Int, _ method: String, _ target: String, key: String, body: [UInt8] = []
        ) throws -> (Int, String) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            head += "Authorization: Bearer \(key)\r\n"
            if !body.isEmpty { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
            let bytes = Array((head + "\r\n").utf8) + body
            _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                answer += buffer[0..<count]
            }
            let text = String(decoding: answer, as: UTF8.self)
            let status = Int(text.dropFirst("HTTP/1.1 ".count).prefix(3)) ?? 0
            return (status, text)
        }

        private func etag(_ answer: String) -> String? {
            answer.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("etag:") }
        }

        @Test func twoServersOneDatabase() throws {
            let database = try PGTestDatabase("serve")
            defer { withExtendedLifetime(database) {} }
            let url = database.url
            #expect(try run(["migrate", "--db", url]).0 == 0)
            let admin = try run(["keys", "create", "--name", "admin", "--role", "admin", "--db", url]).1
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let reader = try run(["keys", "create", "--name", "reader", "--role", "reader", "--db", url]).1
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let (first, firstPort) = try serve(url)
            defer { if first.isRunning { first.terminate() } }
            let (second, secondPort) = try serve(url)
            defer { if second.isRunning { second.terminate() } }

            // A long poll on the second server, parked on an empty feed for up to 30 s.
            let woken = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var longPoll: (Int, String) = (0, "")
            Thread.detachNewThread {
                longPoll = (try? request(port: secondPort, "GET", "/v1/changes?since=0&wait=30", key: admin)) ?? (0, "")
                woken.signal()
            }
            // Time for the poll to reach the server and park, even on a loaded machine.
            Thread.sleep(forTimeInterval: 1)
            let document = try [UInt8](
                Data(contentsOf: root.appendingPathComponent("Config/fixtures/kz-chestnut-akmola.json")))
            let created = try request(port: firstPort, "POST", "/v1/assessments", key: admin, body: document)
            #expect(created.0 == 201)
            // Woken by the first server's commit (NOTIFY), not by the end of its 30 s wait.
            #expect(woken.wait(timeout: .now() + 25) == .success)
            #expect(longPoll.0 == 200)
            #expect(longPoll.1.contains(#""seq":1,"id":1,"kind":"created""#), "\(longPoll.1.suffix(300))")

            // The same list, the same entity tag, from either server.
            let listFirst = try request(port: firstPort, "GET", "/v1/assessments?country=KZ", key: admin)
            let listSecond = try request(port: secondPort, "GET", "/v1/assessments?country=KZ", key: admin)
            #expect(listFirst.0 == 200 && listSecond.0 == 200)
            #expect(etag(listFirst.1) != nil)
            #expect(etag(listFirst.1) == etag(listSecond.1))
            // Both count the assessment (the second from the notification).
            #expect(try request(port: secondPort, "GET", "/health", key: admin).1.contains(#""assessments":1"#))

            // A key revoked on the command line is refused by both servers at their next request.
            #expect(try request(port: secondPort, "GET", "/v1/assessments/1", key: reader).0 == 200)
            #expect(try run(["keys", "revoke", "2", "--db", url]).0 == 0)
            #expect(try request(port: secondPort, "GET", "/v1/assessments/1", key: reader).0 == 401)
            #expect(try request(port: firstPort, "GET", "/v1/assessments/1", key: reader).0 == 401)

            kill(first.processIdentifier, SIGTERM)
            kill(second.processIdentifier, SIGTERM)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        }

        /// kill -9 while submissions run: every assessment acknowledged with 201 is in the database
        /// (synchronous commit before the answer).
        @Test func killedServerKeepsEveryAcknowledgedAssessment() throws {
            let database = try PGTestDatabase("kill")
            defer { withExtendedLifetime(database) {} }
            let url = database.url
            let admin = try run(["keys", "create", "--name", "admin", "--role", "admin", "--db", url]).1
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let (server, port) = try serve(url)
            defer { if server.isRunning { server.terminate() } }
            let template = try String(
                contentsOf: root.appendingPathComponent("Config/fixtures/kz-chestnut-akmola.json"), encoding: .utf8)
            let acknowledged = Locked<[String]>([])
            let stop = Locked(false)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                var index = 0
                while !stop.withLock({ $0 }) {
                    index += 1
                    let reference = "KZ-KILL-\(index)"
                    let body = template.replacingOccurrences(
                        of: #""reference": "KZ-NCMS-2024-000123""#, with: #""reference": "\#(reference)""#)
                    guard
                        let answer = try? request(
                            port: port, "POST", "/v1/assessments", key: admin, body: Array(body.utf8))
                    else { break }
                    if answer.0 == 201 { acknowledged.withLock { $0.append(reference) } }
                }
                done.signal()
            }
            // Some submissions acknowledged, then the process is killed mid-stream.
            let deadline = Date().addingTimeInterval(20)
            while acknowledged.withLock({ $0.count }) < 10, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            stop.withLock { $0 = true }
            #expect(done.wait(timeout: .now() + 10) == .success)
            let references = acknowledged.withLock { $0 }
            #expect(references.count >= 10)
            let connection = try PGConnection(url: url)
            defer { connection.close() }
            var stored = Set<String>()
            try connection.query("SELECT reference FROM assessments") { stored.insert($0.text(0)) }
            let missing = references.filter { !stored.contains($0) }
            #expect(missing.isEmpty, "acknowledged but missing: \(missing)")
        }
    }
#endif

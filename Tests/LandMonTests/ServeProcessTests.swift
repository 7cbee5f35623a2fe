#if os(Linux)
    import Foundation
    import Glibc
    import Testing

    /// The `landmon` executable as a user runs it: `serve` answers, then SIGTERM lets an
    /// in-flight request finish and the process exits 0.
    struct ServeProcessTests {
        /// `landmon`, built by `swift test` beside the test bundle.
        private func executable() throws -> URL {
            let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
            while directory.path != "/" && !directory.lastPathComponent.hasSuffix(".xctest") {
                if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("landmon").path) {
                    break
                }
                directory.deleteLastPathComponent()
            }
            if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
            let binary = directory.appendingPathComponent("landmon")
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw POSIXError(.ENOENT)
            }
            return binary
        }

        private var root: URL {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
        }

        /// One HTTP/1.1 request on a new connection; the whole answer as text.
        private func get(port: Int, _ target: String) throws -> String {
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
            let request = Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                answer += buffer[0..<count]
            }
            return String(decoding: answer, as: UTF8.self)
        }

        /// Runs `landmon` with arguments; returns (status, stdout, stderr).
        private func run(_ arguments: [String]) throws -> (Int32, String, String) {
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
            return (
                process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
            )
        }

        @Test func keysMigrateAndBackupCommands() throws {
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "landmon-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let db = directory.appendingPathComponent("db.sqlite").path

            let (created, key, _) = try run([
                "keys", "create", "--name", "kz-ncms", "--role", "submitter", "--country", "KZ", "--db", db,
            ])
            #expect(created == 0)
            let secret = key.trimmingCharacters(in: .newlines)
            #expect(key.hasSuffix("\n") && !secret.contains("\n"), "the key alone on one line")
            #expect(secret.hasPrefix("lm_") && secret.utf8.count >= 3 + 22, "at least 128 bits of key")

            let (listed, list, _) = try run(["keys", "list", "--db", db])
            #expect(listed == 0 && list.contains("kz-ncms") && list.contains("submitter") && !list.contains(secret))

            #expect(try run(["keys", "create", "--name", "kz-ncms", "--role", "reader", "--db", db]).0 == 64)
            #expect(try run(["keys", "create", "--name", "x", "--role", "submitter", "--db", db]).0 == 64)
            #expect(try run(["keys", "create", "--name", "x", "--role", "owner", "--db", db]).0 == 64)
            #expect(try run(["keys", "revoke", "1", "--db", db]).0 == 0)
            #expect(try run(["keys", "revoke", "1", "--db", db]).0 == 1)
            #expect(try run(["keys", "list", "--db", db]).1.contains("kz-ncms\tsubmitter\tKZ"))

            let (status, migrations, _) = try run(["migrate", "--status", "--db", db])
            #expect(status == 0 && migrations.contains("0001 initial") && migrations.contains("applied"))

            let copy = directory.appendingPathComponent("copy.sqlite").path
            #expect(try run(["backup", "--to", copy, "--db", db]).0 == 0)
            #expect(try run(["keys", "list", "--db", copy]).1.contains("kz-ncms"))
            #expect(try run(["backup", "--to", copy, "--db", db]).0 == 64, "backup never overwrites")
            #expect(try run(["serve", "--bogus", "1"]).0 == 64)
        }

        @Test func sigtermFinishesInFlightRequestsAndExitsZero() throws {
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "landmon-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let process = Process()
            process.executableURL = try executable()
            process.currentDirectoryURL = root
            process.arguments = ["serve", "--port", "0", "--db", directory.appendingPathComponent("db.sqlite").path]
            process.environment = ["LANDMON_PUBLIC_READ": "true", "LANDMON_ACCESS_LOG": "false"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            // The port is in the first line on standard error: "serving on http://127.0.0.1:PORT ...".
            var text = ""
            let deadline = Date().addingTimeInterval(20)
            while !text.contains("serving on"), Date() < deadline {
                text += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            }
            let port = try #require(
                text.split(separator: ":").compactMap { Int($0.prefix(while: \.isNumber)) }.first { $0 > 0 })
            #expect(try get(port: port, "/health").hasPrefix("HTTP/1.1 200 OK"))

            // A long poll in flight when SIGTERM arrives still gets its answer.
            let pending = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var longPoll = ""
            Thread.detachNewThread {
                longPoll = (try? get(port: port, "/v1/changes?since=0&wait=3")) ?? ""
                pending.signal()
            }
            // Time for the poll to reach the server and park, even on a loaded machine; it waits 3 s.
            Thread.sleep(forTimeInterval: 1)
            kill(process.processIdentifier, SIGTERM)
            #expect(pending.wait(timeout: .now() + 10) == .success)
            #expect(longPoll.hasPrefix("HTTP/1.1 200 OK"))
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }
#endif

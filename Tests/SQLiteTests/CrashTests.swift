#if os(Linux)
    import Dispatch
    import Foundation
    import Glibc
    import Testing
    @testable import SQLite

    /// SIGKILL a process that writes through group commit, then check every acknowledged write.
    ///
    /// The child is this same test binary (`/proc/self/exe`) run with a filter that selects only
    /// `crashChildWriter`, which is enabled only when the environment names its files.
    @Suite struct CrashTests {
        static let childVariable = "LANDMON_SQLITE_CRASH_CHILD"

        /// In the child only: 8 threads insert rows through `Database.write` and append each
        /// acknowledged id to the ack file, until killed (or after 120 s, should the parent vanish).
        @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
        func crashChildWriter() throws {
            let parts = ProcessInfo.processInfo.environment[CrashTests.childVariable]!.split(separator: "|")
                .map(String.init)
            let (databasePath, ackPath, firstID) = (parts[0], parts[1], Int(parts[2])!)
            let database = try Database(path: databasePath)
            let ack = open(ackPath, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            #expect(ack >= 0)
            let deadline = Date().addingTimeInterval(120)
            let threads = 8
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var id = firstID + thread
                while Date() < deadline {
                    let row = id
                    guard
                        (try? database.write({
                            try $0.run(
                                "INSERT INTO acked (id, payload) VALUES (?, ?)", [row, "payload-\(row)"])
                        })) != nil
                    else { return }
                    // One write(2) per line: the kernel has it the moment it returns, SIGKILL or not.
                    let line = Array("\(row)\n".utf8)
                    _ = line.withUnsafeBytes { write(ack, $0.baseAddress, $0.count) }
                    id += threads
                }
            }
        }

        @Test func acknowledgedWritesSurviveSIGKILL() throws {
            let directory = try TemporaryDirectory()
            let databasePath = directory.path("crash.db")
            let setup = try Database(path: databasePath)
            try setup.write {
                try $0.execute("CREATE TABLE acked (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
            }
            setup.close()
            let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")

            var totalAcked = 0
            for round in 0..<4 {
                let ackPath = directory.path("acks-\(round).txt")
                let child = Process()
                child.executableURL = URL(fileURLWithPath: executable)
                child.arguments = ["--testing-library", "swift-testing", "--filter", "crashChildWriter"]
                var environment = ProcessInfo.processInfo.environment
                environment[CrashTests.childVariable] = "\(databasePath)|\(ackPath)|\(round * 10_000_000)"
                child.environment = environment
                child.standardOutput = FileHandle.nullDevice
                child.standardError = FileHandle.nullDevice
                try child.run()

                // Kill at a different point each round, while writes are streaming.
                let target = 200 + Int.random(in: 0..<800)
                let giveUp = Date().addingTimeInterval(60)
                while ackedIDs(ackPath).count < target, child.isRunning, Date() < giveUp {
                    usleep(5_000)
                }
                #expect(child.isRunning, "the child writer stopped before it was killed")
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
                #expect(child.terminationReason == .uncaughtSignal)

                let acked = ackedIDs(ackPath)
                #expect(acked.count >= target)
                totalAcked += acked.count
                let reopened = try Connection(path: databasePath)
                #expect(try reopened.first("PRAGMA integrity_check") { $0.text(0) } == "ok")
                var stored: [Int64: String] = [:]
                try reopened.query(
                    "SELECT id, payload FROM acked WHERE id >= ? AND id < ?",
                    [round * 10_000_000, (round + 1) * 10_000_000]
                ) {
                    stored[$0.int(0)] = $0.text(1)
                }
                let missing = acked.filter { stored[$0] != "payload-\($0)" }
                #expect(
                    missing.isEmpty,
                    "round \(round): \(missing.count) of \(acked.count) acknowledged writes missing")
                try reopened.close()
            }
            #expect(totalAcked >= 800)
        }

        /// The ids on complete lines of the ack file.
        private func ackedIDs(_ path: String) -> [Int64] {
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            var ids: [Int64] = []
            var current: Int64 = 0
            for byte in data {
                if byte == UInt8(ascii: "\n") {
                    ids.append(current)
                    current = 0
                } else {
                    current = current * 10 + Int64(byte - UInt8(ascii: "0"))
                }
            }
            return ids
        }
    }
#endif

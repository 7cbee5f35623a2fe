#if os(Linux)
    import Foundation
    import Testing

    /// `landmon import FILE --key K --url U [--dry-run]` against a server on a loopback port.
    struct ImportCommandTests {
        private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
            let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
            while directory.path != "/",
                !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("landmon").path)
            {
                directory.deleteLastPathComponent()
            }
            let process = Process()
            process.executableURL = directory.appendingPathComponent("landmon")
            process.currentDirectoryURL = TestApp.root
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let (output, errors) = (Pipe(), Pipe())
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

        @Test func importsThroughTheServerWithItsRights() throws {
            let t = try TestApp()
            let kz = try t.key("kz", .submitter, "KZ")
            let admin = try t.key("admin", .admin)
            let server = try t.serve()
            defer { server.shutdown(deadline: 1) }
            let url = "http://127.0.0.1:\(server.port)"
            let fixtures = ImportFixtures.directory.path

            let broken = try run(["import", fixtures + "/sheets-broken.csv", "--key", admin, "--url", url])
            #expect(broken.0 == 1)
            #expect(
                broken.2.contains(#"row 3, column AH "pH водн.": "8,3?" is not a number  [/0/layers/1/measurements]"#))
            let russian = try run(
                ["import", fixtures + "/sheets-broken.csv", "--key", admin, "--url", url],
                environment: ["LANG": "ru_RU.UTF-8"])
            #expect(russian.2.contains("строка 5, столбец I «Дата отбора проб»"))

            // A KZ submitter may not write the Russian assessment of the sheet: 403, nothing stored.
            let refused = try run(["import", fixtures + "/sheets.xlsx", "--key", kz, "--url", url])
            #expect(refused.0 == 1)
            #expect(refused.2.hasPrefix("403 "))
            let dry = try run(["import", fixtures + "/sheets.xlsx", "--key", admin, "--url", url, "--dry-run"])
            #expect(dry.0 == 0)
            #expect(dry.1.contains(#""dry_run":true"#))
            #expect(try t.count("assessments") == 0)
            let stored = try run(["import", fixtures + "/sheets.xlsx", "--key", admin, "--url", url])
            #expect(stored.0 == 0)
            #expect(stored.1.contains(#""created":2"#))
            #expect(try t.count("assessments") == 2)

            let nobody = try run(["import", fixtures + "/sheets.xlsx", "--key", admin, "--url", "http://127.0.0.1:1"])
            #expect(nobody.0 == 69)
            #expect(try run(["import", "--key", admin]).0 == 64)
        }
    }
#endif

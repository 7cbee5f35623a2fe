import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// Keyset paging over a collection that grows between pages: every row present at the start is
/// seen exactly once, no row is seen twice, and `Link: rel="next"` leads to the next page.
@Suite struct PaginationTests {
    /// Dates spread so that inserted rows land before, inside and after the walked range.
    static func date(_ n: Int) -> String {
        String(format: "%04d-%02d-%02d", 2000 + n % 24, 1 + n % 12, 1 + n % 27)
    }

    func walk(sort: String) throws {
        let harness = try TestApp(.queries)
        var present = Set<String>()
        for n in 0..<30 {
            let reference = "P-\(n)"
            _ = try harness.store(
                T6Doc.make("KZ", reference: reference, site: "S-\(n % 7)", date: PaginationTests.date(n)))
            present.insert(reference)
        }
        var seen: [String] = []
        var target: String? = "/v1/assessments?country=KZ&limit=7&sort=\(sort)"
        var inserted = 0
        var pages = 0
        while let current = target {
            let reply = harness.request(.get, current)
            #expect(reply.status == 200, "\(current): \(reply.text)")
            seen += reply.references
            pages += 1
            let next = reply.object["next"] as? String
            if let next {
                let link = try #require(reply.headers["Link"])
                #expect(link.hasSuffix(">; rel=\"next\""))
                #expect(link.contains("cursor=\(next)"))
                #expect(link.hasPrefix("</v1/assessments?"))
                // Follow the link exactly as a client would.
                target = String(link.dropFirst().prefix { $0 != ">" })
            } else {
                #expect(reply.headers["Link"] == nil)
                target = nil
            }
            // Others insert between pages: dates before, inside and after the cursor's position.
            for _ in 0..<3 {
                let n = 100 + inserted
                _ = try harness.store(
                    T6Doc.make("KZ", reference: "P-\(n)", site: "S-new", date: PaginationTests.date(n * 7)))
                inserted += 1
            }
            if pages > 40 { break }
        }
        #expect(Set(seen).count == seen.count, "a row was repeated: \(seen)")
        #expect(present.isSubset(of: Set(seen)), "rows skipped: \(present.subtracting(seen))")
        #expect(pages >= 5)
    }

    @Test(arguments: ["-sampled_on", "sampled_on", "submitted_at", "-submitted_at"])
    func walkWhileInserting(sort: String) throws {
        try walk(sort: sort)
    }

    @Test func concurrentWritersDuringAWalk() throws {
        let harness = try TestApp(.queries)
        for n in 0..<40 {
            _ = try harness.store(T6Doc.make("UZ", reference: "C-\(n)", site: "S-\(n)", date: PaginationTests.date(n)))
        }
        let stop = T6Box<Bool>()
        let writer = Thread {
            var n = 1000
            while stop.get() != true && n < 1200 {
                _ = harness.submit(T6Doc.make("UZ", reference: "C-\(n)", site: "S-w", date: PaginationTests.date(n)))
                n += 1
            }
        }
        writer.start()
        var seen: [String] = []
        var cursor: String?
        repeat {
            let reply = harness.request(
                .get, "/v1/assessments?country=UZ&limit=5" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(reply.status == 200)
            seen += reply.references
            cursor = reply.object["next"] as? String
        } while cursor != nil && seen.count < 5000
        stop.set(true)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(Set(seen).count == seen.count)
        #expect(Set((0..<40).map { "C-\($0)" }).isSubset(of: Set(seen)))
    }
}

import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// The per-query time budget: past it the statement is interrupted and the answer is `503` with
/// problem type `/problems/query-timeout`; the server keeps answering afterwards.
@Suite struct QueryTimeoutTests {
    @Test func statisticsOverEverythingRunOutOfBudget() throws {
        let harness = try TestApp(.queries) { $0.queryTimeoutMilliseconds = 1 }
        #expect(try Seeder(application: harness.app).seed(count: 3000) == 3000)
        let start = Date()
        let reply = harness.request(.get, "/v1/stats?group_by=year")
        let elapsed = Date().timeIntervalSince(start)
        #expect(reply.status == 503, "\(reply.text)")
        #expect(reply.object["type"] as? String == "/problems/query-timeout")
        #expect(reply.problem?.headers["Retry-After"] != nil)
        // Interrupted, not run to the end and then refused.
        #expect(elapsed < 1, "took \(elapsed) s")
        // The interrupted connection went back to the pool in working order.
        for _ in 0..<8 {
            let one = harness.request(.get, "/v1/assessments/1")
            #expect(one.status == 200 || one.status == 503)
        }
        let list = harness.request(.get, "/v1/assessments?format=csv&limit=1000&count=true&qa_flag=no_such_flag")
        #expect(list.status == 503 || list.status == 200)
        if list.status == 503 { #expect(list.object["type"] as? String == "/problems/query-timeout") }
    }

    @Test func theSameRequestFitsADefaultBudget() throws {
        let harness = try TestApp(.queries)
        #expect(try Seeder(application: harness.app).seed(count: 300) == 300)
        let reply = harness.request(.get, "/v1/stats?group_by=year")
        #expect(reply.status == 200)
    }
}

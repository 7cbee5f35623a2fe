import Foundation
import HTTP
import Locking
import Testing

@testable import LandMon

/// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header) on submissions.
@Suite struct IdempotencyTests {
    @Test func sameKeyAndBodyReplaysTheFirstAnswer() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let headers = [("Idempotency-Key", "7c1f0e4a-0001")]
        let first = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-1"), headers: headers)
        #expect(first.status == 201)
        let footprint = [try t.count("assessments"), try t.count("changes"), try t.count("revisions")]
        let replay = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-1"), headers: headers)
        #expect(replay.status == 201)
        #expect(replay.body == first.body)
        #expect(replay.headers["Location"] == first.headers["Location"])
        #expect(replay.headers["ETag"] == first.headers["ETag"])
        #expect(replay.headers["Content-Type"] == first.headers["Content-Type"])
        #expect(replay.headers["Idempotent-Replayed"] == "true")
        #expect([try t.count("assessments"), try t.count("changes"), try t.count("revisions")] == footprint)
        #expect(try t.count("idempotency_records") == 1)

        // A batch replays too.
        let batch = "[" + T5Documents.kz("KZ-I-2") + "]"
        let batchHeaders = [("Idempotency-Key", "batch-1")]
        let firstBatch = t.send(.post, "/v1/assessments/batch", key: key, body: batch, headers: batchHeaders)
        #expect(firstBatch.status == 201)
        let replayedBatch = t.send(.post, "/v1/assessments/batch", key: key, body: batch, headers: batchHeaders)
        #expect(replayedBatch.status == 201)
        #expect(replayedBatch.body == firstBatch.body)
        #expect(try t.count("assessments") == 2)
    }

    @Test func sameKeyWithAnotherBodyIs422() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let headers = [("Idempotency-Key", "k-2")]
        #expect(
            t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-3"), headers: headers).status == 201)
        let other = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-4"), headers: headers)
        #expect(other.status == 422)
        #expect(other.isProblem)
        #expect(try t.count("assessments") == 1)
        // The same body on another endpoint is another request too.
        let batch = t.send(
            .post, "/v1/assessments/batch", key: key, body: "[" + T5Documents.kz("KZ-I-3") + "]", headers: headers)
        #expect(batch.status == 422)
    }

    @Test func keysArePerAPIKey() throws {
        let t = try TestApp()
        let first = try t.key("kz-1", .submitter, "KZ")
        let second = try t.key("kz-2", .submitter, "KZ")
        let headers = [("Idempotency-Key", "shared-name")]
        #expect(
            t.send(.post, "/v1/assessments", key: first, body: T5Documents.kz("KZ-I-5"), headers: headers).status == 201
        )
        // Another API key with the same Idempotency-Key and another body is a new request, not a 422.
        let other = t.send(.post, "/v1/assessments", key: second, body: T5Documents.kz("KZ-I-6"), headers: headers)
        #expect(other.status == 201)
        #expect(other.object["submitted_by"] as? String == "kz-2")
        #expect(try t.count("idempotency_records") == 2)
    }

    @Test(.disabled(if: TestApp.isPostgreSQL, "holds SQLite's writer"))
    func secondRequestWhileTheFirstIsInFlightIs409() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let headers = [("Idempotency-Key", "slow-1")]
        // Hold the writer busy so that the first submission waits for its commit.
        let writerBusy = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? t.database.write { _ in
                writerBusy.signal()
                _ = release.wait(timeout: .now() + 5)
            }
        }
        writerBusy.wait()
        let firstAnswer = Locked<Response?>(nil)
        let firstDone = DispatchSemaphore(value: 0)
        var request = Request(method: .post, target: "/v1/assessments", body: Array(T5Documents.kz("KZ-I-7").utf8))
        request.headers.add("Authorization", "Bearer \(key)")
        request.headers.add("Content-Type", "application/json")
        request.headers.add("Idempotency-Key", "slow-1")
        t.router.respond(to: request) { response in
            firstAnswer.withLock { $0 = response }
            firstDone.signal()
        }
        // The router starts the handler on a worker thread: wait until the first holds its key.
        let deadline = Date().addingTimeInterval(5)
        while t.app.idempotency.inFlight.count == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(t.app.idempotency.inFlight.count == 1)
        let second = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-7"), headers: headers)
        #expect(second.status == 409)
        #expect(second.isProblem)
        #expect(firstAnswer.withLock { $0 } == nil)
        release.signal()
        #expect(firstDone.wait(timeout: .now() + 5) == .success)
        #expect(firstAnswer.withLock { $0?.status.code } == 201)
        let third = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-7"), headers: headers)
        #expect(third.status == 201)
        #expect(third.headers["Idempotent-Replayed"] == "true")
        #expect(try t.count("assessments") == 1)
    }

    @Test func recordsExpireAfterTheConfiguredTime() throws {
        let t = try TestApp { $0.idempotencyRetentionHours = 1.5 / 3600 }
        let key = try t.key("kz", .submitter, "KZ")
        let headers = [("Idempotency-Key", "short-lived")]
        #expect(
            t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-8"), headers: headers).status == 201)
        #expect(
            t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-9"), headers: headers).status == 422)
        Thread.sleep(forTimeInterval: 1.6)
        #expect(
            t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-9"), headers: headers).status == 201)
    }

    @Test func malformedKeyIs400() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let long = String(repeating: "x", count: 300)
        for value in ["", long, "has space"] {
            let reply = t.send(
                .post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-I-10"),
                headers: [("Idempotency-Key", value)])
            #expect(reply.status == 400, "Idempotency-Key \(value.prefix(20))")
        }
        #expect(try t.count("assessments") == 0)
    }
}

import Foundation
import HTTP
import Testing

@testable import LandMon

/// Keys and roles (API.md): 401 with `WWW-Authenticate: Bearer`, 403 for a key without the right.
@Suite struct KeysTests {
    @Test func missingOrUnknownKeyIs401WithBearerChallenge() throws {
        let t = try TestApp()
        _ = try t.key("kz", .submitter, "KZ")
        let cases: [[(String, String)]] = [
            [],
            [("Authorization", "Bearer lm_not-a-key")],
            [("Authorization", "Basic a2V5OnNlY3JldA==")],
            [("Authorization", "Bearer")],
        ]
        for headers in cases {
            for (method, target, body) in [
                (HTTPMethod.post, "/v1/assessments", T5Documents.kz("KZ-K-1")),
                (.get, "/v1/assessments", nil), (.get, "/v1/assessments/1", nil),
            ] {
                let reply = t.send(method, target, body: body, headers: headers)
                #expect(reply.status == 401, "\(method) \(target) with \(headers)")
                #expect(reply.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
                #expect(reply.isProblem)
            }
        }
        #expect(try t.count("assessments") == 0)
    }

    @Test(.disabled(if: TestApp.isPostgreSQL, "reads SQLite's key_hash column"))
    func keysAreStoredOnlyAsTheirSHA256() throws {
        let t = try TestApp()
        let (id, secret) = try t.keyWithID("kz", .submitter, "KZ")
        // At least 128 random bits: 24 random bytes in base64url after the prefix.
        #expect(secret.utf8.count >= 3 + 32)
        let stored = try t.database.read { db in
            try db.first("SELECT key_hash FROM api_keys WHERE id = ?", [id]) { $0.blob(0) }
        }
        #expect(stored == Digest.sha256(secret))
        #expect(try t.count("api_keys", where: "instr(CAST(key_hash AS TEXT), '\(secret)') > 0") == 0)
        let listed = try t.app.keys.list()
        #expect(listed.map(\.name) == ["kz"])
        #expect(!String(describing: listed).contains(secret))
    }

    @Test func revokedKeyIs401AtOnceWhileTheAppRuns() throws {
        let t = try TestApp()
        let (id, key) = try t.keyWithID("kz", .submitter, "KZ")
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-K-2")).status == 201)
        #expect(t.send(.get, "/v1/assessments", key: key).status == 200)
        #expect(try t.app.keys.revoke(id: id))
        let write = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-K-3"))
        #expect(write.status == 401)
        #expect(write.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        #expect(t.send(.get, "/v1/assessments", key: key).status == 401)
        #expect(try t.count("assessments") == 1)
        #expect(try t.app.keys.revoke(id: id) == false)
    }

    @Test func readerWritingIs403() throws {
        let t = try TestApp()
        let reader = try t.key("analyst", .reader)
        let submitter = try t.key("kz", .submitter, "KZ")
        let created = t.send(.post, "/v1/assessments", key: submitter, body: T5Documents.kz("KZ-K-4"))
        let id = try #require(created.object["id"] as? Int)
        let etag = try #require(created.headers["ETag"])
        #expect(t.send(.get, "/v1/assessments/\(id)", key: reader).status == 200)
        #expect(t.send(.post, "/v1/assessments", key: reader, body: T5Documents.kz("KZ-K-5")).status == 403)
        #expect(
            t.send(.post, "/v1/assessments/batch", key: reader, body: "[" + T5Documents.kz("KZ-K-5") + "]").status
                == 403)
        let put = t.send(
            .put, "/v1/assessments/\(id)", key: reader, body: T5Documents.kz("KZ-K-4", notes: "changed"),
            headers: [("If-Match", etag)])
        #expect(put.status == 403)
        #expect(t.send(.delete, "/v1/assessments/\(id)?reason=wrong", key: reader).status == 403)
        #expect(try t.count("assessments") == 1)
        #expect(try t.count("revisions") == 1)
    }

    @Test func submitterWritingAnotherCountryIs403() throws {
        let t = try TestApp()
        let kz = try t.key("kz", .submitter, "KZ")
        let uz = try t.key("uz", .submitter, "UZ")
        let single = t.send(.post, "/v1/assessments", key: kz, body: T5Documents.uz("UZ-K-1"))
        #expect(single.status == 403)
        #expect(single.isProblem)
        let batch = t.send(
            .post, "/v1/assessments/batch", key: kz,
            body: "[" + T5Documents.kz("KZ-K-6") + "," + T5Documents.uz("UZ-K-2") + "]")
        #expect(batch.status == 403)
        #expect(try t.count("assessments") == 0)

        let created = t.send(.post, "/v1/assessments", key: uz, body: T5Documents.uz("UZ-K-3"))
        let id = try #require(created.object["id"] as? Int)
        let etag = try #require(created.headers["ETag"])
        let put = t.send(
            .put, "/v1/assessments/\(id)", key: kz,
            body: T5Documents.uz("UZ-K-3").replacingOccurrences(of: "D. Yusupova", with: "X"),
            headers: [("If-Match", etag)])
        #expect(put.status == 403)
        #expect(t.send(.delete, "/v1/assessments/\(id)?reason=not+ours", key: kz).status == 403)
        // A KZ document sent as a correction of a UZ assessment is refused as well, never stored.
        let crossed = t.send(
            .put, "/v1/assessments/\(id)", key: kz, body: T5Documents.kz("KZ-K-7"), headers: [("If-Match", etag)])
        #expect(crossed.status == 403 || crossed.status == 422)
        let stored = t.send(.get, "/v1/assessments/\(id)", key: uz)
        #expect(stored.status == 200)
        #expect(stored.body == created.body)
        #expect(try t.count("revisions") == 1)
    }

    @Test func adminWritesAnyCountry() throws {
        let t = try TestApp()
        let admin = try t.key("root", .admin)
        #expect(t.send(.post, "/v1/assessments", key: admin, body: T5Documents.uz("UZ-K-9")).status == 201)
        #expect(t.send(.post, "/v1/assessments", key: admin, body: T5Documents.kz("KZ-K-9")).status == 201)
    }
}

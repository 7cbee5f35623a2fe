import Assessments
import Foundation
import HTTP
import Spreadsheets
import Testing

@testable import LandMon

/// Export for a spreadsheet, import again: the same documents (`?format=csv`, `&dialect=excel`).
@Suite struct ImportRoundTripTests {
    @Test(arguments: ["", "&dialect=excel&lang=ru", "&dialect=excel&lang=en"])
    func exportedCSVReimportsToTheSameDocuments(dialect: String) throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let twins = try ImportFixtures.bytes("twins.json")
        #expect(
            t.request(
                .post, "/v1/assessments/batch", headers: [("Authorization", "Bearer \(key)")], body: twins,
                authorized: false
            ).status == 201)
        let export = t.send(.get, "/v1/assessments?format=csv&limit=1000" + dialect, key: key)
        #expect(export.status == 200)
        if dialect.contains("excel") {
            #expect(export.body.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(export.text.contains(";KZ-NCMS-2024-000123;KZ;KZ-11;"))
            #expect(export.text.contains(dialect.contains("ru") ? ";51,17;71,45;" : ";51.17;71.45;"))
            #expect(
                !export.text.contains("\n")
                    || export.text.components(separatedBy: "\n").dropLast().allSatisfy { $0.hasSuffix("\r") })
        }
        #expect(export.text.contains("Typical chernozem") == false)  // the twin's notes are Russian
        #expect(export.text.contains("целинная степь"))
        let headers = [("Authorization", "Bearer \(key)"), ("Content-Type", "text/csv")]
        let dry = t.request(
            .post, "/v1/assessments/import?dry_run=true", headers: headers, body: export.body, authorized: false)
        #expect(dry.status == 200, "\(dry.text)")
        #expect(dry.object["layout"] as? String == "long")
        let documents = try #require(dry.object["documents"] as? [Any])
        let imported = try ImportFixtures.assessments(documents, validator: t.app.validator)
        #expect(imported == (try ImportFixtures.twins(validator: t.app.validator)))
        // Stored again: the same content, so unchanged, and nothing new in the history.
        let again = t.request(.post, "/v1/assessments/import", headers: headers, body: export.body, authorized: false)
        #expect(again.status == 200, "\(again.text)")
        #expect(again.object["unchanged"] as? Int == 2)
        #expect(try t.count("revisions") == 2)
    }

    /// The thematic blocks go out as `block.field` columns and come back as the same blocks.
    @Test(arguments: ["", "&dialect=excel&lang=ru"])
    func blocksSurviveTheRoundTrip(dialect: String) throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let names = [
            "kg-pasture-summer-naryn", "tm-sands-ahal", "uz-aral-planting-karakalpakstan", "uz-dust-trap-nukus",
            "tj-groundwater-khatlon", "ru-notill-kursk",
        ]
        var originals: [[String: Any]] = []
        for name in names {
            let document = T6Doc.fixture(name)
            originals.append(document)
            #expect(
                t.send(
                    .post, "/v1/assessments", key: key, body: String(decoding: T6Doc.encode(document), as: UTF8.self)
                ).status == 201)
        }
        let export = t.send(.get, "/v1/assessments?format=csv&limit=1000" + dialect, key: key)
        #expect(export.text.contains("pasture.season"))
        let headers = [("Authorization", "Bearer \(key)"), ("Content-Type", "text/csv")]
        let dry = t.request(
            .post, "/v1/assessments/import?dry_run=true", headers: headers, body: export.body, authorized: false)
        #expect(dry.status == 200, "\(dry.text)")
        let imported = try ImportFixtures.assessments(
            try #require(dry.object["documents"] as? [Any]), validator: t.app.validator)
        let expected = try ImportFixtures.assessments(originals, validator: t.app.validator)
        #expect(imported.count == names.count)
        for assessment in expected {
            let twin = imported.first { $0.reference == assessment.reference }
            #expect(twin == assessment, "\(assessment.reference)")
        }
        // Stored again: unchanged.
        let again = t.request(.post, "/v1/assessments/import", headers: headers, body: export.body, authorized: false)
        #expect(again.object["unchanged"] as? Int == names.count, "\(again.text)")
    }

    @Test(arguments: ["limit=all", "limit=1"])
    func exportedWorkbookReimportsToTheSameDocuments(limit: String) throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let twins = try ImportFixtures.bytes("twins.json")
        let headers = [("Authorization", "Bearer \(key)")]
        #expect(
            t.request(.post, "/v1/assessments/batch", headers: headers, body: twins, authorized: false).status == 201)
        let server = try t.serve()
        defer { server.shutdown(deadline: 1) }
        let client = try LoopbackClient(port: server.port)
        let reply = try #require(
            client.request("GET", "/v1/assessments?format=xlsx&sort=submitted_at&" + limit, headers: headers))
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == XLSXExport.contentType)
        #expect(reply.body.starts(with: Array("PK".utf8)))
        let type = [("Content-Type", ImportResource.xlsxType)]
        let dry = t.request(
            .post, "/v1/assessments/import?dry_run=true", headers: headers + type, body: reply.body, authorized: false)
        #expect(dry.status == 200, "\(dry.text)")
        let documents = try #require(dry.object["documents"] as? [Any])
        let imported = try ImportFixtures.assessments(documents, validator: t.app.validator)
        let expected = try ImportFixtures.twins(validator: t.app.validator)
        #expect(imported == (limit == "limit=all" ? expected : [expected[0]]))
        let again = t.request(
            .post, "/v1/assessments/import", headers: headers + type, body: reply.body, authorized: false)
        #expect(again.status == 200)
        #expect(try t.count("revisions") == 2)
    }

    @Test func theWorkbookTemplateReadsBack() throws {
        let t = try TestApp()
        let reply = t.send(.get, "/v1/import/template?format=xlsx&lang=ru")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == ImportResource.xlsxType)
        let sheet = try XLSXReader.read(reply.body)
        #expect(sheet.rows.count == 2)
        #expect(sheet.rows[0].cells.first == "Шифр описания")
        #expect(sheet.rows[0].cells.contains("Органический углерод, г/кг"))
        #expect(sheet.rows[1].cells.first?.hasPrefix("# обязательно") == true)
        let csv = t.send(.get, "/v1/import/template?format=csv&lang=ru")
        let header = try CSVReader.read(String(decoding: csv.body.dropFirst(3), as: UTF8.self)).rows[0].cells
        #expect(header == sheet.rows[0].cells)
    }

    @Test func excelDialectIsForCSVOnly() throws {
        let t = try TestApp(.queries)
        let reply = t.request(.get, "/v1/assessments?format=json&dialect=excel")
        #expect(reply.status == 400)
        #expect(reply.parameter == "dialect")
        #expect(t.request(.get, "/v1/assessments?format=csv&dialect=word").parameter == "dialect")
    }
}

import Assessments
import Foundation
import HTTP
import Testing

@testable import LandMon

/// `POST /v1/assessments/import` and `GET /v1/import/template`: spreadsheets in.
@Suite struct ImportTests {
    private func post(
        _ t: TestApp, _ body: [UInt8], key: String, query: String = "", type: String = "text/csv"
    ) -> TestReply {
        t.request(
            .post, "/v1/assessments/import" + query,
            headers: [("Authorization", "Bearer \(key)"), ("Content-Type", type)], body: body, authorized: false)
    }

    @Test(arguments: [
        ("sheets-cp1251.csv", "windows-1251", true, ";"), ("sheets-utf8-bom.csv", "utf-8", false, ";"),
        ("sheets-utf16.txt", "utf-16le", false, "\t"), ("sheets.xlsx", "xlsx", false, ""),
    ])
    func eachFixtureImportsToItsJSONTwin(name: String, encoding: String, assumed: Bool, separator: String) throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let type = name.hasSuffix(".xlsx") ? ImportResource.xlsxType : "text/csv"
        let dry = post(t, try ImportFixtures.bytes(name), key: key, query: "?dry_run=true", type: type)
        #expect(dry.status == 200, "\(dry.text)")
        #expect(dry.object["encoding"] as? String == encoding)
        #expect(dry.object["encoding_assumed"] as? Bool == assumed)
        #expect((dry.object["notice"] as? String)?.contains("Windows-1251") == (assumed ? true : nil))
        #expect(dry.object["separator"] as? String == separator)
        #expect(dry.object["layout"] as? String == "wide")
        #expect(dry.object["assessments"] as? Int == 2)
        #expect(dry.object["layers"] as? Int == 5)
        let documents = try #require(dry.object["documents"] as? [Any])
        let imported = try ImportFixtures.assessments(documents, validator: t.app.validator)
        #expect(imported == (try ImportFixtures.twins(validator: t.app.validator)))
        #expect(try t.count("assessments") == 0)

        let stored = post(t, try ImportFixtures.bytes(name), key: key, type: type)
        #expect(stored.status == 201)
        #expect(stored.object["created"] as? Int == 2)
        #expect(try t.count("assessments") == 2)
        // The same sheet again: idempotent on reference.
        let again = post(t, try ImportFixtures.bytes(name), key: key, type: type)
        #expect(again.status == 200)
        #expect(again.object["unchanged"] as? Int == 2)
        #expect(again.object["ids"] as? [Int] == stored.object["ids"] as? [Int])
    }

    @Test func brokenCellsAreNamedByRowAndColumnAndNothingIsStored() throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let body = try ImportFixtures.bytes("sheets-broken.csv")
        let reply = post(t, body, key: key)
        #expect(reply.status == 422)
        let errors = try #require(reply.object["errors"] as? [[String: Any]])
        #expect(
            errors.compactMap { $0["path"] as? String } == [
                "/0/layers/1/measurements", "/1/sampled_on", "/1/layers/2/bottom_cm",
            ])
        #expect(errors.compactMap { $0["code"] as? String } == ["type", "format", "inconsistent"])
        let messages = errors.compactMap { $0["message"] as? String }
        #expect(messages[0].hasPrefix("row 3, column AH \"pH водн.\": \"8,3?\" is not a number"))
        #expect(messages[1].hasPrefix("row 5, column I \"Дата отбора проб\": \"31.06.2019\" is not a date"))
        #expect(messages[2].hasPrefix("row 6, column AA \"Нижняя граница, см\": "))
        let russian = post(t, body, key: key, query: "?lang=ru")
        let first = (russian.object["errors"] as? [[String: Any]])?.first?["message"] as? String
        #expect(first == "строка 3, столбец AH «pH водн.»: «8,3?» — не число")
        #expect(try t.count("assessments") == 0)
        #expect(try t.count("changes") == 0)
    }

    @Test func unknownColumnsAreReportedUnlessIgnored() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let sheet = ImportFixtures.wideCSV(references: ["KZ-I-1"]).replacingOccurrences(of: "bd_fe", with: "Colour")
        let refused = post(t, Array(sheet.utf8), key: key)
        #expect(refused.status == 422)
        #expect(refused.errorCodes == ["unknown_field"])
        #expect(refused.text.contains(#"row 1, column L \"Colour\""#))
        let ignored = post(t, Array(sheet.utf8), key: key, query: "?ignore_unknown_columns=true")
        #expect(ignored.status == 201)
        #expect(ignored.object["ignored_columns"] as? [String] == ["Colour"])
    }

    @Test func rowsOfOneReferenceMustAgree() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let sheet = ImportFixtures.wideCSV(references: ["KZ-D-1"]).replacingOccurrences(
            of: "71.45,14.06.2024,grassland,10", with: "71.45,15.06.2024,grassland,10")
        let reply = post(t, Array(sheet.utf8), key: key)
        #expect(reply.status == 422)
        #expect(reply.errorPaths == ["/0/sampled_on"])
        #expect(
            reply.text.contains(
                #"row 3, column G \"sampled_on\": \"15.06.2024\" differs from \"14.06.2024\" given for the same assessment in row 2"#
            ))
    }

    @Test func rightsAndLimitsAreThoseOfTheBatch() throws {
        let t = try TestApp { $0.maxBatchDocuments = 2 }
        let uz = try t.key("uz", .submitter, "UZ")
        let kz = try t.key("kz", .submitter, "KZ")
        #expect(post(t, Array(ImportFixtures.wideCSV(references: ["KZ-R-1"]).utf8), key: uz).status == 403)
        let three = ImportFixtures.wideCSV(references: ["KZ-R-1", "KZ-R-2", "KZ-R-3"])
        let tooMany = post(t, Array(three.utf8), key: kz)
        #expect(tooMany.status == 422)
        #expect(tooMany.text.contains("at most 2"))
        #expect(post(t, Array(three.utf8), key: kz, type: "application/json").status == 415)
        #expect(post(t, Array(three.utf8), key: kz, type: "text/csv; charset=koi8-r").status == 415)
        #expect(try t.count("assessments") == 0)
    }

    @Test func brokenQuotesAndEncodingsAreRefusedWithTheRow() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let unclosed = post(t, Array("reference,notes\nKZ-Q-1,\"open\n".utf8), key: key)
        #expect(unclosed.status == 422)
        #expect(unclosed.text.contains("row 2, column B: a quoted cell is never closed"))
        let notUTF8 = post(t, [0x61, 0xFF, 0x0a], key: key, type: "text/csv; charset=utf-8")
        #expect(notUTF8.status == 422)
        #expect(notUTF8.errorCodes == ["format"])
    }

    @Test func aZipBombIsRefusedWith413BeforeUnpacking() throws {
        let t = try TestApp()
        let key = try t.key("admin", .admin)
        let bomb = post(t, try ImportFixtures.bytes("bomb.xlsx"), key: key, type: ImportResource.xlsxType)
        #expect(bomb.status == 413)
        #expect(bomb.text.contains("xl/worksheets/sheet1.xml"))
        let notAWorkbook = post(t, Array("reference\nKZ-1\n".utf8), key: key, type: ImportResource.xlsxType)
        #expect(notAWorkbook.status == 422)
        #expect(notAWorkbook.text.contains("not an .xlsx workbook"))
        #expect(try t.count("assessments") == 0)
    }

    @Test func theTemplateImportsOnceFilled() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        for language in ["en", "ru"] {
            let reply = t.send(.get, "/v1/import/template?lang=\(language)")
            #expect(reply.status == 200)
            #expect(reply.headers["Content-Type"] == "text/csv; charset=utf-8")
            #expect(reply.body.starts(with: [0xEF, 0xBB, 0xBF]))
            let lines = reply.text.dropFirst().components(separatedBy: "\r\n")
            #expect(lines[1].hasPrefix(language == "ru" ? "\"# обязательно;" : "\"# required;"))
            #expect(lines[0].contains(language == "ru" ? "Органический углерод, г/кг" : "SOC, g/kg"))
            // An empty template: no rows but the explanations, which are skipped.
            let empty = post(t, reply.body, key: key, query: "?dry_run=true")
            #expect(empty.status == 422)
            #expect(empty.text.contains("no data rows") || empty.text.contains("нет строк"))
        }
        #expect(t.send(.get, "/v1/import/template?format=pdf").status == 400)
    }
}

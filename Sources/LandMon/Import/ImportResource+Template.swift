import Assessments
import Foundation
import HTTP
import Messages
import Spreadsheets

extension ImportResource {
    /// `GET /v1/import/template?format=csv&lang=ru`: the header row of the wide layout (one row
    /// per layer, one column per indicator in its canonical unit) in the language asked, and a
    /// row of explanations whose first cell starts with `#`, which the import skips.
    func template(_ request: Request) -> Response {
        exchange.guarded(request, access: .open) { request, caller in
            try exchange.rejectParameters(request, allowed: Self.templateParameters)
            let format = request.query["format"] ?? "csv"
            guard format == "csv" || format == "xlsx" else { throw APIError.parameter("format", "template_format") }
            let rows = templateRows(caller.language)
            if format == "xlsx" {
                var sheet = XLSXWriter.sheetHead
                for row in rows { XLSXWriter.appendRow(row.map { .text($0) }, to: &sheet) }
                sheet += XLSXWriter.sheetTail
                let name = caller.language == .ru ? "Шаблон" : "Template"
                let out = try XLSXWriter.data(sheets: [(name, sheet)])
                var response = Response(body: .bytes(out))
                response.headers.set("Content-Type", Self.xlsxType)
                response.headers.set("ETag", ETag.strong(of: out))
                response.headers.set(
                    "Content-Disposition", "attachment; filename=\"landmon-template-\(caller.language.rawValue).xlsx\"")
                return exchange.localized(response, caller.language)
            }
            var out: [UInt8] = [0xEF, 0xBB, 0xBF]
            for row in rows {
                out += Array(row.map(Self.csvField).joined(separator: ";").utf8)
                out += [13, 10]
            }
            var response = Response(body: .bytes(out))
            response.headers.set("Content-Type", "text/csv; charset=utf-8")
            response.headers.set("ETag", ETag.strong(of: out))
            response.headers.set(
                "Content-Disposition", "attachment; filename=\"landmon-template-\(caller.language.rawValue).csv\"")
            return exchange.localized(response, caller.language)
        }
    }

    /// The header row and the explanations row.
    func templateRows(_ language: Language) -> [[String]] {
        let messages = exchange.messages
        var header: [String] = []
        var notes: [String] = []
        let required: Set<String> = [
            "reference", "country", "region", "site.id", "site.lat", "site.lon", "sampled_on", "land_cover", "top_cm",
            "bottom_cm",
        ]
        let lists: [String: [String]] = [
            "country": catalog.countries.map(\.code), "land_cover": catalog.landCovers.map(\.code),
            "erosion.category": catalog.codeLists["erosion_category"]?.map(\.code) ?? [],
            "erosion.degree": catalog.codeLists["erosion_degree"]?.map(\.code) ?? [],
            "erosion.area_affected": catalog.codeLists["erosion_area_affected"]?.map(\.code) ?? [],
            "erosion.activity": catalog.codeLists["erosion_activity"]?.map(\.code) ?? [],
            "salt.crust": catalog.codeLists["salt_crust"]?.map(\.code) ?? [],
        ]
        for field in columns.fields where field.level != .measurement {
            header.append(field.title[language] ?? field.path)
            var parts = [
                messages.text(
                    required.contains(field.path) ? "import.explain.required" : "import.explain.optional", in: language)
            ]
            if let codes = lists[field.path] {
                parts.append(
                    messages.text("import.explain.codes", ["codes": codes.joined(separator: " ")], in: language))
            } else if messages.contains("import.explain." + field.path) {
                parts.append(messages.text("import.explain." + field.path, in: language))
            } else if field.type == .number {
                parts.append(messages.text("import.explain.number", in: language))
            } else if field.type == .date {
                parts.append(messages.text("import.explain.date", in: language))
            }
            notes.append(parts.joined(separator: "; "))
        }
        for (code, title) in columns.indicators {
            guard let indicator = catalog.indicators[code] else { continue }
            let unit = columns.unitTitles[language]?[indicator.unit] ?? indicator.unit
            header.append((title[language] ?? code) + (indicator.unit == "pH" ? "" : ", " + unit))
            notes.append(
                messages.text("import.explain.indicator", ["code": code, "unit": indicator.unit], in: language))
        }
        notes[0] = "# " + notes[0]
        return [header, notes]
    }

    /// One CSV field, quoted when it holds the separator, a quote or a line end.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

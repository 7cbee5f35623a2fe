import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Spreadsheets
import Store

/// `POST /v1/assessments/import`: a spreadsheet (CSV) becomes assessments through the batch path,
/// all or nothing; `GET /v1/import/template`: the empty spreadsheet to start from.
struct ImportResource: Sendable {
    let exchange: Exchange
    let assessments: AssessmentResource
    let columns: ImportColumns
    let catalog: Catalog

    /// The query parameters of the import (besides `Exchange.commonParameters`).
    static let importParameters: Set<String> = ["dry_run", "ignore_unknown_columns"]
    /// The query parameters of the template.
    static let templateParameters: Set<String> = ["format"]
    /// The media types the import reads.
    static let csvTypes: Set<String> = ["text/csv", "application/csv", "text/plain", "text/tab-separated-values"]
    /// The media type of `.xlsx` workbooks (the first sheet is read).
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func importSheet(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(Message("access.key_needed")) }
            try exchange.rejectParameters(request, allowed: Self.importParameters)
            let dryRun = try request.query["dry_run"].map { try QueryValues.flag($0, name: "dry_run") } ?? false
            let ignoreUnknown =
                try request.query["ignore_unknown_columns"].map {
                    try QueryValues.flag($0, name: "ignore_unknown_columns")
                } ?? false
            let read = try readSheet(request)
            let outcome = SheetMapping(columns: columns).map(read.sheet)
            let header = read.sheet.rows.first?.cells ?? []
            let cells = CellNames(header: header, language: caller.language, messages: exchange.messages)
            var issues = outcome.issues
            if !ignoreUnknown {
                for (column, text) in outcome.unknownColumns {
                    issues.append(
                        ImportIssue(
                            document: nil, path: "", cell: CellRef(row: outcome.headerRow, column: column),
                            code: .unknownField, message: Message("import.unknown_column", ["header": text])))
                }
            }
            guard outcome.documents.count <= assessments.maxBatchDocuments else {
                let limits = ["max": String(assessments.maxBatchDocuments), "count": String(outcome.documents.count)]
                throw APIError.validation(
                    [ValidationProblem(path: "", code: .outOfRange, message: Message("batch.too_many", limits))],
                    Message("batch.too_large"))
            }
            guard !outcome.documents.isEmpty || !issues.isEmpty else {
                throw APIError.validation(
                    [ValidationProblem(path: "", code: .required, message: Message("import.no_rows"))],
                    Message("batch.empty"))
            }
            let valid = try validate(outcome.documents, issues: issues, principal: principal, cells: cells)
            let summary = ImportSummary(
                encoding: read.encoding, assumed: read.assumed, separator: read.separator, layout: outcome.layout,
                rows: outcome.dataRows,
                ignoredColumns: ignoreUnknown ? outcome.unknownColumns.map(\.1) : [],
                notice: read.assumed
                    ? exchange.messages.text(Message("import.encoding_assumed"), in: caller.language) : nil)
            if dryRun {
                done(.success(Response.json(summary.dryRun(outcome.documents, valid))))
                return
            }
            try assessments.idempotency.run(request, principal: principal, done: done) { key, done in
                let render: @Sendable ([CreateOutcome]) -> Response = { outcomes in
                    let created = outcomes.contains { if case .created = $0 { true } else { false } }
                    return Response.json(summary.stored(outcomes), status: created ? .created : .ok)
                }
                let documents = outcome.documents
                assessments.storeBatch(valid, principal: principal, key: key, render: render) { result in
                    done(
                        result.mapError { error in
                            guard case APIError.validation(let problems, let message) = error else { return error }
                            return APIError.validation(
                                problems.map { problem in
                                    let index = problem.path.split(separator: "/").first.flatMap { Int($0) }
                                    guard let index, index < documents.count else { return problem }
                                    let cell = documents[index].cell(for: "/reference")
                                    return cells.problem(
                                        ImportIssue(
                                            document: index, path: "/reference", cell: cell, code: problem.code,
                                            message: problem.message))
                                }, message)
                        })
                }
            }
        }
    }

    /// Validates every document; all problems of all documents and cells, each on its cell.
    private func validate(
        _ documents: [SheetDocument], issues: [ImportIssue], principal: Principal, cells: CellNames
    ) throws -> [Assessment] {
        var problems = issues.map(cells.problem)
        // A cell already reported (a number that is not one) is left out of its document, and the
        // validator would call the field missing: say it once.
        let reported = Set(issues.map { "\($0.cell.row):\($0.cell.column ?? -1)" })
        var valid: [Assessment] = []
        valid.reserveCapacity(documents.count)
        let today = Date()
        for (index, document) in documents.enumerated() {
            switch assessments.validator.validate(document.value, today: today) {
            case .success(let assessment):
                try AssessmentResource.checkCountry(of: assessment, index: index, principal: principal)
                valid.append(assessment)
            case .failure(let failure):
                for problem in failure.problems {
                    let cell = document.cell(for: problem.path)
                    if problem.code == .required && reported.contains("\(cell.row):\(cell.column ?? -1)") { continue }
                    problems.append(
                        cells.problem(
                            ImportIssue(
                                document: index, path: problem.path, cell: cell, code: problem.code,
                                message: problem.message)))
                }
            }
            if problems.count > 10_000 { break }
        }
        if !problems.isEmpty {
            throw APIError.validation(problems, Message("import.invalid", ["count": String(problems.count)]))
        }
        return valid
    }

    /// The body as a sheet, with how it was read.
    private func readSheet(_ request: Request) throws -> (
        sheet: Sheet, encoding: String, assumed: Bool, separator: String
    ) {
        let raw = request.headers["Content-Type"] ?? ""
        let parts = raw.split(separator: ";")
        let type = parts.first.map { trimmingOptionalWhitespace($0).lowercased() } ?? ""
        if type == Self.xlsxType { return try readWorkbook(request.body) }
        guard Self.csvTypes.contains(type) else {
            let accepted = (Self.csvTypes.sorted() + [Self.xlsxType]).joined(separator: ", ")
            throw APIError.unsupportedMediaType(
                raw.isEmpty
                    ? Message("body.content_type_missing", ["accepted": accepted])
                    : Message("body.content_type_refused", ["given": raw, "accepted": accepted]))
        }
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { trimmingOptionalWhitespace($0) }
            if pair.count == 2 && pair[0].lowercased() == "charset" { charset = pair[1] }
        }
        let text: DecodedText
        do {
            text = try SheetText.decode(request.body, charset: charset)
        } catch .unknownCharset(let name) {
            throw APIError.unsupportedMediaType(Message("import.charset_unknown", ["text": name]))
        } catch .invalid(let encoding) {
            throw APIError.validation(
                [
                    ValidationProblem(
                        path: "", code: .format, message: Message("import.not_text", ["encoding": encoding.rawValue]))
                ],
                Message("import.unreadable"))
        }
        let separator: UInt8? = type == "text/tab-separated-values" ? 0x09 : nil
        let used = separator ?? CSVReader.separator(of: text.text).separator
        do {
            let sheet = try CSVReader.read(text.text, separator: separator)
            let shown = used == 0x09 ? "\t" : String(UnicodeScalar(used))
            return (sheet, text.encoding.rawValue, text.isAssumed, shown)
        } catch {
            let (key, row, column) =
                switch error {
                case .unclosedQuote(let row, let column): ("import.unclosed_quote", row, column)
                case .textAfterQuote(let row, let column): ("import.text_after_quote", row, column)
                }
            throw APIError.validation(
                [
                    ValidationProblem(
                        path: "", code: .format,
                        message: Message(key, ["row": String(row), "column": Sheet.columnName(column)]))
                ], Message("import.unreadable"))
        }
    }
}

import Assessments
import Messages
import Spreadsheets

extension ImportResource {
    /// The most bytes one part of a workbook may unpack to (a sheet of 50,000 rows is about 30 MB).
    static let maxWorkbookPartBytes = 256 << 20

    /// The first sheet of an `.xlsx` body: 413 for a part that claims or delivers too much.
    func readWorkbook(_ body: [UInt8]) throws -> (sheet: Sheet, encoding: String, assumed: Bool, separator: String) {
        do {
            let sheet = try XLSXReader.read(body, maxPartBytes: Self.maxWorkbookPartBytes)
            return (sheet, "xlsx", false, "")
        } catch .tooLarge(let part, let limit) {
            throw APIError.contentTooLarge(Message("import.xlsx_too_large", ["part": part, "limit": String(limit)]))
        } catch .notAWorkbook {
            throw APIError.validation(
                [ValidationProblem(path: "", code: .format, message: Message("import.not_a_workbook"))],
                Message("import.unreadable"))
        } catch .malformed(let part) {
            throw APIError.validation(
                [ValidationProblem(path: "", code: .format, message: Message("import.xlsx_malformed", ["part": part]))],
                Message("import.unreadable"))
        }
    }
}

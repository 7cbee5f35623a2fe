import Assessments
import Messages
import Spreadsheets

/// Names cells as the spreadsheet shows them (`row 17, column F "pH водн."`), in the request's
/// language, in front of the problem found there.
struct CellNames: Sendable {
    let header: [String]
    let language: Language
    let messages: MessageCatalog

    /// The issue as a problem of the answer: the JSON pointer into the documents array
    /// (`/3/layers/0/measurements/2/value`; empty for the header row) and a message that starts
    /// with the cell.
    func problem(_ issue: ImportIssue) -> ValidationProblem {
        let path = issue.document.map { "/\($0)" + issue.path } ?? issue.path
        let text = messages.text(issue.message, in: language)
        var arguments = ["row": String(issue.cell.row), "problem": text]
        let key: String
        if let column = issue.cell.column {
            arguments["column"] = Sheet.columnName(column)
            arguments["header"] = column < header.count ? header[column].trimmingSpaces : ""
            key = "import.at_cell"
        } else {
            key = "import.at_row"
        }
        return ValidationProblem(path: path, code: issue.code, message: Message(key, arguments))
    }
}

import Assessments
import Formats
import Messages
import Store

/// A parsed `GET /v1/assessments` query: the filter for the store, and the page, format and
/// presentation for the answer, each checked.
struct ListParameters: Sendable {
    var filter = AssessmentFilter()
    /// Page size; nil means `limit=all` (streamed formats only).
    var limit: Int? = 100
    var cursor: Cursor?
    var count = false
    var format: OutputFormat = .json
    var isPretty = false
    /// `dialect=excel` (CSV only): BOM, `;`, decimal commas in Russian.
    var isExcel = false
    /// `format=xlsx`: a workbook (CSV's rows as the measurements sheet, and an assessments sheet).
    var isXLSX = false

    /// The parameters this endpoint knows; any other is refused by name.
    static let names: Set<String> = [
        "country", "region", "site", "reference", "indicator", "land_cover", "from", "to", "bbox", "depth_max",
        "updated_since", "qa_flag", "sort", "limit", "cursor", "count", "format", "pretty", "lang",
        "dialect",
    ]
}

extension ListParameters {
    /// The writer of the answer: the format's, or Excel's CSV with decimal commas in Russian.
    func writer(_ language: Language, blockFields: [String]) -> any ListWriter {
        guard isExcel else { return format.listWriter(depthMax: filter.depthMax, blockFields: blockFields) }
        return ExcelCSVListWriter(depthMax: filter.depthMax, decimalComma: language == .ru, blockFields: blockFields)
    }
}

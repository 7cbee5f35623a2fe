import Assessments
import Formats
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

    /// The parameters this endpoint knows; any other is refused by name.
    static let names: Set<String> = [
        "country", "region", "site", "reference", "indicator", "land_cover", "from", "to", "bbox", "depth_max",
        "updated_since", "qa_flag", "sort", "limit", "cursor", "count", "format", "pretty", "lang",
    ]
}

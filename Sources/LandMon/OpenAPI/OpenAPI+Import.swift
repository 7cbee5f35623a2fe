/// The spreadsheet operations (`ImportResource`) and the schema of the import's answer.
extension OpenAPI {
    static func importOperations(_ context: Context) -> [Operation] {
        let json = "application/json"
        let flags: [String: Any] = ["type": "string", "enum": ["true", "false", "1", "0"]]
        let sheet: [String: Any] = [
            "type": "string", "description": "A header row, then one row per layer or measurement",
        ]
        return [
            Operation(
                method: "POST", path: "/v1/assessments/import",
                summary:
                    "Import a spreadsheet (CSV, or the first sheet of an XLSX workbook) of up to \(context.maxBatchDocuments) assessments, all or nothing",
                description:
                    "Encoding: charset= if given, else a byte order mark, else UTF-8, else Windows-1251 (then encoding_assumed). Separator ; , or tab; decimal commas; dates DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD. Columns named in English, Russian or Kazakh (Config/schema/import-columns.json); rows with the same reference are one assessment. Problems name the row and column of the sheet.",
                access: .write, query: ImportResource.importParameters,
                special: [
                    "dry_run": query("dry_run", "Check everything and answer the documents without storing", flags),
                    "ignore_unknown_columns": query(
                        "ignore_unknown_columns", "Skip columns no field has (listed in ignored_columns)", flags),
                ],
                headers: [idempotencyKey],
                body: (
                    "The spreadsheet as CSV",
                    ImportResource.csvTypes.sorted().map { ($0, sheet) }
                        + [(ImportResource.xlsxType, ["type": "string", "contentMediaType": ImportResource.xlsxType])]
                ),
                answers: [
                    Answer(
                        status: 201, description: "Stored (created, unchanged, ids in sheet order)",
                        content: [(json, ref("ImportResult"))], headers: [("Idempotent-Replayed", false)]),
                    Answer(
                        status: 200, description: "A dry run, or every assessment was stored before",
                        content: [(json, ref("ImportResult"))], headers: [("Idempotent-Replayed", false)]),
                    problem(409, "The Idempotency-Key is in flight"),
                    problem(
                        422,
                        "Problems, each on its cell (row, column and header in the message) beside the JSON Pointer into the documents; nothing stored"
                    ),
                ]),
            Operation(
                method: "GET", path: "/v1/import/template",
                summary: "An empty spreadsheet to fill: the header row and a row of explanations", access: .open,
                query: ImportResource.templateParameters,
                special: [
                    "format": query(
                        "format", "csv (the default) or xlsx", ["type": "string", "enum": ["csv", "xlsx"]])
                ],
                answers: [
                    Answer(
                        status: 200,
                        description: "UTF-8 CSV with a byte order mark and ; between fields, or an XLSX workbook",
                        content: [
                            ("text/csv", sheet),
                            (ImportResource.xlsxType, ["type": "string", "contentMediaType": ImportResource.xlsxType]),
                        ],
                        headers: [("ETag", true), ("Content-Language", true), ("Vary", true)])
                ]),
        ]
    }

    /// `ImportResult`: how the file was read, then counts and ids, or the documents of a dry run.
    static func importSchemas() -> [String: Any] {
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        return [
            "ImportResult": object(
                [
                    "dry_run": ["type": "boolean"], "encoding": ["type": "string"],
                    "encoding_assumed": ["type": "boolean"], "notice": ["type": "string"],
                    "separator": ["type": "string"], "layout": ["type": "string", "enum": ["wide", "long", "mixed"]],
                    "rows": count, "ignored_columns": array(["type": "string"]), "created": count, "unchanged": count,
                    "ids": array(["type": "integer", "minimum": 1]), "assessments": count, "layers": count,
                    "measurements": count, "documents": array(["type": "object"]),
                ], required: ["dry_run", "encoding", "encoding_assumed", "separator", "layout", "rows"])
        ]
    }
}

/// One sheet of a spreadsheet as text cells: what CSV and XLSX readers produce, and what the
/// importer maps to documents. Row numbers are those the spreadsheet shows (the header is row 1
/// in a CSV file); blank rows are left out but keep their numbers counted.
public struct Sheet: Sendable, Equatable {
    /// One non-blank row.
    public struct Row: Sendable, Equatable {
        /// The row number as the spreadsheet shows it (1-based).
        public var number: Int
        /// The cells from column A on; missing cells at the end are simply absent.
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }

        /// The cell in column `index` (0 for A), empty when the row is shorter.
        public subscript(index: Int) -> String { index < cells.count ? cells[index] : "" }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The spreadsheet's name of column `index` (0 -> A, 25 -> Z, 26 -> AA).
    public static func columnName(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The column index of letters such as `A` or `AB` (nil for anything else).
    public static func columnIndex(_ letters: some StringProtocol) -> Int? {
        var number = 0
        for scalar in letters.unicodeScalars {
            guard ("A"..."Z").contains(scalar), number < 1_000_000 else { return nil }
            number = number * 26 + Int(scalar.value - 64)
        }
        return number == 0 ? nil : number - 1
    }
}

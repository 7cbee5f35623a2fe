import Foundation
import Testing

/// The layout of DESIGN.md, kept by reading the sources: all SQL in the store, one-way imports.
@Suite struct LayoutTests {
    /// Every Swift file under Sources/, by module.
    private func sources() throws -> [(module: String, path: String, text: String)] {
        let root = TestApp.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        return try files.map { file in
            let relative = String(file.path.dropFirst(root.path.count + 1))
            let module = String(relative.split(separator: "/").first ?? "")
            return (module, relative, try String(contentsOf: file, encoding: .utf8))
        }
    }

    private func imports(_ text: String) -> Set<String> {
        var modules = Set<String>()
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if let index = words.firstIndex(of: "import"), index + 1 < words.count,
                words[..<index].allSatisfy({ $0.hasPrefix("@") })
            {
                modules.insert(String(words[index + 1]))
            }
        }
        return modules
    }

    @Test func sqlLivesInTheStoreOnly() throws {
        let statement = try NSRegularExpression(
            pattern:
                #"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA\s+\w+)"#
        )
        let files = try sources()
        #expect(files.count > 100)
        for file in files where file.module != "Store" && file.module != "SQLite" && file.module != "PostgreSQL" {
            #expect(!imports(file.text).contains("SQLite"), "\(file.path) imports SQLite")
            #expect(!imports(file.text).contains("PostgreSQL"), "\(file.path) imports PostgreSQL")
            let range = NSRange(file.text.startIndex..., in: file.text)
            #expect(statement.firstMatch(in: file.text, range: range) == nil, "\(file.path) writes SQL")
        }
    }

    @Test func importsPointOneWay() throws {
        let allowed: [String: Set<String>] = [
            "HTTP": ["Locking", "JSONString"],
            "SQLite": ["CSQLite", "Locking"],
            "PostgreSQL": ["CLibPQ", "Locking"],
            "Assessments": ["Messages", "JSONString"],
            "Messages": [],
            // The one package dependency, for the ZIP container of .xlsx (README: design notes).
            "Spreadsheets": ["ZIPFoundation"],
            "Store": ["SQLite", "PostgreSQL", "Assessments", "Locking"],
            "Formats": ["Store", "Assessments", "Messages"],
            "LandMon": ["HTTP", "Store", "Formats", "Assessments", "Messages", "CCrypto", "Locking", "Spreadsheets"],
            "landmon": ["LandMon", "Messages"],
        ]
        let system: Set<String> = [
            "Foundation", "Dispatch", "Glibc", "Synchronization", "Testing", "FoundationXML", "FoundationNetworking",
        ]
        for file in try sources() {
            guard let modules = allowed[file.module] else { continue }
            for module in imports(file.text).subtracting(system) {
                #expect(modules.contains(module), "\(file.path) imports \(module)")
            }
        }
    }
}

import Assessments
import Foundation
import Store

/// The catalog, the fixture documents and the write contexts of the conformance checks: data
/// only, no store.
enum ConformanceData {
    /// The package root: this file is Tests/StoreTests/Support/ConformanceData.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The package's migrations, for stores that apply them at open.
    static let migrations = root.appendingPathComponent("Migrations")

    private static let loadedCatalog = Result { () throws(CatalogError) -> Catalog in
        try Catalog.load(from: root.appendingPathComponent("Config/schema"))
    }

    /// The committed catalog (`Config/schema`), loaded once.
    static func catalog() throws -> Catalog { try loadedCatalog.get() }

    /// Every indicator code of the catalog.
    static func indicators() throws -> Set<String> { Set(try catalog().statisticsCodes) }

    /// The key name every write of the checks is recorded under.
    static let author = "conformance-admin"

    /// A fixed time, RFC 3339, and the same time `seconds` later (within one hour).
    static func time(_ seconds: Int = 0) -> String {
        String(format: "2025-03-10T12:%02d:%02dZ", seconds / 60, seconds % 60)
    }

    /// A writer that may write any country, at `now`.
    static func admin(at now: String = time()) throws -> WriteContext {
        WriteContext(author: author, country: nil, now: now, schemaVersion: try catalog().version)
    }

    /// A writer limited to `country`, at `now`.
    static func submitter(_ country: String, at now: String = time()) throws -> WriteContext {
        WriteContext(
            author: "conformance-\(country.lowercased())", country: country, now: now,
            schemaVersion: try catalog().version)
    }

    /// What to change in a fixture before it is validated.
    struct Changes {
        var reference: String?
        var sampledOn: String?
        var siteID: String?
        var lat: Double?
        var lon: Double?
        var notes: String?
    }

    /// A fixture of `Config/fixtures` (its name without `.json`), changed and validated.
    static func assessment(_ fixture: String, _ changes: Changes = Changes()) throws -> Assessment {
        let url = root.appendingPathComponent("Config/fixtures/\(fixture).json")
        var members = try JSONParser().parse([UInt8](try Data(contentsOf: url))).objectMembers ?? []
        var site = members.first { $0.key == "site" }?.value.objectMembers ?? []
        set(&site, "id", changes.siteID.map { .string($0) })
        set(&site, "lat", changes.lat.map { .number(JSONNumber(value: $0, isIntegerLiteral: false)) })
        set(&site, "lon", changes.lon.map { .number(JSONNumber(value: $0, isIntegerLiteral: false)) })
        set(&members, "site", .object(site))
        set(&members, "reference", changes.reference.map { .string($0) })
        set(&members, "sampled_on", changes.sampledOn.map { .string($0) })
        set(&members, "notes", changes.notes.map { .string($0) })
        var body: [UInt8] = []
        JSONWriter.appendValue(JSONValue(.object(members)), to: &body)
        switch try Validator(catalog: catalog()).validate(body) {
        case .valid(let assessment): return assessment
        case .invalid(let failure):
            throw DataError("\(fixture) is invalid: \(failure.problems.map { "\($0.path) \($0.code)" })")
        case .malformed(let error): throw DataError("\(fixture) is malformed: \(error)")
        }
    }

    /// A fixture as a submission; its content hash is its canonical JSON (distinct content, distinct bytes).
    static func submission(_ fixture: String, _ changes: Changes = Changes()) throws -> Submission {
        submission(try assessment(fixture, changes))
    }

    static func submission(_ assessment: Assessment) -> Submission {
        Submission(assessment, contentHash: assessment.canonicalJSON())
    }

    /// Replaces the member `key` (appending it when absent); nil leaves the members as they are.
    private static func set(_ members: inout [JSONMember], _ key: String, _ storage: JSONValue.Storage?) {
        guard let storage else { return }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = JSONValue(storage)
        } else {
            members.append(JSONMember(key: key, value: JSONValue(storage)))
        }
    }
}

/// Test data that could not be made.
struct DataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "landmon",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "landmon", targets: ["landmon"])
    ],
    dependencies: [
        // The ZIP container of .xlsx workbooks (README: design notes); no other package.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20")
    ],
    targets: [
        // The system SQLite (Debian's libsqlite3-dev), nothing else.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // The system libcrypto (Debian's libssl-dev) for SHA-256 and constant-time compare.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // The system libpq (Debian's libpq-dev), for the PostgreSQL store.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),
        // A pthread mutex around a value (see Locked.swift for why not Synchronization.Mutex).
        .target(name: "Locking"),
        // The one JSON string escaper, shared by the HTTP layer and the documents.
        .target(name: "JSONString"),
        // Message keys and their texts in every language; nothing else.
        .target(name: "Messages"),
        .target(name: "SQLite", dependencies: ["CSQLite", "Locking"]),
        .target(name: "PostgreSQL", dependencies: ["CLibPQ", "Locking"]),
        .target(name: "HTTP", dependencies: ["Locking", "JSONString"]),
        .target(name: "Assessments", dependencies: ["Messages", "JSONString"]),
        // Readers and writers of spreadsheets (text encodings, CSV, XLSX): untrusted bytes in, cells
        // out; no module of ours, so that they can be fuzzed alone.
        .target(name: "Spreadsheets", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The store protocol and its SQLite and PostgreSQL implementations: all SQL of the application.
        .target(name: "Store", dependencies: ["SQLite", "PostgreSQL", "Assessments", "Locking"]),
        // Store values -> JSON, NDJSON, CSV, GeoJSON: no HTTP, no SQL.
        .target(name: "Formats", dependencies: ["Store", "Assessments", "Messages"]),
        .target(
            name: "LandMon",
            dependencies: [
                "HTTP", "Store", "Formats", "Assessments", "Messages", "CCrypto", "Locking", "Spreadsheets",
            ]),
        .executableTarget(name: "landmon", dependencies: ["LandMon"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "Locking"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Locking"]),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"]),
        .testTarget(
            name: "SpreadsheetsTests", dependencies: ["Spreadsheets"],
            exclude: ["memoryfile-crash.xlsx", "xmlparser-crash.xlsx"]),
        .testTarget(name: "AssessmentsTests", dependencies: ["Assessments", "Messages"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SQLite", "PostgreSQL", "Assessments", "Locking"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Store", "Assessments"]),
        .testTarget(
            name: "LandMonTests",
            dependencies: [
                "LandMon", "HTTP", "Store", "Formats", "SQLite", "PostgreSQL", "Assessments", "Messages", "Locking",
                "Spreadsheets",
            ]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "landmon",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "landmon", targets: ["landmon"])
    ],
    targets: [
        // The system SQLite (Debian's libsqlite3-dev), nothing else.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // The system libcrypto (Debian's libssl-dev) for SHA-256 and constant-time compare.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // A pthread mutex around a value (see Locked.swift for why not Synchronization.Mutex).
        .target(name: "Locking"),
        .target(name: "SQLite", dependencies: ["CSQLite", "Locking"]),
        .target(name: "HTTP", dependencies: ["Locking"]),
        // Message keys and their texts in every language; nothing else.
        .target(name: "Messages"),
        .target(name: "Assessments", dependencies: ["Messages"]),
        .target(name: "LandMon", dependencies: ["HTTP", "SQLite", "Assessments", "Messages", "CCrypto", "Locking"]),
        .executableTarget(name: "landmon", dependencies: ["LandMon"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "Locking"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Locking"]),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"]),
        .testTarget(name: "AssessmentsTests", dependencies: ["Assessments", "Messages"]),
        .testTarget(name: "LandMonTests", dependencies: ["LandMon", "HTTP", "SQLite", "Assessments", "Locking"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
// A minimal Hummingbird 2 server answering GET /health with the same bytes as landmon's
// benchmark binary and nginx: the Swift peer for Benchmarks/http.sh. Never a dependency of landmon.
import PackageDescription

let package = Package(
    name: "HummingbirdPeer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1")],
    targets: [
        .executableTarget(name: "HummingbirdPeer", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ]
)

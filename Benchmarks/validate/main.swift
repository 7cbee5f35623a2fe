// Validation throughput on one core: documents per second for a typical two-layer document
// and for the fixture set. Built by Benchmarks/validate.sh together with Sources/Assessments.
import Foundation

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ".")
let seconds = CommandLine.arguments.count > 2 ? Double(CommandLine.arguments[2]) ?? 2 : 2
let catalog = try Catalog.load(from: root.appendingPathComponent("Config/schema"))
let validator = Validator(catalog: catalog)

let typical = Array(
    """
    {"reference":"KZ-NCMS-2024-000123","country":"KZ","region":"KZ-11",
     "site":{"id":"AKM-0042","lat":51.17,"lon":71.45,"accuracy_m":10,"altitude_m":347},
     "sampled_on":"2024-06-14",
     "observer":{"organisation":"Kazakh Research Institute of Soil Science","lab":"KZ-LAB-03","person":"A. Nurlanova"},
     "land_cover":"grassland","land_use":"HE2","lpd_class":3,
     "erosion":{"category":"AS","degree":"M","area_affected":"10-25","activity":"A"},
     "salt":{"cover":1,"crust":"F"},"cover":{"bare_ground_pct":35,"vegetation_pct":60},"fine_earth_limit_mm":2,
     "layers":[
      {"top_cm":0,"bottom_cm":10,"horizon":"A","measurements":[
        {"indicator":"soc","value":0.84,"unit":"%","method":"OrgC_wc-cro3-tiurin","uncertainty":0.09},
        {"indicator":"bd_fe","value":1.41,"unit":"g/cm3","method":"BlkDensF_fe-co-od"},
        {"indicator":"ph_h2o","value":8.3,"method":"pHH2O_ratio1-2.5"},
        {"indicator":"clay","value":14},{"indicator":"silt","value":38},{"indicator":"sand","value":48}]},
      {"top_cm":10,"bottom_cm":30,"measurements":[{"indicator":"soc","value":5.1},{"indicator":"bd_fe","value":1.46}]}],
     "notes":"Spring survey, north transect"}
    """.utf8)

let fixtureDirectory = root.appendingPathComponent("Config/fixtures")
let fixtures = try FileManager.default.contentsOfDirectory(atPath: fixtureDirectory.path).filter {
    $0.hasSuffix(".json")
}.sorted()
    .map { [UInt8](try Data(contentsOf: fixtureDirectory.appendingPathComponent($0))) }
let today = Date()
let server = ServerFields(
    id: 1, revision: 1, status: "active", submittedAt: "2025-01-01T00:00:00Z", submittedBy: "bench",
    updatedAt: "2025-01-01T00:00:00Z", schemaVersion: catalog.version)

/// CPU time of this thread in seconds: the machine is shared, so wall time would count
/// other processes' turns on the core against us.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `body` over `documents` repeatedly for about `seconds` of CPU time; returns documents
/// per CPU second (the best of three rounds, to shed cache disturbance from neighbours).
func measure(_ documents: [[UInt8]], _ body: ([UInt8]) -> Bool) -> Double {
    for document in documents where !body(document) { fatalError("benchmark document rejected") }
    var best = 0.0
    for _ in 0..<3 {
        var count = 0
        let start = threadCPUSeconds()
        var elapsed = 0.0
        while elapsed < seconds / 3 {
            for document in documents where body(document) { count += 1 }
            elapsed = threadCPUSeconds() - start
        }
        best = max(best, Double(count) / elapsed)
    }
    return best
}

func validates(_ bytes: [UInt8]) -> Bool {
    if case .valid = validator.validate(bytes, today: today) { return true }
    return false
}

let rows: [(String, Int, Double)] = [
    (
        "parse only, typical two-layer", typical.count,
        measure([typical]) { (try? JSONParser().parse($0)) != nil }
    ),
    ("validate, typical two-layer", typical.count, measure([typical], validates)),
    (
        "validate + canonical + representation, typical", typical.count,
        measure([typical]) { bytes in
            guard case .valid(let assessment) = validator.validate(bytes, today: today) else { return false }
            return assessment.canonicalJSON().count + assessment.representation(server: server).count > 0
        }
    ),
    (
        "validate, fixture set (\(fixtures.count) docs, mean size)",
        fixtures.map(\.count).reduce(0, +) / fixtures.count, measure(fixtures, validates)
    ),
]
print("| benchmark (one core, per CPU second) | bytes | documents/s | us/doc |")
print("|---|---|---|---|")
for (name, size, rate) in rows {
    print("| \(name) | \(size) | \(Int(rate)) | \(String(format: "%.2f", 1e6 / rate)) |")
}

import Foundation

/// Summary statistics of one group of values: n, mean, min, p10, median, p90, max, and per-year
/// counts and means. Percentiles interpolate linearly between order statistics (Hyndman and Fan
/// type 7, the default of R and NumPy).
struct Summary: Sendable, Equatable {
    struct Year: Sendable, Equatable {
        let year: Int
        let n: Int
        let mean: Double
    }

    let n: Int
    let mean: Double
    let min: Double
    let p10: Double
    let median: Double
    let p90: Double
    let max: Double
    let byYear: [Year]

    /// Summarizes (year, value) pairs; nil when there are none.
    init?(_ samples: [(year: Int, value: Double)]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(\.value).sorted()
        n = sorted.count
        mean = Summary.mean(sorted)
        min = sorted[0]
        max = sorted[sorted.count - 1]
        p10 = Summary.quantile(sorted, 0.1)
        median = Summary.quantile(sorted, 0.5)
        p90 = Summary.quantile(sorted, 0.9)
        var years: [Int: (Int, Double)] = [:]
        for sample in samples {
            let current = years[sample.year] ?? (0, 0)
            years[sample.year] = (current.0 + 1, current.1 + sample.value)
        }
        byYear = years.keys.sorted().map { year in
            let (count, sum) = years[year]!
            return Year(year: year, n: count, mean: sum / Double(count))
        }
    }

    /// The type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// A mean by Kahan summation, so a million values lose no digits that matter.
    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let y = value - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        return sum / Double(values.count)
    }
}

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
        // Counts and sums in arrays indexed from the first year: no hashing per sample.
        var first = Int.max
        var last = Int.min
        for sample in samples {
            first = Swift.min(first, sample.year)
            last = Swift.max(last, sample.year)
        }
        var counts = [Int](repeating: 0, count: last - first + 1)
        var sums = [Double](repeating: 0, count: last - first + 1)
        for sample in samples {
            counts[sample.year - first] += 1
            sums[sample.year - first] += sample.value
        }
        byYear = counts.indices.compactMap { index in
            counts[index] == 0 ? nil : Year(year: first + index, n: counts[index], mean: sums[index] / Double(counts[index]))
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

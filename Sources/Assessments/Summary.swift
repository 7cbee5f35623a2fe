import Foundation

/// Summary statistics of one group of values: n, mean, min, p10, median, p90, max, and per-year
/// counts and means. Percentiles interpolate linearly between order statistics (Hyndman and Fan
/// type 7, the default of R and NumPy).
public struct Summary: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public let year: Int
        public let n: Int
        public let mean: Double
    }

    public let n: Int
    public let mean: Double
    public let min: Double
    public let p10: Double
    public let median: Double
    public let p90: Double
    public let max: Double
    public let byYear: [Year]

    /// Summarizes (year, value) pairs; nil when there are none.
    public init?(_ samples: [(year: Int, value: Double)]) {
        guard !samples.isEmpty else { return nil }
        // Selection instead of a full sort: three order statistics cost O(n), and sorting a
        // country's hundreds of thousands of values was a fifth of a statistics request.
        var values = samples.map(\.value)
        n = values.count
        mean = Summary.mean(values)
        min = values.min()!
        max = values.max()!
        p10 = Summary.quantile(selecting: 0.1, in: &values)
        median = Summary.quantile(selecting: 0.5, in: &values)
        p90 = Summary.quantile(selecting: 0.9, in: &values)
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
            counts[index] == 0
                ? nil : Year(year: first + index, n: counts[index], mean: sums[index] / Double(counts[index]))
        }
    }

    /// The type-7 quantile of sorted values.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The type-7 quantile of unsorted values, found by selection; reorders `values`.
    /// The same arithmetic as `quantile(_:_:)` on the sorted values, so the same result.
    static func quantile(selecting p: Double, in values: inout [Double]) -> Double {
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let low = select(lower, in: &values)
        // After selection everything past `lower` is at least as large: its minimum is the next order statistic.
        let high = lower + 1 < values.count ? values[(lower + 1)...].min()! : low
        return low + (high - low) * (position - Double(lower))
    }

    /// The k-th smallest value (from 0), by Hoare's selection with a median-of-three pivot;
    /// afterwards no value before index k is larger and none after it is smaller.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let a = values[low]
            let b = values[low + (high - low) / 2]
            let c = values[high]
            let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break
            }
        }
        return values[k]
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

/// The class of a sub-indicator, a period or a site in SDG 15.3.1: degraded, stable or improved.
public enum LDNClass: Int, Sendable, Equatable, CaseIterable {
    case degraded = -1
    case stable = 0
    case improved = 1

    /// `degraded`, `stable`, `improved`: the word the answers use.
    public var name: String {
        switch self {
        case .degraded: "degraded"
        case .stable: "stable"
        case .improved: "improved"
        }
    }

    /// The matrix notation: `-`, `0`, `+`.
    public var symbol: String {
        switch self {
        case .degraded: "-"
        case .stable: "0"
        case .improved: "+"
        }
    }

    /// The class written as `-`, `0` or `+`; nil for anything else.
    public init?(symbol: String) {
        switch symbol {
        case "-": self = .degraded
        case "0": self = .stable
        case "+": self = .improved
        default: return nil
        }
    }
}

/// The land-cover transition matrix of SDG 15.3.1 (UNCCD GPG v2): for each pair of land-cover
/// classes, whether going from one to the other is degradation, stability or improvement. The
/// UNCCD default is catalog data, and a country may override cells "based on local knowledge".
public struct LandCoverMatrix: Sendable, Equatable {
    /// A country's change of one cell, with the reason it gives.
    public struct Override: Sendable, Equatable {
        /// Land-cover class before.
        public var from: String
        /// Land-cover class after.
        public var to: String
        /// The class the country uses instead of the default.
        public var value: LDNClass
        /// Why, in the country's words.
        public var basis: String

        public init(from: String, to: String, value: LDNClass, basis: String) {
            self.from = from
            self.to = to
            self.value = value
            self.basis = basis
        }
    }

    /// Where the default matrix comes from.
    public var source: String
    /// The classes in matrix order (rows and columns).
    public var classes: [String]
    /// The default matrix: `cells[from][to]`, indices in `classes` order.
    public var cells: [[LDNClass]]
    /// Overrides by country code.
    public var overrides: [String: [Override]]

    public init(source: String, classes: [String], cells: [[LDNClass]], overrides: [String: [Override]]) {
        self.source = source
        self.classes = classes
        self.cells = cells
        self.overrides = overrides
    }

    /// The index of a land-cover class in matrix order.
    public func index(of landCover: String) -> Int? {
        classes.firstIndex(of: landCover)
    }

    /// The matrix `country` uses: the default with the country's overrides applied.
    public func cells(for country: String) -> [[LDNClass]] {
        var result = cells
        for change in overrides[country] ?? [] {
            guard let from = index(of: change.from), let to = index(of: change.to) else { continue }
            result[from][to] = change.value
        }
        return result
    }

    /// The class of the transition `from -> to` in `country`; nil when a class is not in the matrix.
    public func transition(from: String, to: String, country: String) -> LDNClass? {
        guard let row = index(of: from), let column = index(of: to) else { return nil }
        if let change = overrides[country]?.last(where: { $0.from == from && $0.to == to }) {
            return change.value
        }
        return cells[row][column]
    }
}

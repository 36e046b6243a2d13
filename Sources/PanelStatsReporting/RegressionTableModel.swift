/// One estimated coefficient as a regression table prints it.
public struct CoefficientEstimate: Sendable, Hashable, Codable {
    /// The point estimate.
    public var estimate: Double
    /// Its standard error (printed in parentheses), or nil to print none.
    public var standardError: Double?
    /// The p-value that decides the stars, or nil for no stars.
    public var pValue: Double?

    /// Creates a coefficient entry.
    public init(estimate: Double, standardError: Double? = nil, pValue: Double? = nil) {
        self.estimate = estimate
        self.standardError = standardError
        self.pValue = pValue
    }
}

/// What a model's column shows in a term's row.
public enum RegressionTableCell: Sendable, Hashable, Codable {
    /// A coefficient with its standard error and stars.
    case estimate(CoefficientEstimate)
    /// A fixed text in place of a number, e.g. "(ref.)" for a reference category or "omitted".
    case text(String)
}

/// One model — one column of a regression table — in a neutral form that any estimator can fill.
///
/// Terms keep the order they are given in; a table without explicit rows lists terms in the order they
/// first appear across its models. Statistics are keyed by name (see `RegressionTableStatistic` for the
/// keys the built-in rows use: "observations", "groups", "r2", "adj_r2", "max_vif").
public struct RegressionTableModel: Sendable, Hashable, Codable {
    /// One term's entry.
    public struct Term: Sendable, Hashable, Codable {
        /// The term's key, matched against `RegressionTableRow.term`, e.g. "ln_population".
        public var name: String
        /// What the column shows for it.
        public var cell: RegressionTableCell

        /// Creates a term entry.
        public init(name: String, cell: RegressionTableCell) {
            self.name = name
            self.cell = cell
        }
    }

    /// The column header, e.g. "Total" or "(1)".
    public var header: String
    /// The model's terms, in order.
    public var terms: [Term]
    /// Model statistics by key, e.g. ["observations": 564, "groups": 94, "adj_r2": 0.170].
    public var statistics: [String: Double]

    /// Creates a model column.
    public init(header: String, terms: [Term] = [], statistics: [String: Double] = [:]) {
        self.header = header
        self.terms = terms
        self.statistics = statistics
    }

    /// The cell for a term, or nil if the model does not have it (printed as an empty cell).
    public func cell(forTerm name: String) -> RegressionTableCell? {
        terms.first { $0.name == name }?.cell
    }

    /// Appends a coefficient, replacing an earlier entry with the same name.
    public mutating func setEstimate(_ name: String, _ estimate: CoefficientEstimate) {
        setCell(name, .estimate(estimate))
    }

    /// Marks a term as the reference category: its row prints `label` instead of a number.
    public mutating func setReference(_ name: String, label: String = "(ref.)") {
        setCell(name, .text(label))
    }

    /// Sets a term's cell, replacing an earlier entry with the same name or appending a new one.
    public mutating func setCell(_ name: String, _ cell: RegressionTableCell) {
        if let index = terms.firstIndex(where: { $0.name == name }) {
            terms[index].cell = cell
        } else {
            terms.append(Term(name: name, cell: cell))
        }
    }
}

/// A term row of the table: which term, under which label.
public struct RegressionTableRow: Sendable, Hashable, Codable {
    /// The term key looked up in each model.
    public var term: String
    /// The label printed in the first column, e.g. "Kommunestørrelse (ln)".
    public var label: String
    /// Decimals for this row's coefficients; nil uses `RegressionTableOptions.coefficientDecimals`.
    public var coefficientDecimals: Int?
    /// Decimals for this row's standard errors; nil uses `RegressionTableOptions.standardErrorDecimals`.
    public var standardErrorDecimals: Int?

    /// Creates a term row; the label defaults to the term key.
    public init(term: String, label: String? = nil, coefficientDecimals: Int? = nil, standardErrorDecimals: Int? = nil) {
        self.term = term
        self.label = label ?? term
        self.coefficientDecimals = coefficientDecimals
        self.standardErrorDecimals = standardErrorDecimals
    }
}

/// A model-statistics row below the coefficients: which key, under which label, with how many decimals.
public struct RegressionTableStatistic: Sendable, Hashable, Codable {
    /// The key looked up in each model's `statistics`.
    public var key: String
    /// The printed label.
    public var label: String
    /// Decimals (0 for counts).
    public var decimals: Int
    /// If set, the number of significant digits instead of fixed decimals (the VIVE report prints adjusted
    /// R² as 0.170 and -0.0833, i.e. 3 significant digits).
    public var significantDigits: Int?

    /// Creates a statistics row.
    public init(key: String, label: String, decimals: Int, significantDigits: Int? = nil) {
        self.key = key
        self.label = label
        self.decimals = decimals
        self.significantDigits = significantDigits
    }

    /// Key for the number of observations.
    public static let observationsKey = "observations"
    /// Key for the number of groups (entities, e.g. jobcentres) in a fixed-effects model.
    public static let groupsKey = "groups"
    /// Key for R².
    public static let rSquaredKey = "r2"
    /// Key for adjusted R².
    public static let adjustedRSquaredKey = "adj_r2"
    /// Key for the largest variance inflation factor.
    public static let maxVIFKey = "max_vif"

    /// "Observations", 0 decimals.
    public static func observations(label: String = "Observations") -> Self {
        Self(key: observationsKey, label: label, decimals: 0)
    }
    /// "Groups", 0 decimals.
    public static func groups(label: String = "Groups") -> Self {
        Self(key: groupsKey, label: label, decimals: 0)
    }
    /// "R²", 3 decimals.
    public static func rSquared(label: String = "R²", decimals: Int = 3) -> Self {
        Self(key: rSquaredKey, label: label, decimals: decimals)
    }
    /// "Adj. R²", 3 decimals.
    public static func adjustedRSquared(label: String = "Adj. R²", decimals: Int = 3) -> Self {
        Self(key: adjustedRSquaredKey, label: label, decimals: decimals)
    }
    /// "Max VIF", 3 decimals.
    public static func maxVIF(label: String = "Max VIF", decimals: Int = 3) -> Self {
        Self(key: maxVIFKey, label: label, decimals: decimals)
    }
}

/// A header spanning several adjacent model columns, e.g. "2014–2019" over Total, HK6 and HK5.
public struct RegressionTableColumnGroup: Sendable, Hashable, Codable {
    /// The printed label.
    public var label: String
    /// How many model columns it spans (at least 1).
    public var span: Int

    /// Creates a column group.
    public init(label: String, span: Int) {
        self.label = label
        self.span = span
    }
}

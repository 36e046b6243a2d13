/// Where a coefficient's standard error goes.
public enum StandardErrorPlacement: String, Sendable, Hashable, Codable, CaseIterable {
    /// On its own row beneath the coefficient, in parentheses (the layout of the VIVE report and esttab).
    case below
    /// In the same cell after the coefficient: "-2.460*** (558)".
    case beside
    /// Not printed.
    case hidden
}

/// How a regression table writes its numbers.
public struct RegressionTableOptions: Sendable, Hashable, Codable {
    /// Star levels; default `*** 0.01, ** 0.05, * 0.1`, stars when p < level.
    public var stars: SignificanceStars
    /// Number format for every cell; `.danish` gives 1.234.567,89.
    public var numberFormat: NumberFormat
    /// Default decimals of coefficients (rows may override).
    public var coefficientDecimals: Int
    /// Default decimals of standard errors (rows may override).
    public var standardErrorDecimals: Int
    /// Where the standard errors go.
    public var standardErrorPlacement: StandardErrorPlacement
    /// Whether a note line explaining the stars ("*** p<0.01, ** p<0.05, * p<0.1") is appended to the notes.
    public var showsStarLegend: Bool
    /// Text before the star legend, e.g. "Signifikans: ".
    public var starLegendPrefix: String

    /// Creates options; the defaults are 3 decimals, plain numbers, standard errors below, the star legend on.
    public init(
        stars: SignificanceStars = .conventional,
        numberFormat: NumberFormat = .plain,
        coefficientDecimals: Int = 3,
        standardErrorDecimals: Int = 3,
        standardErrorPlacement: StandardErrorPlacement = .below,
        showsStarLegend: Bool = true,
        starLegendPrefix: String = ""
    ) {
        self.stars = stars
        self.numberFormat = numberFormat
        self.coefficientDecimals = coefficientDecimals
        self.standardErrorDecimals = standardErrorDecimals
        self.standardErrorPlacement = standardErrorPlacement
        self.showsStarLegend = showsStarLegend
        self.starLegendPrefix = starLegendPrefix
    }
}

/// The output formats of `RegressionTable.rendered(as:)`.
public enum RegressionTableFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Monospaced text with aligned columns, for terminals.
    case text
    /// A GitHub-flavoured Markdown pipe table.
    case markdown
    /// A LaTeX `tabular` with booktabs rules (`\usepackage{booktabs}`), special characters escaped.
    case latex
    /// RFC 4180 CSV of the printed grid (one line per printed row).
    case csv
    /// An HTML `<table>` fragment.
    case html

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .latex: "tex"
        case .csv: "csv"
        case .html: "html"
        }
    }
}

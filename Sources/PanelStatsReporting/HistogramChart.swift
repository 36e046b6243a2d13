/// A histogram of pre-binned counts: touching bars, a label under each bin ("Under 32.000"), the count on
/// each bar — the form of the VIVE report's Figure 5.10 (jobcentres by spending per full-time unemployed).
///
/// Binning itself (edges, closedness) is the caller's choice; `binLabels(edges:...)` writes the labels.
public struct HistogramChart: Sendable, Hashable, Codable {
    /// One bin.
    public struct Bin: Sendable, Hashable, Codable {
        /// The label under the bar.
        public var label: String
        /// The number of observations in the bin.
        public var count: Int

        /// Creates a bin.
        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// The title above the chart, or nil.
    public var title: String?
    /// The bins, left to right.
    public var bins: [Bin]
    /// The title under the bin labels, e.g. "Kr. pr. fuldtidsledig".
    public var binAxisTitle: String?
    /// The count axis (includes zero).
    public var countAxis: ChartAxis
    /// Whether each bar carries its count.
    public var showsCounts: Bool
    /// Size, fonts, colours, number format; the bars take the palette's first colour.
    public var style: ChartStyle

    /// Creates a histogram from bins.
    public init(
        title: String? = nil, bins: [Bin], binAxisTitle: String? = nil,
        countAxis: ChartAxis = ChartAxis(includesZero: true), showsCounts: Bool = true, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.bins = bins
        self.binAxisTitle = binAxisTitle
        self.countAxis = countAxis
        self.showsCounts = showsCounts
        self.style = style
    }

    /// Creates a histogram from parallel labels and counts.
    /// - Throws: `ReportingError.histogramBinMismatch` if their lengths differ.
    public init(
        title: String? = nil, labels: [String], counts: [Int], binAxisTitle: String? = nil,
        countAxis: ChartAxis = ChartAxis(includesZero: true), style: ChartStyle = ChartStyle()
    ) throws(ReportingError) {
        guard labels.count == counts.count else {
            throw .histogramBinMismatch(labels: labels.count, counts: counts.count)
        }
        self.init(
            title: title, bins: zip(labels, counts).map { Bin(label: $0, count: $1) }, binAxisTitle: binAxisTitle,
            countAxis: countAxis, style: style
        )
    }

    /// Labels for bins between `edges`, written with `format`.
    ///
    /// With `openEnded` (the default) there is a bin below the first edge and one above the last:
    /// edges [32000, 37000, 42000] in Danish format give "Under 32.000", "32.000–37.000", "37.000–42.000",
    /// "Over 42.000" (`unit`, e.g. " kr.", is appended to each). Without it the n edges bound n − 1 bins.
    public static func binLabels(
        edges: [Double], openEnded: Bool = true, format: NumberFormat = .plain, decimals: Int = 0,
        below: String = "Under", above: String = "Over", rangeSeparator: String = "–", unit: String = ""
    ) -> [String] {
        let written = edges.map { format.string($0, decimals: decimals) }
        var labels: [String] = []
        if openEnded, let first = written.first {
            labels.append("\(below) \(first)\(unit)")
        }
        if written.count > 1 {
            for index in 1..<written.count {
                labels.append("\(written[index - 1])\(rangeSeparator)\(written[index])\(unit)")
            }
        }
        if openEnded, let last = written.last {
            labels.append("\(above) \(last)\(unit)")
        }
        return labels
    }

    /// The chart as a standalone SVG 1.1 document (UTF-8).
    /// - Throws: `ReportingError` for a non-positive size or an empty forced axis range.
    public func svg() throws(ReportingError) -> String {
        var countAxis = countAxis
        countAxis.includesZero = true
        if countAxis.minimumTickStep == nil { countAxis.minimumTickStep = 1 }
        let bars = BarChart(
            title: title, categories: bins.map(\.label),
            series: [BarChart.Series(name: "count", values: bins.map { Double($0.count) })],
            categoryAxisTitle: binAxisTitle, valueAxis: countAxis, showsValueLabels: showsCounts, valueDecimals: 0,
            groupWidthFraction: 1, showsLegend: false, style: style
        )
        return try bars.svg(kind: "histogram", barClass: "bar")
    }
}

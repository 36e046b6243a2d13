/// A vertical bar chart over categories: one bar per category (simple), or one bar per series within each
/// category (grouped), with optional value labels — the form of the VIVE report's Figures 5.11–5.12
/// (2017–2019 means by framework group and by size band).
///
/// Category labels are wrapped at spaces to fit under their bars. Non-finite values draw no bar.
public struct BarChart: Sendable, Hashable, Codable {
    /// One series: a value per category.
    public struct Series: Sendable, Hashable, Codable {
        /// The legend label.
        public var name: String
        /// One value per category, in category order.
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The title above the chart, or nil.
    public var title: String?
    /// The category labels along the horizontal axis.
    public var categories: [String]
    /// The series; with more than one the bars are grouped per category.
    public var series: [Series]
    /// The title under the category labels, or nil.
    public var categoryAxisTitle: String?
    /// The value axis; by default it includes zero, as bar lengths must start at zero to be read.
    public var valueAxis: ChartAxis
    /// Whether each bar carries its value (formatted with the style's number format).
    public var showsValueLabels: Bool
    /// Decimals of the value labels.
    public var valueDecimals: Int
    /// The share of each category's width that its bars fill (0.1…1; 1 makes bars touch, as in a histogram).
    public var groupWidthFraction: Double
    /// Whether to draw a legend; nil draws one when there is more than one series.
    public var showsLegend: Bool?
    /// Size, fonts, colours, number format, legend position.
    public var style: ChartStyle

    /// Creates a bar chart.
    public init(
        title: String? = nil, categories: [String], series: [Series], categoryAxisTitle: String? = nil,
        valueAxis: ChartAxis = ChartAxis(includesZero: true), showsValueLabels: Bool = false, valueDecimals: Int = 0,
        groupWidthFraction: Double = 0.8, showsLegend: Bool? = nil, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxis = valueAxis
        self.showsValueLabels = showsValueLabels
        self.valueDecimals = valueDecimals
        self.groupWidthFraction = groupWidthFraction
        self.showsLegend = showsLegend
        self.style = style
    }

    /// The chart as a standalone SVG 1.1 document (UTF-8).
    /// - Throws: `ReportingError` when a series has a different number of values than there are categories,
    ///   for a non-positive size, or an empty forced axis range.
    public func svg() throws(ReportingError) -> String {
        try svg(kind: "bar chart", barClass: "bar")
    }

    func svg(kind: String, barClass: String) throws(ReportingError) -> String {
        try style.validate()
        for line in series where line.values.count != categories.count {
            throw .seriesLengthMismatch(chart: kind, series: line.name, values: line.values.count, categories: categories.count)
        }
        let values = series.flatMap(\.values).filter(\.isFinite)
        let valueFormat = style.numberFormat
        let valueFontSize = style.fontSize * 0.85
        let labelTexts = series.map { $0.values.map { $0.isFinite ? valueFormat.string($0, decimals: valueDecimals) : "" } }
        let widestValueLabel = labelTexts.joined().map { TextMetrics.width($0, fontSize: valueFontSize) }.max() ?? 0
        let groupFraction = min(max(groupWidthFraction, 0.1), 1)
        let barCount = Double(max(series.count, 1))

        // Value labels need headroom above the tallest bar; estimate the plot size to convert pixels to data.
        let dataMaximum = values.max()
        let dataMinimum = values.min()
        var paddedMaximum: Double?
        var paddedMinimum: Double?
        let estimatedBarWidth = (style.width - 120) / Double(max(categories.count, 1)) * groupFraction / barCount
        let verticalLabels = showsValueLabels && widestValueLabel > estimatedBarWidth + 2
        if showsValueLabels, let high = dataMaximum, let low = dataMinimum {
            let span = max(high, 0) - min(low, 0)
            let labelPixels = (verticalLabels ? widestValueLabel : valueFontSize) + 8
            let share = labelPixels / max(style.height * 0.6, 1)
            if high > 0 { paddedMaximum = high + span * share }
            if low < 0 { paddedMinimum = low - span * share }
        }
        let y = try ResolvedAxis(
            valueAxis, dataMinimum: dataMinimum, dataMaximum: dataMaximum, format: style.numberFormat, name: "value",
            paddedMinimum: paddedMinimum, paddedMaximum: paddedMaximum
        )

        let drawsLegend = showsLegend ?? (series.count > 1)
        let legend = drawsLegend
            ? series.enumerated().map { LegendEntry(name: $1.name, colour: style.colour($0), swatch: .box) } : []
        // Wrap category labels to the band width, measured on a first layout without them.
        let provisional = ChartScaffold(
            style: style, title: title, yAxis: y, yTitle: valueAxis.title, xTitle: categoryAxisTitle,
            xLabelLines: 1, legend: legend
        )
        let provisionalBand = provisional.plot.width / Double(max(categories.count, 1))
        let wrapped = categories.map { TextMetrics.wrap($0, maxWidth: provisionalBand * 0.95, fontSize: style.fontSize) }
        let scaffold = ChartScaffold(
            style: style, title: title, yAxis: y, yTitle: valueAxis.title, xTitle: categoryAxisTitle,
            xLabelLines: wrapped.map(\.count).max() ?? 0, legend: legend
        )
        let plot = scaffold.plot
        let band = plot.width / Double(max(categories.count, 1))
        let barWidth = band * groupFraction / barCount
        let baseline = scaffold.y(min(max(0, y.lower), y.upper))

        var svg = SVGWriter()
        scaffold.drawFrame(into: &svg)
        let n = SVGWriter.number
        svg.open("g", [("class", "x-axis"), ("fill", "#333333")])
        for (index, lines) in wrapped.enumerated() {
            svg.multilineText(
                lines, x: plot.left + band * (Double(index) + 0.5), y: scaffold.xLabelBaseline,
                lineHeight: scaffold.lineHeight, [("class", "tick-label"), ("text-anchor", "middle")]
            )
        }
        svg.close("g")
        for (seriesIndex, line) in series.enumerated() {
            svg.open("g", [("class", "series"), ("fill", style.colour(seriesIndex))])
            for (category, value) in line.values.enumerated() where value.isFinite {
                let x = plot.left + band * Double(category) + band * (1 - groupFraction) / 2 + barWidth * Double(seriesIndex)
                let top = scaffold.y(value)
                let gap = groupFraction >= 1 || series.count > 1 ? min(1, barWidth * 0.1) : 0
                svg.element("rect", [
                    ("class", barClass), ("x", n(x + gap)), ("y", n(min(top, baseline))),
                    ("width", n(max(barWidth - 2 * gap, 0.5))), ("height", n(abs(baseline - top))),
                ])
            }
            svg.close("g")
        }
        if showsValueLabels {
            svg.open("g", [("class", "value-labels"), ("fill", "#222222"), ("font-size", n(valueFontSize))])
            for (seriesIndex, line) in series.enumerated() {
                for (category, value) in line.values.enumerated() where value.isFinite {
                    let centre = plot.left + band * Double(category) + band * (1 - groupFraction) / 2
                        + barWidth * (Double(seriesIndex) + 0.5)
                    let end = scaffold.y(value)
                    let text = labelTexts[seriesIndex][category]
                    if verticalLabels {
                        let y = value >= 0 ? end - 5 : end + 5
                        svg.text(text, [
                            ("class", "value-label"), ("x", n(centre + valueFontSize * 0.35)), ("y", n(y)),
                            ("text-anchor", value >= 0 ? "start" : "end"),
                            ("transform", "rotate(-90 \(n(centre + valueFontSize * 0.35)) \(n(y)))"),
                        ])
                    } else {
                        let y = value >= 0 ? end - 5 : end + valueFontSize + 3
                        svg.text(text, [("class", "value-label"), ("x", n(centre)), ("y", n(y)), ("text-anchor", "middle")])
                    }
                }
            }
            svg.close("g")
        }
        if y.lower < 0 && y.upper > 0 {
            svg.element("line", [
                ("class", "zero-line"), ("x1", n(plot.left)), ("y1", n(baseline)), ("x2", n(plot.right)),
                ("y2", n(baseline)), ("stroke", "#333333"),
            ])
        }
        scaffold.drawLegend(into: &svg)
        return svg.document(style: style, title: title ?? (kind == "histogram" ? "Histogram" : "Bar chart"))
    }
}

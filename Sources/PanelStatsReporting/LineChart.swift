/// A line chart of several series over a numeric x axis (typically years), with markers and a legend —
/// the form of the VIVE report's Figures 5.7–5.9 (spending per full-time unemployed by group and year).
///
/// Non-finite y values break the line (a gap), they are not drawn as zero.
///
///     var chart = LineChart(title: "Figur 5.7", xAxis: .years(), yAxis: ChartAxis(title: "Kr. pr. fuldtidsledig"))
///     chart.series = [LineChart.Series(name: "1. kvartil", x: years, y: values)]
///     chart.style.numberFormat = .danish
///     let svg = try chart.svg()
public struct LineChart: Sendable, Hashable, Codable {
    /// One line.
    public struct Series: Sendable, Hashable, Codable {
        /// The legend label.
        public var name: String
        /// The points, drawn in the order given.
        public var points: [ChartPoint]

        /// Creates a series from points.
        public init(name: String, points: [ChartPoint]) {
            self.name = name
            self.points = points
        }

        /// Creates a series from parallel x and y arrays (extra values of the longer one are ignored).
        public init(name: String, x: [Double], y: [Double]) {
            self.init(name: name, points: zip(x, y).map { ChartPoint(x: $0, y: $1) })
        }
    }

    /// The title above the chart, or nil.
    public var title: String?
    /// The horizontal axis; `.years()` prints 2014, not 2.014.
    public var xAxis: ChartAxis
    /// The vertical axis.
    public var yAxis: ChartAxis
    /// The lines, drawn in order (later on top).
    public var series: [Series]
    /// Whether each point gets a marker (shape cycles per series: circle, square, diamond, triangle).
    public var showsMarkers: Bool
    /// Whether to draw a legend; nil draws one when there is more than one series.
    public var showsLegend: Bool?
    /// Size, fonts, colours, number format, legend position.
    public var style: ChartStyle

    /// Creates a line chart.
    public init(
        title: String? = nil, xAxis: ChartAxis = ChartAxis(), yAxis: ChartAxis = ChartAxis(),
        series: [Series] = [], showsMarkers: Bool = true, showsLegend: Bool? = nil, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.showsMarkers = showsMarkers
        self.showsLegend = showsLegend
        self.style = style
    }

    /// The chart as a standalone SVG 1.1 document (UTF-8).
    /// - Throws: `ReportingError` for a non-positive size or an empty forced axis range.
    public func svg() throws(ReportingError) -> String {
        try style.validate()
        let (x, y) = try ResolvedAxis.pair(
            xAxis, yAxis, points: series.flatMap(\.points), format: style.numberFormat
        )
        let legend = (showsLegend ?? (series.count > 1))
            ? series.enumerated().map { index, line in
                LegendEntry(name: line.name, colour: style.colour(index), swatch: .line(MarkerShape.forSeries(index)))
            }
            : []
        // Room for a label centred on the last tick, which sits at the plot's right edge minus the inset.
        let lastLabelHalf = (x.labels.last.map { TextMetrics.width($0, fontSize: style.fontSize) } ?? 0) / 2
        let scaffold = ChartScaffold(
            style: style, title: title, yAxis: y, yTitle: yAxis.title, xTitle: xAxis.title,
            xLabelLines: x.labels.isEmpty ? 0 : 1, legend: legend, rightOverhang: max(0, lastLabelHalf - 12)
        )
        let plot = scaffold.plot
        // Inset so that the first and last markers do not sit on the axis line.
        let inset = min(16, plot.width * 0.04)
        func px(_ value: Double) -> Double { x.position(value, from: plot.left + inset, to: plot.right - inset) }

        var svg = SVGWriter()
        scaffold.drawFrame(into: &svg)
        let n = SVGWriter.number
        scaffold.drawNumericXAxis(x, position: px, into: &svg)
        for (index, line) in series.enumerated() {
            let colour = style.colour(index)
            svg.open("g", [("class", "series"), ("stroke", colour)])
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    svg.element("polyline", [
                        ("points", run.joined(separator: " ")), ("fill", "none"), ("stroke-width", "2.5"),
                        ("stroke-linejoin", "round"),
                    ])
                }
                run = []
            }
            for point in line.points {
                guard point.x.isFinite, point.y.isFinite else {
                    flush()
                    continue
                }
                run.append("\(n(px(point.x))),\(n(scaffold.y(point.y)))")
            }
            flush()
            if showsMarkers {
                for point in line.points where point.x.isFinite && point.y.isFinite {
                    MarkerShape.forSeries(index).draw(
                        into: &svg, x: px(point.x), y: scaffold.y(point.y), size: 4, colour: colour, className: "marker"
                    )
                }
            }
            svg.close("g")
        }
        scaffold.drawLegend(into: &svg)
        return svg.document(style: style, title: title ?? "Line chart")
    }
}

/// A point of a line or scatter chart, with an optional label (scatter charts print it beside the point).
public struct ChartPoint: Sendable, Hashable, Codable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double
    /// Text printed beside the point in a scatter chart, or nil.
    public var label: String?

    /// Creates a point.
    public init(x: Double, y: Double, label: String? = nil) {
        self.x = x
        self.y = y
        self.label = label
    }
}

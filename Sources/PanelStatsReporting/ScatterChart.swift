/// A scatter chart whose points can carry labels (e.g. jobcentre names), one or more series.
///
/// Labels are placed right of their point, else left, above or below — the first position that stays
/// inside the chart and overlaps no label placed before it (or, failing that, the one overlapping least).
/// Points with a non-finite coordinate are left out.
public struct ScatterChart: Sendable, Hashable, Codable {
    /// One group of points sharing a colour and marker.
    public struct Series: Sendable, Hashable, Codable {
        /// The legend label.
        public var name: String
        /// The points.
        public var points: [ChartPoint]

        /// Creates a series.
        public init(name: String, points: [ChartPoint]) {
            self.name = name
            self.points = points
        }
    }

    /// The title above the chart, or nil.
    public var title: String?
    /// The horizontal axis.
    public var xAxis: ChartAxis
    /// The vertical axis.
    public var yAxis: ChartAxis
    /// The series.
    public var series: [Series]
    /// Whether point labels are printed.
    public var showsLabels: Bool
    /// Whether to draw a legend; nil draws one when there is more than one series.
    public var showsLegend: Bool?
    /// Size, fonts, colours, number format, legend position.
    public var style: ChartStyle

    /// Creates a scatter chart.
    public init(
        title: String? = nil, xAxis: ChartAxis = ChartAxis(), yAxis: ChartAxis = ChartAxis(), series: [Series] = [],
        showsLabels: Bool = true, showsLegend: Bool? = nil, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.showsLabels = showsLabels
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
        let drawsLegend = showsLegend ?? (series.count > 1)
        let legend = drawsLegend
            ? series.enumerated().map { LegendEntry(name: $1.name, colour: style.colour($0), swatch: .point(MarkerShape.forSeries($0))) }
            : []
        let labelWidth: (String?) -> Double = { $0.map { TextMetrics.width($0, fontSize: self.style.fontSize) } ?? 0 }
        let scaffold = ChartScaffold(
            style: style, title: title, yAxis: y, yTitle: yAxis.title, xTitle: xAxis.title,
            xLabelLines: x.labels.isEmpty ? 0 : 1, legend: legend,
            rightOverhang: labelWidth(x.labels.last) / 2, leftOverhang: labelWidth(x.labels.first) / 2
        )
        let plot = scaffold.plot
        func px(_ value: Double) -> Double { x.position(value, from: plot.left, to: plot.right) }
        let n = SVGWriter.number

        var svg = SVGWriter()
        scaffold.drawFrame(into: &svg)
        scaffold.drawNumericXAxis(x, position: px, into: &svg)

        var placements: [LabelPlacement] = []
        var placed: [LabelBox] = []
        for (index, group) in series.enumerated() {
            let colour = style.colour(index)
            svg.open("g", [("class", "series"), ("fill", colour)])
            for point in group.points where point.x.isFinite && point.y.isFinite {
                let cx = px(point.x)
                let cy = scaffold.y(point.y)
                MarkerShape.forSeries(index).draw(into: &svg, x: cx, y: cy, size: 4, colour: colour, className: "point")
                if showsLabels, let label = point.label, !label.isEmpty {
                    let placement = placeLabel(label, x: cx, y: cy, avoiding: placed)
                    placed.append(placement.box)
                    placements.append(placement)
                }
            }
            svg.close("g")
        }
        if !placements.isEmpty {
            svg.open("g", [("class", "point-labels"), ("fill", "#222222"), ("font-size", n(labelFontSize))])
            for placement in placements {
                svg.text(placement.text, [
                    ("class", "point-label"), ("x", n(placement.x)), ("y", n(placement.y)), ("text-anchor", placement.anchor),
                ])
            }
            svg.close("g")
        }
        scaffold.drawLegend(into: &svg)
        return svg.document(style: style, title: title ?? "Scatter chart")
    }

    private var labelFontSize: Double { style.fontSize * 0.85 }

    private func placeLabel(_ text: String, x: Double, y: Double, avoiding placed: [LabelBox]) -> LabelPlacement {
        let size = labelFontSize
        let width = TextMetrics.width(text, fontSize: size)
        let candidates = [
            LabelPlacement(text: text, x: x + 7, y: y + size * 0.35, anchor: "start", width: width, fontSize: size),
            LabelPlacement(text: text, x: x - 7, y: y + size * 0.35, anchor: "end", width: width, fontSize: size),
            LabelPlacement(text: text, x: x, y: y - 8, anchor: "middle", width: width, fontSize: size),
            LabelPlacement(text: text, x: x, y: y + 8 + size, anchor: "middle", width: width, fontSize: size),
        ]
        let inside = candidates.filter { $0.box.left >= 2 && $0.box.right <= style.width - 2 && $0.box.top >= 2 }
        let pool = inside.isEmpty ? candidates : inside
        if let free = pool.first(where: { candidate in !placed.contains { $0.overlaps(candidate.box) } }) {
            return free
        }
        let overlapOf: (LabelPlacement) -> Double = { candidate in placed.reduce(0) { $0 + $1.overlapArea(candidate.box) } }
        return pool.min { overlapOf($0) < overlapOf($1) } ?? candidates[0]
    }
}

/// A label's text, anchor point and estimated bounding box.
struct LabelPlacement {
    var text: String
    var x: Double
    var y: Double
    var anchor: String
    var width: Double
    var fontSize: Double

    var box: LabelBox {
        let left: Double
        switch anchor {
        case "end": left = x - width
        case "middle": left = x - width / 2
        default: left = x
        }
        return LabelBox(left: left, top: y - fontSize * 0.8, right: left + width, bottom: y + fontSize * 0.2)
    }
}

struct LabelBox {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    func overlapArea(_ other: LabelBox) -> Double {
        let width = min(right, other.right) - max(left, other.left)
        let height = min(bottom, other.bottom) - max(top, other.top)
        return width > 0 && height > 0 ? width * height : 0
    }

    func overlaps(_ other: LabelBox) -> Bool { overlapArea(other) > 0 }
}

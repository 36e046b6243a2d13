/// What a legend entry shows beside its name.
enum LegendSwatch {
    case line(MarkerShape)
    case box
    case point(MarkerShape)
}

struct LegendEntry {
    var name: String
    var colour: String
    var swatch: LegendSwatch
}

/// Point markers of line and scatter charts, cycled per series so series differ in print without colour.
enum MarkerShape: CaseIterable {
    case circle, square, diamond, triangle

    static func forSeries(_ index: Int) -> MarkerShape {
        allCases[index % allCases.count]
    }

    /// Draws the marker centred at (x, y); `size` is the circle radius (other shapes match its area roughly).
    func draw(into svg: inout SVGWriter, x: Double, y: Double, size: Double, colour: String, className: String) {
        let n = SVGWriter.number
        switch self {
        case .circle:
            svg.element("circle", [("class", className), ("cx", n(x)), ("cy", n(y)), ("r", n(size)), ("fill", colour)])
        case .square:
            let half = size * 0.9
            svg.element("rect", [
                ("class", className), ("x", n(x - half)), ("y", n(y - half)), ("width", n(2 * half)),
                ("height", n(2 * half)), ("fill", colour),
            ])
        case .diamond:
            let r = size * 1.25
            svg.element("polygon", [
                ("class", className),
                ("points", "\(n(x)),\(n(y - r)) \(n(x + r)),\(n(y)) \(n(x)),\(n(y + r)) \(n(x - r)),\(n(y))"),
                ("fill", colour),
            ])
        case .triangle:
            let r = size * 1.3
            svg.element("polygon", [
                ("class", className),
                ("points", "\(n(x)),\(n(y - r)) \(n(x + r * 0.87)),\(n(y + r * 0.5)) \(n(x - r * 0.87)),\(n(y + r * 0.5))"),
                ("fill", colour),
            ])
        }
    }
}

/// The plot rectangle in SVG coordinates (y grows downwards).
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// The parts every Cartesian chart shares: title, value (y) axis with grid lines and tick labels, axis
/// titles, the room under the plot for x tick labels, and the legend. It computes the plot area from the
/// text that must fit around it, so long tick labels or a multi-row legend shrink the plot instead of
/// being clipped.
struct ChartScaffold {
    static let padding = 14.0
    static let tickLength = 5.0
    static let labelGap = 4.0

    let style: ChartStyle
    let titleLines: [String]
    let yAxis: ResolvedAxis
    let yTitle: String?
    let xTitle: String?
    let xLabelLines: Int
    let legend: [LegendEntry]
    let plot: PlotArea
    private let legendRows: [[(entry: LegendEntry, width: Double)]]

    var lineHeight: Double { style.fontSize * 1.25 }

    /// - Parameters:
    ///   - xLabelLines: text lines the chart will draw under the x axis per tick (0 for none).
    ///   - rightOverhang: how far the chart's last x tick label reaches past the plot's right edge.
    ///   - leftOverhang: how far the first x tick label reaches left of the plot's left edge.
    init(
        style: ChartStyle, title: String?, yAxis: ResolvedAxis, yTitle: String?, xTitle: String?,
        xLabelLines: Int, legend: [LegendEntry], rightOverhang: Double = 0, leftOverhang: Double = 0
    ) {
        self.style = style
        self.yAxis = yAxis
        self.yTitle = yTitle
        self.xTitle = xTitle
        self.xLabelLines = xLabelLines
        self.legend = style.legendPosition == .hidden ? [] : legend
        let pad = Self.padding
        let lineHeight = style.fontSize * 1.25
        titleLines = title.map {
            TextMetrics.wrap($0, maxWidth: style.width - 2 * pad, fontSize: style.titleFontSize, bold: true)
        } ?? []

        var top = pad + style.fontSize * 0.5
        if !titleLines.isEmpty {
            top += Double(titleLines.count) * style.titleFontSize * 1.25 + 8
        }
        let yLabelWidth = yAxis.labels.map { TextMetrics.width($0, fontSize: style.fontSize) }.max() ?? 0
        var left = pad + yLabelWidth + Self.labelGap + 2
        if yTitle != nil { left += lineHeight + 6 }
        left = max(left, pad + leftOverhang)
        var bottom = style.height - pad
        var right = style.width - pad - rightOverhang

        var rows: [[(entry: LegendEntry, width: Double)]] = []
        if !self.legend.isEmpty {
            let entries = self.legend.map { ($0, 30 + TextMetrics.width($0.name, fontSize: style.fontSize)) }
            switch style.legendPosition {
            case .bottom:
                let available = style.width - 2 * pad
                var row: [(entry: LegendEntry, width: Double)] = []
                var rowWidth = 0.0
                for entry in entries {
                    let spaced = entry.1 + (row.isEmpty ? 0 : 20)
                    if !row.isEmpty && rowWidth + spaced > available {
                        rows.append(row)
                        row = []
                        rowWidth = 0
                    }
                    rowWidth += row.isEmpty ? entry.1 : entry.1 + 20
                    row.append(entry)
                }
                if !row.isEmpty { rows.append(row) }
                bottom -= Double(rows.count) * lineHeight + 10
            case .right:
                rows = entries.map { [$0] }
                let widest = entries.map(\.1).max() ?? 0
                right = min(right, style.width - pad - widest - 16)
            case .hidden:
                break
            }
        }
        legendRows = rows
        if xTitle != nil { bottom -= lineHeight + 6 }
        bottom -= Double(xLabelLines) * lineHeight + Self.tickLength + Self.labelGap
        // Never collapse the plot completely, however much text there is.
        if right - left < 40 { right = left + 40 }
        if bottom - top < 40 { bottom = top + 40 }
        plot = PlotArea(left: left, top: top, right: right, bottom: bottom)
    }

    /// The y coordinate of a value on the value axis.
    func y(_ value: Double) -> Double {
        yAxis.position(value, from: plot.bottom, to: plot.top)
    }

    /// The baseline of the first line of x tick labels.
    var xLabelBaseline: Double {
        plot.bottom + Self.tickLength + Self.labelGap + style.fontSize * 0.9
    }

    /// Title, horizontal grid lines, y tick labels, axis titles and the axis lines.
    func drawFrame(into svg: inout SVGWriter) {
        let n = SVGWriter.number
        if !titleLines.isEmpty {
            svg.open("g", [("class", "title")])
            svg.multilineText(
                titleLines, x: style.width / 2, y: Self.padding + style.titleFontSize,
                lineHeight: style.titleFontSize * 1.25,
                [("text-anchor", "middle"), ("font-size", n(style.titleFontSize)), ("font-weight", "bold")]
            )
            svg.close("g")
        }
        svg.open("g", [("class", "grid"), ("stroke", "#d9d9d9"), ("stroke-width", "1")])
        for tick in yAxis.ticks {
            let y = y(tick)
            svg.element("line", [("x1", n(plot.left)), ("y1", n(y)), ("x2", n(plot.right)), ("y2", n(y))])
        }
        svg.close("g")
        svg.open("g", [("class", "y-axis"), ("fill", "#333333")])
        for (tick, label) in zip(yAxis.ticks, yAxis.labels) {
            svg.text(label, [
                ("class", "tick-label"), ("x", n(plot.left - Self.labelGap - 2)),
                ("y", n(y(tick) + style.fontSize * 0.35)), ("text-anchor", "end"),
            ])
        }
        if let yTitle {
            let x = Self.padding + style.fontSize
            let y = (plot.top + plot.bottom) / 2
            svg.text(yTitle, [
                ("class", "axis-title"), ("x", n(x)), ("y", n(y)), ("text-anchor", "middle"),
                ("transform", "rotate(-90 \(n(x)) \(n(y)))"),
            ])
        }
        svg.close("g")
        svg.open("g", [("class", "axes"), ("stroke", "#333333"), ("stroke-width", "1")])
        svg.element("line", [("x1", n(plot.left)), ("y1", n(plot.top)), ("x2", n(plot.left)), ("y2", n(plot.bottom))])
        svg.element("line", [("x1", n(plot.left)), ("y1", n(plot.bottom)), ("x2", n(plot.right)), ("y2", n(plot.bottom))])
        svg.close("g")
        if let xTitle {
            let y = plot.bottom + Self.tickLength + Self.labelGap + Double(xLabelLines) * lineHeight + 6 + style.fontSize * 0.9
            svg.open("g", [("class", "x-axis-title"), ("fill", "#333333")])
            svg.text(xTitle, [("class", "axis-title"), ("x", n((plot.left + plot.right) / 2)), ("y", n(y)), ("text-anchor", "middle")])
            svg.close("g")
        }
    }

    /// The x axis of a chart with a numeric x scale (line, scatter): a tick mark and a centred label at
    /// each of `axis`'s ticks, `position` mapping a value to its SVG x coordinate.
    func drawNumericXAxis(_ axis: ResolvedAxis, position: (Double) -> Double, into svg: inout SVGWriter) {
        let n = SVGWriter.number
        svg.open("g", [("class", "x-axis"), ("fill", "#333333")])
        for (tick, label) in zip(axis.ticks, axis.labels) {
            let x = position(tick)
            svg.element("line", [
                ("x1", n(x)), ("y1", n(plot.bottom)), ("x2", n(x)), ("y2", n(plot.bottom + Self.tickLength)),
                ("stroke", "#333333"),
            ])
            svg.text(label, [("class", "tick-label"), ("x", n(x)), ("y", n(xLabelBaseline)), ("text-anchor", "middle")])
        }
        svg.close("g")
    }

    /// The legend, below the plot (rows centred on the chart) or to its right.
    func drawLegend(into svg: inout SVGWriter) {
        guard !legendRows.isEmpty else { return }
        let n = SVGWriter.number
        svg.open("g", [("class", "legend")])
        let rowTops: [Double]
        let rowStarts: [Double]
        switch style.legendPosition {
        case .right:
            rowTops = legendRows.indices.map { plot.top + Double($0) * lineHeight }
            rowStarts = legendRows.map { _ in plot.right + 16 }
        default:
            let first = style.height - Self.padding - Double(legendRows.count) * lineHeight
            rowTops = legendRows.indices.map { first + Double($0) * lineHeight }
            rowStarts = legendRows.map { row in
                let width = row.reduce(0) { $0 + $1.width } + Double(row.count - 1) * 20
                return max(Self.padding, (style.width - width) / 2)
            }
        }
        for (rowIndex, row) in legendRows.enumerated() {
            var x = rowStarts[rowIndex]
            let middle = rowTops[rowIndex] + lineHeight / 2
            for item in row {
                svg.open("g", [("class", "legend-entry")])
                switch item.entry.swatch {
                case let .line(marker):
                    svg.element("line", [
                        ("x1", n(x)), ("y1", n(middle)), ("x2", n(x + 24)), ("y2", n(middle)),
                        ("stroke", item.entry.colour), ("stroke-width", "2.5"),
                    ])
                    marker.draw(into: &svg, x: x + 12, y: middle, size: 3.5, colour: item.entry.colour, className: "marker")
                case .box:
                    svg.element("rect", [
                        ("x", n(x + 5)), ("y", n(middle - 7)), ("width", "14"), ("height", "14"), ("fill", item.entry.colour),
                    ])
                case let .point(marker):
                    marker.draw(into: &svg, x: x + 12, y: middle, size: 4, colour: item.entry.colour, className: "marker")
                }
                svg.text(item.entry.name, [("x", n(x + 30)), ("y", n(middle + style.fontSize * 0.35)), ("fill", "#222222")])
                svg.close("g")
                x += item.width + 20
            }
        }
        svg.close("g")
    }
}

/// Where a chart's legend goes.
public enum LegendPosition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Below the plot, entries in rows, centred (the layout of the VIVE report's figures).
    case bottom
    /// To the right of the plot, one entry per line.
    case right
    /// No legend.
    case hidden
}

/// Size, fonts, colours and number format shared by all charts.
public struct ChartStyle: Sendable, Hashable, Codable {
    /// Width of the SVG in pixels (user units).
    public var width: Double
    /// Height of the SVG in pixels.
    public var height: Double
    /// CSS font-family list. DejaVu Sans comes first because it is on most Linux systems and
    /// rsvg-convert uses it; Verdana has nearly the same widths, so the layout's text-width estimates hold.
    public var fontFamily: String
    /// Font size of tick labels, legend and axis titles.
    public var fontSize: Double
    /// Font size of the chart title.
    public var titleFontSize: Double
    /// Series colours, used in order and repeated if there are more series.
    public var palette: [String]
    /// Background colour, or nil for transparent.
    public var background: String?
    /// Format of tick labels and value labels (`.danish` writes 40.000 and 0,5).
    public var numberFormat: NumberFormat
    /// Where the legend goes.
    public var legendPosition: LegendPosition

    /// Creates a style; the defaults give a 720 × 450 chart, 13 px text, white background.
    public init(
        width: Double = 720,
        height: Double = 450,
        fontFamily: String = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif",
        fontSize: Double = 13,
        titleFontSize: Double = 16,
        palette: [String] = ChartStyle.okabeIto,
        background: String? = "#ffffff",
        numberFormat: NumberFormat = .plain,
        legendPosition: LegendPosition = .bottom
    ) {
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.titleFontSize = titleFontSize
        self.palette = palette
        self.background = background
        self.numberFormat = numberFormat
        self.legendPosition = legendPosition
    }

    /// The Okabe–Ito colour-blind-safe palette (blue, vermilion, bluish green, reddish purple, orange,
    /// sky blue, black, yellow), yellow last because it is faint on white.
    public static let okabeIto = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
    ]

    /// The colour of series number `index` (0-based), cycling through the palette.
    public func colour(_ index: Int) -> String {
        palette.isEmpty ? "#000000" : palette[index % palette.count]
    }

    func validate() throws(ReportingError) {
        for (name, value) in [("width", width), ("height", height), ("fontSize", fontSize), ("titleFontSize", titleFontSize)]
        where !(value.isFinite && value > 0) {
            throw .invalidDimension(name: name, value: value)
        }
    }
}

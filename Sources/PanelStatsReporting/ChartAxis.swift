/// A numeric chart axis: title, range and tick labels.
public struct ChartAxis: Sendable, Hashable, Codable {
    /// The axis title, e.g. "Kr. pr. fuldtidsledig"; nil for none.
    public var title: String?
    /// Forces the axis start; nil takes it from the data (extended to a nice tick).
    public var minimum: Double?
    /// Forces the axis end; nil takes it from the data (extended to a nice tick).
    public var maximum: Double?
    /// Whether the range is extended to include 0 (true for bar charts and histograms by default).
    public var includesZero: Bool
    /// Explicit tick values; nil computes nice ticks (`NiceScale`).
    public var ticks: [Double]?
    /// The number of ticks `NiceScale` aims at.
    public var targetTickCount: Int
    /// The smallest allowed tick step, e.g. 1 for counts; nil for no limit.
    public var minimumTickStep: Double?
    /// Whether tick labels use the style's thousands separator; turn off for years (2014, not 2.014).
    public var groupsThousands: Bool
    /// Decimals of tick labels; nil uses as many as the tick step needs.
    public var decimals: Int?

    /// Creates an axis.
    public init(
        title: String? = nil,
        minimum: Double? = nil,
        maximum: Double? = nil,
        includesZero: Bool = false,
        ticks: [Double]? = nil,
        targetTickCount: Int = 6,
        minimumTickStep: Double? = nil,
        groupsThousands: Bool = true,
        decimals: Int? = nil
    ) {
        self.title = title
        self.minimum = minimum
        self.maximum = maximum
        self.includesZero = includesZero
        self.ticks = ticks
        self.targetTickCount = targetTickCount
        self.minimumTickStep = minimumTickStep
        self.groupsThousands = groupsThousands
        self.decimals = decimals
    }

    /// An axis of calendar years: ticks on whole years, no thousands separator.
    public static func years(title: String? = nil) -> ChartAxis {
        ChartAxis(title: title, minimumTickStep: 1, groupsThousands: false, decimals: 0)
    }
}

/// An axis resolved against data: its domain, tick values and tick labels.
struct ResolvedAxis {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    let labels: [String]

    /// Resolves `axis` for data spanning `dataMinimum…dataMaximum` (nil when there are no data). The
    /// domain also reaches `paddedMinimum…paddedMaximum` (room for value labels) without adding ticks there.
    init(
        _ axis: ChartAxis, dataMinimum: Double?, dataMaximum: Double?, format: NumberFormat, name: String,
        paddedMinimum: Double? = nil, paddedMaximum: Double? = nil
    ) throws(ReportingError) {
        var low = dataMinimum ?? 0
        var high = dataMaximum ?? 1
        if axis.includesZero {
            low = Swift.min(low, 0)
            high = Swift.max(high, 0)
        }
        if let minimum = axis.minimum { low = minimum }
        if let maximum = axis.maximum { high = maximum }
        let forced = axis.minimum != nil || axis.maximum != nil
        guard low.isFinite, high.isFinite, !forced || low < high else {
            throw .invalidAxisRange(axis: name, minimum: low, maximum: high)
        }
        let scale = NiceScale(
            minimum: low, maximum: high, targetTickCount: axis.targetTickCount, minimumStep: axis.minimumTickStep
        )
        var ticks = axis.ticks ?? scale.ticks
        lower = axis.minimum
            ?? Swift.min(scale.lower, axis.ticks?.min() ?? scale.lower, paddedMinimum ?? scale.lower)
        upper = axis.maximum
            ?? Swift.max(scale.upper, axis.ticks?.max() ?? scale.upper, paddedMaximum ?? scale.upper)
        let tolerance = (upper - lower) * 1e-9
        let (domainLower, domainUpper) = (lower, upper)
        ticks = ticks.filter { $0 >= domainLower - tolerance && $0 <= domainUpper + tolerance }
        self.ticks = ticks
        let tickFormat = axis.groupsThousands ? format : format.withoutThousandsSeparator
        let decimals = axis.decimals ?? (axis.ticks == nil ? scale.decimals : ResolvedAxis.decimalsNeeded(ticks))
        labels = ticks.map { tickFormat.string($0, decimals: decimals) }
    }

    /// Maps a data value to a pixel coordinate between `start` (at `lower`) and `end` (at `upper`).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        guard upper > lower else { return (start + end) / 2 }
        return start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The fewest decimals (up to 4) that print every explicit tick exactly.
    static func decimalsNeeded(_ values: [Double]) -> Int {
        values.map { SignificanceStars.decimalsNeeded($0) }.max() ?? 0
    }
}

extension ResolvedAxis {
    /// The x and y axes of a chart of points (line, scatter), each resolved over the points whose
    /// coordinates are both finite (a point with a non-finite coordinate is not drawn, so it does not
    /// stretch either axis).
    static func pair(
        _ xAxis: ChartAxis, _ yAxis: ChartAxis, points: [ChartPoint], format: NumberFormat
    ) throws(ReportingError) -> (x: ResolvedAxis, y: ResolvedAxis) {
        let drawn = points.filter { $0.x.isFinite && $0.y.isFinite }
        let x = try ResolvedAxis(
            xAxis, dataMinimum: drawn.map(\.x).min(), dataMaximum: drawn.map(\.x).max(), format: format, name: "x"
        )
        let y = try ResolvedAxis(
            yAxis, dataMinimum: drawn.map(\.y).min(), dataMaximum: drawn.map(\.y).max(), format: format, name: "y"
        )
        return (x, y)
    }
}

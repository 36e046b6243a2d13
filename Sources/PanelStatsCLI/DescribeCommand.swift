import Foundation
import ArgumentParser
import PanelStats

extension BinClosure: ExpressibleByArgument {}

/// `panelstats describe`: N, mean, SD, min, quartiles, max per variable, and an optional histogram.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Descriptive statistics per variable (N, mean, SD, min, Q1, median, Q3, max) and histograms.",
        discussion: """
            SD divides by N − 1. Quartiles and median use Hyndman–Fan type 7 by default (R, numpy, \
            pandas); --quantile-type 2 gives Stata's summarize, detail and _pctile, 6 Stata's centile. \
            Missing values are left out and counted.

            Panels: --time COL --from A --to B keeps the periods A…B. With --entity COL --entity-means \
            each entity's mean over those periods is described instead (every entity must have each \
            period of the panel in the range), e.g. each jobcentre's 2017–2019 mean: \
            panelstats describe panel.csv --vars spend --entity jobcentre --time year --from 2017 --to 2019 --entity-means

            Histogram: --histogram VAR --edges 30000,40000,50000 counts VAR in bins between the edges, \
            [a, b) by default or (a, b] with --closed right; the first and last bins are open-ended \
            unless --open says otherwise (none, below, above, both). Values outside closed ends are \
            reported, never dropped silently. Edges must increase strictly.

            JSON: {"sample", "quantile_definition", "variables": [{"variable", "count", "missing", "mean", \
            "standard_deviation", "minimum", "lower_quartile", "median", "upper_quartile", "maximum"}], \
            "histogram": {"variable", "closure", "bins": [{"lower", "upper", "count"}], ...}}.
            """
    )

    enum OpenEndOption: String, ExpressibleByArgument, CaseIterable {
        case both, none, below, above
        var openEnds: OpenEnds {
            OpenEnds(below: self == .both || self == .below, above: self == .both || self == .above)
        }
    }

    @OptionGroup var input: DescriptiveDataOptions

    @Option(help: "Comma-separated numeric columns (default: every numeric column except --entity and --time).")
    var vars: String?

    @Option(help: "Hyndman–Fan quantile type 1–9 or a numpy method name.")
    var quantileType: String = "7"

    @Option(help: "Period column of a panel (whole numbers, e.g. years).")
    var time: String?

    @Option(help: "First period kept (needs --time).")
    var from: Int?

    @Option(help: "Last period kept (needs --time).")
    var to: Int?

    @Option(help: "Entity column of a panel.")
    var entity: String?

    @Flag(help: "Describe each entity's mean over the periods kept (needs --entity and --time).")
    var entityMeans = false

    @Option(help: "Variable to draw a histogram of.")
    var histogram: String?

    @Option(help: "Comma-separated, strictly increasing bin edges for --histogram.")
    var edges: String?

    @Option(help: "Which end of each bin is closed: left [a, b) or right (a, b].")
    var closed: BinClosure = .left

    @Option(help: "Open-ended outer bins: both, none, below or above.")
    var open: OpenEndOption = .both

    @Option(help: "text, json, markdown, latex or csv.")
    var format: DescriptiveFormat = .text

    @OptionGroup var numbers: DescriptiveNumberOptions

    func validate() throws {
        guard QuantileDefinition(name: quantileType) != nil else {
            throw ValidationError("--quantile-type must be 1–9 or a numpy method name, got '\(quantileType)'")
        }
        if (from != nil || to != nil) && time == nil { throw ValidationError("--from/--to need --time") }
        if entityMeans && (entity == nil || time == nil) { throw ValidationError("--entity-means needs --entity and --time") }
        if histogram != nil && edges == nil { throw ValidationError("--histogram needs --edges") }
        if edges != nil && histogram == nil { throw ValidationError("--edges needs --histogram VAR") }
        if let edges, try edgeValues(edges).isEmpty { throw ValidationError("--edges needs at least one number") }
    }

    private func edgeValues(_ text: String) throws -> [Double] {
        try commaSeparatedList(text).map { item in
            guard let value = Double(item) else { throw ValidationError("--edges: '\(item)' is not a number") }
            return value
        }
    }

    func run() throws {
        try runDescriptive { try output() }
    }

    /// What was described, for the title and the JSON.
    struct Sample: Encodable {
        var rows: Int
        var periods: String?
        var entityMeans: Bool
        var unit: String
    }

    struct Report: Encodable {
        var sample: Sample
        var quantileDefinition: Int
        var variables: [VariableSummary]
        var histogram: HistogramReport?
    }

    struct HistogramReport: Encodable {
        var variable: String
        var closure: BinClosure
        var edges: [Double]
        var bins: [HistogramBin]
        var belowRange: Int
        var aboveRange: Int
        var missing: Int
    }

    /// The command's complete standard output.
    func output() throws -> String {
        let frame = try input.read()
        let definition = QuantileDefinition(name: quantileType) ?? .standard
        let keys = Set([entity, time].compactMap { $0 })
        var names = vars.map(commaSeparatedList) ?? frame.columns.filter { $0.isNumeric && !keys.contains($0.name) }.map(\.name)
        if let histogram, !names.contains(histogram) { names.append(histogram) }
        guard !names.isEmpty else { throw ValidationError("no numeric columns to describe; name them with --vars") }

        let (samples, sample) = try selectSamples(frame, names: names)
        var summaries: [VariableSummary] = []
        for name in names {
            summaries.append(try VariableSummary(samples[name] ?? [], variable: name, quantileDefinition: definition))
        }
        var histogramReport: HistogramReport?
        if let histogram, let edges {
            let h = try Histogram(samples[histogram] ?? [], edges: try edgeValues(edges), closure: closed,
                                  openEnds: open.openEnds)
            histogramReport = HistogramReport(variable: histogram, closure: closed, edges: h.edges, bins: h.bins,
                                              belowRange: h.belowRange, aboveRange: h.aboveRange, missing: h.missing)
        }
        let report = Report(sample: sample, quantileDefinition: definition.rawValue, variables: summaries,
                            histogram: histogramReport)
        switch format {
        case .json: return try descriptiveJSON(report)
        case .csv: return csv(report)
        case .text, .markdown, .latex: return tables(report, definition: definition)
        }
    }

    /// The values to describe per variable: all rows, the rows in the period range, or one mean
    /// per entity.
    private func selectSamples(_ frame: DataFrame, names: [String]) throws -> ([String: [Double]], Sample) {
        var samples: [String: [Double]] = [:]
        guard let time else {
            for name in names { samples[name] = try numericColumn(frame, name) }
            return (samples, Sample(rows: frame.rowCount, periods: nil, entityMeans: false, unit: "observation"))
        }
        let timeValues = try numericColumn(frame, time)
        let present = timeValues.filter { !$0.isNaN }
        let low = try from ?? present.min().map { try period($0, frame: frame, values: timeValues) } ?? 0
        let high = try to ?? present.max().map { try period($0, frame: frame, values: timeValues) } ?? 0
        guard high >= low else { throw DescriptiveError.invalidPeriodRange(from: low, to: high) }
        let label = low == high ? "\(low)" : "\(low)–\(high)"
        if entityMeans, let entity {
            var count = 0
            for name in names {
                let series = try PanelSeries(frame, entity: entity, time: time, variable: name)
                let means = try series.perEntity(.mean(from: low, to: high))
                samples[name] = means.values
                count = means.values.count
            }
            return (samples, Sample(rows: count, periods: label, entityMeans: true, unit: "entity"))
        }
        let keep = timeValues.map { $0 >= Double(low) && $0 <= Double(high) }
        for name in names {
            let values = try numericColumn(frame, name)
            samples[name] = zip(values, keep).compactMap { $1 ? $0 : nil }
        }
        return (samples, Sample(rows: keep.filter { $0 }.count, periods: label, entityMeans: false, unit: "observation"))
    }

    /// The first or last period of the --time column as a whole number (not `Int(value)`, which
    /// traps on values beyond ±9.2e18): an error naming the line otherwise.
    private func period(_ value: Double, frame: DataFrame, values: [Double]) throws -> Int {
        guard value == value.rounded(), abs(value) < 1e15 else {
            let row = values.firstIndex(of: value) ?? 0
            throw DescriptiveError.invalidPanelKey(
                variable: time ?? "", line: frame.line(ofRow: row),
                reason: "is \(value), not a whole number of at most 15 digits")
        }
        return Int(value)
    }

    private func tables(_ report: Report, definition: QuantileDefinition) -> String {
        var rows: [[String]] = []
        for s in report.variables {
            rows.append([s.variable, numbers.string(s.count), numbers.string(s.mean),
                         s.standardDeviation.map(numbers.string) ?? "–", numbers.string(s.minimum),
                         numbers.string(s.lowerQuartile), numbers.string(s.median), numbers.string(s.upperQuartile),
                         numbers.string(s.maximum)])
        }
        var scope = "\(numbers.string(report.sample.rows)) \(report.sample.entityMeans ? "entities" : "observations")"
        if let periods = report.sample.periods {
            scope += report.sample.entityMeans ? ", each entity's mean over \(periods)" : ", periods \(periods)"
        }
        var notes = ["SD with divisor N − 1; quartiles: \(definition)."]
        let missing = report.variables.filter { $0.missing > 0 }.map { "\($0.variable) \($0.missing)" }
        if !missing.isEmpty { notes.append("Missing values left out: " + missing.joined(separator: ", ") + ".") }
        var output = DescriptiveTable(
            title: "Descriptive statistics (\(scope))",
            header: ["variable", "N", "mean", "SD", "min", "Q1", "median", "Q3", "max"], rows: rows, notes: notes
        ).render(format)
        if let h = report.histogram {
            let total = h.bins.reduce(0) { $0 + $1.count } + h.belowRange + h.aboveRange
            var histogramRows = h.bins.map { bin in
                [interval(bin, closure: h.closure), numbers.string(bin.count),
                 total > 0 ? numbers.format.string(100 * Double(bin.count) / Double(total), decimals: 1) : "–"]
            }
            if h.belowRange > 0 { histogramRows.insert(["below first edge", numbers.string(h.belowRange), ""], at: 0) }
            if h.aboveRange > 0 { histogramRows.append(["above last edge", numbers.string(h.aboveRange), ""]) }
            var histogramNotes = [h.closure == .left ? "Bins [a, b): a value on an edge counts in the bin starting there."
                                                     : "Bins (a, b]: a value on an edge counts in the bin ending there."]
            if h.missing > 0 { histogramNotes.append("\(h.missing) missing value(s) left out.") }
            output += "\n" + DescriptiveTable(title: "Histogram of \(h.variable)", header: ["bin", "count", "percent"],
                                              rows: histogramRows, notes: histogramNotes).render(format)
        }
        return output
    }

    /// A bin in interval notation with the table's number format and only the decimals the edges need.
    private func interval(_ bin: HistogramBin, closure: BinClosure) -> String {
        func edge(_ x: Double) -> String {
            let decimals = (0...6).first { abs(x * pow(10, Double($0)) - (x * pow(10, Double($0))).rounded()) < 1e-9 } ?? 6
            return numbers.format.string(x, decimals: decimals)
        }
        let low = bin.lower.map(edge) ?? "−∞"
        let high = bin.upper.map(edge) ?? "∞"
        let open = bin.lower == nil || closure == .right ? "(" : "["
        let close = bin.upper == nil || closure == .left ? ")" : "]"
        return "\(open)\(low); \(high)\(close)"
    }

    private func csv(_ report: Report) -> String {
        var rows: [[String]] = report.variables.map { s in
            [s.variable, String(s.count), String(s.missing), fullPrecision(s.mean),
             s.standardDeviation.map(fullPrecision) ?? "", fullPrecision(s.minimum), fullPrecision(s.lowerQuartile),
             fullPrecision(s.median), fullPrecision(s.upperQuartile), fullPrecision(s.maximum)]
        }
        var output = DescriptiveTable(
            title: "", header: ["variable", "n", "missing", "mean", "sd", "min", "q1", "median", "q3", "max"], rows: rows
        ).render(.csv)
        if let h = report.histogram {
            rows = h.bins.map { [h.variable, $0.lower.map(fullPrecision) ?? "-inf", $0.upper.map(fullPrecision) ?? "inf",
                                 h.closure.rawValue, String($0.count)] }
            output += "\n" + DescriptiveTable(title: "", header: ["variable", "lower", "upper", "closed", "count"],
                                              rows: rows).render(.csv)
        }
        return output
    }
}

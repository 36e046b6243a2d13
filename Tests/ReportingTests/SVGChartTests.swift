import Foundation
import Testing
import PanelStatsReporting

/// Every chart is parsed as XML (FoundationXML's XMLParser) and checked for the elements it must contain.
@Suite struct SVGChartTests {
    func parse(_ svg: String) throws -> SVGNode {
        try #require(SVGNode.parse(svg), "SVG is not well-formed XML")
    }

    func tickLabels(_ root: SVGNode, axis: String) -> [String] {
        root.elements("g", class: axis).flatMap { $0.elements("text", class: "tick-label") }.map(\.fullText)
    }

    @Test func everyExampleIsStandaloneSVG11WithSizeAndViewBox() throws {
        for example in try ChartExamples.all() {
            #expect(example.svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""), "\(example.name)")
            let root = try parse(example.svg)
            #expect(root.name == "svg")
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root.attributes["version"] == "1.1")
            #expect(root.attributes["width"] == "720" && root.attributes["height"] == "450")
            #expect(root.attributes["viewBox"] == "0 0 720 450")
            #expect(root.children.first?.name == "title")
        }
    }

    @Test func lineChartHasOneSeriesGroupPerSeriesAndDanishTicks() throws {
        let root = try parse(try ChartExamples.figure57Line.svg())
        let series = root.elements("g", class: "series")
        #expect(series.count == 4)
        #expect(series.allSatisfy { $0.elements("polyline").count == 1 })
        #expect(series.allSatisfy { $0.elements("polyline")[0].attributes["points"]?.split(separator: " ").count == 6 })
        #expect(tickLabels(root, axis: "x-axis") == ["2014", "2015", "2016", "2017", "2018", "2019"])
        #expect(tickLabels(root, axis: "y-axis") == ["32.000", "34.000", "36.000", "38.000", "40.000"])
        let legend = root.elements("g", class: "legend-entry").map { $0.elements("text")[0].fullText }
        #expect(legend == ["1. kvartil", "2. kvartil", "3. kvartil", "4. kvartil"])
        #expect(root.elements("text", class: "axis-title").map(\.fullText) == ["Kr. pr. fuldtidsledig", "År"])
    }

    @Test func nonFiniteValuesBreakTheLine() throws {
        let chart = LineChart(series: [
            LineChart.Series(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, .nan, 4, 5]),
        ])
        let root = try parse(try chart.svg())
        #expect(root.elements("polyline").count == 2)
        #expect(root.elements("g", class: "series").flatMap { $0.elements("circle", class: "marker") }.count == 4)
    }

    @Test func titlesAndLabelsAreEscapedAndDanishLettersSurvive() throws {
        let title = "Udgifter & <tal> \"æøå\" ÆØÅ"
        let chart = BarChart(
            title: title, categories: ["Ærø & Læsø", "Højen <1>"],
            series: [BarChart.Series(name: "s", values: [1, 2])], valueAxis: ChartAxis(title: "Kr. pr. år", includesZero: true)
        )
        let svg = try chart.svg()
        #expect(svg.contains("Udgifter &amp; &lt;tal&gt; &quot;æøå&quot; ÆØÅ"))
        let root = try parse(svg)
        #expect(root.elements("title").first?.fullText == title)
        #expect(root.elements("g", class: "title").first?.elements("text").first?.fullText == title)
        #expect(tickLabels(root, axis: "x-axis") == ["Ærø & Læsø", "Højen <1>"])
        #expect(root.elements("text", class: "axis-title").map(\.fullText) == ["Kr. pr. år"])
    }

    @Test func histogramHasOneBarAndCountPerBinWithLabels() throws {
        let root = try parse(try ChartExamples.figure510Histogram.svg())
        #expect(root.elements("rect", class: "bar").count == 4)
        #expect(root.elements("text", class: "value-label").map(\.fullText) == ["16", "38", "22", "18"])
        #expect(tickLabels(root, axis: "x-axis").map { $0.replacingOccurrences(of: "  ", with: " ") }
            == ["Under 32.000 kr.", "32.000–37.000 kr.", "37.000–42.000 kr.", "Over 42.000 kr."])
        #expect(tickLabels(root, axis: "y-axis") == ["0", "10", "20", "30", "40"])
        #expect(root.elements("g", class: "legend").isEmpty)
    }

    @Test func groupedBarChartHasSeriesTimesCategoriesBarsAndALegend() throws {
        let root = try parse(try ChartExamples.figure512GroupedBars.svg())
        let series = root.elements("g", class: "series")
        #expect(series.count == 3)
        #expect(series.allSatisfy { $0.elements("rect", class: "bar").count == 5 })
        #expect(root.elements("g", class: "legend-entry").count == 3)
        #expect(root.elements("text", class: "value-label").count == 15)
        #expect(root.elements("text", class: "value-label").first?.fullText == "38.763")
    }

    @Test func simpleBarChartHasNoLegend() throws {
        let root = try parse(try ChartExamples.figure511Bars.svg())
        #expect(root.elements("g", class: "series").count == 1)
        #expect(root.elements("rect", class: "bar").count == 4)
        #expect(root.elements("g", class: "legend").isEmpty)
    }

    @Test func negativeBarsHangFromAZeroLine() throws {
        let chart = BarChart(categories: ["a", "b"], series: [BarChart.Series(name: "s", values: [-3, 5])])
        let root = try parse(try chart.svg())
        #expect(root.elements("line", class: "zero-line").count == 1)
        #expect(tickLabels(root, axis: "y-axis").first == "-4")
    }

    @Test func scatterPrintsEveryLabelOnce() throws {
        let chart = ChartExamples.labelledScatter
        let root = try parse(try chart.svg())
        #expect(root.elements("circle", class: "point").count == 12)
        let labels = root.elements("text", class: "point-label").map(\.fullText)
        #expect(labels.count == 12)
        #expect(labels.contains("Ærø") && labels.contains("Høje-Taastrup"))
    }

    @Test func seriesLengthMismatchIsAnError() {
        let chart = BarChart(categories: ["a", "b", "c"], series: [BarChart.Series(name: "HK5", values: [1, 2])])
        #expect(throws: ReportingError.seriesLengthMismatch(chart: "bar chart", series: "HK5", values: 2, categories: 3)) {
            try chart.svg()
        }
    }

    @Test func nonPositiveSizeIsAnError() {
        var chart = LineChart()
        chart.style.width = 0
        #expect(throws: ReportingError.invalidDimension(name: "width", value: 0)) { try chart.svg() }
    }

    @Test func emptyForcedRangeIsAnError() {
        let chart = LineChart(yAxis: ChartAxis(minimum: 5, maximum: 5), series: [LineChart.Series(name: "a", x: [1], y: [1])])
        #expect(throws: ReportingError.invalidAxisRange(axis: "y", minimum: 5, maximum: 5)) { try chart.svg() }
    }

    @Test func histogramLabelCountMismatchIsAnError() {
        #expect(throws: ReportingError.histogramBinMismatch(labels: 2, counts: 3)) {
            try HistogramChart(labels: ["a", "b"], counts: [1, 2, 3])
        }
    }

    @Test func emptyChartStillRendersAxes() throws {
        let root = try parse(try LineChart(title: "Tom").svg())
        #expect(root.elements("g", class: "series").isEmpty)
        #expect(!tickLabels(root, axis: "y-axis").isEmpty)
    }

    @Test func outputIsDeterministic() throws {
        #expect(try ChartExamples.all().map(\.svg) == ChartExamples.all().map(\.svg))
    }

    /// Writes the examples to the directory in REPORTING_EXAMPLES_DIR (used by
    /// scripts/write_chart_examples.sh); does nothing when it is unset.
    @Test func writeExamplesWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["REPORTING_EXAMPLES_DIR"] else { return }
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for example in try ChartExamples.all() {
            try Data(example.svg.utf8).write(to: url.appendingPathComponent(example.name))
        }
    }
}

@Suite struct NiceScaleTests {
    @Test func spendingRangeGetsSteps() {
        let scale = NiceScale(minimum: 30000, maximum: 42000)
        #expect(scale.ticks == [30000, 32000, 34000, 36000, 38000, 40000, 42000])
        #expect(scale.decimals == 0)
    }

    @Test func yearsGetEveryYear() {
        #expect(NiceScale(minimum: 2014, maximum: 2019).ticks == [2014, 2015, 2016, 2017, 2018, 2019])
    }

    @Test func rangeIsExtendedOutwardToWholeSteps() {
        let scale = NiceScale(minimum: 0.13, maximum: 0.87)
        #expect(scale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(scale.decimals == 1)
    }

    @Test func countsWithAMinimumStepStayWhole() {
        #expect(NiceScale(minimum: 0, maximum: 3, minimumStep: 1).ticks == [0, 1, 2, 3])
        #expect(NiceScale(minimum: 0, maximum: 3).ticks == [0, 0.5, 1, 1.5, 2, 2.5, 3])
    }

    @Test func degenerateAndNonFiniteRanges() {
        #expect(NiceScale(minimum: 0, maximum: 0).ticks.first == 0)
        #expect(NiceScale(minimum: 0, maximum: 0).ticks.last == 1)
        #expect(NiceScale(minimum: 5, maximum: 5).ticks.first == 4)
        #expect(NiceScale(minimum: .nan, maximum: 1).ticks.last == 1)
    }

    @Test func binLabelsInDanishWithOpenEnds() {
        #expect(HistogramChart.binLabels(edges: [32000, 37000, 42000], format: .danish) ==
            ["Under 32.000", "32.000–37.000", "37.000–42.000", "Over 42.000"])
        #expect(HistogramChart.binLabels(edges: [0, 1, 2], openEnded: false) == ["0–1", "1–2"])
    }
}

@Suite struct ChartLegendTests {
    @Test func singleSeriesLineChartHasNoLegendUnlessAsked() throws {
        var chart = LineChart(series: [LineChart.Series(name: "HK5", x: [1, 2], y: [3, 4])])
        #expect(try #require(SVGNode.parse(chart.svg())).elements("g", class: "legend").isEmpty)
        chart.showsLegend = true
        #expect(try #require(SVGNode.parse(chart.svg())).elements("g", class: "legend-entry").count == 1)
    }

    @Test func hiddenLegendPositionDrawsNoLegend() throws {
        var chart = ChartExamples.figure57Line
        chart.style.legendPosition = .hidden
        #expect(try #require(SVGNode.parse(chart.svg())).elements("g", class: "legend").isEmpty)
    }
}

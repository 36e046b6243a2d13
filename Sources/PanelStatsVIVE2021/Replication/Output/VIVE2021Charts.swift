import PanelStats

/// The replication's figures as SVG, in the report's wording: Figures 5.7–5.9 as line charts (one line
/// per group, years on the x axis), Figure 5.10 as a histogram, Figures 5.11–5.12 as bar charts. Each
/// title ends with the data origin, so a chart taken out of the report still says what it was made from.
struct VIVE2021Charts {
    let replication: VIVE2021Replication

    var style: ChartStyle {
        var style = ChartStyle(numberFormat: replication.options.numberFormat)
        style.height = 470
        return style
    }

    /// The origin line appended to every title.
    var originSuffix: String {
        replication.origin == .bundledSynthetic ? " (syntetiske jobcenterdata)" : ""
    }

    static let yTitle = "Kr. pr. fuldtidsledig (2019-priser)"

    func trend(_ figure: VIVE2021GroupTrends) throws(VIVE2021ReplicationError) -> String {
        let titles: [VIVE2021GroupTrends.Figure: String] = [
            .growthQuartile: "Figur 5.7 Udgift pr. fuldtidsledig efter vækst i antal fuldtidsledige",
            .frameworkGroup: "Figur 5.8 Udgift pr. fuldtidsledig efter rammevilkår",
            .sizeBand: "Figur 5.9 Udgift pr. fuldtidsledig efter kommunestørrelse",
        ]
        var chart = LineChart(
            title: (titles[figure.figure] ?? figure.figure.rawValue) + originSuffix,
            xAxis: .years(), yAxis: ChartAxis(title: Self.yTitle), style: style)
        let x = figure.years.map(Double.init)
        // A group without jobcentres (possible in a user's panel) has no line and no legend entry.
        chart.series = figure.groups.filter { $0.means.contains(where: \.isFinite) }
            .map { LineChart.Series(name: $0.label, x: x, y: $0.means) }
        return try render(figure.figure.rawValue) { () throws(ReportingError) in try chart.svg() }
    }

    func histogram() throws(VIVE2021ReplicationError) -> String {
        let h = replication.crossSection.histogram
        let files = VIVE2021TableFiles(replication)
        let chart = HistogramChart(
            title: "Figur 5.10 Jobcentre efter udgift pr. fuldtidsledig, 2017-2019" + originSuffix,
            bins: h.bins.map { HistogramChart.Bin(label: files.binLabel($0).capitalizedFirst, count: $0.count) },
            binAxisTitle: "Udgift pr. fuldtidsledig, gennemsnit 2017-2019", countAxis: ChartAxis(title: "Antal jobcentre", includesZero: true),
            style: style)
        return try render("figure_5_10_histogram") { () throws(ReportingError) in try chart.svg() }
    }

    func crossSectionMeans(framework: Bool) throws(VIVE2021ReplicationError) -> String {
        let groups = framework ? replication.crossSection.byFrameworkGroup : replication.crossSection.bySizeBand
        let title = framework
            ? "Figur 5.11 Udgift pr. fuldtidsledig 2017-2019 efter rammevilkår"
            : "Figur 5.12 Udgift pr. fuldtidsledig 2017-2019 efter kommunestørrelse"
        let chart = BarChart(
            title: title + originSuffix, categories: groups.map(\.label),
            series: [BarChart.Series(name: "Udgift pr. fuldtidsledig", values: groups.map(\.mean))],
            categoryAxisTitle: framework ? "Estimerede rammevilkår for beskæftigelsesindsatsen" : "Kommunestørrelse (indbyggere)",
            valueAxis: ChartAxis(title: Self.yTitle, includesZero: true), showsValueLabels: true, valueDecimals: 0,
            showsLegend: false, style: style)
        let name = framework ? "figure_5_11_by_framework_group_2017_2019" : "figure_5_12_by_municipality_size_2017_2019"
        return try render(name) { () throws(ReportingError) in try chart.svg() }
    }

    private func render(_ name: String, _ body: () throws(ReportingError) -> String) throws(VIVE2021ReplicationError) -> String {
        do {
            return try body()
        } catch {
            throw .analysis(step: "\(name).svg", message: error.description)
        }
    }
}

extension String {
    /// The first letter upper-cased ("under 32.000 kr." → "Under 32.000 kr.").
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

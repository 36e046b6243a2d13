import PanelStatsReporting

/// Example charts in the form of the VIVE report's figures, with the published numbers of Figures 5.7
/// and 5.10 (from the report's data tables) and illustrative numbers elsewhere. Used by the SVG tests and,
/// through `scripts/write_chart_examples.sh`, to write `docs/examples/`.
enum ChartExamples {
    static let years: [Double] = [2014, 2015, 2016, 2017, 2018, 2019]

    static var danishStyle: ChartStyle {
        var style = ChartStyle()
        style.numberFormat = .danish
        return style
    }

    /// Figure 5.7: spending per full-time unemployed by quartile of growth in full-time unemployed.
    static var figure57Line: LineChart {
        let quartiles: [(String, [Double])] = [
            ("1. kvartil", [35649, 33328, 37157, 39279, 39450, 38235]),
            ("2. kvartil", [34254, 32337, 35129, 36811, 37241, 35504]),
            ("3. kvartil", [34137, 32805, 36278, 37465, 38153, 37237]),
            ("4. kvartil", [33284, 32103, 34793, 34831, 34753, 33052]),
        ]
        return LineChart(
            title: "Figur 5.7 Udgifter pr. fuldtidsledig efter kvartil for udvikling i antal fuldtidsledige",
            xAxis: .years(title: "År"),
            yAxis: ChartAxis(title: "Kr. pr. fuldtidsledig"),
            series: quartiles.map { LineChart.Series(name: $0.0, x: years, y: $0.1) },
            style: danishStyle
        )
    }

    /// Figure 5.10: jobcentres by spending per full-time unemployed, 2017–2019 mean.
    static var figure510Histogram: HistogramChart {
        let labels = HistogramChart.binLabels(edges: [32000, 37000, 42000], format: .danish, unit: " kr.")
        return HistogramChart(
            title: "Figur 5.10 Jobcentre fordelt efter udgifter pr. fuldtidsledig, gennemsnit 2017-2019",
            bins: zip(labels, [16, 38, 22, 18]).map { HistogramChart.Bin(label: $0, count: $1) },
            binAxisTitle: "Kr. pr. fuldtidsledig",
            countAxis: ChartAxis(title: "Antal jobcentre", includesZero: true),
            style: danishStyle
        )
    }

    /// Figure 5.11 in form: mean 2017–2019 by framework-conditions group (means of the Figure 5.8 years).
    static var figure511Bars: BarChart {
        BarChart(
            title: "Figur 5.11 Udgifter pr. fuldtidsledig efter rammevilkår, gennemsnit 2017-2019",
            categories: [
                "10 bedste rammevilkår", "Nummer 11-median rammevilkår", "Median-84. rammevilkår",
                "10 vanskeligste rammevilkår",
            ],
            series: [BarChart.Series(name: "2017-2019", values: [41170, 38181, 35447, 32699])],
            valueAxis: ChartAxis(title: "Kr. pr. fuldtidsledig", includesZero: true),
            showsValueLabels: true,
            style: danishStyle
        )
    }

    /// Figure 5.12 in form, grouped: each year 2017–2019 by population band (Figure 5.9's numbers).
    static var figure512GroupedBars: BarChart {
        BarChart(
            title: "Figur 5.12 Udgifter pr. fuldtidsledig efter kommunestørrelse",
            categories: ["<30.000 indb.", "30.000-50.000", "50.000-80.000", "80.000-120.000", "Over 120.000 indb."],
            series: [
                BarChart.Series(name: "2017", values: [38763, 37196, 37314, 35542, 30826]),
                BarChart.Series(name: "2018", values: [38523, 37386, 37911, 36089, 32318]),
                BarChart.Series(name: "2019", values: [38079, 35593, 36145, 35111, 30818]),
            ],
            categoryAxisTitle: "Kommunestørrelse",
            valueAxis: ChartAxis(title: "Kr. pr. fuldtidsledig", includesZero: true),
            showsValueLabels: true,
            style: danishStyle
        )
    }

    /// A labelled scatter with illustrative (not published) values and Danish names.
    static var labelledScatter: ScatterChart {
        let points: [(String, Double, Double)] = [
            ("København", 13.4, 30500), ("Aarhus", 12.8, 31800), ("Odense", 12.2, 33100),
            ("Aalborg", 12.3, 32400), ("Ærø", 8.8, 41900), ("Vallensbæk", 9.7, 44800),
            ("Frederikshavn", 10.8, 35200), ("Høje-Taastrup", 10.8, 36100), ("Brønderslev", 10.5, 38600),
            ("Læsø", 7.6, 50800), ("Fanø", 8.1, 47300), ("Sorø", 10.3, 37400),
        ]
        return ScatterChart(
            title: "Udgifter pr. fuldtidsledig og kommunestørrelse (illustrative tal)",
            xAxis: ChartAxis(title: "Kommunestørrelse (ln indbyggere)"),
            yAxis: ChartAxis(title: "Kr. pr. fuldtidsledig"),
            series: [ScatterChart.Series(name: "Jobcentre", points: points.map { ChartPoint(x: $0.1, y: $0.2, label: $0.0) })],
            style: danishStyle
        )
    }

    /// Every example with its file name.
    static func all() throws -> [(name: String, svg: String)] {
        [
            ("line_figure_5_7.svg", try figure57Line.svg()),
            ("histogram_figure_5_10.svg", try figure510Histogram.svg()),
            ("bar_figure_5_11.svg", try figure511Bars.svg()),
            ("grouped_bar_figure_5_12.svg", try figure512GroupedBars.svg()),
            ("scatter_labelled.svg", try labelledScatter.svg()),
        ]
    }
}

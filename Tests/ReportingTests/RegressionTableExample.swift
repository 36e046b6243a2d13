import PanelStatsReporting

/// A small two-model table used by the rendering tests: every feature once (stars at each level, a
/// reference row, a term missing from one model, a negative number, a column group, statistics, a note).
enum RegressionTableExample {
    static var models: [RegressionTableModel] {
        var first = RegressionTableModel(header: "Total")
        first.setEstimate("x", CoefficientEstimate(estimate: 1.5, standardError: 0.5, pValue: 0.003))
        first.setEstimate("z", CoefficientEstimate(estimate: -0.25, standardError: 0.125, pValue: 0.05))
        first.setReference("year_2014")
        first.setEstimate("constant", CoefficientEstimate(estimate: 1234.5678, standardError: 100.25, pValue: 0.2))
        first.statistics = ["observations": 564, "groups": 94, "adj_r2": 0.12345]
        var second = RegressionTableModel(header: "HK6")
        second.setEstimate("x", CoefficientEstimate(estimate: 2, standardError: 1, pValue: 0.0499))
        second.setReference("year_2014")
        second.setEstimate("constant", CoefficientEstimate(estimate: -3.5, standardError: 0.75, pValue: 0.09))
        second.statistics = ["observations": 282, "groups": 94, "adj_r2": -0.0833]
        return [first, second]
    }

    static var table: RegressionTable {
        RegressionTable(
            models: models,
            columnGroups: [RegressionTableColumnGroup(label: "2014–2019", span: 2)],
            rows: [
                RegressionTableRow(term: "x", label: "Andel dagpengemodtagere"),
                RegressionTableRow(term: "z", label: "Økonomisk pres"),
                RegressionTableRow(term: "year_2014", label: "2014"),
                RegressionTableRow(term: "constant", label: "Konstant", coefficientDecimals: 1, standardErrorDecimals: 1),
            ],
            statistics: [.observations(), .groups(label: "Jobcentres"), .adjustedRSquared()],
            notes: ["Fixed effects; SE in parentheses."]
        )
    }
}

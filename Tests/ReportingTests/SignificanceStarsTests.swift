import Testing
import PanelStatsReporting

/// Stars are given when p < level (strictly), as Stata's esttab does: a p-value exactly on a threshold
/// gets the next weaker symbol.
@Suite struct SignificanceStarsTests {
    let stars = SignificanceStars.conventional

    @Test(arguments: [
        (0.0, "***"), (0.009999, "***"), (0.01, "**"), (0.0499999, "**"), (0.05, "*"), (0.099, "*"),
        (0.1, ""), (0.5, ""), (1.0, ""),
    ])
    func pValueOnEachSideOfTheThresholds(p: Double, symbol: String) {
        #expect(stars.symbol(forPValue: p) == symbol)
    }

    @Test func missingOrNaNPValueGetsNoStars() {
        #expect(stars.symbol(forPValue: nil) == "")
        #expect(stars.symbol(forPValue: .nan) == "")
    }

    @Test func levelsAreSortedWhateverTheOrderGiven() {
        let custom = SignificanceStars(levels: [
            .init(symbol: "+", threshold: 0.1), .init(symbol: "**", threshold: 0.01), .init(symbol: "*", threshold: 0.05),
        ])
        #expect(custom.levels.map(\.threshold) == [0.01, 0.05, 0.1])
        #expect(custom.symbol(forPValue: 0.07) == "+")
        #expect(custom.symbol(forPValue: 0.001) == "**")
    }

    @Test func legendUsesTheNumberFormatsDecimalSeparator() {
        #expect(stars.legend(format: .plain) == "*** p<0.01, ** p<0.05, * p<0.1")
        #expect(stars.legend(format: .danish) == "*** p<0,01, ** p<0,05, * p<0,1")
    }

    @Test func customLevelsChangeTheTableCells() throws {
        var table = RegressionTableExample.table
        table.options.stars = SignificanceStars(levels: [.init(symbol: "†", threshold: 0.06)])
        let csv = try table.rendered(as: .csv)
        // p = 0.003 and 0.0499 and 0.05 are below 0.06; p = 0.09 and 0.2 are not.
        #expect(csv.contains("Andel dagpengemodtagere,1.500†,2.000†\n"))
        #expect(csv.contains("Økonomisk pres,-0.250†,\n"))
        #expect(csv.contains("Konstant,1234.6,-3.5\n"))
        #expect(csv.hasSuffix("† p<0.06,,\n"))
    }
}

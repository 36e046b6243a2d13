import Testing
import PanelStatsReporting

@Suite struct NumberFormatTests {
    @Test func danishThousandsAndDecimalComma() {
        #expect(NumberFormat.danish.string(1234567.891, decimals: 0) == "1.234.568")
        #expect(NumberFormat.danish.string(1234567.891, decimals: 2) == "1.234.567,89")
    }

    @Test func englishAndPlainFormats() {
        #expect(NumberFormat.english.string(1234567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.plain.string(1234567.891, decimals: 2) == "1234567.89")
    }

    @Test func negativesGetAMinusAndGroupingIgnoresTheSign() {
        #expect(NumberFormat.danish.string(-59607, decimals: 0) == "-59.607")
        #expect(NumberFormat.danish.string(-694281.4, decimals: 0) == "-694.281")
        #expect(NumberFormat.danish.string(-123, decimals: 0) == "-123")
        #expect(NumberFormat.danish.string(-0.0833, decimals: 3) == "-0,083")
    }

    @Test func valuesThatRoundToZeroHaveNoMinus() {
        #expect(NumberFormat.plain.string(-0.4, decimals: 0) == "0")
        #expect(NumberFormat.plain.string(-0.0004, decimals: 3) == "0.000")
        #expect(NumberFormat.plain.string(-0.0, decimals: 1) == "0.0")
    }

    @Test func groupBoundaries() {
        let format = NumberFormat.danish
        #expect(format.string(999, decimals: 0) == "999")
        #expect(format.string(1000, decimals: 0) == "1.000")
        #expect(format.string(999999.5, decimals: 0) == "1.000.000")
        #expect(format.string(100000, decimals: 0) == "100.000")
    }

    @Test func integersUseTheSameGrouping() {
        #expect(NumberFormat.danish.string(1234567) == "1.234.567")
        #expect(NumberFormat.danish.string(-1234) == "-1.234")
        #expect(NumberFormat.danish.string(94) == "94")
    }

    @Test func nonFiniteValuesAreWrittenAsWords() {
        #expect(NumberFormat.plain.string(.nan, decimals: 2) == "NaN")
        #expect(NumberFormat.plain.string(.infinity, decimals: 2) == "Inf")
        #expect(NumberFormat.plain.string(-.infinity, decimals: 2) == "-Inf")
    }

    @Test func customMinusSignAndNoThousandsForYears() {
        let typeset = NumberFormat(decimalSeparator: ",", thousandsSeparator: ".", minusSign: "\u{2212}")
        #expect(typeset.string(-2460, decimals: 0) == "\u{2212}2.460")
        #expect(NumberFormat.danish.withoutThousandsSeparator.string(2014, decimals: 0) == "2014")
    }

    @Test func decimalsAreClampedToTheUsableRange() {
        #expect(NumberFormat.plain.string(2.5, decimals: -3) == "2")
        #expect(NumberFormat.plain.string(0.1, decimals: 40).count == "0.".count + 17)
    }
}

@Suite struct SignificantDigitsTests {
    @Test(arguments: [
        (0.1704, "0.170"), (-0.08334, "-0.0833"), (2.3012, "2.30"), (564.2, "564"), (0.09996, "0.100"),
        (0.0, "0.00"), (-0.461, "-0.461"), (123456.0, "123456"),
    ])
    func threeSignificantDigits(value: Double, expected: String) {
        #expect(NumberFormat.plain.string(value, significantDigits: 3) == expected)
    }

    @Test func statisticsRowCanUseSignificantDigits() throws {
        var table = RegressionTableExample.table
        table.statistics = [RegressionTableStatistic(key: "adj_r2", label: "Adj. R²", decimals: 3, significantDigits: 3)]
        table.options.numberFormat = .danish
        #expect(try table.rendered(as: .csv).contains("Adj. R²,\"0,123\",\"-0,0833\"\n"))
    }
}

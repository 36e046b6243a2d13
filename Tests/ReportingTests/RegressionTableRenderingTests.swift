import Testing
import PanelStatsReporting

/// Golden output of every format for the two-model example. The expected strings were checked by eye
/// against the layout rules (stars p < level; SE beneath in parentheses; reference rows without an SE line;
/// statistics below a rule; star legend last) before being frozen here.
@Suite struct RegressionTableRenderingTests {
    @Test func textIsAlignedWithStarsPaddedAndGroupRule() throws {
        let expected = """
            ===============================================
                                           2014–2019
                                     ----------------------
                                       Total        HK6
            -----------------------------------------------
            Andel dagpengemodtagere    1.500***    2.000**
                                     (0.500)     (1.000)
            Økonomisk pres            -0.250*
                                     (0.125)
            2014                      (ref.)      (ref.)
            Konstant                  1234.6        -3.5*
                                     (100.2)       (0.8)
            -----------------------------------------------
            Observations                 564         282
            Jobcentres                    94          94
            Adj. R²                    0.123      -0.083
            ===============================================
            Fixed effects; SE in parentheses.
            *** p<0.01, ** p<0.05, * p<0.1

            """
        #expect(try RegressionTableExample.table.rendered(as: .text) == expected)
    }

    @Test func markdownEscapesStarsAndPutsGroupsInHeaderRow() throws {
        let expected = """
            |                         |  2014–2019  |           |
            | :---------------------- | :---------: | :-------: |
            |                         |       Total |       HK6 |
            | Andel dagpengemodtagere | 1.500\\*\\*\\* | 2.000\\*\\* |
            |                         |     (0.500) |   (1.000) |
            | Økonomisk pres          |    -0.250\\* |           |
            |                         |     (0.125) |           |
            | 2014                    |      (ref.) |    (ref.) |
            | Konstant                |      1234.6 |    -3.5\\* |
            |                         |     (100.2) |     (0.8) |
            | Observations            |         564 |       282 |
            | Jobcentres              |          94 |        94 |
            | Adj. R²                 |       0.123 |    -0.083 |

            Fixed effects; SE in parentheses.

            \\*\\*\\* p\\<0.01, \\*\\* p\\<0.05, \\* p\\<0.1

            """
        #expect(try RegressionTableExample.table.rendered(as: .markdown) == expected)
    }

    @Test func latexUsesBooktabsCmidruleAndMathMinus() throws {
        let expected = #"""
            \begin{tabular}{l*{2}{c}}
            \toprule
             & \multicolumn{2}{c}{2014–2019} \\
            \cmidrule(lr){2-3}
             & Total & HK6 \\
            \midrule
            Andel dagpengemodtagere & 1.500$^{***}$ & 2.000$^{**}$ \\
             & (0.500) & (1.000) \\
            Økonomisk pres & $-$0.250$^{*}$ &  \\
             & (0.125) &  \\
            2014 & (ref.) & (ref.) \\
            Konstant & 1234.6 & $-$3.5$^{*}$ \\
             & (100.2) & (0.8) \\
            \midrule
            Observations & 564 & 282 \\
            Jobcentres & 94 & 94 \\
            Adj. R\textsuperscript{2} & 0.123 & $-$0.083 \\
            \bottomrule
            \multicolumn{3}{l}{\footnotesize Fixed effects; SE in parentheses.} \\
            \multicolumn{3}{l}{\footnotesize *** p\textless{}0.01, ** p\textless{}0.05, * p\textless{}0.1} \\
            \end{tabular}

            """#
        #expect(try RegressionTableExample.table.rendered(as: .latex) == expected)
    }

    @Test func csvIsRectangularWithQuotedCommas() throws {
        let expected = """
            ,2014–2019,
            ,Total,HK6
            Andel dagpengemodtagere,1.500***,2.000**
            ,(0.500),(1.000)
            Økonomisk pres,-0.250*,
            ,(0.125),
            2014,(ref.),(ref.)
            Konstant,1234.6,-3.5*
            ,(100.2),(0.8)
            Observations,564,282
            Jobcentres,94,94
            Adj. R²,0.123,-0.083
            Fixed effects; SE in parentheses.,,
            "*** p<0.01, ** p<0.05, * p<0.1",,

            """
        #expect(try RegressionTableExample.table.rendered(as: .csv) == expected)
    }

    @Test func htmlIsATableFragmentWithColspanAndSup() throws {
        let expected = """
            <table class="regression-table">
            <thead>
            <tr><th></th><th colspan="2">2014–2019</th></tr>
            <tr><th></th><th>Total</th><th>HK6</th></tr>
            </thead>
            <tbody>
            <tr><th scope="row">Andel dagpengemodtagere</th><td>1.500<sup>***</sup></td><td>2.000<sup>**</sup></td></tr>
            <tr class="se"><th scope="row"></th><td>(0.500)</td><td>(1.000)</td></tr>
            <tr><th scope="row">Økonomisk pres</th><td>-0.250<sup>*</sup></td><td></td></tr>
            <tr class="se"><th scope="row"></th><td>(0.125)</td><td></td></tr>
            <tr><th scope="row">2014</th><td>(ref.)</td><td>(ref.)</td></tr>
            <tr><th scope="row">Konstant</th><td>1234.6</td><td>-3.5<sup>*</sup></td></tr>
            <tr class="se"><th scope="row"></th><td>(100.2)</td><td>(0.8)</td></tr>
            </tbody>
            <tbody class="statistics">
            <tr><th scope="row">Observations</th><td>564</td><td>282</td></tr>
            <tr><th scope="row">Jobcentres</th><td>94</td><td>94</td></tr>
            <tr><th scope="row">Adj. R²</th><td>0.123</td><td>-0.083</td></tr>
            </tbody>
            <tfoot>
            <tr><td colspan="3">Fixed effects; SE in parentheses.</td></tr>
            <tr><td colspan="3">*** p&lt;0.01, ** p&lt;0.05, * p&lt;0.1</td></tr>
            </tfoot>
            </table>

            """
        #expect(try RegressionTableExample.table.rendered(as: .html) == expected)
    }

    @Test func danishTextWithStandardErrorsBeside() throws {
        var table = RegressionTableExample.table
        table.options.numberFormat = .danish
        table.options.standardErrorPlacement = .beside
        table.columnGroups = []
        table.title = "Tabel 5.8"
        let expected = """
            Tabel 5.8
            =============================================================
                                           Total               HK6
            -------------------------------------------------------------
            Andel dagpengemodtagere    1,500*** (0,500)  2,000**  (1,000)
            Økonomisk pres            -0,250*   (0,125)
            2014                              (ref.)            (ref.)
            Konstant                 1.234,6    (100,2)     -3,5*   (0,8)
            -------------------------------------------------------------
            Observations                         564               282
            Jobcentres                            94                94
            Adj. R²                            0,123            -0,083
            =============================================================
            Fixed effects; SE in parentheses.
            *** p<0,01, ** p<0,05, * p<0,1

            """
        #expect(try table.rendered(as: .text) == expected)
    }

    @Test func hiddenStandardErrorsPrintNoSecondLine() throws {
        var table = RegressionTableExample.table
        table.options.standardErrorPlacement = .hidden
        let csv = try table.rendered(as: .csv)
        #expect(!csv.contains("(0.500)"))
        #expect(csv.contains("Andel dagpengemodtagere,1.500***,2.000**\nØkonomisk pres,-0.250*,\n"))
    }

    @Test func rowsDefaultToTermsInOrderOfFirstAppearance() {
        let table = RegressionTable(models: RegressionTableExample.models)
        #expect(table.effectiveRows.map(\.term) == ["x", "z", "year_2014", "constant"])
        #expect(table.effectiveRows.map(\.label) == ["x", "z", "year_2014", "constant"])
    }

    @Test func renderingIsDeterministic() throws {
        let table = RegressionTableExample.table
        for format in RegressionTableFormat.allCases {
            #expect(try table.rendered(as: format) == table.rendered(as: format))
        }
    }

    @Test func columnGroupsThatDoNotCoverTheModelsAreRejected() {
        var table = RegressionTableExample.table
        table.columnGroups = [RegressionTableColumnGroup(label: "2014–2016", span: 3)]
        #expect(throws: ReportingError.columnGroupSpansMismatch(spanTotal: 3, modelCount: 2)) {
            try table.rendered(as: .text)
        }
        table.columnGroups = [
            RegressionTableColumnGroup(label: "a", span: 2), RegressionTableColumnGroup(label: "b", span: 0),
        ]
        #expect(throws: ReportingError.nonPositiveColumnGroupSpan(label: "b", span: 0)) {
            try table.rendered(as: .html)
        }
    }

    @Test func tableWithoutModelsIsRejected() {
        #expect(throws: ReportingError.noModels) {
            try RegressionTable(models: []).rendered(as: .markdown)
        }
    }

    @Test func wideGroupLabelWidensItsColumnsInText() throws {
        var table = RegressionTableExample.table
        table.columnGroups = [RegressionTableColumnGroup(label: "A very long column group label", span: 2)]
        let lines = try table.rendered(as: .text).split(separator: "\n")
        #expect(lines[1].contains("A very long column group label"))
        #expect(lines[2].filter { $0 == "-" }.count == "A very long column group label".count)
        #expect(lines[0].count == lines[1].count)
    }
}

import Testing
import PanelStatsReporting

@Suite struct TextEscapingTests {
    @Test func latexEscapesTheTenSpecialCharacters() {
        #expect(TextEscaping.latex(##"a\b{c}$d&e#f^g_h%i~j"##)
            == ##"a\textbackslash{}b\{c\}\$d\&e\#f\textasciicircum{}g\_h\%i\textasciitilde{}j"##)
    }

    @Test func latexKeepsDanishLettersAndConvertsSuperscripts() {
        #expect(TextEscaping.latex("Økonomisk pres, kr. pr. fuldtidsledig <50%") ==
            #"Økonomisk pres, kr. pr. fuldtidsledig \textless{}50\%"#)
        #expect(TextEscaping.latex("Adj. R²") == #"Adj. R\textsuperscript{2}"#)
    }

    @Test func latexTableEscapesLabelsHeadersAndTitle() throws {
        var table = RegressionTableExample.table
        table.title = "Fixed effects & 100% of_jobcentres"
        table.rows?[0].label = "share_unemployment_benefit"
        table.models[0].header = "HK5 & HK6"
        let latex = try table.rendered(as: .latex)
        #expect(latex.contains(#"\caption{Fixed effects \& 100\% of\_jobcentres}"#))
        #expect(latex.contains(#"share\_unemployment\_benefit & 1.500$^{***}$"#))
        #expect(latex.contains(#" & HK5 \& HK6 & HK6 \\"#))
    }

    @Test func xmlEscapesMarkupButNotDanishLetters() {
        #expect(TextEscaping.xml(#"<b> & "æøå" 'Å'"#) == "&lt;b&gt; &amp; &quot;æøå&quot; &#39;Å&#39;")
    }

    @Test func markdownEscapesEmphasisAndPipes() {
        #expect(TextEscaping.markdown("a|b *c* _d_") == #"a\|b \*c\* \_d\_"#)
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        #expect(TextEscaping.csvField("plain") == "plain")
        #expect(TextEscaping.csvField("1,5") == "\"1,5\"")
        #expect(TextEscaping.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TextEscaping.csvField("two\nlines") == "\"two\nlines\"")
    }
}

import Testing
@testable import PanelStatsData

@Suite struct FormulaTests {
    @Test func parsesResponseTermsAndDefaultIntercept() throws {
        let formula = try Formula.parse("y ~ x1 + x2")
        #expect(formula.response == "y")
        #expect(formula.terms == [.variable("x1"), .variable("x2")])
        #expect(formula.hasIntercept)
        #expect(formula.absorbed.isEmpty)
    }

    @Test func minusOneOrPlusZeroRemovesTheIntercept() throws {
        #expect(try Formula.parse("y ~ x - 1").hasIntercept == false)
        #expect(try Formula.parse("y ~ 0 + x").hasIntercept == false)
        #expect(try Formula.parse("y ~ x + 0").hasIntercept == false)
        #expect(try Formula.parse("y ~ -1 + x").hasIntercept == false)
        #expect(try Formula.parse("y ~ x - 1 + 1").hasIntercept == true)
        #expect(try Formula.parse("y ~ 0 + x").terms == [.variable("x")])
    }

    @Test func interceptOnlyFormula() throws {
        let formula = try Formula.parse("y ~ 1")
        #expect(formula.terms.isEmpty)
        #expect(formula.hasIntercept)
    }

    @Test func factorWithAndWithoutReference() throws {
        let formula = try Formula.parse("y ~ factor(year) + factor(year2, ref=2014) + factor(r, ref=\"Nord Jylland\") + factor(k, ref = Øst)")
        #expect(formula.terms == [
            .factor("year", reference: nil), .factor("year2", reference: "2014"),
            .factor("r", reference: "Nord Jylland"), .factor("k", reference: "Øst"),
        ])
    }

    @Test func identityTermFollowsRPrecedence() throws {
        let formula = try Formula.parse("y ~ I(-x^2) + I(2^3^2) + I((a + b) * c / 2) + I(a - (b - c))")
        guard case .identity(_, let first) = formula.terms[0], case .identity(_, let second) = formula.terms[1] else {
            Issue.record("not identities")
            return
        }
        #expect(first == .negate(.binary(.power, .variable("x"), .number(2))))
        #expect(second == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        // Names as R's model.matrix writes them (deparse): spaces around + - *, none around / ^.
        #expect(formula.terms.map(\.name) == ["I(-x^2)", "I(2^3^2)", "I((a + b) * c/2)", "I(a - (b - c))"])
    }

    @Test func identityTermNameIgnoresTypedSpacing() throws {
        #expect(try Formula.parse("y ~ I( x ^ 2 )").terms.map(\.name) == ["I(x^2)"])
    }

    @Test func identityAllowsFunctions() throws {
        let formula = try Formula.parse("y ~ I(log(x + 1)) + I(sqrt(abs(z)) * exp(-w))")
        #expect(formula.terms.map(\.name) == ["I(log(x + 1))", "I(sqrt(abs(z)) * exp(-w))"])
        #expect(formula.variables == ["y", "x", "z", "w"])
    }

    @Test func logTermAndLogResponse() throws {
        let formula = try Formula.parse("log(wage) ~ log(hours) + educ")
        #expect(formula.responseTerm == .log("wage"))
        #expect(formula.response == "log(wage)")
        #expect(formula.terms.first == .log("hours"))
        #expect(formula.terms.map(\.name) == ["log(hours)", "educ"])
    }

    @Test func absorbedVariablesAfterBar() throws {
        let formula = try Formula.parse("y ~ x + factor(year) | jobcentre + year")
        #expect(formula.absorbed == ["jobcentre", "year"])
        #expect(formula.variables == ["y", "x", "year", "jobcentre"])
    }

    @Test func backtickQuotedAndDanishNames() throws {
        let formula = try Formula.parse("`ftu pct` ~ ledighedsgrad + `andel 25-29` + log(`løn kr`) | kommune")
        #expect(formula.response == "ftu pct")
        #expect(formula.terms == [.variable("ledighedsgrad"), .variable("andel 25-29"), .log("løn kr")])
        #expect(formula.variables == ["ftu pct", "ledighedsgrad", "andel 25-29", "løn kr", "kommune"])
    }

    @Test func repeatedTermsCountOnceAndMinusRemovesATerm() throws {
        #expect(try Formula.parse("y ~ x + z + x").terms == [.variable("x"), .variable("z")])
        #expect(try Formula.parse("y ~ x + z - x").terms == [.variable("z")])
    }

    @Test func descriptionReadsBackToTheSameFormula() throws {
        for text in ["y ~ x1 + factor(year, ref=2014) + I(x^2) - 1 | id + t", "`a b` ~ log(`c d`) + factor(r, ref=\"Nord Jylland\")", "y ~ 0", "y ~ 1"] {
            let formula = try Formula.parse(text)
            #expect(try Formula.parse(formula.description) == formula)
        }
        #expect(try Formula.parse("y~x1+ x2 -1|id").description == "y ~ x1 + x2 - 1 | id")
    }

    @Test func syntaxErrorShowsFormulaAndCaret() {
        let error = formulaError { _ = try Formula.parse("y ~ x1 + ") }
        #expect(error?.description == "formula: expected a term after '+'\n  y ~ x1 + \n           ^")
    }

    @Test func caretPointsUnderTheFaultyCharacter() {
        let error = formulaError { _ = try Formula.parse("y ~ x1 $ x2") }
        #expect(error == .syntax(message: "unexpected character '$'", formula: "y ~ x1 $ x2", position: 7))
    }

    @Test func caretCountsCharactersNotBytes() {
        let error = formulaError { _ = try Formula.parse("ø ~ æ + + å") }
        guard case .syntax(_, _, let position)? = error else { Issue.record("no error"); return }
        #expect(position == 8)
    }

    @Test func missingTildeIsAnError() {
        let error = formulaError { _ = try Formula.parse("y x1") }
        #expect(error?.message == "expected '~' after the response")
    }

    @Test func emptyFormulaIsAnError() {
        #expect(formulaError { _ = try Formula.parse("   ") }?.message.hasPrefix("the formula is empty") == true)
    }

    @Test func unknownFunctionIsAnErrorAtItsName() {
        let error = formulaError { _ = try Formula.parse("y ~ x + poly(z, 2)") }
        guard case .syntax(let message, _, let position)? = error else { Issue.record("no error"); return }
        #expect(message.hasPrefix("unknown function 'poly'"))
        #expect(position == 8)
    }

    @Test func interactionsAreRefusedWithAHint() {
        let error = formulaError { _ = try Formula.parse("y ~ a:b") }
        #expect(error?.message.contains("I(x1*x2)") == true)
    }

    @Test func unbalancedParenthesesAreErrors() {
        #expect(formulaError { _ = try Formula.parse("y ~ I((x + 1)") } != nil)
        #expect(formulaError { _ = try Formula.parse("y ~ I(x + 1))") } != nil)
        #expect(formulaError { _ = try Formula.parse("y ~ factor(year") } != nil)
    }

    @Test func numberAsTermIsRefused() {
        #expect(formulaError { _ = try Formula.parse("y ~ x + 2") }?.message.contains("cannot be a term") == true)
    }

    @Test func responseRepeatedAsRegressorIsRefused() {
        #expect(formulaError { _ = try Formula.parse("y ~ x + y") }?.message.contains("also a regressor") == true)
    }

    @Test func absorbedPartAcceptsOnlyVariables() {
        #expect(formulaError { _ = try Formula.parse("y ~ x | factor(id)") } != nil)
        #expect(formulaError { _ = try Formula.parse("y ~ x | id + id") }?.message == "'id' is absorbed twice")
        #expect(formulaError { _ = try Formula.parse("y ~ x | ") } != nil)
    }

    @Test func unterminatedBacktickIsAnError() {
        let error = formulaError { _ = try Formula.parse("y ~ `ftu pct") }
        #expect(error == .syntax(message: "unterminated backtick quote", formula: "y ~ `ftu pct", position: 4))
    }

    @Test func factorReferenceNeedsRefKeyword() {
        #expect(formulaError { _ = try Formula.parse("y ~ factor(year, 2014)") }?.message.contains("ref=") == true)
    }

    @Test func dotForAllColumnsIsRefused() {
        #expect(formulaError { _ = try Formula.parse("y ~ .") }?.message.hasPrefix("'.' (all other columns)") == true)
    }

    @Test func randomTextNeverCrashesTheParser() {
        let alphabet = Array("yx12~+-*/^()|,=`\"' .Iflogactr0ø")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0..<24, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "x" })
            _ = try? Formula.parse(text)
        }
    }
}

/// A model formula in R/fixest notation: `y ~ x1 + factor(year) + I(x^2) + log(z) | id + year`.
///
/// - `~` separates the response from the regressors; an intercept is included unless `- 1` or
///   `+ 0` removes it (`+ 1` or `- 0` puts it back), as in R.
/// - `factor(v)` expands `v` into dummies, the first level (in sorted order) being the
///   reference; `factor(v, ref=2014)` picks the reference level.
/// - `I(...)` computes a regressor with `+ - * / ^`, numbers, variables, parentheses and
///   `log`/`exp`/`sqrt`/`abs`.
/// - `log(x)` is the natural logarithm of a variable; a non-positive value is an error naming
///   the row (R would give NaN or -Inf and `lm` would then fail or drop the row).
/// - `- term` removes a term listed earlier, repeated terms count once (as R's `terms`).
/// - After `|`, variables whose fixed effects are absorbed (fixest's notation).
/// - A name that is not a plain identifier (spaces, punctuation) is written in backticks:
///   `` `ftu pct` ``. Letters such as `æ ø å` need no quoting.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    /// The left-hand side: a variable, or a `log(...)`/`I(...)` of variables.
    public var responseTerm: Term
    /// The regressors in formula order (the intercept is not a term, see `hasIntercept`).
    public var terms: [Term]
    /// Whether the model has an intercept (default yes; `- 1` or `+ 0` removes it).
    public var hasIntercept: Bool
    /// Variables after `|`, whose fixed effects are absorbed, in formula order.
    public var absorbed: [String]

    /// The response's name as printed: `y`, `log(y)`, `I(y/1000)`.
    public var response: String { responseTerm.name }

    /// A formula from its parts; `response` is a variable name.
    public init(response: String, terms: [Term], hasIntercept: Bool = true, absorbed: [String] = []) {
        self.init(responseTerm: .variable(response), terms: terms, hasIntercept: hasIntercept, absorbed: absorbed)
    }

    /// A formula from its parts, with a transformed response.
    public init(responseTerm: Term, terms: [Term], hasIntercept: Bool = true, absorbed: [String] = []) {
        self.responseTerm = responseTerm
        self.terms = terms
        self.hasIntercept = hasIntercept
        self.absorbed = absorbed
    }

    /// Reads a formula.
    /// - Throws: ``FormulaError/syntax(message:formula:position:)`` pointing at the fault.
    public static func parse(_ text: String) throws(FormulaError) -> Formula {
        var parser = FormulaParser(text)
        return try parser.parseFormula()
    }

    /// Every data column the formula reads, in order of first appearance: the response's,
    /// the terms', then the absorbed variables.
    public var variables: [String] {
        var names: [String] = []
        for name in responseTerm.variables + terms.flatMap(\.variables) + absorbed where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The formula written out canonically, e.g. `y ~ x1 + factor(year) - 1 | id`.
    public var description: String {
        let parts = terms.map(\.formulaText)
        var text = responseTerm.formulaText + " ~ "
        if parts.isEmpty {
            text += hasIntercept ? "1" : "0"
        } else {
            text += parts.joined(separator: " + ") + (hasIntercept ? "" : " - 1")
        }
        if !absorbed.isEmpty { text += " | " + absorbed.map(quoteIfNeeded).joined(separator: " + ") }
        return text
    }
}

/// One term of a formula's right-hand side (or its response).
public enum Term: Sendable, Equatable, CustomStringConvertible {
    /// A numeric variable as it is.
    case variable(String)
    /// Dummies for the levels of a variable, dropping `reference` (default: the first level).
    case factor(String, reference: String?)
    /// `I(...)`: the source text between the parentheses, and the parsed expression.
    case identity(String, FormulaExpression)
    /// The natural logarithm of a variable.
    case log(String)

    /// The term's name in output, as R's `model.matrix` names it: `x1`, `factor(year)`,
    /// `I(x^2)`, `log(x)`; a factor's dummy columns append the level: `factor(year)2015`.
    /// `I(...)` is written canonically (see ``FormulaExpression/description``), whatever the
    /// spacing typed.
    public var name: String {
        switch self {
        case .variable(let name): return name
        case .factor(let name, _): return "factor(\(name))"
        case .identity(_, let expression): return "I(\(expression))"
        case .log(let name): return "log(\(name))"
        }
    }

    public var description: String { name }

    /// The data columns the term reads.
    public var variables: [String] {
        switch self {
        case .variable(let name), .factor(let name, _), .log(let name): return [name]
        case .identity(_, let expression): return expression.variables
        }
    }

    /// The term written back in formula syntax (names quoted where needed, the reference kept).
    var formulaText: String {
        switch self {
        case .variable(let name): return quoteIfNeeded(name)
        case .factor(let name, let reference):
            guard let reference else { return "factor(\(quoteIfNeeded(name)))" }
            let ref: String
            if isFormulaNumber(reference) || isPlainIdentifier(reference) {
                ref = reference
            } else if !reference.contains("\"") {
                ref = "\"\(reference)\""
            } else if !reference.contains("'") {
                ref = "'\(reference)'"
            } else {
                ref = "`\(reference)`"
            }
            return "factor(\(quoteIfNeeded(name)), ref=\(ref))"
        case .identity(_, let expression): return "I(\(expression))"
        case .log(let name): return "log(\(quoteIfNeeded(name)))"
        }
    }
}

/// Whether `text` reads back as a number of the formula tokenizer, optionally negated: ASCII
/// digits and a decimal point, an optional exponent, finite (`2014`, `-1`, `.5`, `1e-3`). `Double(text)`
/// is not the test: it also takes `0x1p3`, `nan` and `+1`, and stops at an embedded NUL
/// (`Double("1\u{0}x")` is 1), so such a reference level would print unquoted and not parse back.
func isFormulaNumber(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "-" { rest = rest.dropFirst() }
    let isDigit = { (c: Character) in c.isASCII && c.isNumber }
    let mantissa = rest.prefix { isDigit($0) || $0 == "." }
    guard mantissa.contains(where: isDigit), mantissa.filter({ $0 == "." }).count <= 1 else { return false }
    rest = rest.dropFirst(mantissa.count)
    if rest.first == "e" || rest.first == "E" {
        rest = rest.dropFirst()
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let exponent = rest.prefix(while: isDigit)
        guard !exponent.isEmpty else { return false }
        rest = rest.dropFirst(exponent.count)
    }
    // The tokenizer refuses numbers that overflow (`2e308`); plain ASCII here, so Double is safe.
    return rest.isEmpty && Double(text)?.isFinite == true
}

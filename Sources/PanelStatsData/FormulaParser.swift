/// A lexical unit of a formula, with its position (0-based character offset).
struct FormulaToken: Equatable {
    enum Kind: Equatable {
        /// A name: a plain identifier, or a backtick-quoted one (`quoted` true).
        case name(String, quoted: Bool)
        /// A number and its text as written.
        case number(Double, String)
        /// A string literal in single or double quotes (used for `ref=`).
        case string(String)
        /// One of `~ + - * / ^ ( ) , = | :`.
        case symbol(Character)
        case end
    }
    var kind: Kind
    var position: Int
}

/// Recursive-descent parser for ``Formula``; see there for the grammar.
struct FormulaParser {
    private let text: String
    private let characters: [Character]
    private var tokens: [FormulaToken] = []
    private var index = 0
    /// Current nesting of parentheses, signs and powers inside `I(...)`, and the operations of the
    /// current `I(...)` so far. Both are bounded so that parsing, printing and evaluating the
    /// expression tree (all recursive) stay far from the stack's limit on hostile input such as
    /// ten thousand opening parentheses or `x+x+...+x` — a formula a person writes uses a handful.
    /// The printed form of an expression adds the parentheses precedence needs (`2^-2^-2` prints
    /// as `2^(-2^(-2))`) and so can nest deeper than the text typed; it is held to the same limit
    /// (``deepestNesting`` of a parse of the printed form), so an accepted formula always prints
    /// a form that parses back.
    private var nesting = 0
    private var deepestNesting = 0
    private var operations = 0
    static let maximumNesting = 64
    static let maximumOperations = 256

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    // MARK: - Formula

    mutating func parseFormula() throws(FormulaError) -> Formula {
        tokens = try tokenize()
        if peek.kind == .end { throw fail("the formula is empty; write it as 'y ~ x1 + x2'", at: 0) }
        if peek.kind == .symbol("~") { throw fail("a response variable is needed before '~'", at: peek.position) }
        let response = try parseTerm(context: "response")
        if case .factor = response {
            throw fail("the response cannot be a factor", at: tokens[0].position)
        }
        guard peek.kind == .symbol("~") else {
            throw fail(peek.kind == .end ? "expected '~' and the regressors after the response" : "expected '~' after the response", at: peek.position)
        }
        advance()

        var terms: [Term] = []
        // The terms' formula texts, for duplicate and removal checks without rebuilding each
        // text per comparison (a long formula would otherwise take quadratic time).
        var termTexts: Set<String> = []
        var hasIntercept = true
        var adding = true
        if peek.kind == .symbol("-") || peek.kind == .symbol("+") {
            adding = peek.kind == .symbol("+")
            advance()
        }
        if peek.kind == .end || peek.kind == .symbol("|") {
            throw fail("expected the regressors after '~' (write '1' for an intercept-only model)", at: peek.position)
        }
        while true {
            let start = peek
            if case .number(let value, let written) = start.kind {
                guard value == 0 || value == 1 else {
                    throw fail("a number (\(written)) cannot be a term; use I(...) for arithmetic", at: start.position)
                }
                advance()
                // +1 and -0 include the intercept, +0 and -1 remove it (R's convention).
                hasIntercept = (value == 1) == adding
            } else {
                let term = try parseTerm(context: "term")
                let text = term.formulaText
                if adding {
                    if termTexts.insert(text).inserted { terms.append(term) }
                } else if termTexts.remove(text) != nil {
                    terms.removeAll { $0.formulaText == text }
                }
            }
            let next = peek
            switch next.kind {
            case .symbol("+"), .symbol("-"):
                adding = next.kind == .symbol("+")
                advance()
                if peek.kind == .end || peek.kind == .symbol("|") {
                    throw fail("expected a term after '\(adding ? "+" : "-")'", at: peek.position)
                }
            case .symbol("|"), .end:
                break
            case .symbol(":"), .symbol("*"):
                throw fail("interactions ('\(next.kind == .symbol(":") ? ":" : "*")') are not supported; write I(x1*x2) for a product", at: next.position)
            case .symbol("~"):
                throw fail("a formula has one '~'", at: next.position)
            case .symbol(let symbol):
                throw fail("unexpected '\(symbol)'; expected '+', '-', '|' or the end of the formula", at: next.position)
            default:
                throw fail("expected '+' between terms", at: next.position)
            }
            if next.kind == .symbol("|") || next.kind == .end { break }
        }
        if termTexts.contains(response.formulaText) {
            throw fail("the response '\(response.name)' is also a regressor", at: tokens[0].position)
        }

        var absorbed: [String] = []
        if peek.kind == .symbol("|") {
            advance()
            while true {
                let token = peek
                guard case .name(let name, _) = token.kind else {
                    throw fail("expected a variable whose fixed effects are absorbed", at: token.position)
                }
                advance()
                if peek.kind == .symbol("(") {
                    throw fail("only variables can be absorbed after '|', not \(name)(...)", at: token.position)
                }
                guard !absorbed.contains(name) else {
                    throw fail("'\(name)' is absorbed twice", at: token.position)
                }
                absorbed.append(name)
                if peek.kind == .symbol("+") {
                    advance()
                    continue
                }
                if peek.kind == .end { break }
                if peek.kind == .symbol("^") {
                    throw fail("interacted fixed effects ('^') are not supported", at: peek.position)
                }
                throw fail("expected '+' or the end of the formula after an absorbed variable", at: peek.position)
            }
        }
        return Formula(responseTerm: response, terms: terms, hasIntercept: hasIntercept, absorbed: absorbed)
    }

    /// variable | factor(v [, ref=level]) | I(expression) | log(v)
    private mutating func parseTerm(context: String) throws(FormulaError) -> Term {
        let token = peek
        switch token.kind {
        case .name(let name, let quoted):
            advance()
            if name == ".", !quoted {
                throw fail("'.' (all other columns) is not supported; list the variables", at: token.position)
            }
            guard !quoted, peek.kind == .symbol("(") else { return .variable(name) }
            let open = peek
            advance()
            switch name {
            case "factor", "as.factor":
                return try parseFactor()
            case "I":
                operations = 0
                let expression = try parseExpression()
                var printed = FormulaParser(expression.description)
                if printed.nestingOfExpression() > Self.maximumNesting {
                    throw fail("the expression nests more than \(Self.maximumNesting) levels deep", at: open.position)
                }
                let close = try expect(")", "expected ')' to close I(")
                let source = String(characters[(open.position + 1)..<close.position])
                    .trimmingBlanks()
                return .identity(source, expression)
            case "log":
                let argument = peek
                guard case .name(let variable, _) = argument.kind else {
                    throw fail("log() takes a variable; write I(log(...)) for an expression", at: argument.position)
                }
                advance()
                guard peek.kind == .symbol(")") else {
                    throw fail("log() takes a variable; write I(log(...)) for an expression", at: argument.position)
                }
                advance()
                return .log(variable)
            default:
                throw fail("unknown function '\(name)'; a term is a variable, factor(v), I(expression) or log(v)", at: token.position)
            }
        case .symbol("("):
            throw fail("parentheses group arithmetic only inside I(...)", at: token.position)
        case .end:
            throw fail("expected a \(context)", at: token.position)
        case .number(_, let written):
            throw fail("a number (\(written)) cannot be a \(context); use I(...) for arithmetic", at: token.position)
        case .string:
            throw fail("a quoted string cannot be a \(context); quote variable names with backticks", at: token.position)
        case .symbol(let symbol):
            throw fail("expected a \(context), found '\(symbol)'", at: token.position)
        }
    }

    private mutating func parseFactor() throws(FormulaError) -> Term {
        let argument = peek
        guard case .name(let variable, _) = argument.kind else {
            throw fail("factor() takes a variable name", at: argument.position)
        }
        advance()
        var reference: String?
        if peek.kind == .symbol(",") {
            advance()
            let key = peek
            guard case .name("ref", quoted: false) = key.kind else {
                throw fail("expected 'ref=' (the reference level) as factor()'s second argument", at: key.position)
            }
            advance()
            _ = try expect("=", "expected '=' after 'ref'")
            let value = peek
            switch value.kind {
            case .number(_, let written): reference = written
            case .string(let level): reference = level
            case .name(let level, _): reference = level
            case .symbol("-"):
                advance()
                guard case .number(_, let written) = peek.kind else {
                    throw fail("expected a level after 'ref='", at: value.position)
                }
                reference = "-" + written
            default:
                throw fail("expected a level after 'ref='", at: value.position)
            }
            advance()
        }
        _ = try expect(")", "expected ')' to close factor(")
        return .factor(variable, reference: reference)
    }

    // MARK: - Expressions inside I(...)

    private mutating func parseExpression() throws(FormulaError) -> FormulaExpression {
        var lhs = try parseProduct()
        while peek.kind == .symbol("+") || peek.kind == .symbol("-") {
            let op: FormulaOperator = peek.kind == .symbol("+") ? .add : .subtract
            advance()
            try countOperation()
            lhs = .binary(op, lhs, try parseProduct())
        }
        return lhs
    }

    private mutating func parseProduct() throws(FormulaError) -> FormulaExpression {
        var lhs = try parseUnary()
        while peek.kind == .symbol("*") || peek.kind == .symbol("/") {
            let op: FormulaOperator = peek.kind == .symbol("*") ? .multiply : .divide
            advance()
            try countOperation()
            lhs = .binary(op, lhs, try parseUnary())
        }
        return lhs
    }

    private mutating func parseUnary() throws(FormulaError) -> FormulaExpression {
        nesting += 1
        defer { nesting -= 1 }
        deepestNesting = max(deepestNesting, nesting)
        if nesting > Self.maximumNesting {
            throw fail("the expression nests more than \(Self.maximumNesting) levels deep", at: peek.position)
        }
        if peek.kind == .symbol("-") {
            advance()
            try countOperation()
            return .negate(try parseUnary())
        }
        if peek.kind == .symbol("+") {
            advance()
            return try parseUnary()
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(FormulaError) -> FormulaExpression {
        let base = try parsePrimary()
        if peek.kind == .symbol("^") {
            advance()
            try countOperation()
            // Right-associative, and the exponent may carry a sign (2^-1), as in R.
            return .binary(.power, base, try parseUnary())
        }
        return base
    }

    private mutating func parsePrimary() throws(FormulaError) -> FormulaExpression {
        let token = peek
        switch token.kind {
        case .number(let value, _):
            advance()
            return .number(value)
        case .name(let name, let quoted):
            advance()
            guard !quoted, peek.kind == .symbol("(") else { return .variable(name) }
            guard let function = FormulaFunction(rawValue: name) else {
                throw fail(
                    "unknown function '\(name)' inside I(); available: "
                        + FormulaFunction.allCases.map(\.rawValue).joined(separator: ", "), at: token.position)
            }
            advance()
            try countOperation()
            let argument = try parseExpression()
            _ = try expect(")", "expected ')' to close \(name)(")
            return .function(function, argument)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            _ = try expect(")", "expected ')'")
            return inner
        case .end:
            throw fail("the expression ends too early", at: token.position)
        case .string:
            throw fail("a quoted string cannot be part of an expression", at: token.position)
        case .symbol(let symbol):
            throw fail("expected a number, a variable or '(' , found '\(symbol)'", at: token.position)
        }
    }

    /// How deep parsing the text as an `I(...)` expression nests (0 when it does not parse at
    /// all, which is not this check's concern); stops just past the limit.
    mutating func nestingOfExpression() -> Int {
        do {
            tokens = try tokenize()
            _ = try parseExpression()
        } catch {}
        return deepestNesting
    }

    private mutating func countOperation() throws(FormulaError) {
        operations += 1
        if operations > Self.maximumOperations {
            throw fail("the expression has more than \(Self.maximumOperations) operations; compute it in the data", at: peek.position)
        }
    }

    // MARK: - Tokens

    private var peek: FormulaToken { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func expect(_ symbol: Character, _ message: String) throws(FormulaError) -> FormulaToken {
        let token = peek
        guard token.kind == .symbol(symbol) else { throw fail(message, at: token.position) }
        advance()
        return token
    }

    private func fail(_ message: String, at position: Int) -> FormulaError {
        .syntax(message: message, formula: text, position: position)
    }

    private func tokenize() throws(FormulaError) -> [FormulaToken] {
        var tokens: [FormulaToken] = []
        var i = 0
        let c = characters
        while i < c.count {
            let ch = c[i]
            if ch.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if ch.isNumber && ch.isASCII || (ch == "." && i + 1 < c.count && c[i + 1].isASCII && c[i + 1].isNumber) {
                while i < c.count, c[i].isASCII, c[i].isNumber || c[i] == "." { i += 1 }
                if i < c.count, c[i] == "e" || c[i] == "E" {
                    var j = i + 1
                    if j < c.count, c[j] == "+" || c[j] == "-" { j += 1 }
                    if j < c.count, c[j].isASCII, c[j].isNumber {
                        i = j
                        while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
                    }
                }
                let written = String(c[start..<i])
                guard let value = Double(written), value.isFinite else {
                    throw fail("'\(written)' is not a number", at: start)
                }
                tokens.append(FormulaToken(kind: .number(value, written), position: start))
            } else if ch.isLetter || ch == "." || ch == "_" {
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "." || c[i] == "_" { i += 1 }
                tokens.append(FormulaToken(kind: .name(String(c[start..<i]), quoted: false), position: start))
            } else if ch == "`" || ch == "\"" || ch == "'" {
                i += 1
                while i < c.count, c[i] != ch { i += 1 }
                guard i < c.count else {
                    throw fail(ch == "`" ? "unterminated backtick quote" : "unterminated string", at: start)
                }
                let content = String(c[(start + 1)..<i])
                i += 1
                if ch == "`" {
                    guard !content.isEmpty else { throw fail("empty backtick-quoted name", at: start) }
                    tokens.append(FormulaToken(kind: .name(content, quoted: true), position: start))
                } else {
                    tokens.append(FormulaToken(kind: .string(content), position: start))
                }
            } else if ch == "*", i + 1 < c.count, c[i + 1] == "*" {
                tokens.append(FormulaToken(kind: .symbol("^"), position: start))
                i += 2
            } else if "~+-*/^(),=|:".contains(ch) {
                tokens.append(FormulaToken(kind: .symbol(ch), position: start))
                i += 1
            } else {
                throw fail("unexpected character '\(ch)'", at: start)
            }
        }
        tokens.append(FormulaToken(kind: .end, position: c.count))
        return tokens
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    func trimmingBlanks() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

/// The arithmetic inside `I(...)`: numbers, variables, `+ - * / ^`, unary minus, parentheses
/// and the functions `log` (natural), `exp`, `sqrt`, `abs`.
///
/// Precedence follows R: `^` binds tightest and groups to the right (`2^3^2` is 2^9), then
/// unary minus (`-x^2` is −(x²)), then `*` and `/`, then `+` and `-`, all left to right.
/// (Named `FormulaExpression` rather than `Expression` to stay clear of Foundation's type.)
public indirect enum FormulaExpression: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case variable(String)
    case negate(FormulaExpression)
    case binary(FormulaOperator, FormulaExpression, FormulaExpression)
    case function(FormulaFunction, FormulaExpression)

    /// Every variable the expression reads, in order of first appearance.
    public var variables: [String] {
        var names: [String] = []
        collectVariables(into: &names)
        return names
    }

    private func collectVariables(into names: inout [String]) {
        switch self {
        case .number: break
        case .variable(let name): if !names.contains(name) { names.append(name) }
        case .negate(let operand): operand.collectVariables(into: &names)
        case .binary(_, let lhs, let rhs):
            lhs.collectVariables(into: &names)
            rhs.collectVariables(into: &names)
        case .function(_, let argument): argument.collectVariables(into: &names)
        }
    }

    /// Evaluates the expression over `count` rows; `column(name)` gives a variable's values.
    /// One array per node, not per element.
    func evaluate(count: Int, column: (String) throws(DataError) -> [Double]) throws(DataError) -> [Double] {
        switch self {
        case .number(let value):
            return [Double](repeating: value, count: count)
        case .variable(let name):
            return try column(name)
        case .negate(let operand):
            var values = try operand.evaluate(count: count, column: column)
            values.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = -buffer[i] }
            }
            return values
        case .binary(let op, let lhs, let rhs):
            var left = try lhs.evaluate(count: count, column: column)
            let right = try rhs.evaluate(count: count, column: column)
            left.withUnsafeMutableBufferPointer { a in
                right.withUnsafeBufferPointer { b in
                    switch op {
                    case .add: for i in a.indices { a[i] += b[i] }
                    case .subtract: for i in a.indices { a[i] -= b[i] }
                    case .multiply: for i in a.indices { a[i] *= b[i] }
                    case .divide: for i in a.indices { a[i] /= b[i] }
                    case .power: for i in a.indices { a[i] = power(a[i], b[i]) }
                    }
                }
            }
            return left
        case .function(let function, let argument):
            var values = try argument.evaluate(count: count, column: column)
            values.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = function.apply(buffer[i]) }
            }
            return values
        }
    }

    /// The expression written as R's `deparse` writes it, with the parentheses precedence
    /// needs: spaces around `+ - *`, none around `/` and `^` (`x^2`, `(a + b) * c/2`), names
    /// that are not plain identifiers in backticks. Term names use it, so they equal R's.
    public var description: String { text(parentPrecedence: 0, rightOperand: false) }

    private var precedence: Int {
        switch self {
        case .number(let value): return value < 0 ? 3 : 5
        case .variable, .function: return 5
        case .negate: return 3
        case .binary(let op, _, _): return op.precedence
        }
    }

    private func text(parentPrecedence: Int, rightOperand: Bool) -> String {
        let own: String
        switch self {
        case .number(let value): own = formatNumber(value)
        case .variable(let name): own = quoteIfNeeded(name)
        case .negate(let operand): own = "-" + operand.text(parentPrecedence: 3, rightOperand: false)
        case .binary(let op, let lhs, let rhs):
            // `^` groups to the right, the others to the left.
            let leftNeedsParens = op == .power
            own = lhs.text(parentPrecedence: op.precedence + (leftNeedsParens ? 1 : 0), rightOperand: false)
                + (op == .power || op == .divide ? op.symbol : " \(op.symbol) ")
                + rhs.text(parentPrecedence: op.precedence + (op == .power ? 0 : 1), rightOperand: true)
        case .function(let function, let argument):
            own = "\(function.rawValue)(\(argument.text(parentPrecedence: 0, rightOperand: false)))"
        }
        return precedence < parentPrecedence ? "(\(own))" : own
    }
}

/// A binary operator of ``FormulaExpression``.
public enum FormulaOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"

    var symbol: String { rawValue }

    var precedence: Int {
        switch self {
        case .add, .subtract: return 1
        case .multiply, .divide: return 2
        case .power: return 4
        }
    }
}

/// A function allowed inside `I(...)`.
public enum FormulaFunction: String, Sendable, Equatable, CaseIterable {
    case log, exp, sqrt, abs

    func apply(_ x: Double) -> Double {
        switch self {
        case .log: return x > 0 ? naturalLogarithm(x) : (x == 0 ? -.infinity : .nan)
        case .exp: return exponential(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        }
    }
}


/// Backtick-quotes a variable name that is not a plain identifier, as R's `deparse` does.
func quoteIfNeeded(_ name: String) -> String {
    isPlainIdentifier(name) ? name : "`\(name)`"
}

/// Whether `name` reads back as one plain name token: not `.` alone (the parser refuses it, as
/// R's "all other columns") and not `.` followed by a digit (which reads as a number, `.5x`).
func isPlainIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "." || first == "_", name != "." else { return false }
    if first == ".", let second = name.dropFirst().first, second.isASCII, second.isNumber { return false }
    return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
}

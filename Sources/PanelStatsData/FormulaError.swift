/// A formula that cannot be read. The description shows the formula on one line and a caret
/// under the fault:
///
///     formula: expected a variable after '+'
///       y ~ x1 +
///               ^
public enum FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A syntax or usage error at `position` (a 0-based count of characters into `formula`).
    case syntax(message: String, formula: String, position: Int)

    /// The explanation without the formula and caret.
    public var message: String {
        switch self {
        case .syntax(let message, _, _): return message
        }
    }

    public var description: String {
        switch self {
        case .syntax(let message, let formula, let position):
            let shown = formula.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }
            return "formula: \(message)\n  \(String(shown))\n  \(String(repeating: " ", count: max(0, position)))^"
        }
    }
}

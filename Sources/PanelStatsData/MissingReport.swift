/// The observations a model frame removed because a variable it reads is missing, reported
/// like fixest: `12 observations removed because of missing values: y 5, x2 7`.
///
/// Each variable's count is over all rows of the data (as fixest counts NAs per variable), so
/// the counts can add up to more than the total when rows miss several variables.
public struct MissingReport: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A variable and how many rows miss it.
    public struct Entry: Sendable, Equatable, Codable {
        public var variable: String
        public var count: Int

        public init(variable: String, count: Int) {
            self.variable = variable
            self.count = count
        }
    }

    /// Rows removed (missing at least one variable).
    public var count: Int
    /// Variables with at least one missing value, in the order the model reads them.
    public var perVariable: [Entry]

    public init(count: Int, perVariable: [Entry]) {
        self.count = count
        self.perVariable = perVariable
    }

    public var description: String {
        guard count > 0 else { return "no observations removed because of missing values" }
        let noun = count == 1 ? "observation" : "observations"
        return "\(count) \(noun) removed because of missing values: "
            + perVariable.map { "\(shown($0.variable)) \($0.count)" }.joined(separator: ", ")
    }
}

import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

/// Loading the fixed-effects fixtures (written by scripts/fe_*.py and scripts/fe_*.R).
enum FEFixtures {
    /// A JSON fixture as nested dictionaries.
    static func json(_ name: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Fixtures.data("fe/\(name)"))
        guard let dictionary = object as? [String: Any] else { throw FixtureError.malformed(name) }
        return dictionary
    }

    /// The data frame of a CSV fixture.
    static func frame(_ csv: String, formula: String, additional: [String] = []) throws -> ModelFrame {
        let data = try CSVReader.read(path: Fixtures.url("fe/\(csv)").path)
        return try ModelFrame(formula: try Formula.parse(formula), data: data, additionalVariables: additional)
    }

    enum FixtureError: Error { case malformed(String) }
}

extension Dictionary where Key == String, Value == Any {
    /// The sub-dictionary at a key path.
    func object(_ keys: String...) -> [String: Any] {
        var current: [String: Any] = self
        for key in keys { current = current[key] as? [String: Any] ?? [:] }
        return current
    }

    /// The number at `key` (nil for a JSON null or a missing key).
    func number(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
}

/// Expects `|actual − expected| ≤ tolerance · |expected|` and reports the label and both values.
func expectRelative(
    _ actual: Double?, _ expected: Double?, _ tolerance: Double, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual, let expected else {
        Issue.record("\(label): missing value (actual \(String(describing: actual)), expected \(String(describing: expected)))",
                     sourceLocation: sourceLocation)
        return
    }
    let difference = relativeDifference(actual, expected)
    #expect(difference <= tolerance, "\(label): \(actual) vs \(expected) (relative difference \(difference))",
            sourceLocation: sourceLocation)
}

import Foundation

/// One row of a scipy fixture written by scripts/make_distribution_fixtures.py.
struct FixtureRow: Sendable {
    let function: String
    let parameter1: Double
    let parameter2: Double?
    let argument: Double
    /// scipy 1.17.1's value.
    let scipy: Double
    /// The 40-digit mpmath value rounded to double.
    let mpmath: Double
}

enum FixtureError: Error, CustomStringConvertible {
    case malformed(file: String, line: Int)
    var description: String {
        switch self {
        case let .malformed(file, line): return "\(file):\(line): malformed fixture row"
        }
    }
}

/// Reads `Fixtures/<name>` next to this source file (the fixtures are committed, so no Python is needed).
func loadFixture(_ name: String) throws -> [FixtureRow] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows: [FixtureRow] = []
    for (index, line) in text.split(separator: "\n").enumerated() where index > 0 {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, let p1 = Double(fields[1]), let argument = Double(fields[3]),
              let scipy = Double(fields[4]), let mpmath = Double(fields[5]) else {
            throw FixtureError.malformed(file: name, line: index + 1)
        }
        rows.append(FixtureRow(function: fields[0], parameter1: p1,
                               parameter2: fields[2].isEmpty ? nil : Double(fields[2]),
                               argument: argument, scipy: scipy, mpmath: mpmath))
    }
    return rows
}

/// `|actual - expected| / |scale|` (`scale` defaults to `expected`). Infinite scales require the same
/// infinity; a zero scale (an underflowed tail, left in the fixtures only where exactly 0) accepts any
/// result below 1e-300 in magnitude.
func relativeError(_ actual: Double, _ expected: Double, scale: Double? = nil) -> Double {
    let scale = scale ?? expected
    if actual == expected && actual == scale { return 0 }
    if scale.isInfinite { return actual == scale ? 0 : .infinity }
    if scale == 0 { return abs(actual) < 1e-300 ? 0 : .infinity }
    if actual.isNaN || expected.isNaN || actual.isInfinite || expected.isInfinite { return .infinity }
    return abs(actual - expected) / abs(scale)
}

/// The worst relative error seen, and where.
struct Worst: CustomStringConvertible {
    var error = 0.0
    var row: FixtureRow?
    var actual = 0.0

    mutating func record(_ error: Double, _ row: FixtureRow, _ actual: Double) {
        if error > self.error || self.row == nil {
            self.error = error; self.row = row; self.actual = actual
        }
    }

    var description: String {
        guard let row else { return "(no points)" }
        let p2 = row.parameter2.map { ", \($0)" } ?? ""
        return String(format: "%.2e", error) + " at (\(row.parameter1)\(p2); \(row.argument)): "
            + "got \(actual), scipy \(row.scipy), mpmath \(row.mpmath)"
    }
}

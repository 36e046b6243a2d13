import Foundation

/// Fixture files live next to the tests; the path is built from `#filePath` so tests run from
/// any working directory and CI needs neither Python nor R.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    static func data(_ relativePath: String) throws -> Data { try Data(contentsOf: url(relativePath)) }

    /// A purely numeric CSV with a header row (the NIST files and the generated OLS data): the
    /// header and the columns by name.
    static func numericCSV(_ relativePath: String) throws -> (header: [String], columns: [String: [Double]]) {
        let text = try String(contentsOf: url(relativePath), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var columns = [String: [Double]]()
        for name in header { columns[name] = [] }
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for (name, field) in zip(header, fields) { columns[name, default: []].append(Double(field) ?? .nan) }
        }
        return (header, columns)
    }
}

/// Log relative error, the StRD accuracy measure: −log₁₀(|estimate − certified| / |certified|),
/// or −log₁₀|estimate| when the certified value is 0; capped at the certified digits.
func logRelativeError(_ estimate: Double, certified: Double, digits: Double = 15) -> Double {
    if estimate == certified { return digits }
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    guard error.isFinite else { return 0 }
    return min(digits, max(0, -log10(error)))
}

/// `|a − b| / |b|` (0 when equal).
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(b), Double.leastNormalMagnitude)
}

/// Observations' cluster membership for cluster-robust covariance: dense codes `0..<count`, one
/// per observation (the data module's `GroupIndex` provides exactly this for a variable).
public struct Clustering: Sendable, Hashable {
    /// The cluster variable's name, used in messages and output.
    public let variable: String
    /// Cluster code of each observation, in `0..<count`.
    public let codes: [Int32]
    /// Number of codes (an upper bound on the clusters present).
    public let count: Int

    /// - Throws: ``RegressionError/invalidClusterCodes(_:)`` when a code lies outside `0..<count`.
    public init(variable: String, codes: [Int32], count: Int) throws(RegressionError) {
        if let bad = codes.firstIndex(where: { $0 < 0 || Int($0) >= count }) {
            throw .invalidClusterCodes("\(variable): code \(codes[bad]) at observation \(bad + 1) is outside 0..<\(count)")
        }
        self.variable = variable
        self.codes = codes
        self.count = count
    }

    /// Number of distinct clusters that actually occur (G).
    public var clustersPresent: Int {
        var seen = [Bool](repeating: false, count: count)
        var distinct = 0
        for code in codes where !seen[Int(code)] {
            seen[Int(code)] = true
            distinct += 1
        }
        return distinct
    }
}

/// The usual one-line description of a variable: N, mean, standard deviation, minimum,
/// quartiles, median and maximum (pandas `describe()`; Stata `summarize` plus `centile`).
public struct VariableSummary: Sendable, Codable, Equatable {
    public let variable: String
    /// Non-missing observations.
    public let count: Int
    /// Missing (NaN) observations.
    public let missing: Int
    public let mean: Double
    /// Sample standard deviation with divisor n − 1 (Stata `summarize`, pandas `std`, numpy
    /// `ddof=1`); `nil` when N < 2.
    public let standardDeviation: Double?
    public let minimum: Double
    /// 25 % quantile under ``quantileDefinition``.
    public let lowerQuartile: Double
    public let median: Double
    /// 75 % quantile under ``quantileDefinition``.
    public let upperQuartile: Double
    public let maximum: Double
    /// How the quartiles and median were computed (type 7 by default, as pandas; type 2 is
    /// Stata `summarize, detail`, type 6 Stata `centile`).
    public let quantileDefinition: QuantileDefinition

    /// Summarises the non-missing values of `values`.
    /// - Throws: ``DescriptiveError/emptySample(variable:)`` when every value is missing.
    public init(_ values: [Double], variable: String, quantileDefinition: QuantileDefinition = .standard)
        throws(DescriptiveError)
    {
        let sample = SortedSample(values)
        guard let first = sample.values.first, let last = sample.values.last else {
            throw .emptySample(variable: variable)
        }
        self.variable = variable
        count = sample.count
        missing = sample.missingCount
        var centred = sample.values
        mean = centre(&centred)
        let n = Double(sample.count)
        var squares = 0.0
        for v in centred { squares += v * v }
        standardDeviation = sample.count >= 2 ? (squares / (n - 1)).squareRoot() : nil
        minimum = first
        maximum = last
        lowerQuartile = try sample.quantile(0.25, definition: quantileDefinition, variable: variable)
        median = try sample.quantile(0.5, definition: quantileDefinition, variable: variable)
        upperQuartile = try sample.quantile(0.75, definition: quantileDefinition, variable: variable)
        self.quantileDefinition = quantileDefinition
    }
}

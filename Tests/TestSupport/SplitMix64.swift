import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014): the small seeded generator of the test targets, so that
/// random test data (CSV texts, panels, kernel blocks) are the same on every run and platform and
/// a failure can name its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1): the top 53 bits of the next value, scaled by 2⁻⁵³.
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A standard normal draw (Box–Muller; the first uniform is taken in (0, 1) so its log is finite).
    public mutating func normal() -> Double {
        let u1 = (Double(next() >> 11) + 0.5) * 0x1p-53, u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

import Foundation

/// "Nice" axis ticks: round numbers (1, 2 or 5 times a power of ten apart) covering a data range.
///
/// Among the steps 1, 2 and 5 × 10^k near (maximum − minimum) / (targetTickCount − 1), the one whose tick
/// count is closest to `targetTickCount` wins (ties go to the larger step, i.e. fewer ticks); the axis then
/// runs from the largest multiple of the step at or below the minimum to the smallest at or above the
/// maximum. So 30 000…42 000 with 6 ticks gives 30 000, 32 000, …, 42 000 and 2014…2019 gives every year.
/// A degenerate range (minimum == maximum) is widened to ±1 around the value (0…1 for zero; ±10 %
/// beyond 2^53, where 1 is below the resolution); a range too wide or too narrow for a Double step
/// (its width overflows, or is below 1e-290) gives 0…1, as non-finite input does.
public struct NiceScale: Sendable, Hashable {
    /// The first tick (the axis start).
    public let lower: Double
    /// The last tick (the axis end).
    public let upper: Double
    /// The distance between ticks.
    public let step: Double
    /// The tick values, lower…upper by step, rounded to `decimals` places to remove floating-point noise.
    public let ticks: [Double]
    /// Decimal places needed to print the ticks exactly (0 for steps of 1 or more).
    public let decimals: Int

    /// Computes ticks for the data range `minimum…maximum` (order does not matter; non-finite input gives
    /// the range 0…1). `minimumStep` (e.g. 1 for counts) rules out finer steps.
    public init(minimum: Double, maximum: Double, targetTickCount: Int = 6, minimumStep: Double? = nil) {
        var low = Swift.min(minimum, maximum)
        var high = Swift.max(minimum, maximum)
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        if low == high {
            if low == 0 {
                high = 1
            } else {
                // ±1, or ±10 % where 1 is below the value's resolution (|value| ≥ 2^53).
                let widening = low - 1 == low ? abs(low) / 10 : 1
                low -= widening
                high += widening
            }
        }
        // A range whose width overflows (−1e308…1e308) or is below the normal range (0…5e-324)
        // has no power-of-ten step (log10 would give ±∞, and Int(±∞) traps): treated as above.
        if !(high - low).isFinite || high - low < 1e-290 {
            low = 0
            high = 1
        }
        let target = Swift.max(targetTickCount, 2)
        let rawStep = (high - low) / Double(target - 1)
        let exponent = Int(floor(log10(rawStep)))
        var best: (step: Double, count: Int, exponent: Int)?
        for power in (exponent - 1)...(exponent + 1) {
            for mantissa in [1.0, 2.0, 5.0] {
                let candidate = mantissa * pow(10, Double(power))
                if let minimumStep, candidate < minimumStep * (1 - 1e-9) { continue }
                let count = Int((ceil(high / candidate - 1e-9) - floor(low / candidate + 1e-9)).rounded()) + 1
                let distance = abs(count - target)
                if let current = best {
                    let currentDistance = abs(current.count - target)
                    if distance < currentDistance || (distance == currentDistance && candidate > current.step) {
                        best = (candidate, count, power)
                    }
                } else {
                    best = (candidate, count, power)
                }
            }
        }
        let fallback = Swift.max(rawStep, minimumStep ?? rawStep)
        let chosen = best ?? (fallback, target, Int(floor(log10(fallback))))
        let step = chosen.step
        let decimals = Swift.max(0, -chosen.exponent)
        let first = floor(low / step + 1e-9)
        let last = ceil(high / step - 1e-9)
        let scale = pow(10, Double(decimals))
        let count = Int((last - first).rounded()) + 1
        let ticks = (0..<count).map { index in
            ((first + Double(index)) * step * scale).rounded() / scale
        }
        self.step = step
        self.decimals = decimals
        self.ticks = ticks
        lower = ticks.first ?? low
        upper = ticks.last ?? high
    }
}

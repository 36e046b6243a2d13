#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The regularized incomplete beta function
    /// `I_x(a, b) = (1/B(a, b)) ∫₀ˣ tᵃ⁻¹ (1-t)ᵇ⁻¹ dt` for `a, b > 0`, `0 ≤ x ≤ 1` (scipy's `betainc`).
    /// NaN outside the domain.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x, y: 1 - x).value
    }

    /// The complement `1 - I_x(a, b) = I_{1-x}(b, a)` (scipy's `betaincc`), computed directly where it is
    /// the small one, so upper tails such as 1e-300 keep full accuracy.
    public static func regularizedIncompleteBetaComplement(_ x: Double, a: Double, b: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x, y: 1 - x).complement
    }

    /// `I_x(a, b)`, `1 - I_x(a, b)` and the prefactor `xᵃ yᵇ / B(a, b)` (which is `x·y·∂I/∂x`).
    ///
    /// Takes `x` *and* `y = 1 - x` so callers can pass both with full relative accuracy (for the t
    /// distribution `x = ν/(ν+t²)` and `y = t²/(ν+t²)`; forming `1 - x` would lose `y` when `t² ≪ ν`).
    /// `deviation`, when given, is `x·b - y·a` computed by the caller without cancellation. For large `a`
    /// and `b` the result is that quantity's exponential function with a factor `a` or `b` in front, so
    /// the cancellation in forming it from rounded `x` and `y` would be amplified ~√a-fold; the F
    /// distribution knows it exactly as `½ d₁ y (F - 1)`.
    ///
    /// Method: the classical continued fraction for `I_x(a, b)` (Numerical Recipes §6.4, from Abramowitz &
    /// Stegun 26.5.8) where it converges fast, `x < (a+1)/(a+b+2)`, and otherwise the same fraction for
    /// `I_y(b, a) = 1 - I_x(a, b)`. The fraction is evaluated in its contracted ("odd part") form
    /// `e₀ + n₁/(e₁ + n₂/(e₂ + …))`, `eₘ = 1 + d₂ₘ + d₂ₘ₊₁`, `nₘ = -d₂ₘ₋₁d₂ₘ`, in which each `eₘ` is
    /// written as a polynomial in `y` when `x > ½`. In the plain form, `1 + d₁ ≈ 1 - x` is formed from `x`
    /// and, for `a ≫ b` (t with large ν), keeps only about `1/(a·ε)` of its digits; the `y` form has no
    /// such cancellation. The prefactor comes from ``betaPrefactor(a:b:x:y:)``.
    static func incompleteBeta(
        a: Double, b: Double, x: Double, y: Double, deviation: Double? = nil
    ) -> (value: Double, complement: Double, prefactor: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0, x <= 1, y <= 1 else {
            return (.nan, .nan, .nan)
        }
        if x == 0 { return (0, 1, 0) }
        if y == 0 { return (1, 0, 0) }
        let prefactor = betaPrefactor(a: a, b: b, x: x, y: y, deviation: deviation)
        if prefactor == 0 {
            // Both tails beyond double range on one side: the direct side is 0.
            return x < a / (a + b) ? (0, 1, 0) : (1, 0, 0)
        }
        // x < (a+1)/(a+b+2), tested on the side whose numerator is not absorbed by rounding (a + 1 == a
        // for a ≥ 2⁵³, which would put every x below the switch).
        let directlyBelow = a <= b ? x < (a + 1) / (a + b + 2) : y > (b + 1) / (a + b + 2)
        if directlyBelow {
            let value = Swift.min(prefactor / (a * betaContinuedFraction(a: a, b: b, x: x, y: y)), 1)
            return (value, 1 - value, prefactor)
        }
        let complement = Swift.min(prefactor / (b * betaContinuedFraction(a: b, b: a, x: y, y: x)), 1)
        return (1 - complement, complement, prefactor)
    }

    /// The contracted continued fraction `D` with `I_x(a, b) = xᵃyᵇ / (a·B(a, b)·D)`.
    static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let useY = x > 0.5
        let e0 = useY ? (1 - b + (a + b) * y) / (a + 1) : 1 - (a + b) * x / (a + 1)
        return evaluateContinuedFraction(b0: e0) { n in
            let m = Double(n)
            let a2m = a + 2 * m
            // nₘ = -d₂ₘ₋₁ d₂ₘ = (a+m-1)(a+b+m-1)·m(b-m)·x² / ((a+2m-2)(a+2m-1)²(a+2m)), as a product of ratios.
            let first = n == 1 ? 1 : (a + m - 1) / (a2m - 2)
            let numerator = first * ((a + b + m - 1) / (a2m - 1)) * (m / (a2m - 1)) * ((b - m) / a2m) * x * x
            let denominator: Double
            if useY {
                // eₘ = [a(2m+1-b) + b + 2m² - 1] / ((a+2m-1)(a+2m+1)) + y·[(a+m)(a+b+m)/((a+2m)(a+2m+1)) - m(b-m)/((a+2m-1)(a+2m))]
                let constant = (a / (a2m - 1)) * ((2 * m + 1 - b) / (a2m + 1))
                    + (b + 2 * m * m - 1) / ((a2m - 1) * (a2m + 1))
                let slope = ((a + m) / a2m) * ((a + b + m) / (a2m + 1)) - m * (b - m) / ((a2m - 1) * a2m)
                denominator = constant + y * slope
            } else {
                denominator = 1 + m * (b - m) * x / ((a2m - 1) * a2m) - ((a + m) / a2m) * ((a + b + m) / (a2m + 1)) * x
            }
            return (numerator, denominator)
        }
    }

    /// `xᵃ yᵇ / B(a, b)` (with `y = 1 - x` given separately) with full relative accuracy.
    ///
    /// `deviation` is `x·b - y·a` if the caller has it more accurately than the subtraction would give.
    ///
    /// - Both `a, b ≥ 10`: Stirling's formula divided out analytically (DiDonato & Morris 1992, `brcomp`):
    ///   `√(ab / (2π(a+b))) · exp(-a·r(e₁) - b·r(e₂) - δ(a) - δ(b) + δ(a+b))`, `r(e) = e - log1p(e)`,
    ///   `e₁ = (xb - ya)/a`, `e₂ = (ya - xb)/b`. The naive `a log x + b log y - log B` cancels terms of size
    ///   `a log a` near the peak.
    /// - One of them ≥ 10 (say `a`): `exp(-a·r(e₁) - z + b log z - ½ log1p(b/a) - log Γ(b) + δ(a+b) - δ(a))`
    ///   with `z = y(a + b)`.
    /// - Both small: `pow(x, a) · pow(y, b) / B(a, b)`.
    static func betaPrefactor(a: Double, b: Double, x: Double, y: Double, deviation: Double? = nil) -> Double {
        let threshold = stirlingThreshold
        let xbMinusYa = deviation ?? (x * b - y * a)
        if a >= threshold && b >= threshold {
            let sum = a + b
            let e1 = xbMinusYa / a, e2 = -xbMinusYa / b
            let exponent = -a * xMinusLog1p(e1, onePlusE: x * (sum / a)) - b * xMinusLog1p(e2, onePlusE: y * (sum / b))
                - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(sum)
            let scale = (Swift.min(a, b) / (2 * Double.pi)).squareRoot() * (Swift.max(a, b) / sum).squareRoot()
            return scale * exp(exponent)
        }
        if a >= threshold || b >= threshold {
            // Let (large, xl) be the big parameter and its variable, (small, ys) the other pair.
            let (large, small, xl, ys) = a >= threshold ? (a, b, x, y) : (b, a, y, x)
            let e1 = (a >= threshold ? xbMinusYa : -xbMinusYa) / large
            let z = ys * (large + small)
            let exponent = -large * xMinusLog1p(e1, onePlusE: xl * ((large + small) / large)) - z + small * log(z) - 0.5 * log1p(small / large)
                - logGammaFunction(small) + stirlingCorrection(large + small) - stirlingCorrection(large)
            return exp(exponent)
        }
        // Γ(a), Γ(b), Γ(a+b) are all below Γ(20) here, so the gamma products cannot overflow.
        let direct = pow(x, a) * pow(y, b) * (tgamma(a + b) / (tgamma(a) * tgamma(b)))
        if direct.isFinite && direct > 1e-290 { return direct }
        return exp(a * log(x) + b * log(y) - logBeta(a, b))
    }
}

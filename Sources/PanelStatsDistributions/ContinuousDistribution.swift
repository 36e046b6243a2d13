/// A continuous univariate probability distribution with the functions p-values and critical values need.
///
/// Conventions follow scipy.stats: `cdf(x) = P(X ≤ x)`, `sf(x) = P(X > x)`, `quantile` is scipy's `ppf`
/// and `inverseSurvival` is scipy's `isf`. Every function computes the *small* side of a probability
/// directly, so `sf` is accurate where `1 - cdf` would cancel (p-values down to 1e-300), and
/// `inverseSurvival(1e-300)` is accurate where `quantile(1 - 1e-300)` cannot even be expressed.
/// NaN arguments give NaN; nothing traps.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// The cumulative distribution function `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// The survival function `P(X > x)`, computed directly (no `1 - cdf` cancellation).
    func sf(_ x: Double) -> Double
    /// The inverse of `cdf`: the `x` with `P(X ≤ x) = p`. NaN for `p` outside `[0, 1]`;
    /// `quantile(0)` and `quantile(1)` are the ends of the support.
    func quantile(_ p: Double) -> Double
    /// The inverse of `sf` (scipy's `isf`): the `x` with `P(X > x) = q`, accurate for tiny `q` such as 1e-300.
    /// NaN for `q` outside `[0, 1]`.
    func inverseSurvival(_ q: Double) -> Double
}

import PanelStatsDistributions

/// Two-sided p-value of a correlation coefficient r from n ≥ 3 observations: the t test on
/// n − 2 degrees of freedom, `t = r √((n − 2)/((1 − r)(1 + r)))`, `p = 2 P(T > |t|)` — the
/// statistic of `scipy.stats.pearsonr`/`spearmanr` and Stata's `pwcorr, sig`. |r| = 1 gives p = 0.
func correlationPValue(_ r: Double, observations n: Int) throws(DescriptiveError) -> Double {
    if abs(r) >= 1 { return 0 }
    let df = Double(n - 2)
    let t = r * (df / ((1 - r) * (1 + r))).squareRoot()
    do {
        return try StudentT(degreesOfFreedom: df).twoSidedPValue(t)
    } catch {
        throw .distribution(error)
    }
}

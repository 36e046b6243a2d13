import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

/// Grunfeld's 10 firms × 20 years (datasets/grunfeld, exported from R plm 2.6.2), one-way within
/// model `inv ~ value + capital | firm`. Expected values: plm's output as printed and at full
/// precision from scripts/fe_grunfeld_plm.R (grunfeld_plm.json), which also writes out Stata's
/// between/overall R², σ_u and ρ from the xtreg manual's definitions.
@Suite("Fixed effects: Grunfeld against plm")
struct FixedEffectsGrunfeldTests {
    static func fit() throws -> FixedEffectsResult {
        let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try CSVReader.read(path: root.appendingPathComponent("datasets/grunfeld/grunfeld.csv").path)
        let frame = try ModelFrame(formula: try Formula.parse("inv ~ value + capital | firm"), data: data)
        return try FixedEffectsModel(frame: frame).fit()
    }

    /// plm prints value 0.110124 (0.011857), capital 0.310065 (0.017355), R² 0.76676,
    /// adjusted 0.75311, F 309.014 on 2 and 188 DF — equal to the printed digits.
    @Test func matchesPlmAsPrinted() throws {
        let r = try Self.fit()
        func rounded(_ x: Double?, _ digits: Double) -> Double { ((x ?? .nan) * pow(10, digits)).rounded() / pow(10, digits) }
        #expect(rounded(r.coefficient("value")?.estimate, 6) == 0.110124)
        #expect(rounded(r.coefficient("value")?.standardError, 6) == 0.011857)
        #expect(rounded(r.coefficient("capital")?.estimate, 6) == 0.310065)
        #expect(rounded(r.coefficient("capital")?.standardError, 6) == 0.017355)
        #expect(rounded(r.r2Within, 5) == 0.76676)
        #expect(rounded(r.adjR2, 5) == 0.75311)
        #expect(rounded(r.modelF?.statistic, 3) == 309.014)
        #expect(r.modelF?.numeratorDegreesOfFreedom == 2)
        #expect(r.modelF?.denominatorDegreesOfFreedom == 188)
        #expect(r.dfResid == 188)
    }

    /// Full precision against plm: coefficients and SEs 1e-10 relative; R², F and pFtest 1e-10.
    @Test func matchesPlmToFullPrecision() throws {
        let r = try Self.fit()
        let plm = try FEFixtures.json("grunfeld_plm.json")
        for term in ["value", "capital"] {
            expectRelative(r.coefficient(term)?.estimate, plm.object("coefficients").number(term), 1e-10, term)
            expectRelative(r.coefficient(term)?.standardError, plm.object("std_errors").number(term), 1e-10, "SE \(term)")
        }
        expectRelative(r.r2Within, plm.number("r2_within"), 1e-10, "r2_within")
        expectRelative(r.adjR2, plm.number("adj_r2"), 1e-10, "adj_r2")
        expectRelative(r.modelF?.statistic, plm.number("f_stat"), 1e-10, "model F")
        expectRelative(r.rss, plm.number("rss"), 1e-10, "RSS")
        let fe = plm.object("f_fe")
        expectRelative(r.fTestFixedEffects?.statistic, fe.number("stat"), 1e-10, "F test u_i = 0")
        #expect(r.fTestFixedEffects?.numeratorDegreesOfFreedom == 9)
        expectRelative(r.fTestFixedEffects?.pValue, fe.number("p_value"), 1e-8, "F test p-value")
    }

    /// The ten firm effects as plm's `fixef()` prints them (α + u_i), with their standard errors
    /// (`summary(fixef(m))`), 1e-9 relative; labels in numeric order 1…10.
    @Test func firmEffectsEqualPlmFixef() throws {
        let r = try Self.fit()
        let plm = try FEFixtures.json("grunfeld_plm.json")
        let labels = plm["fixef_labels"] as? [String] ?? []
        let values = (plm["fixef"] as? [NSNumber] ?? []).map(\.doubleValue)
        let errors = (plm["fixef_std_errors"] as? [NSNumber] ?? []).map(\.doubleValue)
        let effects = try #require(r.effects)
        #expect(effects.labels == labels)
        #expect(labels == (1...10).map(String.init))
        for g in values.indices {
            expectRelative(effects.levels[g], values[g], 1e-9, "fixef firm \(labels[g])")
            expectRelative(effects.standardErrors?[g], errors[g], 1e-9, "SE fixef firm \(labels[g])")
        }
        #expect(r.fixedEffectCoefficients?.first?.values == effects.levels)
        // As plm prints them (4 decimals): -70.2967 101.9058 -235.5718 -27.8093 -114.6168 ...
        let printed = [-70.2967, 101.9058, -235.5718, -27.8093, -114.6168, -23.1613, -66.5535, -57.5457, -87.2223, -6.5678]
        for g in printed.indices { #expect((effects.levels[g] * 1e4).rounded() / 1e4 == printed[g]) }
    }

    /// Stata's `_cons` = ȳ − x̄ᵀβ = −58.74394, σ_u, σ_e, ρ and the between/overall R² as the xtreg
    /// manual defines them (written out in scripts/fe_grunfeld_plm.R), 1e-9 relative. The
    /// deviations u_i average to zero over observations.
    @Test func stataStatisticsFollowTheXtregDefinitions() throws {
        let r = try Self.fit()
        let plm = try FEFixtures.json("grunfeld_plm.json")
        expectRelative(r.constant?.estimate, plm.number("stata_constant"), 1e-9, "_cons")
        expectRelative(r.r2Between, plm.number("stata_r2_between"), 1e-9, "r2_between")
        expectRelative(r.r2Overall, plm.number("stata_r2_overall"), 1e-9, "r2_overall")
        expectRelative(r.sigmaU, plm.number("stata_sigma_u"), 1e-9, "sigma_u")
        expectRelative(r.sigmaE, plm.number("stata_sigma_e"), 1e-9, "sigma_e")
        expectRelative(r.rho, plm.number("stata_rho"), 1e-9, "rho")
        let deviations = try #require(r.effects?.deviations)
        #expect(abs(deviations.reduce(0, +) * 20) < 1e-8)
    }
}

import Foundation
import PanelStats
import Testing
@testable import PanelStatsVIVE2021

/// Recomputes the calibration targets (a)-(d) and (g) of issue 5 from the committed
/// `datasets/vive2021/panel.csv` and asserts each at the tolerance. (e) and (f) are in
/// ``CorrelationTargetTests`` and ``FixedEffectsTargetTests``. The expected values are the numbers
/// printed in the VIVE 2021 report (`datasets/vive2021/published/`).
@Suite("VIVE 2021 calibration targets (a)-(d), (g)")
struct CalibrationTargetTests {
    let panel: VIVE2021Panel
    let derived: VIVE2021DerivedVariables

    init() throws {
        (panel, derived) = try committedPanel()
    }

    func column(_ t: Int, _ value: (VIVE2021PanelRow) -> Double) -> [Double] {
        panel.rows.filter { $0.year == 2014 + t }.map(value)
    }

    @Test("(a) six-group ftu sums equal Table 5.4 within 1 ftu")
    func ftuSums() {
        for g in 0..<6 {
            for t in 0..<6 {
                let sum = column(t) { $0.ftu[g] }.reduce(0, +)
                #expect(abs(sum - VIVE2021Published.fulltimeUnemployed[g][t]) <= 1)
            }
        }
    }

    @Test("(b) HK5 and HK6 sums equal Table 5.3 within 0.5 %")
    func spendingSums() {
        for t in 0..<6 {
            let hk5: Double = column(t) { $0.hk5DKK }.reduce(0, +) / 1e6
            let hk6: Double = column(t) { $0.hk6DKK }.reduce(0, +) / 1e6
            let r5: Double = hk5 / VIVE2021Published.hk5MillionDKK[t] - 1
            let r6: Double = hk6 / VIVE2021Published.hk6MillionDKK[t] - 1
            #expect(abs(r5) <= 0.005)
            #expect(abs(r6) <= 0.005)
        }
    }

    /// |mean(values) / target − 1|.
    func meanError(_ values: [Double], _ target: Double) -> Double {
        let mean: Double = values.reduce(0, +) / Double(values.count)
        return abs(mean / target - 1)
    }

    func yearValues(_ t: Int) -> [Double] { (0..<94).map { derived.totalPerFTU[$0 * 6 + t] } }

    @Test("(c) framework-group and size-band means equal Figures 5.8 and 5.9 within 1 %")
    func groupMeans() {
        let jc = VIVE2021Jobcentre.all
        for t in 0..<6 {
            let y = yearValues(t)
            for g in 1...4 {
                let m = (0..<94).filter { jc[$0].frameworkGroup == g }.map { y[$0] }
                #expect(meanError(m, VIVE2021Published.byFrameworkGroup[g - 1][t]) <= 0.01)
            }
            for b in 0..<5 {
                let m = (0..<94).filter { jc[$0].sizeBand.rawValue == b }.map { y[$0] }
                #expect(meanError(m, VIVE2021Published.bySizeBand[b][t]) <= 0.01)
            }
        }
    }

    @Test("(c) growth-quartile means (23/24/24/23, quartile 1 = largest fall) equal Figure 5.7 within 1 %")
    func growthQuartileMeans() {
        let ftu: [Double] = derived.ftuTotal
        let growth: [Double] = (0..<94).map { (i: Int) -> Double in ftu[i * 6 + 5] / ftu[i * 6] - 1 }
        let order = (0..<94).sorted { growth[$0] < growth[$1] }
        let bounds = [0, 23, 47, 71, 94]
        for t in 0..<6 {
            let y = yearValues(t)
            for q in 0..<4 {
                let m: [Double] = order[bounds[q]..<bounds[q + 1]].map { y[$0] }
                #expect(meanError(m, VIVE2021Published.byGrowthQuartile[q][t]) <= 0.01)
            }
        }
    }

    @Test("(d) 2017-2019 cross-section: Table 5.9 within 1 %, Figure 5.10 counts exact, second largest ≈ 50,800")
    func crossSection() {
        let total: [Double] = derived.totalPerFTU
        let c: [Double] = (0..<94).map { (i: Int) -> Double in (total[i * 6 + 3] + total[i * 6 + 4] + total[i * 6 + 5]) / 3 }.sorted()
        let p = VIVE2021Published.crossSection
        // Q1 and Q3 under every common definition lie between ranks 23-25 and 70-72.
        #expect(meanError([c[0]], p[0]) <= 0.01)
        for r in 22...24 { #expect(meanError([c[r]], p[1]) <= 0.01) }
        #expect(meanError([c[46], c[47]], p[2]) <= 0.01)
        for r in 69...71 { #expect(meanError([c[r]], p[3]) <= 0.01) }
        #expect(meanError([c[93]], p[4]) <= 0.01)
        #expect(meanError([c[92]], 50_800) <= 0.01)
        let counts = [c.filter { $0 < 32000 }.count, c.filter { $0 >= 32000 && $0 < 37000 }.count,
                      c.filter { $0 >= 37000 && $0 < 42000 }.count, c.filter { $0 >= 42000 }.count]
        #expect(counts == VIVE2021Published.histogramCounts)
    }

    @Test("(g) populations inside their size band, ln population stable, shares sum to 100")
    func plausibility() {
        for (o, row) in panel.rows.enumerated() {
            let band = VIVE2021Jobcentre.all[o / 6].sizeBand.populationRange
            #expect(band.contains(Int(row.population)))
            let shares = (0..<6).reduce(0.0) { $0 + derived.shares[$1][o] }
            #expect(abs(shares - 100) < 1e-9)
            let lnMean = (0..<6).reduce(0.0) { $0 + derived.lnPopulation[(o / 6) * 6 + $1] } / 6
            #expect(abs(derived.lnPopulation[o] - lnMean) < 0.05)
        }
    }

    @Test("deriving from a row with zero six-group ftu names the jobcentre, year and column")
    func zeroFTUIsAClearError() {
        var rows = panel.rows
        rows[7].ftu = [0, 0, 0, 0, 0, 0]
        #expect(throws: VIVE2021DatasetError.self) { try VIVE2021DerivedVariables(panel: VIVE2021Panel(rows: rows)) }
        do {
            _ = try VIVE2021DerivedVariables(panel: VIVE2021Panel(rows: rows))
        } catch {
            #expect(error.description.contains(rows[7].jobcentre) && error.description.contains("2015"))
        }
    }
}

/// The committed panel and its derived variables.
func committedPanel() throws -> (VIVE2021Panel, VIVE2021DerivedVariables) {
    let url = datasetDirectory.appendingPathComponent("panel.csv")
    let panel = try VIVE2021Panel(csv: try String(contentsOf: url, encoding: .utf8), source: url.path)
    return (panel, try VIVE2021DerivedVariables(panel: panel))
}

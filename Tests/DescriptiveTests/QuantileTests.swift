import Testing
@testable import PanelStatsDescriptive

@Suite("Hyndman–Fan quantiles against numpy.quantile")
struct QuantileTests {
    /// Tolerance: 1e-12 relative (positions are computed in numpy's floating-point order, so the
    /// discontinuous types pick the same order statistic and the continuous ones interpolate alike).
    @Test func allNineTypesMatchNumpyOnEverySample() throws {
        let fixture = try loadFixture("quantiles.json", as: QuantileFixture.self)
        for (label, sample) in fixture.samples {
            let sorted = SortedSample(nanForNull(sample.values))
            for definition in QuantileDefinition.allCases {
                let expected = try #require(sample.quantiles[definition.numpyMethod])
                let got = try sorted.quantiles(fixture.probabilities, definition: definition)
                for (i, p) in fixture.probabilities.enumerated() {
                    #expect(close(got[i], expected[i], relative: 1e-12),
                            "\(label), type \(definition.rawValue), p = \(p): \(got[i]) vs numpy \(expected[i])")
                }
            }
        }
    }

    @Test func missingValuesAreDroppedAndCounted() {
        let sample = SortedSample([3, .nan, 1, 2, .nan])
        #expect(sample.values == [1, 2, 3])
        #expect(sample.missingCount == 2)
    }

    @Test func defaultIsType7() throws {
        #expect(QuantileDefinition.standard == .type7)
        #expect(try quantile([1, 2, 3, 4], 0.25) == 1.75)
    }

    @Test func stataAliasesNameTypes2And6() {
        #expect(QuantileDefinition.stataPctile == .type2)
        #expect(QuantileDefinition.stataCentile == .type6)
    }

    @Test func definitionsParseFromNumbersAndNumpyNames() {
        #expect(QuantileDefinition(name: "6") == .type6)
        #expect(QuantileDefinition(name: "type2") == .type2)
        #expect(QuantileDefinition(name: "median_unbiased") == .type8)
        #expect(QuantileDefinition(name: "10") == nil)
    }

    @Test func probabilityOutsideUnitIntervalThrows() {
        #expect(throws: DescriptiveError.probabilityOutOfRange(1.5)) { try quantile([1, 2, 3], 1.5) }
        #expect(throws: DescriptiveError.self) { try quantile([1, 2, 3], .nan) }
    }

    @Test func emptySampleThrows() {
        #expect(throws: DescriptiveError.emptySample(variable: "sample")) { try quantile([.nan], 0.5) }
    }
}

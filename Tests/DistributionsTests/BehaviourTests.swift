import Testing
@testable import PanelStatsDistributions

@Suite("Distribution behaviour")
struct BehaviourTests {
    @Test func placeholder() throws {
        let t = try StudentT(degreesOfFreedom: 10)
        #expect(t.cdf(0) == 0.5)
    }
}

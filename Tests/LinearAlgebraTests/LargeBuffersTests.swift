import Testing
@testable import PanelStatsLinearAlgebra

@Suite("Large write-once buffers (huge-page advice)")
struct LargeBuffersTests {
    @Test func zerosAboveTheAdviceThresholdAreAllZero() {
        let count = LargeBuffers.minimumBytes / MemoryLayout<Double>.stride * 2 + 3
        let zeros = LargeBuffers.zeros(count: count)
        #expect(zeros.count == count)
        #expect(zeros.allSatisfy { $0 == 0 })
    }

    @Test func uninitializedArrayHasTheCountAndKeepsWhatIsWritten() {
        let count = LargeBuffers.minimumBytes / MemoryLayout<Int32>.stride + 1
        var codes = LargeBuffers.uninitialized(Int32.self, count: count)
        #expect(codes.count == count)
        for i in codes.indices { codes[i] = Int32(i % 97) }
        #expect(codes[count - 1] == Int32((count - 1) % 97))
    }

    @Test func smallAndEmptyBuffersAreLeftAlone() {
        #expect(LargeBuffers.zeros(count: 0).isEmpty)
        #expect(LargeBuffers.zeros(count: 5) == [0, 0, 0, 0, 0])
        let empty = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        LargeBuffers.adviseHugePages(empty)
        LargeBuffers.populate(UnsafeRawBufferPointer(empty))
    }

    @Test func populatingPagesKeepsWhatIsWrittenAndLetsTheRestBeWritten() {
        // Half written before the pages are mapped in one call (an unaligned range), half after.
        let count = LargeBuffers.minimumBytes / MemoryLayout<Double>.stride * 2 + 5
        var values = LargeBuffers.uninitialized(Double.self, count: count)
        for i in 0..<(count / 2) { values[i] = Double(i) }
        values.withUnsafeBytes { LargeBuffers.populate(UnsafeRawBufferPointer(rebasing: $0[3...])) }
        for i in (count / 2)..<count { values[i] = -Double(i) }
        #expect((0..<count).allSatisfy { values[$0] == (2 * $0 < count - 1 ? Double($0) : -Double($0)) })
    }
}

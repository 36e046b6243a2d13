import Foundation
import PanelStatsLinearAlgebra

/// Work splitting for the large-panel paths (issue 7): columns or row blocks are handed to
/// `DispatchQueue.concurrentPerform`, which runs one worker per active core. Below
/// ``minimumRows`` rows everything runs on the calling thread, so small fits (and the test suite)
/// are not slowed by thread hand-offs and give bit-identical results however many cores there are.
enum Parallel {
    /// Rows from which work is split over the cores.
    static let minimumRows = 50_000

    /// Rows per cache block of the blocked kernels: a block of ~11 columns (≈ 350 KiB) stays in
    /// the L2 cache while it is used several times.
    static let blockRows = 4_096

    /// The number of row ranges to split `n` rows into: one per active core, or 1 for small `n`.
    static func workers(rows n: Int) -> Int {
        n >= minimumRows ? workerCount : 1
    }

    /// `0..<n` cut into `parts` contiguous ranges of nearly equal length.
    static func ranges(_ n: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, max(n, 1)))
        return (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
    }

    /// Runs `body` for every index, concurrently when `parallel`.
    static func forEach(_ count: Int, parallel: Bool, _ body: (Int) -> Void) {
        if parallel && count > 1 {
            parallelFor(count, body)
        } else {
            for i in 0..<count { body(i) }
        }
    }
}

extension Parallel {
    /// Runs `body(i, &state)` for every index in `0..<count`: one worker per core takes the next
    /// index until none is left, with its own `state` (scratch buffers made once per worker, not
    /// once per index — at 10⁷ rows a buffer is 80 MB of fresh pages).
    static func forEach<State>(
        _ count: Int, parallel: Bool, state makeState: () -> State, _ body: (Int, inout State) -> Void
    ) {
        let workers = parallel ? min(count, workerCount) : 1
        let next = TaskCounter()
        forEach(workers, parallel: workers > 1) { _ in
            var state = makeState()
            while let i = next.take(below: count) { body(i, &state) }
        }
    }

    /// The number of active cores (at least 1).
    static var workerCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64)) }
}

/// Hands out 0, 1, 2, … to concurrent workers.
final class TaskCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// One slot per task, written by exactly one concurrent worker each and read after all finished.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return slots[index] }
        set { lock.lock(); slots[index] = newValue; lock.unlock() }
    }
}

/// Calls `body` with a pointer to `array`'s elements, or with `nil`.
@inline(__always)
func withOptionalBuffer<R>(_ array: [Double]?, _ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
    if let array {
        return array.withUnsafeBufferPointer { body($0) }
    }
    return body(nil)
}

import Foundation

/// Wall-clock marks of a fit's phases, for `panelstats fit --timings` (issue 7).
///
/// Opt-in and free when unused: the estimators call ``mark(_:)``, which records only when a clock
/// is bound to ``current`` for the calling task (`FitPhaseClock.$current.withValue(clock) { … }`).
/// A mark ends the phase it names; the phase started at the previous mark (or at `init`).
/// The within estimator marks `prepare` (model frame and within transformation done) and
/// `solve` (least squares done); the caller marks the rest (`load`, `covariance`).
public final class FitPhaseClock: @unchecked Sendable {
    /// The clock the estimators report to, if any.
    @TaskLocal public static var current: FitPhaseClock?

    private let lock = NSLock()
    private var last: ContinuousClock.Instant
    private var recorded: [(name: String, seconds: Double)] = []

    public init() { last = ContinuousClock.now }

    /// Ends the phase `name` now.
    public func mark(_ name: String) {
        let now = ContinuousClock.now
        lock.lock()
        let elapsed = last.duration(to: now)
        recorded.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        last = now
        lock.unlock()
    }

    /// The phases recorded so far, in order, with their durations in seconds (a name marked twice
    /// appears twice).
    public var phases: [(name: String, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Marks `name` on the task's ``current`` clock, if one is bound.
    public static func mark(_ name: String) { current?.mark(name) }
}

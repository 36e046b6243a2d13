import PanelStatsLinearAlgebra

// Error-free transformations (Knuth's TwoSum, Dekker's TwoProduct) used to form residuals in
// double-double precision. Residuals of an ill-conditioned least-squares fit are differences
// of nearly equal numbers; computing them with ~106-bit accumulation is what lets iterative
// refinement recover the digits a plain double QR loses (NIST Wampler, Filip).
//
// TwoProduct uses Dekker's splitting rather than a fused multiply-add: without `-mfma` (the
// default x86-64 target) Swift's `addingProduct` is a libm call per element, which is ~5× slower
// and blocks vectorisation. Splitting is exact while |a|, |b| < 2^996; larger inputs take the
// FMA path (checked once per call, see `splittingIsExact`).

/// `a + b = s + e` exactly.
@inline(__always)
func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let s = a + b
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)
    return (s, e)
}

/// Dekker's split `a = high + low`, each half with at most 26 significant bits.
@inline(__always)
func split(_ a: Double) -> (high: Double, low: Double) {
    let c = 134_217_729.0 * a  // 2^27 + 1
    let high = c - (c - a)
    return (high, a - high)
}

/// `a · b = p + e` exactly (Dekker), for |a|, |b| < 2^996.
@inline(__always)
func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
    let p = a * b
    let (ah, al) = split(a)
    let (bh, bl) = split(b)
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return (p, e)
}

/// `a · b = p + e` exactly by a fused multiply-add, for any finite a, b.
@inline(__always)
func twoProductFMA(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
    let p = a * b
    return (p, (-p).addingProduct(a, b))
}

/// Largest magnitude for which Dekker's splitting cannot overflow.
let splittingLimit = Double(sign: .plus, exponent: 996, significand: 1)

/// Whether every element of `values` is small enough for Dekker's TwoProduct.
func splittingIsExact(_ values: UnsafeBufferPointer<Double>) -> Bool {
    var largest = 0.0
    for v in values { largest = max(largest, abs(v)) }
    return largest < splittingLimit
}

/// `y − X β` for the columns of `design` listed in `columns` (β in that order), each row
/// accumulated in double-double and rounded once. Column-major walk: the outer loop runs over
/// columns so every inner loop reads one contiguous column and vectorises across rows.
///
/// With `subtracting r`, returns `y − r − Xβ` (the first block of the augmented-system residual
/// in Björck's refinement), `r` also subtracted in double-double.
func compensatedResiduals(
    response: [Double], subtracting r: [Double]? = nil, design: Matrix, columns: [Int], coefficients: [Double]
) -> [Double] {
    let n = response.count
    var high = response
    var low = [Double](repeating: 0, count: n)
    if let r {
        for i in 0..<n {
            let (s, e) = twoSum(high[i], -r[i])
            high[i] = s
            low[i] = e
        }
    }
    let dekker = coefficients.withUnsafeBufferPointer(splittingIsExact)
        && design.storage.withUnsafeBufferPointer(splittingIsExact)
    high.withUnsafeMutableBufferPointer { hi in
        low.withUnsafeMutableBufferPointer { lo in
            design.storage.withUnsafeBufferPointer { x in
                for (k, j) in columns.enumerated() {
                    let b = -coefficients[k]
                    if b == 0 { continue }
                    let base = j * n
                    if dekker {
                        let (bh, bl) = split(b)
                        for i in 0..<n {
                            let a = x[base + i]
                            let p = a * b
                            let (ah, al) = split(a)
                            let pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl
                            let (s, se) = twoSum(hi[i], p)
                            // Renormalise so `hi` stays the leading part and `lo` the small correction.
                            let (h, l) = twoSum(s, se + pe + lo[i])
                            hi[i] = h
                            lo[i] = l
                        }
                    } else {
                        for i in 0..<n {
                            let (p, pe) = twoProductFMA(x[base + i], b)
                            let (s, se) = twoSum(hi[i], p)
                            let (h, l) = twoSum(s, se + pe + lo[i])
                            hi[i] = h
                            lo[i] = l
                        }
                    }
                }
            }
        }
    }
    for i in 0..<n { high[i] += low[i] }
    return high
}

/// `X_kᵀ v` for the listed columns, each dot product accumulated in double-double. Four
/// independent accumulators per column break the dependency chain (summed exactly at the end).
func compensatedTransposeProduct(design: Matrix, columns: [Int], vector v: [Double]) -> [Double] {
    let n = design.rows
    let dekker = v.withUnsafeBufferPointer(splittingIsExact) && design.storage.withUnsafeBufferPointer(splittingIsExact)
    return design.storage.withUnsafeBufferPointer { x in
        v.withUnsafeBufferPointer { vp in
            columns.map { j in
                let base = j * n
                var hi = (0.0, 0.0, 0.0, 0.0), lo = (0.0, 0.0, 0.0, 0.0)
                @inline(__always) func accumulate(_ h: inout Double, _ l: inout Double, _ i: Int) {
                    let (p, pe) = dekker ? twoProduct(x[base + i], vp[i]) : twoProductFMA(x[base + i], vp[i])
                    let (s, se) = twoSum(h, p)
                    (h, l) = twoSum(s, se + pe + l)
                }
                var i = 0
                while i + 4 <= n {
                    accumulate(&hi.0, &lo.0, i)
                    accumulate(&hi.1, &lo.1, i + 1)
                    accumulate(&hi.2, &lo.2, i + 2)
                    accumulate(&hi.3, &lo.3, i + 3)
                    i += 4
                }
                while i < n {
                    accumulate(&hi.0, &lo.0, i)
                    i += 1
                }
                // Combine the four double-double partial sums.
                var (h, l) = twoSum(hi.0, hi.1)
                l += lo.0 + lo.1
                for (ph, pl) in [(hi.2, lo.2), (hi.3, lo.3)] {
                    let (s, e) = twoSum(h, ph)
                    (h, l) = twoSum(s, e + l + pl)
                }
                return h + l
            }
        }
    }
}

/// `Σ values²` (times `weights` if given) with Neumaier's compensated summation (residual sums
/// of squares, where the terms can span many orders of magnitude).
func compensatedSumOfSquares(_ values: [Double], weights: [Double]? = nil) -> Double {
    var sum = 0.0, compensation = 0.0
    for i in values.indices {
        let term = values[i] * values[i] * (weights?[i] ?? 1)
        let t = sum + term
        if abs(sum) >= abs(term) { compensation += (sum - t) + term } else { compensation += (term - t) + sum }
        sum = t
    }
    return sum + compensation
}

/// `Σ values` with Neumaier's compensated summation.
func compensatedSum(_ values: [Double]) -> Double {
    var sum = 0.0, compensation = 0.0
    for term in values {
        let t = sum + term
        if abs(sum) >= abs(term) { compensation += (sum - t) + term } else { compensation += (term - t) + sum }
        sum = t
    }
    return sum + compensation
}

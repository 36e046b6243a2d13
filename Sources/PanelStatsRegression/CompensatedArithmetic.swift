import PanelStatsLinearAlgebra

// Error-free transformations (Knuth's TwoSum, FMA-based TwoProduct) used to form residuals in
// double-double precision. Residuals of an ill-conditioned least-squares fit are differences
// of nearly equal numbers; computing them with ~106-bit accumulation is what lets one step of
// iterative refinement recover the digits a plain double QR loses (NIST Wampler, Filip).

/// `a + b = s + e` exactly.
@inline(__always)
func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let s = a + b
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)
    return (s, e)
}

/// `a · b = p + e` exactly (one fused multiply-add).
@inline(__always)
func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
    let p = a * b
    let e = (-p).addingProduct(a, b)  // fma(a, b, -p)
    return (p, e)
}

/// `y − X β` for the columns of `design` listed in `columns` (β in that order), each row
/// accumulated in double-double and rounded once. Column-major walk: the outer loop runs over
/// columns so every inner loop reads one contiguous column.
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
    high.withUnsafeMutableBufferPointer { hi in
        low.withUnsafeMutableBufferPointer { lo in
            design.storage.withUnsafeBufferPointer { x in
                for (k, j) in columns.enumerated() {
                    let b = -coefficients[k]
                    if b == 0 { continue }
                    let base = j * n
                    for i in 0..<n {
                        let (p, pe) = twoProduct(x[base + i], b)
                        let (s, se) = twoSum(hi[i], p)
                        // Renormalise so `hi` stays the leading part and `lo` the small correction.
                        let (h, l) = twoSum(s, se + pe + lo[i])
                        hi[i] = h
                        lo[i] = l
                    }
                }
            }
        }
    }
    for i in 0..<n { high[i] += low[i] }
    return high
}

/// `Σ values²` with Neumaier's compensated summation (residual sums of squares, where the
/// terms can span many orders of magnitude).
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

/// `X_kᵀ v` for the listed columns, each dot product accumulated in double-double.
func compensatedTransposeProduct(design: Matrix, columns: [Int], vector v: [Double]) -> [Double] {
    let n = design.rows
    return design.storage.withUnsafeBufferPointer { x in
        columns.map { j in
            var hi = 0.0, lo = 0.0
            let base = j * n
            for i in 0..<n {
                let (p, pe) = twoProduct(x[base + i], v[i])
                let (s, se) = twoSum(hi, p)
                (hi, lo) = twoSum(s, se + pe + lo)
            }
            return hi + lo
        }
    }
}

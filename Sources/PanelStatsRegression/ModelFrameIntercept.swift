import PanelStatsData
import PanelStatsLinearAlgebra

extension ModelFrame {
    /// Removes the `(Intercept)` column from the design in place — the other columns move down
    /// within the same buffer instead of being copied into a new one (at 10⁷ rows and K = 10 a
    /// copy would hold another 0.8 GB while both exist). The within estimator drops that column
    /// anyway and reports xtreg's constant instead. Does nothing without an intercept column.
    mutating func removeInterceptColumn() {
        guard termNames.first == "(Intercept)", design.columns >= 1 else { return }
        let n = design.rows, k = design.columns
        var storage = design.storage
        design = Matrix(rows: 0, columns: 0)  // `storage` is now the buffer's only reference
        storage.removeFirst(n)
        guard storage.count == n * (k - 1), let reduced = try? Matrix(rows: n, columns: k - 1, columnMajor: storage)
        else { return }
        design = reduced
        termNames.removeFirst()
        termAssignment.removeFirst()
        hasIntercept = false
    }
}

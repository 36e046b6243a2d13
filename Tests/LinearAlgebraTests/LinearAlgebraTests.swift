import Testing
@testable import PanelStatsLinearAlgebra

@Suite("Dense linear algebra on LAPACK/BLAS")
struct LinearAlgebraTests {
    let a = try! Matrix(rows: [[4, 2, 1], [2, 5, 3], [1, 3, 6]])

    @Test func storageIsColumnMajor() throws {
        let m = try Matrix(rows: [[1, 2], [3, 4]])
        #expect(m.storage == [1, 3, 2, 4])
        #expect(m.column(1) == [2, 4])
    }

    @Test func gemmMultipliesWithTransposes() throws {
        let x = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        let xtx = try x.multiplied(by: x, transposeSelf: .transpose)
        #expect(xtx == (try Matrix(rows: [[35, 44], [44, 56]])))
        #expect(try x.gram() == xtx)
    }

    @Test func gemvMultipliesMatrixByVector() throws {
        let x = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(try x.multiplied(by: [1, 1]) == [3, 7, 11])
        #expect(try x.multiplied(by: [1, 1, 1], transpose: .transpose) == [9, 12])
    }

    @Test func mismatchedShapesThrowInsteadOfTrapping() throws {
        let x = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(throws: LinearAlgebraError.self) { try x.multiplied(by: x) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3]]) }
    }

    @Test func choleskySolvesAndInverts() throws {
        let chol = try Cholesky(a)
        let inv = try chol.inverse()
        let product = try a.multiplied(by: inv)
        for i in 0..<3 { for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-14) } }
        let x = try chol.solve(try Matrix(columns: [[1, 2, 3]]))
        let back = try a.multiplied(by: x)
        for i in 0..<3 { #expect(abs(back[i, 0] - Double(i + 1)) < 1e-13) }
    }

    @Test func choleskyReportsTheFailingMinor() throws {
        let indefinite = try Matrix(rows: [[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", order: 2)) {
            try Cholesky(indefinite)
        }
    }

    @Test func qrSolvesLeastSquares() throws {
        // y = 1 + 2x exactly.
        let x = try Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let y = try Matrix(columns: [[1, 3, 5, 7]])
        let qr = try HouseholderQR(x)
        let beta = try qr.solveR(try qr.applyQTranspose(to: y))
        #expect(abs(beta[0, 0] - 1) < 1e-14 && abs(beta[1, 0] - 2) < 1e-14)
        let inverseGram = try qr.inverseGram()
        let direct = try Cholesky(try x.gram()).inverse()
        for i in 0..<2 { for j in 0..<2 { #expect(abs(inverseGram[i, j] - direct[i, j]) < 1e-13) } }
    }

    @Test func pivotedQRRecordsThePermutation() throws {
        let x = try Matrix(rows: [[1, 100], [1, 200], [1, 300]])
        let qr = try HouseholderQR(x, pivoting: true)
        #expect(qr.permutation == [1, 0])
    }

    @Test func symmetricEigenvaluesAscend() throws {
        let eig = try SymmetricEigen(try Matrix(rows: [[2, 0], [0, 1]]))
        #expect(eig.values == [1, 2])
    }
}

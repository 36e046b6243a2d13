/// How many fixed-effect levels are redundant (not identified) given the others, which sets the
/// degrees of freedom the absorbed factors use: `Σ_k (levels_k − redundant_k)`.
///
/// The rule follows reghdfe's default (`dof(pairwise)`):
/// - the **first** factor: 0 redundant — all its levels count, and they carry the reported
///   constant (xtreg's `_cons` is their weighted average), so the constant is not counted again;
/// - the **second** factor: the number of connected components of the bipartite graph whose nodes
///   are the levels of the first two factors and whose edges are the observations (each component
///   leaves one level free) — exact for two factors;
/// - every **further** factor: 1 (its dummies sum to the constant). This is a lower bound on the
///   true redundancy, so the degrees of freedom used are an upper bound and the standard errors
///   conservative, as in reghdfe; the exact count for three or more factors needs the rank of the
///   full dummy matrix.
public enum RedundantLevels {
    /// Redundant levels of each factor under the rule above. `factors` are dense codes
    /// (`0..<counts[k]`) of equal length.
    public static func count(codes factors: [[Int32]], counts: [Int]) -> [Int] {
        factors.indices.map { k in
            switch k {
            case 0: return 0
            case 1: return connectedComponents(factors[0], counts[0], factors[1], counts[1])
            default: return 1
            }
        }
    }

    /// Connected components of the bipartite graph of levels of `a` and `b` linked by the
    /// observations (union–find with path halving), counting only levels that occur.
    public static func connectedComponents(_ a: [Int32], _ countA: Int, _ b: [Int32], _ countB: Int) -> Int {
        var parent = Array(0..<(countA + countB))
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var present = [Bool](repeating: false, count: countA + countB)
        for i in 0..<min(a.count, b.count) {
            let u = Int(a[i]), v = countA + Int(b[i])
            guard u >= 0, u < countA, v >= countA, v < countA + countB else { continue }
            present[u] = true
            present[v] = true
            let ru = root(u), rv = root(v)
            if ru != rv { parent[ru] = rv }
        }
        var components = 0
        for x in parent.indices where present[x] && root(x) == x { components += 1 }
        return components
    }

    /// ``connectedComponents(_:_:_:_:)`` when the first factor's levels are contiguous blocks of
    /// rows (`starts`, an entity-sorted panel): every entity joins the levels of `b` it meets, so
    /// the components are those of `b`'s levels under union–find over `countB` nodes only (which
    /// stay in the cache), one pass over the rows.
    static func connectedComponents(blocks starts: [Int], _ b: UnsafeBufferPointer<Int32>, _ countB: Int) -> Int {
        var parent = Array(0..<countB)
        var present = [Bool](repeating: false, count: countB)
        return parent.withUnsafeMutableBufferPointer { parent in
            func root(_ x: Int) -> Int {
                var x = x
                while parent[x] != x {
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                }
                return x
            }
            // Components = levels present − unions made. Once every level is present and joined
            // into one component nothing can change: a balanced panel stops after its first entity.
            var presentCount = 0, unions = 0
            for g in 0..<max(starts.count - 1, 0) where starts[g] < starts[g + 1] {
                let anchor = Int(b[starts[g]])
                guard anchor >= 0, anchor < countB else { continue }
                if !present[anchor] {
                    present[anchor] = true
                    presentCount += 1
                }
                // The anchor's root stays a root: other roots are attached under it.
                let anchorRoot = root(anchor)
                var previous = anchor
                for row in starts[g]..<starts[g + 1] {
                    let level = Int(b[row])
                    guard level != previous, level >= 0, level < countB else { continue }
                    previous = level
                    if !present[level] {
                        present[level] = true
                        presentCount += 1
                    }
                    let levelRoot = root(level)
                    if levelRoot != anchorRoot {
                        parent[levelRoot] = anchorRoot
                        unions += 1
                    }
                }
                if presentCount == countB && unions == countB - 1 { return 1 }
            }
            var components = 0
            for x in 0..<countB where present[x] && root(x) == x { components += 1 }
            return components
        }
    }

    /// Whether every level of `inner` lies within a single level of `outer` (e.g. firms within
    /// regions): the factor is then *nested* in that cluster variable.
    public static func isNested(_ inner: [Int32], innerCount: Int, in outer: [Int32]) -> Bool {
        var owner = [Int32](repeating: -1, count: innerCount)
        for i in 0..<min(inner.count, outer.count) {
            let g = Int(inner[i])
            guard g >= 0, g < innerCount else { return false }
            if owner[g] < 0 {
                owner[g] = outer[i]
            } else if owner[g] != outer[i] {
                return false
            }
        }
        return true
    }
}

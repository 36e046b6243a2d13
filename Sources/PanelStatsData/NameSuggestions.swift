/// Names among `candidates` close to a mistyped `name`: equal ignoring case, or within a
/// Damerau–Levenshtein distance of about a third of the name's length (at least 1, at most 3),
/// best first, at most three. Used to suggest a column when a formula names an unknown one.
func closeNames(to name: String, among candidates: [String]) -> [String] {
    let target = Array(name.lowercased())
    let limit = min(3, max(1, target.count / 3))
    var scored: [(distance: Int, name: String)] = []
    for candidate in candidates {
        let other = Array(candidate.lowercased())
        guard abs(other.count - target.count) <= limit else { continue }
        let distance = editDistance(target, other)
        if distance <= limit { scored.append((distance, candidate)) }
    }
    scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : codePointPrecedes($0.name, $1.name) }
    return scored.prefix(3).map(\.name)
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                best = min(best, previous2[j - 2] + 1)
            }
            current[j] = best
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

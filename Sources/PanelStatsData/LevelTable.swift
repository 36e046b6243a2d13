/// Interns the labels of a categorical column straight from the file's bytes: a field costs a
/// hash and a comparison, and only a label seen for the first time becomes a `String` (after
/// UTF-8 validation). Open addressing with linear probing over level indices.
struct LevelTable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [Int] = []
    // Small at first: a file may have very many categorical columns with few rows.
    private var slots: [Int32] = Array(repeating: -1, count: 8)
    private(set) var labels: [String] = []

    /// Whether the table holds as many levels as `Int32` codes can number (see ``code(for:)``).
    var isFull: Bool { labels.count >= Int(Int32.max) }

    /// The code of `bytes`, adding it as a new level if needed; `nil` when the bytes are not
    /// valid UTF-8 or a new level would not fit an `Int32` code (``isFull``).
    mutating func code(for bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let level = slots[slot]
            if level < 0 { break }
            if hashes[Int(level)] == hash, matches(Int(level), bytes) { return level }
            slot = (slot + 1) & mask
        }
        guard !isFull, let label = String(validating: bytes, as: UTF8.self) else { return nil }
        let level = Int32(labels.count)
        labels.append(label)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[slot] = level
        if labels.count * 2 > slots.count { grow() }
        return level
    }

    private func matches(_ level: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[level]
        let end = starts[level + 1]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for k in 0..<bytes.count where stored[start + k] != bytes[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for level in labels.indices {
            var slot = hashes[level] & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(level)
        }
        slots = newSlots
    }
}

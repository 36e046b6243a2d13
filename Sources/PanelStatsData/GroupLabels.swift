import Foundation
import PanelStatsLinearAlgebra

/// The labels of a grouping's levels, in level order: strings as given, or the levels of a
/// numeric variable whose text (``formatNumber(_:)``: `2015`, not `2015.0`) is made only when
/// the labels are first read.
///
/// A numeric identifier with 10⁶ entities would otherwise cost 10⁶ `String`s per fit that no
/// one reads (issue 7); a single label is made alone by ``subscript(_:)``. Copies share the made
/// labels, which are made once (under a lock) whichever thread reads them first.
package struct GroupLabels: Sendable, Hashable, Codable {
    private enum Storage: Sendable {
        case strings([String])
        case numbers(NumberLabels)
    }

    private var storage: Storage

    /// Labels given as text.
    package init(_ strings: [String]) { storage = .strings(strings) }

    /// The labels of numeric levels, made from `values` when first read.
    package init(numbers values: [Double]) { storage = .numbers(NumberLabels(values)) }

    /// Number of labels.
    package var count: Int {
        switch storage {
        case .strings(let strings): return strings.count
        case .numbers(let numbers): return numbers.values.count
        }
    }

    /// Every label, in level order.
    package var strings: [String] {
        switch storage {
        case .strings(let strings): return strings
        case .numbers(let numbers): return numbers.strings
        }
    }

    /// The first label, if any, without making the others.
    package var first: String? { count > 0 ? self[0] : nil }

    /// Label `level` alone (`level` in `0..<count`).
    package subscript(level: Int) -> String {
        switch storage {
        case .strings(let strings): return strings[level]
        case .numbers(let numbers): return numbers.label(level)
        }
    }

    /// The labels at `levels`, in that order (numbers stay unformatted).
    package func selecting(_ levels: [Int]) -> GroupLabels {
        switch storage {
        case .strings(let strings): return GroupLabels(levels.map { strings[$0] })
        case .numbers(let numbers): return GroupLabels(numbers: levels.map { numbers.values[$0] })
        }
    }

    /// Equal labels, compared as text. Numbers with the same bits have the same text, so two
    /// numeric label sets are compared without formatting when their values agree bit for bit.
    package static func == (lhs: GroupLabels, rhs: GroupLabels) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if case .numbers(let a) = lhs.storage, case .numbers(let b) = rhs.storage {
            if a === b || a.values.elementsEqual(b.values, by: { $0.bitPattern == $1.bitPattern }) { return true }
        }
        return lhs.strings == rhs.strings
    }

    /// Encoded as the array of labels.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(strings)
    }

    package init(from decoder: any Decoder) throws {
        storage = .strings(try decoder.singleValueContainer().decode([String].self))
    }

    /// Hashes the text (consistent with ``==(_:_:)``).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(strings)
    }
}

/// Numeric levels and, once made, their labels.
private final class NumberLabels: @unchecked Sendable {
    let values: [Double]
    private let lock = NSLock()
    private var made: [String]? = nil

    init(_ values: [Double]) { self.values = values }

    var strings: [String] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let strings = Self.format(values)
        made = strings
        return strings
    }

    /// `values.map(formatNumber)`, in pieces over the cores when there are many (~20 ns a label:
    /// below 2¹⁸ labels a worker's start-up and a busy core's delay cost more than they save).
    private static func format(_ values: [Double]) -> [String] {
        let piece = 1 << 16
        guard values.count >= 1 << 18 else { return values.map(formatNumber) }
        let n = values.count
        return [String](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let target = UncheckedSendableBox(base)
            values.withUnsafeBufferPointer { values in
                let source = UncheckedSendableBox(values)
                parallelFor((n + piece - 1) / piece) { task in
                    for i in (task * piece)..<min(n, (task + 1) * piece) {
                        (target.value + i).initialize(to: formatNumber(source.value[i]))
                    }
                }
            }
            initialized = n
        }
    }

    func label(_ level: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return made?[level] ?? formatNumber(values[level])
    }
}

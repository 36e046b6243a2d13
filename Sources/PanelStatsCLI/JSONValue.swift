import Foundation

/// A JSON value whose objects keep their keys in the order given, so the `fit --format json`
/// output has the documented, stable key order. Strings and numbers are written by Foundation's
/// `JSONEncoder` (correct escaping, shortest round-trip numbers); non-finite numbers become `null`.
indirect enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double?)
    case integer(Int)
    case null

    /// The compact JSON text.
    func rendered() -> String {
        switch self {
        case .object(let members):
            return "{" + members.map { JSONValue.string($0.0).rendered() + ":" + $0.1.rendered() }.joined(separator: ",")
                + "}"
        case .array(let elements):
            return "[" + elements.map { $0.rendered() }.joined(separator: ",") + "]"
        case .string(let text):
            return Self.fragment(text) ?? "null"
        case .number(let value):
            guard let value, value.isFinite else { return "null" }
            return Self.fragment(value) ?? "null"
        case .integer(let value):
            return String(value)
        case .null:
            return "null"
        }
    }

    private static func fragment<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

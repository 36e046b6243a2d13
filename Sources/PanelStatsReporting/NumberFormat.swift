import Foundation

/// How numbers are written in tables and chart tick labels.
///
/// Rounding is to nearest with ties away from zero on the decimal expansion that C's `printf("%.*f")`
/// produces (so 0.125 with 2 decimals gives "0.13" only when the binary value is above the tie; binary
/// ties follow the C library). A result that rounds to zero is written without a minus sign, so -0.4
/// with 0 decimals is "0", never "-0".
///
/// `english` writes 1234567.891 as "1,234,568" (0 decimals) or "1,234,567.89" (2 decimals);
/// `danish` writes "1.234.568" and "1.234.567,89", the convention of the VIVE report.
/// `plain` (no thousands separator, '.' decimal) is what CSV files and year axes want.
public struct NumberFormat: Sendable, Hashable, Codable {
    /// The character between the integer and the fractional part: "." or ",".
    public var decimalSeparator: String
    /// The character between groups of three integer digits, or nil for none.
    public var thousandsSeparator: String?
    /// The sign written before negative numbers. ASCII "-" by default so CSV readers parse it;
    /// "\u{2212}" (minus sign) is an option for typeset output.
    public var minusSign: String
    /// Written for NaN (and for missing values where a renderer asks for one).
    public var notANumber: String
    /// Written for +infinity; -infinity gets `minusSign` in front.
    public var infinity: String

    /// Creates a number format.
    public init(
        decimalSeparator: String = ".",
        thousandsSeparator: String? = nil,
        minusSign: String = "-",
        notANumber: String = "NaN",
        infinity: String = "Inf"
    ) {
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
        self.minusSign = minusSign
        self.notANumber = notANumber
        self.infinity = infinity
    }

    /// '.' decimal, no thousands separator: 1234567.89.
    public static let plain = NumberFormat()
    /// '.' decimal, ',' thousands: 1,234,567.89.
    public static let english = NumberFormat(decimalSeparator: ".", thousandsSeparator: ",")
    /// ',' decimal, '.' thousands: 1.234.567,89 (Danish, as printed in the VIVE report).
    public static let danish = NumberFormat(decimalSeparator: ",", thousandsSeparator: ".")

    /// The same format with the thousands separator switched off (e.g. for year labels: 2014, not 2.014).
    public var withoutThousandsSeparator: NumberFormat {
        var copy = self
        copy.thousandsSeparator = nil
        return copy
    }

    /// Writes `value` rounded to `decimals` digits after the separator (negative `decimals` count as 0,
    /// more than 17 as 17, the most a Double carries).
    public func string(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return notANumber }
        if value.isInfinite { return value < 0 ? minusSign + infinity : infinity }
        let places = min(max(decimals, 0), 17)
        // "%.*f" gives the correctly rounded decimal expansion of the binary value, in the C locale.
        let raw = String(format: "%.\(places)f", value)
        var digits = Substring(raw)
        var negative = false
        if digits.hasPrefix("-") {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? "0"
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        if negative && (integerPart + fractionPart).allSatisfy({ $0 == "0" }) {
            negative = false
        }
        var result = negative ? minusSign : ""
        result += grouped(integerPart)
        if !fractionPart.isEmpty {
            result += decimalSeparator + fractionPart
        }
        return result
    }

    /// Writes `value` with `significantDigits` significant digits (at least 1), never fewer than 0 decimals:
    /// 0.1704 → "0.170", -0.08334 → "-0.0833", 2.3012 → "2.30", 564.2 → "564". Zero is written with
    /// `significantDigits − 1` decimals.
    public func string(_ value: Double, significantDigits: Int) -> String {
        let digits = max(significantDigits, 1)
        guard value.isFinite, value != 0 else { return string(value, decimals: digits - 1) }
        var exponent = Int(floor(log10(abs(value))))
        // Rounding can carry into the next power of ten (0.09996 → 0.100), which needs one decimal less.
        let rounded = (abs(value) / pow(10, Double(exponent - digits + 1))).rounded()
        if rounded >= pow(10, Double(digits)) { exponent += 1 }
        return string(value, decimals: max(0, digits - 1 - exponent))
    }

    /// Writes an integer count with thousands separators: 94, 1.234 (Danish).
    public func string(_ value: Int) -> String {
        let magnitude = value.magnitude
        let body = grouped(String(magnitude))
        return value < 0 ? minusSign + body : body
    }

    /// Inserts the thousands separator every three digits from the right.
    func grouped(_ integerDigits: String) -> String {
        guard let separator = thousandsSeparator, integerDigits.count > 3 else { return integerDigits }
        var groups: [Substring] = []
        var end = integerDigits.endIndex
        while end > integerDigits.startIndex {
            let start = integerDigits.index(end, offsetBy: -3, limitedBy: integerDigits.startIndex)
                ?? integerDigits.startIndex
            groups.append(integerDigits[start..<end])
            end = start
        }
        return groups.reversed().joined(separator: separator)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a field turned out to be when read as a number.
enum NumberParse: Equatable {
    case number(Double)
    /// `NaN`, `Inf`, `Infinity` (any case, signed) or a decimal number beyond the `Double` range.
    case nonFinite
    case invalid
}

/// Parses decimal numbers straight from bytes, with the result bit-for-bit equal to Swift's
/// `Double(String)` on the same text (with `.` as decimal mark).
///
/// Accepted: optional sign, digits with an optional decimal mark (`1`, `1.5`, `.5`, `5.`),
/// optional exponent (`1e-3`, `2E+5`). Refused (the field is text): hexadecimal, thousands
/// separators, anything else. Most fields (at most 19 significant digits with a value below
/// 2^53 and a power of ten up to 22) are converted exactly by Clinger's fast path — one IEEE
/// multiplication or division of two exactly representable numbers, hence correctly rounded;
/// 17- to 19-digit decimals with a power of ten from −21 to 19 by exact 128-bit integer
/// arithmetic (``roundedProduct(_:_:)``); the rest go to the C library's correctly rounded
/// `strtod`, which is what `Double(String)` calls.
enum DecimalParser {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ text: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> NumberParse {
        let count = text.count
        guard count > 0 else { return .invalid }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        if i < count, isLetter(text[i]) {
            return isNonFiniteWord(UnsafeBufferPointer(rebasing: text[i...])) ? .nonFinite : .invalid
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var truncated = false
        var exponent = 0
        var sawDigit = false
        while i < count, let digit = digitValue(text[i]) {
            sawDigit = true
            if mantissa == 0, digit == 0 {
                // leading zero
            } else if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significantDigits += 1
            } else {
                exponent += 1
                truncated = truncated || digit != 0
            }
            i += 1
        }
        if i < count, text[i] == decimal {
            i += 1
            while i < count, let digit = digitValue(text[i]) {
                sawDigit = true
                if mantissa == 0, digit == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                    exponent -= 1
                } else {
                    truncated = truncated || digit != 0
                }
                i += 1
            }
        }
        guard sawDigit else { return .invalid }
        if i < count, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var sawExponentDigit = false
            while i < count, let digit = digitValue(text[i]) {
                sawExponentDigit = true
                if written < 100_000_000 { written = written * 10 + digit }
                i += 1
            }
            guard sawExponentDigit else { return .invalid }
            exponent += exponentNegative ? -written : written
        }
        guard i == count else { return .invalid }
        if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return .number(negative ? -value : value)
        }
        if !truncated, let value = roundedProduct(mantissa, exponent) {
            return .number(negative ? -value : value)
        }
        return slowPath(text, decimal: decimal)
    }

    private static let integerPowersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
        1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    /// `m × 10^e` correctly rounded (ties to even), for 1 ≤ m < 2^64 and −21 ≤ e ≤ 19: the
    /// typical 17-digit decimals that `repr` and `%.17g` write, which Clinger's fast path
    /// cannot take. Exact integer arithmetic on 128 bits: a product for e ≥ 0; for e < 0 the
    /// floor of `m·2^(64+s) / 10^(−e)` (m shifted to its top bit by s) with a sticky bit for a
    /// non-zero remainder, which leaves at least 57 significant quotient bits to round from.
    /// `nil` outside that range.
    static func roundedProduct(_ m: UInt64, _ e: Int) -> Double? {
        guard m != 0 else { return 0 }
        if e >= 0 {
            guard e <= 19 else { return nil }
            let (high, low) = m.multipliedFullWidth(by: integerPowersOfTen[e])
            return roundToDouble(high: high, low: low, sticky: false, binaryExponent: 0)
        }
        guard e >= -21 else { return nil }
        let shift = m.leadingZeroBitCount
        var high = m << shift
        var low: UInt64 = 0
        var sticky = false
        var remaining = -e
        while remaining > 0 {
            let step = min(remaining, 19)
            let divisor = integerPowersOfTen[step]
            // Long division of the 128-bit (high, low) by a 64-bit divisor: floor of a floor is
            // the floor of the whole quotient, and the quotient is exact only if every step is.
            let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
            let (quotientLow, remainder) = divisor.dividingFullWidth((high: remainderHigh, low: low))
            high = quotientHigh
            low = quotientLow
            sticky = sticky || remainder != 0
            remaining -= step
        }
        return roundToDouble(high: high, low: low, sticky: sticky, binaryExponent: -64 - shift)
    }

    /// `(high·2^64 + low + δ) × 2^binaryExponent` rounded to the nearest double, ties to even,
    /// where 0 < δ < 1 when `sticky`. The value must be non-zero and in the normal range.
    private static func roundToDouble(high: UInt64, low: UInt64, sticky: Bool, binaryExponent: Int) -> Double {
        let leadingZeros = high != 0 ? high.leadingZeroBitCount : 64 + low.leadingZeroBitCount
        let bitCount = 128 - leadingZeros
        // Normalise so that the leading one is bit 63 of `top`.
        let top: UInt64
        let rest: UInt64
        if leadingZeros == 0 {
            (top, rest) = (high, low)
        } else if leadingZeros < 64 {
            (top, rest) = ((high << leadingZeros) | (low >> (64 - leadingZeros)), low << leadingZeros)
        } else {
            (top, rest) = (low << (leadingZeros - 64), 0)
        }
        var significand = top >> 11
        let roundBit = (top >> 10) & 1
        let below = (top & 0x3FF) != 0 || rest != 0 || sticky
        if roundBit == 1 && (below || significand & 1 == 1) { significand += 1 }
        var exponent = binaryExponent + bitCount - 1
        if significand == 1 << 53 {
            significand >>= 1
            exponent += 1
        }
        return Double(bitPattern: UInt64(exponent + 1023) << 52 | (significand & ((1 << 52) - 1)))
    }

    /// `strtod` on a NUL-terminated copy with `.` as decimal mark. If the C library disagrees
    /// about the grammar (a process locale with another decimal mark), `Double(String)` decides.
    private static func slowPath(_ text: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> NumberParse {
        let count = text.count
        let value: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            guard let start = buffer.baseAddress else { return nil }
            for k in 0..<count {
                let byte = text[k]
                buffer[k] = CChar(bitPattern: byte == decimal ? UInt8(ascii: ".") : byte)
            }
            buffer[count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(start, &end)
            if end == start + count { return value }
            let copy = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self), count: count), as: UTF8.self)
            return Double(copy)
        }
        guard let value else { return .invalid }
        return value.isFinite ? .number(value) : .nonFinite
    }

    @inline(__always)
    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// `inf`, `infinity` or `nan`, in any case.
    private static func isNonFiniteWord(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = text.map { $0 | 0x20 }
        return lower.elementsEqual("inf".utf8) || lower.elementsEqual("infinity".utf8)
            || lower.elementsEqual("nan".utf8)
    }
}

/// How ``CSVReader`` reads a file.
///
/// The defaults read RFC 4180 files as written by R's `write.csv`, pandas and Stata's
/// `export delimited`. For the Danish/European convention (`;` between fields, `,` as decimal
/// mark, as Excel writes with a Danish locale) use ``semicolonDecimalComma``.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator; an ASCII character other than `"`, CR and LF. Default `,`.
    public var separator: Unicode.Scalar
    /// The decimal mark of numbers; `.` or `,`, different from `separator`. Default `.`.
    public var decimalSeparator: Unicode.Scalar
    /// Field contents that mean "missing", compared after trimming blanks (quoted or not, so
    /// `""` is missing too, as in pandas). Default: empty, `NA` and `.` (Stata).
    public var missingTokens: [String]
    /// Columns read as categorical even when every value is a number (identifiers such as
    /// municipality codes, where `0101` and `101` must stay different).
    public var categoricalColumns: Set<String>
    /// Columns that must be numeric: a field that is not a number is an error naming its line,
    /// instead of the column silently becoming categorical.
    public var numericColumns: Set<String>

    public init(
        separator: Unicode.Scalar = ",",
        decimalSeparator: Unicode.Scalar = ".",
        missingTokens: [String] = ["", "NA", "."],
        categoricalColumns: Set<String> = [],
        numericColumns: Set<String> = []
    ) {
        self.separator = separator
        self.decimalSeparator = decimalSeparator
        self.missingTokens = missingTokens
        self.categoricalColumns = categoricalColumns
        self.numericColumns = numericColumns
    }

    /// `;` between fields and `,` as decimal mark.
    public static var semicolonDecimalComma: CSVOptions {
        CSVOptions(separator: ";", decimalSeparator: ",")
    }

    /// The options as bytes, checked for consistency.
    func validated() throws(DataError) -> ValidatedCSVOptions {
        guard separator.isASCII, separator != "\"", separator != "\n", separator != "\r" else {
            throw .invalidOptions("the separator must be an ASCII character other than '\"', CR and LF")
        }
        guard decimalSeparator == "." || decimalSeparator == "," else {
            throw .invalidOptions("the decimal separator must be '.' or ','")
        }
        guard separator != decimalSeparator else {
            throw .invalidOptions("the separator and the decimal separator are both '\(separator)'")
        }
        let overlap = categoricalColumns.intersection(numericColumns)
        guard overlap.isEmpty else {
            throw .invalidOptions(
                "columns forced both numeric and categorical: " + overlap.sorted().joined(separator: ", "))
        }
        return ValidatedCSVOptions(
            separator: UInt8(separator.value),
            decimal: UInt8(decimalSeparator.value),
            emptyIsMissing: missingTokens.contains(""),
            missing: MissingTokens(missingTokens.filter { !$0.isEmpty }))
    }
}

struct ValidatedCSVOptions {
    let separator: UInt8
    let decimal: UInt8
    let emptyIsMissing: Bool
    let missing: MissingTokens
}

/// The non-empty missing-value tokens, laid out for a quick byte comparison: all tokens in one
/// buffer, with a bitmask of the lengths that occur so most fields are ruled out at once.
struct MissingTokens {
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    private let lengths: UInt64

    init(_ tokens: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var lengths: UInt64 = 0
        for token in tokens {
            let start = bytes.count
            bytes.append(contentsOf: token.utf8)
            ranges.append(start..<bytes.count)
            lengths |= bytes.count - start < 63 ? 1 << UInt64(bytes.count - start) : 1 << 63
        }
        self.bytes = bytes
        self.ranges = ranges
        self.lengths = lengths
    }

    @inline(__always)
    func isMissing(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        let bit: UInt64 = content.count < 63 ? 1 << UInt64(content.count) : 1 << 63
        guard lengths & bit != 0 else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for range in ranges where range.count == content.count {
                var equal = true
                for k in 0..<content.count where stored[range.lowerBound + k] != content[k] {
                    equal = false
                    break
                }
                if equal { return true }
            }
            return false
        }
    }
}

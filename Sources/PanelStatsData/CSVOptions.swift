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
            missing: missingTokens.map { Array($0.utf8) })
    }
}

struct ValidatedCSVOptions {
    let separator: UInt8
    let decimal: UInt8
    let missing: [[UInt8]]
}

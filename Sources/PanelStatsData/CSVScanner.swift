/// The extent of one field inside the file's bytes.
struct FieldSpan {
    /// First byte of the content (after the opening quote and leading blanks).
    var start: Int
    /// One past the last byte of the content (before the closing quote or trailing blanks).
    var end: Int
    /// Whether the field was quoted.
    var quoted: Bool
    /// Whether the content holds `""` pairs that stand for one `"` each.
    var escaped: Bool
}

/// The fields of the current row. Slots are reused from row to row, so splitting a row
/// allocates nothing once the first row has been seen.
struct FieldList {
    private var storage: [FieldSpan] = []
    private(set) var count = 0

    @inline(__always)
    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ field: FieldSpan) {
        if count < storage.count {
            storage[count] = field
        } else {
            storage.append(field)
        }
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> FieldSpan { storage[index] }

    /// The current row's fields as an array (for the header).
    var spans: ArraySlice<FieldSpan> { storage[0..<count] }
}

/// A fault found while splitting rows; the reader turns it into a ``DataError`` with names.
enum ScanFault: Error {
    case unterminatedQuote(line: Int, field: Int)
    case textAfterQuote(line: Int, field: Int)
}

/// Splits RFC 4180 text into rows and fields without copying: each row is a list of spans
/// into the byte buffer.
///
/// Accepted beyond the RFC, as R and pandas do: LF or CR line ends besides CRLF, blank lines
/// (skipped), blanks (space, tab) before an opening or after a closing quote, and a `"` inside
/// an unquoted field (kept literally). Text after a closing quote is refused. Blanks inside an
/// unquoted field are part of it (RFC 4180); the reader trims them where a number or a
/// missing-value token is expected.
///
/// The scanner starts at any row boundary, so a file can be cut into row ranges and scanned
/// in parallel.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    /// Byte offset of the next row.
    private(set) var position: Int
    /// 1-based line number at `position`.
    private(set) var line: Int
    private let trimsSpaces: Bool
    private let trimsTabs: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, position: Int, line: Int) {
        self.bytes = bytes
        self.separator = separator
        self.position = position
        self.line = line
        self.trimsSpaces = separator != UInt8(ascii: " ")
        self.trimsTabs = separator != UInt8(ascii: "\t")
    }

    /// `content` without leading and trailing blanks (space and tab, unless the separator).
    @inline(__always)
    func trimmed(_ content: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = content.count
        while start < end, isBlank(content[start]) { start += 1 }
        while end > start, isBlank(content[end - 1]) { end -= 1 }
        if start == 0, end == content.count { return content }
        return UnsafeBufferPointer(rebasing: content[start..<end])
    }

    @inline(__always)
    private func isBlank(_ byte: UInt8) -> Bool {
        (byte == 0x20 && trimsSpaces) || (byte == 0x09 && trimsTabs)
    }

    /// Reads the next non-blank row into `fields` and returns the line it starts on, or `nil`
    /// at the end of the bytes.
    mutating func nextRow(into fields: inout FieldList) throws(ScanFault) -> Int? {
        fields.reset()
        let count = bytes.count
        // Skip blank lines (empty or blanks only).
        while true {
            var p = position
            while p < count, isBlank(bytes[p]) { p += 1 }
            if p >= count {
                position = count
                return nil
            }
            let byte = bytes[p]
            if byte == 0x0A {
                position = p + 1
                line += 1
            } else if byte == 0x0D {
                position = p + 1
                if position < count, bytes[position] == 0x0A { position += 1 }
                line += 1
            } else {
                break
            }
        }
        let rowLine = line
        var p = position
        while true {
            let fieldStart = p
            while p < count, isBlank(bytes[p]) { p += 1 }
            if p < count, bytes[p] == 0x22 {
                let quoteLine = line
                p += 1
                let start = p
                var escaped = false
                while true {
                    guard p < count else { throw .unterminatedQuote(line: quoteLine, field: fields.count) }
                    let byte = bytes[p]
                    if byte == 0x22 {
                        if p + 1 < count, bytes[p + 1] == 0x22 {
                            escaped = true
                            p += 2
                            continue
                        }
                        break
                    }
                    if byte == 0x0A { line += 1 }
                    p += 1
                }
                let end = p
                p += 1
                while p < count, isBlank(bytes[p]) { p += 1 }
                fields.append(FieldSpan(start: start, end: end, quoted: true, escaped: escaped))
                if p < count, bytes[p] != separator, bytes[p] != 0x0A, bytes[p] != 0x0D {
                    throw .textAfterQuote(line: line, field: fields.count - 1)
                }
            } else {
                while p < count {
                    let byte = bytes[p]
                    if byte == separator || byte == 0x0A || byte == 0x0D { break }
                    p += 1
                }
                fields.append(FieldSpan(start: fieldStart, end: p, quoted: false, escaped: false))
            }
            if p < count, bytes[p] == separator {
                p += 1
                continue
            }
            if p < count {
                if bytes[p] == 0x0D {
                    p += 1
                    if p < count, bytes[p] == 0x0A { p += 1 }
                } else {
                    p += 1
                }
                line += 1
            }
            position = p
            return rowLine
        }
    }

    /// The content of `field`: the bytes themselves, or (for a field with `""` escapes) a copy
    /// in `scratch` with each pair collapsed to one `"`.
    @inline(__always)
    func withContent<R>(
        of field: FieldSpan, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R
    ) throws(DataError) -> R {
        let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.escaped else { return try body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < raw.count {
            scratch.append(raw[i])
            i += raw[i] == 0x22 ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { (buffer) throws(DataError) -> R in try body(buffer) }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PanelStatsLinearAlgebra

/// The numeric pass over a large file in row-aligned pieces, parsed in parallel, each piece
/// writing its numbers straight into the final columns.
///
/// Why this shape: pieces that parse into their own growing arrays must be concatenated
/// afterwards, which copies every number once more and holds two copies at the peak (on a
/// 10⁷-row file that copy and its fresh pages were a third of the load). Here a first parallel
/// sweep counts each piece's line feeds (libc `memchr`, vectorised). A row ends with a line
/// feed or the end of the file, so a piece holds at most as many rows as it has line feeds
/// (plus one for a last line without one): every numeric column is allocated once, at the
/// file's row bound, and each piece writes its rows from its own offset. Blank lines leave a
/// piece with fewer rows than its bound; the gaps are closed afterwards by moving later pieces'
/// rows down (a rare path). Line numbers are absolute from the start: a piece begins on the
/// line after all the line feeds before it.
///
/// Quotes and CRLF line ends: a piece cut after a line feed starts a row unless that line feed
/// lies inside a quoted field. The first piece starts a row; a piece read without a fault that
/// started a row ends where a row ends, since a quoted field still open at its end would have
/// been refused as unterminated (the scanner sees the same bytes as a sequential one up to the
/// cut, and the byte before a cut is a line feed). So the pieces are taken in file order: a
/// fault in a piece whose rest holds a `"` abandons this reading (the cut may have split a
/// quoted field), and so does a CR that is not part of a CRLF (a line end the line-feed count
/// misses); the file is then read sequentially. Rows holding a `"` or a lone CR never take the
/// plain-number loop; the general path checks every row it reads.
extension CSVParse {
    /// A row-aligned range of the data bytes and where its rows go.
    struct Piece {
        var start: Int
        var end: Int
        /// Row of the columns where this piece's first row is written.
        var firstRow: Int
        /// At most this many rows start in the piece (its line feeds, plus one for an
        /// unterminated last line).
        var rowBound: Int
        /// Line number of the piece's first byte.
        var firstLine: Int
    }

    /// What one piece's numeric pass found.
    struct PieceReading {
        var rows = 0
        var state: [State]
        var nonFinite: [(line: Int, text: String)?]
        /// The missing values (NaN) the piece wrote to each column.
        var missing: [Int]
        /// (row within the piece, line) where a row does not start on the line after the previous row.
        var breaks: [(row: Int, line: Int)] = []
    }

    enum PieceOutcome {
        case read(PieceReading)
        /// The first fault in the piece, with its absolute line.
        case failed(DataError)
        /// A fault where a cut may have split a quoted field, or a lone CR: the pieces may not
        /// start rows, or their line numbers may be wrong.
        case needsSequentialScan
    }

    /// The numeric pass by pieces written in place; `nil` when the file is too small for it, a
    /// cut may have split a quoted field, or a lone CR ends a line (the caller then reads it
    /// sequentially).
    /// - Throws: the first fault in file order, with its absolute line.
    mutating func directNumericPass(from dataStart: CSVScanner, initial: [State]) throws(DataError) -> NumericPass? {
        guard let pieces = directPieces(from: dataStart), let lastPiece = pieces.last else { return nil }
        let capacity = lastPiece.firstRow + lastPiece.rowBound
        let columnCount = names.count
        guard capacity > 0, initial.contains(.numeric) else { return nil }
        // Every kept row of a column that ends numeric is written before it is read (Double is a
        // trivial type, so leaving the rest unset is sound); columns forced categorical get a
        // one-element placeholder that is never written.
        var columns: [[Double]] = initial.map { state in
            let count = state == .numeric ? capacity : 1
            return LargeBuffers.uninitialized(Double.self, count: count)
        }
        let outcomes = UnsafeMutableBufferPointer<PieceOutcome?>.allocate(capacity: pieces.count)
        outcomes.initialize(repeating: nil)
        defer { outcomes.deinitialize(); outcomes.deallocate() }
        let parse = self
        let written = Self.withStorage(of: &columns) { storage in
            parallelFor(pieces.count) { c in
                var worker = parse
                outcomes[c] = worker.readPiece(pieces[c], initial: initial, columns: storage)
            }
        }
        guard written else { return nil }

        var readings: [PieceReading] = []
        readings.reserveCapacity(pieces.count)
        for outcome in outcomes {
            switch outcome {
            case .read(let reading)?: readings.append(reading)
            case .failed(let error)?: throw error
            case .needsSequentialScan?, nil: return nil
            }
        }
        var pass = NumericPass(
            state: initial, values: [],
            nonFinite: [(line: Int, text: String)?](repeating: nil, count: columnCount),
            missing: [Int](repeating: 0, count: columnCount))
        var destinations: [Int] = []
        for reading in readings {
            destinations.append(pass.rowCount)
            for j in 0..<columnCount { pass.missing[j] += reading.missing[j] }
            for j in 0..<columnCount where reading.state[j] == .categorical { pass.state[j] = .categorical }
            for j in 0..<columnCount where pass.nonFinite[j] == nil { pass.nonFinite[j] = reading.nonFinite[j] }
            for (row, line) in reading.breaks { pass.breaks.append((pass.rowCount + row, line)) }
            pass.rowCount += reading.rows
        }
        let kept = (0..<columnCount).filter { pass.state[$0] == .numeric }
        // Close the gaps left by blank lines: move each piece's rows down to follow the previous
        // piece's (memmove, as the ranges may overlap).
        if zip(pieces, destinations).contains(where: { $0.firstRow != $1 }) {
            let moved = Self.withStorage(of: &columns) { storage in
                for (c, piece) in pieces.enumerated() where piece.firstRow != destinations[c] && readings[c].rows > 0 {
                    for j in kept {
                        memmove(storage[j] + destinations[c], storage[j] + piece.firstRow,
                                readings[c].rows * MemoryLayout<Double>.stride)
                    }
                }
            }
            guard moved else { return nil }
        }
        for j in 0..<columnCount {
            if pass.state[j] == .numeric {
                columns[j].removeLast(capacity - pass.rowCount)
            } else {
                columns[j] = []
            }
        }
        pass.values = columns
        pass.pieces = pieces.indices.map { PieceRows(piece: pieces[$0], destination: destinations[$0], rows: readings[$0].rows) }
        return pass
    }

    /// Cuts the data rows into a few pieces per core (so that a core slowed by other work does
    /// not hold the others up), after the first line feed at or after each even share, and
    /// counts each piece's line feeds in parallel; `nil` when the data are smaller than
    /// ``parallelMinimumBytes``.
    func directPieces(from dataStart: CSVScanner) -> [Piece]? {
        let begin = dataStart.position, end = buffer.count
        guard end - begin >= max(parallelMinimumBytes, 1), let base = buffer.baseAddress else { return nil }
        let wanted = min(4 * max(ProcessInfo.processInfo.activeProcessorCount, 1), max((end - begin) >> 12, 1))
        var cuts = [begin]
        for k in 1..<max(wanted, 1) {
            let share = begin + (end - begin) * k / wanted
            guard share > cuts[cuts.count - 1],
                  let found = memchr(UnsafeRawPointer(base + share), 0x0A, end - share) else { continue }
            let cut = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
            if cut > cuts[cuts.count - 1], cut < end { cuts.append(cut) }
        }
        cuts.append(end)
        let count = cuts.count - 1
        let lineFeeds = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        lineFeeds.initialize(repeating: 0)
        defer { lineFeeds.deallocate() }
        let mapped = releasesConsumedPages
        parallelFor(count) { c in
            // A mapped file's pages of this piece are mapped in one call on this core, not by a
            // fault every 16 pages: on 10⁶ rows (114 MB) the count took 10 instead of 14–19 ms.
            if mapped {
                LargeBuffers.populate(UnsafeRawBufferPointer(start: base + cuts[c], count: cuts[c + 1] - cuts[c]),
                                      for: .reading, minimumBytes: 0)
            }
            var p = UnsafeRawPointer(base + cuts[c])
            let stop = UnsafeRawPointer(base + cuts[c + 1])
            var found = 0
            while p < stop, let next = memchr(p, 0x0A, stop - p) {
                found += 1
                p = UnsafeRawPointer(next) + 1
            }
            lineFeeds[c] = found
            // The counted pages stay mapped for the parse, which hands them back as it goes.
            // (Handing them back here kept the file from being resident in full next to the first
            // columns — 1.06 instead of 1.20 GB at the peak on 10⁷ rows — but faulting them in
            // again cost 8 % of the load, and a fit's peak comes later and is higher.)
        }
        var pieces: [Piece] = []
        var row = 0, line = dataStart.line
        for c in 0..<count {
            var bound = lineFeeds[c]
            if c == count - 1, base[end - 1] != 0x0A { bound += 1 }
            pieces.append(Piece(start: cuts[c], end: cuts[c + 1], firstRow: row, rowBound: bound, firstLine: line))
            row += bound
            line += lineFeeds[c]
        }
        return pieces
    }

    /// The numeric pass over one piece, writing row `r` of the piece to row `firstRow + r` of
    /// each still-numeric column in `columns`.
    mutating func readPiece(
        _ piece: Piece, initial: [State], columns: UnsafeBufferPointer<UnsafeMutablePointer<Double>>
    ) -> PieceOutcome {
        guard let base = buffer.baseAddress, let storage = columns.baseAddress else { return .needsSequentialScan }
        let columnCount = names.count
        var reading = PieceReading(
            state: initial, nonFinite: [(line: Int, text: String)?](repeating: nil, count: columnCount),
            missing: [Int](repeating: 0, count: columnCount))
        let numeric = UnsafeMutableBufferPointer<Bool>.allocate(capacity: columnCount)
        defer { numeric.deallocate() }
        var numericCount = 0
        for j in 0..<columnCount {
            numeric[j] = initial[j] == .numeric
            if numeric[j] { numericCount += 1 }
        }
        guard let flags = UnsafePointer(numeric.baseAddress) else { return .needsSequentialScan }
        let separator = settings.separator, decimal = settings.decimal
        // A missing-value token that is a plain number must not be read as one by the fast loop.
        let plainRows = options.missingTokens.allSatisfy { !$0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        let pieceBytes = UnsafeBufferPointer(rebasing: buffer[0..<piece.end])
        var scratch: [UInt8] = []
        var position = piece.start, line = piece.firstLine, previousLine = Int.min
        let terminated = piece.end > piece.start && base[piece.end - 1] == 0x0A
        var released = piece.start
        prefaultRows(of: storage, columnCount: columnCount, numeric: flags, from: piece.firstRow, count: piece.rowBound)
        return plainPowersOfTen.withUnsafeBufferPointer { powers -> PieceOutcome in
            guard let powers = powers.baseAddress else { return .needsSequentialScan }
            while position < piece.end {
                if reading.rows >= piece.rowBound { return .needsSequentialScan }
                let row = piece.firstRow + reading.rows
                let next: Int?
                if !plainRows || numericCount == 0 {
                    next = nil
                } else if terminated {
                    next = readPlainRow(base, from: position, to: piece.end, terminated: true, numeric: flags,
                                        columnCount: columnCount, separator: separator, decimal: decimal,
                                        powers: powers, columns: storage, row: row)
                } else {
                    next = readPlainRow(base, from: position, to: piece.end, terminated: false, numeric: flags,
                                        columnCount: columnCount, separator: separator, decimal: decimal,
                                        powers: powers, columns: storage, row: row)
                }
                if let next {
                    if line != previousLine &+ 1 { reading.breaks.append((reading.rows, line)) }
                    previousLine = line
                    line += 1
                    position = next
                } else {
                    var scanner = CSVScanner(bytes: pieceBytes, separator: separator, position: position, line: line)
                    let rowLine: Int?
                    do throws(DataError) {
                        rowLine = try nextRow(&scanner)
                    } catch {
                        // An unterminated quote here may be a quoted field the cut split.
                        return memchr(base + position, 0x22, piece.end - position) != nil
                            ? .needsSequentialScan : .failed(error)
                    }
                    if holdsLoneCR(base, position, scanner.position, limit: buffer.count) { return .needsSequentialScan }
                    position = scanner.position
                    line = scanner.line
                    guard let rowLine else { break }
                    guard fields.count == columnCount else {
                        return .failed(.raggedRow(source: source, line: rowLine, expected: columnCount, found: fields.count))
                    }
                    if rowLine != previousLine &+ 1 { reading.breaks.append((reading.rows, rowLine)) }
                    previousLine = rowLine
                    for j in 0..<columnCount where numeric[j] {
                        let field = fields[j]
                        let value: NumericField
                        do throws(DataError) {
                            value = try readNumericField(j, field, scanner: scanner, line: rowLine, scratch: &scratch)
                        } catch {
                            return .failed(error)
                        }
                        switch value {
                        case .number(let number):
                            storage[j][row] = number
                            if number.isNaN { reading.missing[j] += 1 }
                        case .nonFinite:
                            if reading.nonFinite[j] == nil { reading.nonFinite[j] = (rowLine, text(of: field, scanner: scanner)) }
                            storage[j][row] = .nan
                            reading.missing[j] += 1
                        case .text:
                            reading.state[j] = .categorical
                            numeric[j] = false
                            numericCount -= 1
                        }
                    }
                }
                reading.rows += 1
                if releasesConsumedPages, reading.rows & 4095 == 0, position - released >= 1 << 25 {
                    released = releaseMappedPages(from: released, to: position)
                }
            }
            // The piece's last pages too (all but one it may share with the next piece).
            if releasesConsumedPages { _ = releaseMappedPages(from: released, to: piece.end) }
            return .read(reading)
        }
    }

    /// Calls `body` with the storage of each column, each held uniquely for the call (nested
    /// `withUnsafeMutableBufferPointer` calls, so the pointers are valid throughout); `false`
    /// (and `body` not called) if a column has no storage.
    static func withStorage<Element>(
        of columns: inout [[Element]], _ body: (UnsafeBufferPointer<UnsafeMutablePointer<Element>>) -> Void
    ) -> Bool {
        var pointers: [UnsafeMutablePointer<Element>] = []
        pointers.reserveCapacity(columns.count)
        var called = false
        func nest(_ j: Int) {
            guard j < columns.count else {
                pointers.withUnsafeBufferPointer(body)
                called = true
                return
            }
            var column = columns[j]
            columns[j] = []
            column.withUnsafeMutableBufferPointer { storage in
                guard let start = storage.baseAddress else { return }
                pointers.append(start)
                nest(j + 1)
            }
            columns[j] = column
        }
        nest(0)
        return called
    }
}

/// Maps the fresh pages of rows `from..<from + count` of the numeric columns in one call per
/// column (`madvise(MADV_POPULATE_WRITE)`, Linux 5.14 and later; elsewhere, or if refused, the
/// parse's stores fault them in one by one as before). Why: the columns are new memory, and
/// taking its pages one fault at a time was a third of the parse's time; the batched call costs
/// about a quarter less per page. Only whole pages inside the rows are touched, and the call
/// leaves their contents as they were (new anonymous pages are zero either way).
func prefaultRows(
    of columns: UnsafePointer<UnsafeMutablePointer<Double>>, columnCount: Int, numeric: UnsafePointer<Bool>,
    from: Int, count: Int
) {
    guard count > 0 else { return }
    for j in 0..<columnCount where numeric[j] {
        LargeBuffers.populate(UnsafeRawBufferPointer(start: columns[j] + from, count: count * MemoryLayout<Double>.stride),
                              minimumBytes: 0)
    }
}

/// Whether `base[from..<to]` holds a CR that is not followed by a line feed (`base[..<limit]`
/// readable).
private func holdsLoneCR(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, limit: Int) -> Bool {
    var p = from
    while p < to, let found = memchr(base + p, 0x0D, to - p) {
        let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        if at + 1 >= limit || base[at + 1] != 0x0A { return true }
        p = at + 1
    }
    return false
}

/// Reads the row at `start` when it is made only of plain decimal numbers in the numeric
/// columns — an optional `-`, digits with at most one decimal mark, at most 18 digits with a
/// value below 2^52, no blanks — and in the others any bytes but `"` and CR, or a quoted label
/// without `""`, line feed or CR; the row ends with a line feed, a CRLF or at `end`. Writes the
/// numbers to row `row` of `columns` and returns the position after the row, or `nil` for any
/// other row (whose numbers the caller then writes anew). Such a number is `m / 10^f` with
/// `m < 2^52` and `f ≤ 18`: one correctly rounded division of exactly represented doubles (an
/// integer is divided by 10^0 = 1, exactly), the value `Double(String)` gives (Clinger's fast
/// path). `m` is made a double as `(2^52 + m) − 2^52` from its bits, exact below 2^52. The caller makes sure that at least one
/// column is numeric, so a blank line is never taken for a row.
///
/// `terminated`: the byte at `end - 1` is a line feed. Every loop then stops at it without
/// comparing the position with `end` (a line feed ends every digit run and label), which saves
/// a tenth of the loop; the caller passes a constant, so each case is compiled on its own.
@inline(__always)
func readPlainRow(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, terminated: Bool, numeric: UnsafePointer<Bool>,
    columnCount: Int, separator: UInt8, decimal: UInt8, powers: UnsafePointer<Double>,
    columns: UnsafePointer<UnsafeMutablePointer<Double>>, row: Int
) -> Int? {
    var p = start
    var j = 0
    while true {
        if numeric[j] {
            // The sign is applied without a branch: in data centred on zero it is as likely as not
            // (a mispredicted branch per field cost a third of the loop's time).
            let negative = (terminated || p < end) && base[p] == 0x2D
            let sign: UInt64 = negative ? 1 << 63 : 0
            p &+= negative ? 1 : 0
            var mantissa: UInt64 = 0
            let integerStart = p
            while terminated || p < end {
                let digit = base[p] &- 0x30
                if digit >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                p &+= 1
            }
            var digits = p &- integerStart
            var fraction = 0
            if (terminated || p < end) && base[p] == decimal {
                p &+= 1
                let fractionStart = p
                while terminated || p < end {
                    let digit = base[p] &- 0x30
                    if digit >= 10 { break }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    p &+= 1
                }
                fraction = p &- fractionStart
                digits &+= fraction
            }
            // 1 ≤ digits ≤ 18 in one unsigned comparison.
            guard UInt(bitPattern: digits &- 1) < 18, mantissa < 1 << 52 else { return nil }
            // `mantissa` exactly, without `cvtsi2sd` (which merges into its register and so
            // waits for the previous field's division); an integer is divided by 10^0 = 1.
            let exact = Double(bitPattern: 0x4330_0000_0000_0000 | mantissa) - 0x1p52
            columns[j][row] = Double(bitPattern: (exact / powers[fraction]).bitPattern | sign)
        } else if terminated || p < end, base[p] == 0x22 {
            // A quoted label is skipped to its closing quote when it holds no line feed or CR;
            // a `""` pair is not followed by a separator or line end, and fails below.
            p += 1
            while terminated || p < end {
                let byte = base[p]
                if byte == 0x22 { break }
                if byte == 0x0A || byte == 0x0D { return nil }
                p += 1
            }
            guard p < end else { return nil }
            p += 1
        } else {
            while terminated || p < end {
                let byte = base[p]
                if byte == separator || byte == 0x0A || byte == 0x0D { break }
                if byte == 0x22 { return nil }
                p += 1
            }
        }
        j += 1
        if j < columnCount {
            guard p < end, base[p] == separator else { return nil }
            p += 1
        } else {
            if p == end { return end }
            if base[p] == 0x0A { return p + 1 }
            return base[p] == 0x0D && p + 1 < end && base[p + 1] == 0x0A ? p + 2 : nil
        }
    }
}

import PanelStatsLinearAlgebra

/// The labels' pass over the pieces of a parallel numeric pass, in parallel: each piece interns
/// its categorical fields into tables of its own and writes local codes straight to its rows of
/// the final code arrays; the pieces' tables are then joined in file order into one table per
/// column and the codes mapped to it (in parallel), before the levels are sorted as the
/// sequential pass sorts them — so the result is the same.
///
/// Any fault (a label that is not valid UTF-8, a table that is full, a piece that does not read
/// the rows the numeric pass found) gives `nil`, and the caller reads the labels sequentially,
/// which reports the first fault in file order.
extension CSVParse {
    /// A piece of the numeric pass and where its rows went.
    struct PieceRows {
        var piece: Piece
        /// Row of the columns where the piece's first row went.
        var destination: Int
        var rows: Int
    }

    /// The categorical columns `categorical`, read piece by piece; `nil` on any fault.
    func readCategoricalInPieces(
        _ categorical: [Int], pieces: [PieceRows], rowCount: Int
    ) -> [Int: CategoricalColumn]? {
        guard rowCount > 0, !pieces.isEmpty else { return nil }
        // Every row is written by its piece before the codes are read (Int32 is trivial).
        var codes: [[Int32]] = categorical.map { _ in
            LargeBuffers.uninitialized(Int32.self, count: rowCount)
        }
        let tables = UnsafeMutableBufferPointer<[LevelTable]?>.allocate(capacity: pieces.count)
        tables.initialize(repeating: nil)
        defer { tables.deinitialize(); tables.deallocate() }
        let parse = self
        let interned = Self.withStorage(of: &codes) { storage in
            parallelFor(pieces.count) { c in
                var worker = parse
                tables[c] = worker.internLabels(categorical, in: pieces[c], codes: storage)
            }
        }
        guard interned else { return nil }
        var pieceTables: [[LevelTable]] = []
        for c in pieces.indices {
            guard let table = tables[c] else { return nil }
            pieceTables.append(table)
        }

        var result: [Int: CategoricalColumn] = [:]
        for (k, j) in categorical.enumerated() {
            // Local code -> code in the joined table, per piece.
            var joined = LevelTable()
            var maps: [[Int32]] = []
            for c in pieces.indices {
                var map: [Int32] = []
                map.reserveCapacity(pieceTables[c][k].labels.count)
                for label in pieceTables[c][k].labels {
                    var text = label
                    guard let code = text.withUTF8({ joined.code(for: $0) }) else { return nil }
                    map.append(code)
                }
                maps.append(map)
            }
            var column = codes[k]
            codes[k] = []
            column.withUnsafeMutableBufferPointer { buffer in
                parallelFor(pieces.count) { c in
                    let map = maps[c], destination = pieces[c].destination
                    for row in destination..<destination + pieces[c].rows where buffer[row] >= 0 {
                        buffer[row] = map[Int(buffer[row])]
                    }
                }
            }
            let (levels, sortedCodes) = sortLevels(joined.labels, codes: column)
            result[j] = CategoricalColumn(uncheckedName: names[j], levels: levels, codes: sortedCodes)
        }
        return result
    }

    /// Interns the categorical fields of one piece into tables of its own, writing row `r`'s
    /// local codes to row `destination + r` of `codes`; `nil` on any fault.
    mutating func internLabels(
        _ categorical: [Int], in piece: PieceRows, codes: UnsafeBufferPointer<UnsafeMutablePointer<Int32>>
    ) -> [LevelTable]? {
        var scanner = CSVScanner(
            bytes: UnsafeBufferPointer(rebasing: buffer[0..<piece.piece.end]), separator: settings.separator,
            position: piece.piece.start, line: piece.piece.firstLine)
        var tables = [LevelTable](repeating: LevelTable(), count: categorical.count)
        var scratch: [UInt8] = []
        var row = 0
        while true {
            let line: Int?
            do throws(DataError) {
                line = try nextRow(&scanner)
            } catch {
                return nil
            }
            guard line != nil else { break }
            guard row < piece.rows, fields.count == names.count else { return nil }
            for (k, j) in categorical.enumerated() {
                guard let code = labelCode(of: fields[j], scanner: scanner, table: &tables[k], scratch: &scratch) else {
                    return nil
                }
                codes[k][piece.destination + row] = code
            }
            row += 1
        }
        // Read pages go back, as in the numeric pass.
        if releasesConsumedPages { _ = releaseMappedPages(from: piece.piece.start, to: piece.piece.end) }
        return row == piece.rows ? tables : nil
    }
}

import PanelStats

/// One row of a published CSV: field values by column name, as printed (numbers with '.' decimals).
struct PublishedRecord: Sendable {
    let file: String
    let line: Int
    let fields: [String: String]

    /// The field's text ("" when empty).
    func text(_ column: String) -> String { fields[column] ?? "" }

    /// The field as a number.
    func number(_ column: String) throws(VIVE2021ReplicationError) -> Double {
        guard let value = optionalNumber(column) else {
            throw .publishedTables("\(file):\(line): column \(column) is not a number: '\(text(column))'")
        }
        return value
    }

    /// The field as a number, nil when empty.
    func optionalNumber(_ column: String) -> Double? {
        Double(text(column))
    }
}

/// The numbers chapter 5 of the VIVE 2021 report prints, from copies of `datasets/vive2021/published/`
/// compiled into the module (``embedded``, made by `scripts/vive2021/embed_published_tables.py`), so the
/// replication can set them beside its results wherever it runs.
enum VIVE2021PublishedTables {
    /// The records of one embedded file, in file order.
    static func records(_ file: String) throws(VIVE2021ReplicationError) -> [PublishedRecord] {
        guard let text = embedded[file] else { throw .publishedTables("\(file) is not embedded") }
        guard let headerLine = text.split(separator: "\n", maxSplits: 1).first else {
            throw .publishedTables("\(file) is empty")
        }
        let names = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let frame: DataFrame
        do {
            frame = try CSVReader.parse(text, source: file, options: CSVOptions(missingTokens: [""], categoricalColumns: Set(names)))
        } catch {
            throw .publishedTables(error.description)
        }
        var records: [PublishedRecord] = []
        for i in 0..<frame.rowCount {
            var fields: [String: String] = [:]
            for column in frame.columns {
                if case .categorical(let c) = column { fields[c.name] = c.label(at: i) ?? "" }
            }
            records.append(PublishedRecord(file: file, line: frame.line(ofRow: i), fields: fields))
        }
        return records
    }

    /// A value quoted in the running text (`chapter5_text_values.csv`) by its id.
    static func textValue(_ id: String) throws(VIVE2021ReplicationError) -> Double {
        guard let record = try records("chapter5_text_values.csv").first(where: { $0.text("id") == id }) else {
            throw .publishedTables("chapter5_text_values.csv has no id \(id)")
        }
        return try record.number("value")
    }
}

import Foundation
import PanelStats
import Testing

/// The bad-input corpus: `Corpus/manifest.json` lists each hostile file with what reading it must
/// give. The files are written by `scripts/make_hostile_corpus.py`.
struct CorpusCase: Decodable, Sendable, CustomTestStringConvertible {
    /// Where the file is read: by the CSV reader alone, into a model frame of `formula`, or into a
    /// model frame and a panel declaration of `entity` and `time`.
    enum Stage: String, Decodable, Sendable { case read, frame, panel }

    struct Options: Decodable, Sendable {
        var separator: String?
        var decimalSeparator: String?
        var missingTokens: [String]?
        var numericColumns: [String]?
        var categoricalColumns: [String]?

        var csvOptions: CSVOptions {
            var options = CSVOptions()
            if let scalar = separator?.unicodeScalars.first { options.separator = scalar }
            if let scalar = decimalSeparator?.unicodeScalars.first { options.decimalSeparator = scalar }
            if let missingTokens { options.missingTokens = missingTokens }
            options.numericColumns = Set(numericColumns ?? [])
            options.categoricalColumns = Set(categoricalColumns ?? [])
            return options
        }

        /// The same options as `panelstats describe` flags, or nil when the CLI cannot express them.
        var commandLineFlags: [String]? {
            guard missingTokens == nil, numericColumns == nil, categoricalColumns == nil else { return nil }
            var flags: [String] = []
            if let separator { flags += ["--separator", separator] }
            if let decimalSeparator {
                guard decimalSeparator == "," else { return nil }
                flags.append("--decimal-comma")
            }
            return flags
        }
    }

    var file: String
    var stage: Stage?
    var options: Options?
    var formula: String?
    /// For the frame stage: delete listwise on every column too (as the fuzzer's harness does).
    var allColumns: Bool?
    var entity: String?
    var time: String?
    /// An error case name (`raggedRow`, `duplicatePanelObservation`, ...) or `ok`.
    var expect: String
    /// A substring the error's description must contain.
    var message: String?
    /// For `ok`: the column names, numeric columns' values (null = missing) and categorical
    /// columns' labels per row and sorted levels; for a panel, the observations kept.
    var columns: [String]?
    var numbers: [String: [Double?]]?
    var labels: [String: [String?]]?
    var levels: [String: [String]]?
    var observations: Int?

    var testDescription: String {
        "\(file) [\(stage ?? .read)\(options == nil ? "" : ", options")] → \(expect)"
    }

    var path: String { Corpus.directory.appendingPathComponent(file).path }
}

enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    private struct Manifest: Decodable {
        var cases: [CorpusCase]
    }

    /// Every case of the manifest (an empty list if it cannot be read, which a test reports).
    static let cases: [CorpusCase] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("manifest.json")),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.cases
    }()
}

/// What reading a hostile input gave: an error (its case name and message) or data.
enum CorpusOutcome {
    case failure(caseName: String, message: String)
    case data(DataFrame)
    case panel(PanelDeclaration)

    /// The case name of an enum error value (`raggedRow` for `DataError.raggedRow(...)`).
    static func caseName(of error: any Error) -> String {
        let mirror = Mirror(reflecting: error)
        if let label = mirror.children.first?.label { return label }
        return String(describing: error)
    }

    static func failure(_ error: any Error) -> CorpusOutcome {
        .failure(caseName: caseName(of: error), message: String(describing: error))
    }

    /// Runs one case through the library.
    static func of(_ entry: CorpusCase) -> CorpusOutcome {
        let frame: DataFrame
        do {
            frame = try CSVReader.read(path: entry.path, options: entry.options?.csvOptions ?? CSVOptions())
        } catch {
            return .failure(error)
        }
        switch entry.stage ?? .read {
        case .read:
            return .data(frame)
        case .frame:
            do {
                let formula = try Formula.parse(entry.formula ?? "")
                _ = try ModelFrame(
                    formula: formula, data: frame, additionalVariables: entry.allColumns == true ? frame.columnNames : [])
                return .data(frame)
            } catch {
                return .failure(error)
            }
        case .panel:
            let entity = entry.entity ?? "", time = entry.time ?? ""
            do {
                let formula = try Formula.parse("y ~ x")
                let model = try ModelFrame(formula: formula, data: frame, additionalVariables: [entity, time])
                return .panel(try PanelDeclaration(entity: model.groups(entity), time: model.groups(time)))
            } catch {
                return .failure(error)
            }
        }
    }
}

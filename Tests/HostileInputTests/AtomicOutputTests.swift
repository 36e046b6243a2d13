import Foundation
import PanelStats
import Testing

/// Nothing lost or half-written: outputs appear whole or not at all, failures leave the previous
/// file as it was and no stray temporary file, and inputs are never touched.
@Suite("Atomic output and untouched input")
struct AtomicOutputTests {
    struct Interrupted: Error {}

    /// A fresh, empty directory for one test.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("panelstats-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func writesTheWholeFile() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("table.csv").path
        try AtomicFileWriter.write("a,b\n1,2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
        #expect(try Self.entries(directory) == ["table.csv"])
    }

    @Test func replacesAnExistingFileWhole() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("table.csv").path
        try AtomicFileWriter.write(String(repeating: "old\n", count: 1000), to: path)
        try AtomicFileWriter.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try Self.entries(directory) == ["table.csv"])
    }

    @Test func aProducerThatFailsHalfWayLeavesNoFile() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("table.csv").path
        #expect(throws: Interrupted.self) {
            try AtomicFileWriter.write(to: path) { sink in
                try sink.append("variable,estimate\n")
                try sink.append("x1,0.5\n")
                throw Interrupted()
            }
        }
        #expect(try Self.entries(directory).isEmpty, "neither the table nor a temporary file")
    }

    @Test func aProducerThatFailsHalfWayLeavesThePreviousFileAsItWas() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("table.csv").path
        try AtomicFileWriter.write("complete previous table\n", to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFileWriter.write(to: path) { sink in
                try sink.append("trunc")
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "complete previous table\n")
        #expect(try Self.entries(directory) == ["table.csv"])
    }

    @Test func aMissingDirectoryIsAnErrorAndCreatesNothing() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("no/such/dir/table.csv").path
        #expect(throws: OutputFileError.directoryNotFound(path: path, directory: directory.appendingPathComponent("no/such/dir").path)) {
            try AtomicFileWriter.write("x\n", to: path)
        }
        #expect(try Self.entries(directory).isEmpty)
    }

    @Test func aDestinationThatIsADirectoryIsAnErrorAndKeepsItsContents() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("table.csv")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        #expect(throws: OutputFileError.isDirectory(path: target.path)) {
            try AtomicFileWriter.write("x\n", to: target.path)
        }
        #expect(try Self.entries(directory) == ["table.csv"])
        #expect(try Self.entries(target) == ["inside"])
    }

    @Test func aFailedRenameRemovesTheTemporaryFile() throws {
        // The destination becomes a non-empty directory while the producer runs: the rename fails
        // (the check at the start passed), and no temporary file may be left behind.
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("table.csv")
        #expect {
            try AtomicFileWriter.write(to: target.path) { sink in
                try sink.append("a,b\n")
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
                try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
            }
        } throws: { error in
            guard case .cannotReplace(let path, _)? = error as? OutputFileError else { return false }
            return path == target.path && String(describing: error).contains("(the file was left as it was)")
        }
        #expect(try Self.entries(directory) == ["table.csv"])
        #expect(try Self.entries(target) == ["inside"])
    }

    @Test func newFilesGetTheUsualPermissions() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("table.csv").path
        try AtomicFileWriter.write("x\n", to: path)
        let reference = directory.appendingPathComponent("reference").path
        #expect(FileManager.default.createFile(atPath: reference, contents: Data()))
        let permissions = { (path: String) in
            (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(permissions(path) == permissions(reference))
    }

    /// Every corpus file and a good input: their bytes and modification times are the same after
    /// `panelstats fit` and `describe` read them (successfully or not).
    @Test func theCommandLineNeverModifiesItsInput() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.csv")
        try Data("y,x\n1,2\n2,3.5\n3,5\n4,4\n".utf8).write(to: good)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        var inputs = [good.path]
        for file in ["ragged_short_row.csv", "semicolon_decimal_comma.csv", "nan.csv", "binary_garbage.bin"] {
            let copy = directory.appendingPathComponent(file)
            try FileManager.default.copyItem(atPath: Corpus.directory.appendingPathComponent(file).path, toPath: copy.path)
            inputs.append(copy.path)
        }
        for path in inputs { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path) }
        let before = try inputs.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for path in inputs {
            _ = try CLIRunner.run(["fit", path, "--formula", "y ~ x"])
            _ = try CLIRunner.run(["describe", path])
        }
        let goodRun = try CLIRunner.run(["fit", good.path, "--formula", "y ~ x"])
        #expect(goodRun.status == 0, "\(goodRun.stderr)")
        for (path, bytes) in zip(inputs, before) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(path) changed")
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            #expect(modified == old, "\(path) modification time changed")
        }
        #expect(try Self.entries(directory).count == inputs.count, "no file was added beside the inputs")
    }

    /// The command line's file output (`panelstats dataset vive2021 --out DIR`) goes through the
    /// atomic writer: a complete file and nothing else, or an error and nothing at all.
    @Test func theDatasetCommandWritesWholeOrNothing() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try CLIRunner.run(["dataset", "vive2021", "--out", directory.path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try Self.entries(directory) == ["panel.csv"])
        let written = try Data(contentsOf: directory.appendingPathComponent("panel.csv"))
        let bundled = try Data(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("datasets/vive2021/panel.csv"))
        #expect(written == bundled)

        let blocked = directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("panel.csv"), withIntermediateDirectories: true)
        let bad = try CLIRunner.run(["dataset", "vive2021", "--out", blocked.path])
        #expect(bad.status == 1)
        #expect(bad.stderr == "panelstats: error: \(blocked.path)/panel.csv: cannot write: it is a directory\n")
        #expect(try Self.entries(blocked) == ["panel.csv"])
    }
}

import Foundation
import PanelStats

/// Writes a set of files as one directory, all or nothing: the files go into a hidden temporary
/// directory beside the target, which is renamed into place only when every file is written. On
/// failure the temporary directory is removed and the target is left as it was, so no partial output
/// ever sits under the target's name looking complete.
///
/// An existing target is replaced only if it is empty or holds a previous output (its manifest file
/// begins with `manifestHeader`), so a mistyped `--out` cannot delete someone's directory.
///
/// Each file is written with the Reporting layer's ``AtomicFileWriter`` (temporary file, fsync, rename);
/// this type adds the directory-level step: the whole set appears at once under the target's name.
struct OutputDirectory {
    let path: String
    let manifestName: String
    let manifestHeader: String

    func write(_ files: [(name: String, contents: String)]) throws(VIVE2021ReplicationError) {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard !name.isEmpty, name != "/" else { throw .output(path: path, message: "not a directory name") }

        // Refuse before writing anything.
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw .output(path: path, message: "it exists and is not a directory") }
            let entries = (try? fileManager.contentsOfDirectory(atPath: target.path)) ?? []
            if !entries.isEmpty {
                let manifest = target.appendingPathComponent(manifestName)
                let text = (try? String(contentsOf: manifest, encoding: .utf8)) ?? ""
                guard text.hasPrefix(manifestHeader) else {
                    throw .output(path: path, message: "the directory exists and is not an earlier output of this command "
                        + "(no \(manifestName)); choose another --out or empty it")
                }
            }
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .output(path: parent.path, message: error.localizedDescription)
        }

        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(tag)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
            for file in files {
                guard !file.name.contains("/"), !file.name.hasPrefix(".") else {
                    throw VIVE2021ReplicationError.output(path: file.name, message: "not a plain file name")
                }
                try AtomicFileWriter.write(file.contents, to: temporary.appendingPathComponent(file.name).path)
            }
        } catch {
            try? fileManager.removeItem(at: temporary)
            if let error = error as? VIVE2021ReplicationError { throw error }
            if let error = error as? OutputFileError { throw .output(path: path, message: error.description) }
            throw .output(path: temporary.path, message: error.localizedDescription)
        }

        // Swap into place.
        let old = parent.appendingPathComponent(".\(name).old-\(tag)", isDirectory: true)
        do {
            if exists { try fileManager.moveItem(at: target, to: old) }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw .output(path: path, message: "cannot move the previous output aside: \(error.localizedDescription)")
        }
        do {
            try fileManager.moveItem(at: temporary, to: target)
        } catch {
            if exists { try? fileManager.moveItem(at: old, to: target) }
            try? fileManager.removeItem(at: temporary)
            throw .output(path: path, message: error.localizedDescription)
        }
        if exists { try? fileManager.removeItem(at: old) }
    }
}

extension VIVE2021ReplicationOutput {
    /// Writes every file into the directory `path` (created with its parents), all or nothing (see the
    /// type's documentation); an existing directory is replaced only if it is empty or an earlier output.
    /// - Throws: ``VIVE2021ReplicationError/output(path:message:)``; the target is then unchanged.
    public func write(to path: String) throws(VIVE2021ReplicationError) {
        try OutputDirectory(path: path, manifestName: Self.manifestName, manifestHeader: Self.manifestHeader).write(files)
    }
}

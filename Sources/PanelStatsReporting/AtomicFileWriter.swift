import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that each is either complete or not there: an interrupted run (an
/// error half-way, a killed process, a full disk, a power cut) never leaves a truncated table that
/// looks complete, and never damages the previous version of the file.
///
/// How: the contents go to a new temporary file in the destination's directory (same file system,
/// named `.NAME.tmp-XXXXXXXXXXXX`, created with `O_EXCL` and mode 0666 less the umask, like any new
/// file), are flushed to disk (`fsync`), and the temporary file is then renamed onto the
/// destination — `rename(2)` replaces it atomically — and the directory entry is flushed. On any
/// failure, or when the producer throws, the temporary file is removed and the destination keeps
/// what it had. (After `kill -9` only the hidden temporary file can remain.) A destination that is
/// a symbolic link is replaced by the new file; the link's target is left alone.
///
/// Inputs are never opened for writing by anything in PanelStats; this type is the only way the
/// library and the `panelstats` command write files.
public enum AtomicFileWriter {
    /// Writes `text` as UTF-8 to `path`.
    /// - Throws: ``OutputFileError``; the destination is then unchanged.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`.
    /// - Throws: ``OutputFileError``; the destination is then unchanged.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        let file = try TemporaryFile(destination: path)
        do {
            try file.append(bytes)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes what `produce` appends, chunk by chunk, to `path` (for outputs too large to build
    /// in memory first). The file appears only if `produce` returns normally; if it throws, the
    /// error is rethrown as it is and the destination is unchanged.
    /// - Throws: the producer's error, or ``OutputFileError``.
    public static func write(to path: String, _ produce: (Sink) throws -> Void) throws {
        let file = try TemporaryFile(destination: path)
        do {
            try produce(Sink(file: file))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Appends to the temporary file of ``write(to:_:)``.
    public struct Sink {
        fileprivate let file: TemporaryFile

        /// Appends UTF-8 text.
        public func append(_ text: String) throws(OutputFileError) {
            try file.append(Array(text.utf8))
        }

        /// Appends bytes.
        public func append(_ bytes: [UInt8]) throws(OutputFileError) {
            try file.append(bytes)
        }
    }
}

/// The temporary file beside a destination, open for writing.
private final class TemporaryFile {
    let destination: String
    let temporaryPath: String
    let directory: String
    private var descriptor: Int32

    init(destination: String) throws(OutputFileError) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let name = url.lastPathComponent
        directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .isDirectory(path: destination)
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryNotFound(path: destination, directory: directory)
        }
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF, radix: 16)
            let candidate = directory + "/." + name + ".tmp-" + suffix
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                temporaryPath = candidate
                descriptor = fd
                return
            }
            let code = errno
            attempt += 1
            guard code == EEXIST, attempt < 100 else {
                throw .cannotCreate(path: destination, reason: systemMessage(code))
            }
        }
    }

    /// Appends all of `bytes`, retrying short writes and interrupted calls.
    func append(_ bytes: [UInt8]) throws(OutputFileError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw .cannotWrite(path: destination, reason: systemMessage(failure)) }
    }

    /// Flushes, closes and renames onto the destination.
    func commit() throws(OutputFileError) {
        if fsync(descriptor) != 0 {
            throw .cannotWrite(path: destination, reason: systemMessage(errno))
        }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 { throw .cannotWrite(path: destination, reason: systemMessage(errno)) }
        if rename(temporaryPath, destination) != 0 {
            throw .cannotReplace(path: destination, reason: systemMessage(errno))
        }
        // Make the new directory entry durable too (best effort: not every file system allows it).
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            _ = close(directoryDescriptor)
        }
    }

    /// Closes and removes the temporary file (after a failure).
    func discard() {
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
        _ = unlink(temporaryPath)
    }

    deinit {
        if descriptor >= 0 { discard() }
    }
}

/// The C library's `write(2)` (the name is taken by the writer's own methods).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// Why an output file could not be written. Whatever the case, the destination is untouched: it
/// keeps its previous contents, or does not exist (see ``AtomicFileWriter``).
public enum OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory the file should go in does not exist (or is not a directory).
    case directoryNotFound(path: String, directory: String)
    /// The destination is a directory.
    case isDirectory(path: String)
    /// The temporary file beside the destination could not be created (permissions, read-only
    /// file system); `reason` is the system's.
    case cannotCreate(path: String, reason: String)
    /// Writing or flushing the data failed (disk full, I/O error).
    case cannotWrite(path: String, reason: String)
    /// The finished temporary file could not be renamed onto the destination.
    case cannotReplace(path: String, reason: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let path, let directory):
            return "\(path): cannot write: the directory '\(directory)' does not exist"
        case .isDirectory(let path):
            return "\(path): cannot write: it is a directory"
        case .cannotCreate(let path, let reason):
            return "\(path): cannot write: \(reason) (nothing was written)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason) (the file was left as it was)"
        case .cannotReplace(let path, let reason):
            return "\(path): cannot replace the file: \(reason) (the file was left as it was)"
        }
    }
}

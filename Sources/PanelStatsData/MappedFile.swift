#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes mapped read-only into memory (`mmap`), for the CSV reader: no copy into the
/// process. The pages are not mapped up front (`MAP_POPULATE`, one thread): the parallel reader
/// maps each piece's pages on its own core (`LargeBuffers.populate(_:for:minimumBytes:)`); a
/// small file is faulted in as it is read, the kernel mapping 16 cached pages per fault, and
/// `MADV_SEQUENTIAL` reads ahead. The
/// mapping lives as long as the value's ``withBytes(_:)`` call; it is unmapped afterwards.
struct MappedFile {
    /// Maps the file at `path` and calls `body` with its bytes; `nil` when the file cannot be
    /// opened or mapped (the caller then reads it another way and reports the error).
    static func withBytes<R>(path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let flags = MAP_PRIVATE
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else { return nil }
        defer { munmap(address, size) }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        return body(UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size))
    }
}

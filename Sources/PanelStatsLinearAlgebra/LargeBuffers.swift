#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Large arrays that are written once and never read before (CSV columns, group codes,
/// residuals): made without zeroing, and on Linux backed by transparent huge pages when the
/// system allows it (issue 7).
///
/// Why: a new array's memory is mapped by the kernel one page at a time on first touch. With
/// 4 KiB pages, that first touch costs far more than the write itself — on the 2-core benchmark
/// VM, writing 160 MB of fresh memory took 0.17 s against 0.035 s for memory already mapped;
/// with `madvise(MADV_HUGEPAGE)` before the first touch the same 160 MB took 0.03 s (one fault
/// per 2 MiB instead of per 4 KiB). In a whole `panelstats fit` the gain is smaller (medians,
/// busy host: 10⁶ rows 0.112 → 0.101 s, 10⁷ rows 1.24 → 1.20 s), as the fit is bound by
/// instructions more than by page faults. Nothing
/// is reserved or pinned; where huge pages are off (`transparent_hugepage=never`) or the call is
/// refused, the array behaves exactly as before.
package enum LargeBuffers {
    /// Arrays from this many bytes are advised (below it, huge pages would only round up memory).
    package static let minimumBytes = 4 << 20

    /// An array of `count` elements whose contents are unset: every element must be written
    /// before it is read (`Element` a trivial type such as `Double` or `Int32`).
    package static func uninitialized<Element: BitwiseCopyable>(_: Element.Type = Element.self, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// An array of `count` zeros, the pages advised before they are zeroed.
    package static func zeros(count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            if let base = buffer.baseAddress { base.initialize(repeating: 0, count: count) }
            initialized = count
        }
    }

    /// What the pages of ``populate(_:for:minimumBytes:)`` are mapped for.
    package enum PageUse: Sendable {
        /// Pages of a mapped file about to be read (`MADV_POPULATE_READ`).
        case reading
        /// Fresh pages about to be written (`MADV_POPULATE_WRITE`).
        case writing
    }

    /// Maps the whole pages inside `buffer` now, in one call (`madvise(MADV_POPULATE_READ)` or
    /// `MADV_POPULATE_WRITE`, Linux 5.14 and later), instead of one fault per page (or per 16
    /// cached pages of a file) at their first use; the contents are left as they were. No effect
    /// below `minimumBytes` (by default half of ``minimumBytes``: a group code array of 10⁶ rows,
    /// 4 MB, is populated), off Linux or when refused.
    package static func populate(
        _ buffer: UnsafeRawBufferPointer, for use: PageUse = .writing, minimumBytes: Int = minimumBytes / 2
    ) {
        #if os(Linux)
        guard buffer.count >= max(minimumBytes, 1), let base = buffer.baseAddress else { return }
        // Not in every libc's headers.
        let advice: Int32 = use == .reading ? 22 : 23  // MADV_POPULATE_READ, MADV_POPULATE_WRITE
        let page = UInt(4096)
        let first = (UInt(bitPattern: base) + page - 1) / page * page
        let last = UInt(bitPattern: base + buffer.count) / page * page
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, Int(last - first), advice)
        #endif
    }

    /// Asks the kernel to back the pages of `buffer` (rounded out to whole pages: the pages it
    /// shares with its neighbours only get the same advice) by huge pages. Before the first touch
    /// of those pages it takes effect at once; afterwards it is a hint to the kernel's background
    /// collapsing. No effect below ``minimumBytes`` or off Linux.
    package static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= minimumBytes, let base = buffer.baseAddress else { return }
        let page = UInt(4096)
        let first = UInt(bitPattern: base) / page * page
        let last = (UInt(bitPattern: base + buffer.count) + page - 1) / page * page
        guard let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, Int(last - first), MADV_HUGEPAGE)
        #endif
    }
}

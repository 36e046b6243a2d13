import Dispatch

/// Runs `body(i)` for `i` in `0..<count` on all cores (`DispatchQueue.concurrentPerform`) and
/// returns when every call has finished.
///
/// `concurrentPerform` takes a `@Sendable` closure; the package's kernels hand each worker
/// disjoint slices of buffers they own (columns, row ranges) through unsafe pointers, which are
/// not `Sendable`. Because the call is synchronous and each index writes only its own slice, the
/// closure is passed through unchecked — the data-race freedom is the caller's, by construction.
package func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let box = UncheckedSendableBox(escapable)
        DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
    }
}

/// A value passed to concurrent workers without a `Sendable` check (see ``parallelFor(_:_:)``).
package struct UncheckedSendableBox<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}

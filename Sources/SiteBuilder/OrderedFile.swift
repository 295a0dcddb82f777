import AcademyCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A file written from numbered parts that arrive in any order from parallel tasks: each part is written
/// as soon as every part before it has been, and then let go.
///
/// The manual and the search index gather every module of a language. Kept in memory until the last
/// module was done, they were 11 MB of fresh pages for a 1,000-lesson course, and writing them was a
/// serial stretch at the end of the build. Written this way, most of them are on disk before the last
/// module is rendered.
final class OrderedFile: Sendable {
    private struct State {
        var descriptor: Int32
        var next = 0
        var waiting: [Int: [UInt8]] = [:]
        /// The first failed write's error number; later writes are skipped.
        var writeError: Int32?

        mutating func write(_ bytes: [UInt8]) {
            guard writeError == nil else { return }
            writeError = bytes.withUnsafeBytes { FileOutput.writeAll($0, to: descriptor) }
        }
    }

    let path: String
    private let count: Int
    private let tail: [UInt8]
    private let state: Mutex<State>

    /// Creates the file and writes `head`; `count` parts numbered from 0 are to follow, then `tail`.
    init(path: String, head: [UInt8], parts count: Int, tail: [UInt8]) throws {
        let descriptor = try FileOutput.create(path)
        self.path = path
        self.count = count
        self.tail = tail
        var state = State(descriptor: descriptor)
        state.write(head)
        self.state = Mutex(state)
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { Glibc.close(state.descriptor) }
        }
    }

    /// Hands over part `index`; writes it and any parts it was holding up.
    func submit(_ index: Int, _ part: [UInt8]) {
        state.withLock { state in
            state.waiting[index] = part
            while let ready = state.waiting.removeValue(forKey: state.next) {
                state.write(ready)
                state.next += 1
            }
        }
    }

    /// Writes the tail after the last part and closes the file; throws if a part is missing or a write
    /// failed.
    func finish() throws {
        let (descriptor, writeError, next) = state.withLock { state in
            if state.next == count { state.write(tail) }
            defer { state.descriptor = -1 }
            return (state.descriptor, state.writeError, state.next)
        }
        try FileOutput.close(descriptor, path: path, writeError: writeError)
        guard next == count else {
            throw ContentError([Diagnostic(path: path, line: 0, message: "part \(next + 1) of \(count) was never written")])
        }
    }
}

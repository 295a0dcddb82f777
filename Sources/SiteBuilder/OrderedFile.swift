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
        var error: Errno?
    }

    private struct Errno: Error {
        var code: Int32
    }

    let path: String
    private let count: Int
    private let state: Mutex<State>

    /// Creates the file and writes `head`; `count` parts are to follow, numbered from 0.
    init(path: String, head: [UInt8], parts count: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        self.path = path
        self.count = count
        state = Mutex(State(descriptor: descriptor))
        try state.withLock { state in
            Self.write(head, to: &state)
            if let error = state.error { throw Self.failure(path, error) }
        }
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
        }
    }

    /// Hands over part `index`; writes it and any parts it was holding up.
    func submit(_ index: Int, _ part: [UInt8]) {
        state.withLock { state in
            state.waiting[index] = part
            while let ready = state.waiting.removeValue(forKey: state.next) {
                Self.write(ready, to: &state)
                state.next += 1
            }
        }
    }

    /// Writes `tail` after the last part and closes the file; throws if a part is missing or a write failed.
    func finish(tail: [UInt8]) throws {
        try state.withLock { state in
            guard state.next == count else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "part \(state.next) of \(count) never came"])
            }
            Self.write(tail, to: &state)
            let descriptor = state.descriptor
            state.descriptor = -1
            if close(descriptor) != 0 && state.error == nil { state.error = Errno(code: errno) }
            if let error = state.error { throw Self.failure(path, error) }
        }
    }

    private static func failure(_ path: String, _ error: Errno) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: error.code) ?? .EIO)])
    }

    /// Writes all of `bytes`, or records the first error (later writes are skipped).
    private static func write(_ bytes: [UInt8], to state: inout State) {
        guard state.error == nil else { return }
        let descriptor = state.descriptor
        let failure: Int32? = bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return written < 0 ? errno : ENOSPC
                }
            }
            return nil
        }
        if let failure { state.error = Errno(code: failure) }
    }
}

import AcademyCore
#if canImport(Glibc)
import Glibc
#endif

/// Writing the build's files with plain system calls: `Data.write(to:)` adds stat calls and a temporary
/// file per page, a measurable share of a build, and atomicity per file buys nothing because the whole
/// build is swapped in at the end. A failure is reported like a content problem, with the path and the
/// system's reason ("No space left on device"), and fails the build.
enum FileOutput {
    /// Creates (or truncates) `path` for writing.
    static func create(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create the file", errno) }
        return descriptor
    }

    /// Writes all of `bytes`; returns the system's error number if a write failed.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
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

    /// Closes `descriptor`, turning an earlier write error or a failed close into the build's error.
    static func close(_ descriptor: Int32, path: String, writeError: Int32?) throws {
        let closed = Glibc.close(descriptor) == 0 ? nil : errno
        if let code = writeError ?? closed { throw failure(path, "cannot write the file", code) }
    }

    /// Writes a new file whole.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = try create(path)
        try close(descriptor, path: path, writeError: writeAll(bytes, to: descriptor))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { buffer in try write(buffer, to: path) }
    }

    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { buffer in try write(UnsafeRawBufferPointer(buffer), to: path) }
    }

    /// Makes folders whose parents exist or come earlier in the list, with one mkdir each: FileManager's
    /// checks per folder showed in profiles.
    static func makeFolders(_ folders: [String]) throws {
        for path in folders where mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw failure(path, "cannot create the folder", errno)
        }
    }

    static func failure(_ path: String, _ what: String, _ code: Int32) -> ContentError {
        ContentError([Diagnostic(path: path, line: 0, message: "\(what): \(String(cString: strerror(code)))")])
    }
}

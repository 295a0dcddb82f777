import AcademyCore
import Foundation

/// Writes the build's files. Each file is written whole; atomicity per file buys nothing because the
/// whole build is swapped in at the end. A failure is reported like a content problem, with the path and
/// the system's reason ("No space left on device"), and fails the build.
enum FileOutput {
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// With C's stdio, which every platform Swift runs on has, because Foundation's `Data.write` does not
    /// say why it failed on Linux.
    static func write(_ data: Data, to path: String) throws {
        guard let file = fopen(path, "wb") else { throw failure(path, "cannot write the file", errno) }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let writeError = written == data.count ? nil : errno
        let closeError = fclose(file) == 0 ? nil : errno
        if let code = writeError ?? closeError { throw failure(path, "cannot write the file", code) }
    }

    /// Makes each folder, and any missing parent.
    static func makeFolders(_ folders: [String]) throws {
        for path in folders {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw failure(path, "cannot create the folder", error)
            }
        }
    }

    static func failure(_ path: String, _ what: String, _ code: Int32) -> ContentError {
        ContentError([Diagnostic(path: path, line: 0, message: "\(what): \(String(cString: strerror(code)))")])
    }

    /// "PATH: what: the system's reason", from the POSIX error under Foundation's.
    static func failure(_ path: String, _ what: String, _ error: any Error) -> ContentError {
        ContentError([Diagnostic(path: path, line: 0, message: "\(what): \(systemReason(error))")])
    }

    static func systemReason(_ error: any Error) -> String {
        var current = error as NSError
        while true {
            if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
            guard let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError else { break }
            current = underlying
        }
        return error.localizedDescription
    }
}

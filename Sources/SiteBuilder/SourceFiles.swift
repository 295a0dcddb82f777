import AcademyCore
import CommonMark
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Markdown file split into its YAML front matter and its body. The body stays in the file's text,
/// found by its byte offset, and is rendered from there.
struct MarkdownFile {
    let text: String
    var frontMatter: String?
    /// 1-based line of the file on which the front matter's YAML starts.
    var frontMatterLine: Int
    /// Byte offset in `text` at which the body starts.
    var bodyOffset: Int
    /// 1-based line of the file on which the body starts.
    var bodyLine: Int

    init(_ text: String) {
        self.text = text
        frontMatter = nil
        frontMatterLine = 1
        bodyOffset = 0
        bodyLine = 1
        var text = text
        // Scans bytes rather than Characters: grapheme breaking over every lesson was a measurable cost.
        text.withUTF8 { bytes in
            func isDelimiter(_ start: Int, _ end: Int) -> Bool {
                var last = end
                while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0D || bytes[last - 1] == 0x09 { last -= 1 }
                return last - start == 3 && bytes[start] == 0x2D && bytes[start + 1] == 0x2D && bytes[start + 2] == 0x2D
            }
            var lineStart = 0
            var line = 1
            var frontStart: Int?
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if isDelimiter(lineStart, lineEnd) {
                    if let start = frontStart {
                        frontMatter = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, lineStart - 1)]), as: UTF8.self)
                        frontMatterLine = 2
                        bodyOffset = min(bytes.count, lineEnd + 1)
                        bodyLine = line + 1
                        return
                    }
                    if line == 1 { frontStart = min(bytes.count, lineEnd + 1) }
                } else if line == 1 {
                    return
                }
                lineStart = lineEnd + 1
                line += 1
            }
        }
    }

    /// The body's text.
    var body: Substring {
        Substring(text.utf8.dropFirst(bodyOffset))
    }

    /// The body, rendered.
    func renderBody() -> RenderedMarkdown {
        var text = text
        return text.withUTF8 { CommonMark.render(utf8: UnsafeBufferPointer(rebasing: $0[bodyOffset...]), firstLine: bodyLine) }
    }

    /// The SHA-256 of the whole file, in hex: what progress and attempts record as the version seen.
    var contentHash: String {
        sha256Hex(text)
    }
}

/// The content root and how to read files below it, with paths reported relative to it.
struct ContentRoot: Sendable {
    let url: URL

    func relative(_ file: URL) -> String {
        let base = url.standardizedFileURL.path
        let full = file.standardizedFileURL.path
        guard full.hasPrefix(base) else { return full }
        return String(full.dropFirst(base.count).drop(while: { $0 == "/" }))
    }

    /// Reads a UTF-8 text file with open and read: `Data(contentsOf:)` stats and copies more, and every
    /// lesson of a build goes through here.
    func read(_ file: URL, log: DiagnosticLog) -> String? {
        let path = file.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            log.error(relative(file), 0, "cannot read the file: \(String(cString: strerror(errno)))")
            return nil
        }
        defer { close(descriptor) }
        var status = stat()
        // Room for the whole file and a byte more, so that one read reaches the end; a file that grew
        // meanwhile gets more room.
        var bytes = [UInt8](repeating: 0, count: fstat(descriptor, &status) == 0 ? Int(status.st_size) + 1 : 16 * 1024)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read > 0 {
                count += read
            } else if read == 0 {
                break
            } else if errno != EINTR {
                log.error(relative(file), 0, "cannot read the file: \(String(cString: strerror(errno)))")
                return nil
            }
        }
        bytes.removeLast(bytes.count - count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            log.error(relative(file), 0, "the file is not valid UTF-8")
            return nil
        }
        return text
    }

    func list(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    func isDirectory(_ file: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: file.path, isDirectory: &directory) && directory.boolValue
    }
}

func sha256Hex(_ text: String) -> String {
    var text = text
    return text.withUTF8 { hexString(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
}

/// Ids are lowercase words joined by hyphens, so they can be URLs and never need escaping.
func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, first.properties.isLowercase || ("0"..."9").contains(first) else { return false }
    var previousHyphen = false
    for scalar in id.unicodeScalars {
        let isHyphen = scalar == "-"
        guard isHyphen || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) else { return false }
        if isHyphen && previousHyphen { return false }
        previousHyphen = isHyphen
    }
    return !previousHyphen
}

import AcademyCore
import CommonMark
import Crypto
import Foundation

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

/// A file or folder below the content root.
struct ContentFile: Sendable {
    /// Relative to the content root, as diagnostics report it: `Curriculum/modules/01-x/module.md`.
    var path: String
    var name: String
    var isDirectory: Bool

    /// The name's part after its last dot, or "".
    var pathExtension: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The name without its extension.
    var baseName: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// The content root and how to read files below it. Paths are strings relative to the root, which is
/// how diagnostics report them: a thousand lessons' worth of `URL` arithmetic was a visible share of
/// a build.
struct ContentRoot: Sendable {
    /// The root's path, without a trailing slash.
    let base: String

    init(url: URL) {
        var base = url.standardizedFileURL.path
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    func absolute(_ path: String) -> String {
        base == "/" ? "/" + path : base + "/" + path
    }

    /// Reads a Markdown file that must open with front matter, and its front matter's keys (only
    /// `allowed`). Nil, with the problem reported, when the file cannot be read or has none.
    /// - Parameter what: what the file is, for the messages ("a lesson", "module.md").
    func frontMatter(_ path: String, allowed: Set<String>, what: String, log: DiagnosticLog) -> (MarkdownFile, YAMLObject)? {
        guard let text = read(path, log: log) else { return nil }
        let markdown = MarkdownFile(text)
        guard let front = markdown.frontMatter else {
            log.error(path, 1, "\(what) must start with front matter between --- lines")
            return nil
        }
        let offset = markdown.frontMatterLine - 1
        guard let object = YAMLObject(
            parseYAML(front, path: path, lineOffset: offset, log: log), path: path, lineOffset: offset, log: log,
            allowed: allowed, what: "\(what)'s front matter"
        ) else { return nil }
        return (markdown, object)
    }

    /// Reads a UTF-8 text file; a problem is reported at the file.
    func read(_ path: String, log: DiagnosticLog) -> String? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolute(path)))
        } catch {
            log.error(path, 0, "cannot read the file: \(FileOutput.systemReason(error))")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(path, 0, "the file is not valid UTF-8")
            return nil
        }
        return text
    }

    /// The entries of a folder, hidden ones left out, sorted by name; none when it cannot be read.
    func list(_ folder: String) -> [ContentFile] {
        let full = absolute(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full + "/" + name, isDirectory: &isDirectory)
            return ContentFile(path: folder + "/" + name, name: name, isDirectory: isDirectory.boolValue)
        }
    }

    /// Every Markdown and YAML file below `folders`, depth first, in name order.
    func textFiles(below folders: [String]) -> [String] {
        var found: [String] = []
        func walk(_ folder: String) {
            for entry in list(folder) {
                if entry.isDirectory {
                    walk(entry.path)
                } else if ["md", "yaml"].contains(entry.pathExtension) {
                    found.append(entry.path)
                }
            }
        }
        folders.forEach(walk)
        return found
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: absolute(path))
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

import AcademyCore
import CommonMark
import Crypto
import Foundation

/// A Markdown file split into its YAML front matter and its body.
struct MarkdownFile {
    var frontMatter: String?
    /// 1-based line of the file on which the front matter's YAML starts.
    var frontMatterLine: Int
    var body: String
    /// 1-based line of the file on which the body starts.
    var bodyLine: Int

    init(_ text: String) {
        // Scans bytes rather than Characters: grapheme breaking over every lesson was a measurable cost.
        let bytes = Array(text.utf8)
        func isDelimiter(_ start: Int, _ end: Int) -> Bool {
            var last = end
            while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0D || bytes[last - 1] == 0x09 { last -= 1 }
            return last - start == 3 && bytes[start] == 0x2D && bytes[start + 1] == 0x2D && bytes[start + 2] == 0x2D
        }
        var lineStart = 0
        var line = 1
        var frontStart: Int?
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if isDelimiter(lineStart, lineEnd) {
                if let start = frontStart {
                    frontMatter = String(decoding: bytes[start..<max(start, lineStart - 1)], as: UTF8.self)
                    frontMatterLine = 2
                    let bodyStart = min(bytes.count, lineEnd + 1)
                    body = String(decoding: bytes[bodyStart...], as: UTF8.self)
                    bodyLine = line + 1
                    return
                }
                if line == 1 { frontStart = min(bytes.count, lineEnd + 1) }
            } else if line == 1 {
                break
            }
            lineStart = lineEnd + 1
            line += 1
        }
        frontMatter = nil
        frontMatterLine = 1
        body = text
        bodyLine = 1
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

    func read(_ file: URL, log: DiagnosticLog) -> String? {
        do {
            let data = try Data(contentsOf: file)
            guard let text = String(data: data, encoding: .utf8) else {
                log.error(relative(file), 0, "the file is not valid UTF-8")
                return nil
            }
            return text
        } catch {
            log.error(relative(file), 0, "cannot read the file: \(error.localizedDescription)")
            return nil
        }
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
    hexString(SHA256.hash(data: Data(text.utf8)))
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

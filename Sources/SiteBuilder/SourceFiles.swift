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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true,
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            frontMatter = nil
            frontMatterLine = 1
            body = text
            bodyLine = 1
            return
        }
        frontMatter = lines[1..<end].joined(separator: "\n")
        frontMatterLine = 2
        body = lines[(end + 1)...].joined(separator: "\n")
        bodyLine = end + 2
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
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
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

import AcademyCore
import Foundation

/// `academy translations stamp`: records in a translation the hash of the English it now matches, after
/// a translator or reviewer has brought it up to date. Only the `source_hash` lines change; the rest of
/// the file is left exactly as written.
public struct TranslationStamper: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every translation file below Curriculum/ and Assessments/, relative to the root.
    public func translationFiles() -> [String] {
        let contentRoot = ContentRoot(url: root)
        var found: [String] = []
        func walk(_ folder: String) {
            for entry in contentRoot.list(folder) {
                if entry.isDirectory { walk(entry.path) } else if let parts = translationParts(of: entry.name), ["md", "yaml"].contains(parts.ext) {
                    if !folder.hasSuffix("/locales") { found.append(entry.path) }
                }
            }
        }
        walk("Curriculum")
        walk("Assessments")
        return found
    }

    /// Stamps one translation (a path relative to the root) and returns how many hashes it wrote.
    @discardableResult
    public func stamp(_ path: String) throws -> Int {
        guard let parts = translationParts(of: (path as NSString).lastPathComponent) else {
            throw Failure(description: "\(path): not a translation (a translation is named like NAME.ru.md or NAME.ru.yaml)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let source = (folder.isEmpty ? "" : folder + "/") + parts.base + "." + parts.ext
        let contentRoot = ContentRoot(url: root)
        let log = DiagnosticLog()
        guard let text = contentRoot.read(path, log: log) else { throw Failure(description: log.items.map(\.description).joined(separator: "\n")) }
        guard contentRoot.exists(source), let sourceText = contentRoot.read(source, log: log) else {
            throw Failure(description: "\(path): its English source \(source) does not exist")
        }
        let stamped: String
        var count = 1
        if parts.ext == "md" {
            stamped = try Self.stampFrontMatter(text, hash: TextHash.of(Data(sourceText.utf8)), path: path)
        } else {
            let (fileHash, entries) = try hashes(ofSource: source, contentRoot: contentRoot)
            stamped = Self.stampYAML(text, fileHash: fileHash, entries: entries)
            count = (fileHash == nil ? 0 : 1) + Set(entries.values).filter { stamped.contains("source_hash: \($0)") }.count
        }
        if stamped != text {
            try Data(stamped.utf8).write(to: root.appendingPathComponent(path), options: .atomic)
        }
        return count
    }

    /// The hashes an overlay of `source` records: one for the file's own texts, and one per entry.
    private func hashes(ofSource source: String, contentRoot: ContentRoot) throws -> (String?, [String: String]) {
        let log = DiagnosticLog()
        if source == "Curriculum/curriculum.yaml" {
            guard let curriculum = CurriculumLoader(root: contentRoot, log: log).loadCurriculumFile(), log.items.allSatisfy({ $0.severity != .error }) else {
                throw Failure(description: "cannot stamp: \(source) has problems; run academy check")
            }
            return (TextHash.of(curriculum.translatableTexts), [:])
        }
        let assessments = AssessmentLoader(root: contentRoot, log: log).load()
        if let bank = assessments.banks.first(where: { $0.path == source })?.bank {
            return (nil, Dictionary(bank.questions.map { ($0.id, $0.textHash) }, uniquingKeysWith: { first, _ in first }))
        }
        if let exam = assessments.exams.first(where: { $0.path == source })?.exam {
            return (TextHash.of([exam.title]), [:])
        }
        if let rubric = assessments.rubrics.first(where: { $0.path == source })?.rubric {
            return (rubric.textHash, Dictionary(rubric.criteria.map { ($0.id, $0.textHash) }, uniquingKeysWith: { first, _ in first }))
        }
        throw Failure(description: "cannot stamp: \(source) did not load (run academy check), or it has no translations")
    }

    /// Sets `source_hash` in a Markdown file's front matter.
    static func stampFrontMatter(_ text: String, hash: String, path: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw Failure(description: "\(path): a translation must start with front matter between --- lines")
        }
        if let line = lines[1..<end].firstIndex(where: { $0.hasPrefix("source_hash:") }) {
            lines[line] = "source_hash: \(hash)"
        } else {
            lines.insert("source_hash: \(hash)", at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// Sets the top-level `source_hash` (when `fileHash` is given) and one under each `- id: X` entry
    /// whose id has a hash.
    static func stampYAML(_ text: String, fileHash: String?, entries: [String: String]) -> String {
        var lines = text.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix("- id:") else { index += 1; continue }
            let id = rest.dropFirst("- id:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            guard let hash = entries[id] else { index += 1; continue }
            let childIndent = String(repeating: " ", count: indent + 2)
            // Remove the entry's old hash, then write the new one after its id.
            var next = index + 1
            while next < lines.count {
                let candidate = lines[next]
                let candidateIndent = candidate.prefix { $0 == " " }.count
                if !candidate.trimmingCharacters(in: .whitespaces).isEmpty && candidateIndent <= indent { break }
                if candidate.hasPrefix(childIndent + "source_hash:") && candidateIndent == indent + 2 {
                    lines.remove(at: next)
                } else {
                    next += 1
                }
            }
            lines.insert(childIndent + "source_hash: \(hash)", at: index + 1)
            index += 2
        }
        if let fileHash {
            if let line = lines.firstIndex(where: { $0.hasPrefix("source_hash:") }) {
                lines[line] = "source_hash: \(fileHash)"
            } else {
                let after = lines.firstIndex { $0.hasPrefix("machine_assisted:") || $0.hasPrefix("reviewed_on:") }
                    ?? (lines.firstIndex { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0 - 1 } ?? -1)
                lines.insert("source_hash: \(fileHash)", at: after + 1)
            }
        }
        return lines.joined(separator: "\n")
    }
}

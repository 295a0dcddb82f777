import AcademyCore
import Crypto
import Foundation

/// What each translation file says about itself: who reviewed it, and which English it was made from.
struct TranslationMeta: Sendable {
    static let keys: Set<String> = ["machine_assisted", "reviewed_by", "reviewed_on", "source_hash"]

    var machineAssisted: Bool
    var reviewedBy: String?
    var sourceHash: String?

    /// Reads the keys from a front matter or an overlay's top level, reporting what contradicts itself.
    init(_ object: YAMLObject) {
        reviewedBy = object.string("reviewed_by", required: false)
        let reviewedOn = object.string("reviewed_on", required: false)
        let declared = object.bool("machine_assisted", required: false)
        machineAssisted = declared ?? (reviewedBy == nil)
        if !machineAssisted && reviewedBy == nil {
            object.log.error(object.path, object.lineOf(key: "machine_assisted"), "a translation that is not machine-assisted names its reviewer in reviewed_by")
        }
        if declared == true && reviewedBy != nil {
            object.log.error(object.path, object.lineOf(key: "machine_assisted"), "a reviewed translation is no longer machine-assisted: remove machine_assisted")
        }
        if reviewedBy != nil && reviewedOn == nil {
            object.log.error(object.path, object.lineOf(key: "reviewed_by"), "a review names its day in reviewed_on (YYYY-MM-DD)")
        }
        if let reviewedOn, !TranslationMeta.isDay(reviewedOn) {
            object.log.error(object.path, object.lineOf(key: "reviewed_on"), "reviewed_on must be a day written YYYY-MM-DD, not '\(reviewedOn)'")
        }
        sourceHash = TranslationMeta.sourceHash(object)
    }

    /// An entry's `source_hash`, checked for shape.
    static func sourceHash(_ object: YAMLObject) -> String? {
        guard let hash = object.string("source_hash", required: false) else { return nil }
        guard hash.count == TextHash.length, hash.allSatisfy(\.isHexDigit) else {
            object.log.error(object.path, object.lineOf(key: "source_hash"), "source_hash must be the \(TextHash.length) hex digits `academy translations stamp` writes")
            return nil
        }
        return hash.lowercased()
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}

/// A translation's `source_hash`: the first 12 hex digits of the SHA-256 of the source's texts.
public enum TextHash {
    public static let length = 12

    static func of(_ parts: [String]) -> String {
        of(Data(parts.joined(separator: "\u{1F}").utf8))
    }

    static func of(_ data: Data) -> String {
        String(hexString(SHA256.hash(data: data)).prefix(length))
    }
}

extension Question {
    /// Every text a translation renders, in a fixed order.
    var translatableTexts: [String] {
        var parts = [prompt, explanation, feedback ?? "", context ?? "", utterance ?? ""]
        for choice in choices ?? [] { parts += [choice.text, choice.feedback ?? ""] }
        parts += items ?? []
        for pair in pairs ?? [] { parts += [pair.left, pair.right] }
        return parts
    }

    /// The fingerprint of the texts a translation renders: it changes when any of them changes, and not
    /// when a key or a score does.
    var textHash: String { TextHash.of(translatableTexts) }

    var textWords: Int { translatableTexts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count } }
}

extension Rubric {
    /// The fingerprint of the rubric's own texts (title, description, scale labels).
    var textHash: String { TextHash.of([title, description] + scaleLabels) }
}

extension Rubric.Criterion {
    var textHash: String { TextHash.of([title, description, notApplicableWhen ?? ""] + levels) }
}

/// One translated item (a file, a question, a criterion) and how it stands: what `academy translations
/// status` counts and `academy check --json` lists when stale.
public struct TranslationRecord: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case curriculum, module, lesson, glossary, trainer, question, exam, rubric
    }

    public var language: String
    public var kind: Kind
    /// The item's id (`qt-q01`, `mock-interview/legal-setup`, a lesson's id, `glossary`).
    public var item: String
    /// The translation file.
    public var path: String
    /// The English it translates.
    public var source: String
    /// Words of the English source.
    public var words: Int
    public var machineAssisted: Bool
    /// When the English changed after the translation was made; nil while it is current.
    public var sourceUpdated: String?

    enum CodingKeys: String, CodingKey {
        case language, kind, item, path, source, words
        case machineAssisted = "machine_assisted"
        case sourceUpdated = "source_updated"
    }

    var state: TranslationState { TranslationState(machineAssisted: machineAssisted, sourceUpdated: sourceUpdated) }
}

/// The day each English source last changed: its last commit when the content is a Git work tree, else
/// its modification day. Asked only for stale translations: the first question reads the whole history
/// of the content in one `git log`, however many translations are stale.
final class SourceDates: @unchecked Sendable {
    private let root: URL
    private let lock = NSLock()
    private var lastCommits: [String: String]?

    init(root: URL) {
        self.root = root
    }

    func day(of path: String) -> String {
        lock.lock()
        if lastCommits == nil { lastCommits = readHistory() }
        let day = lastCommits?[path]
        lock.unlock()
        return day ?? modificationDay(path)
    }

    /// How a translation made from `recorded` stands against the source whose text hashes to `current`.
    func state(recorded: String?, current: String, source: String, machineAssisted: Bool, reviewedBy: String? = nil) -> TranslationState {
        TranslationState(machineAssisted: machineAssisted, reviewedBy: reviewedBy, sourceUpdated: recorded == current ? nil : day(of: source))
    }

    /// Path (relative to the root) → the day of the newest commit that changed it; empty outside Git.
    private func readHistory() -> [String: String] {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "log", "--format=@%cs", "--name-only", "--relative", "--", "Curriculum", "Assessments"]
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle.nullDevice
        do { try git.run() } catch { return [:] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        guard git.terminationStatus == 0 else { return [:] }
        var days: [String: String] = [:]
        var current = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("@") {
                current = String(line.dropFirst())
            } else if days[String(line)] == nil, TranslationMeta.isDay(current) {
                days[String(line)] = current
            }
        }
        return days
    }

    private func modificationDay(_ path: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
        let date = attributes?[.modificationDate] as? Date ?? Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

/// `name.ru.md` → ("name", "ru"); nil for a name without a language part.
func translationParts(of name: String) -> (base: String, language: String, ext: String)? {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, (2...3).contains(parts[1].count), parts[1].allSatisfy(\.isLowercase) else { return nil }
    return (String(parts[0]), String(parts[1]), String(parts[2]))
}

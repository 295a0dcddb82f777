import Foundation
import AcademyCore
import Yams

/// Collects the diagnostics of one load. Each file's loader owns one; they are merged afterwards.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    func error(_ path: String, _ line: Int, _ message: String) {
        items.append(Diagnostic(path: path, line: line, message: message))
    }

    func warning(_ path: String, _ line: Int, _ message: String) {
        items.append(Diagnostic(path: path, line: line, message: message, severity: .warning))
    }

    func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }
}

/// A YAML mapping read key by key, with every problem reported at its file and line.
///
/// Content is typed by hand rather than through `Decodable` because authors need the line of the
/// offending key, and because a misspelt key must be an error, not silently ignored.
struct YAMLObject {
    let value: YAMLValue
    let path: String
    /// Added to the YAML's line numbers: the YAML may start below the top of the file (front matter).
    let lineOffset: Int
    let log: DiagnosticLog
    /// Start line of the mapping in the file.
    let line: Int

    /// Reads `node` as a mapping whose keys must all be in `allowed`. A nil node is YAML that did not
    /// parse, which `parseYAML` has reported already: it is not reported again.
    init?(_ node: YAMLValue?, path: String, lineOffset: Int = 0, log: DiagnosticLog, allowed: Set<String>, what: String) {
        guard let node else { return nil }
        let line = node.line + lineOffset
        guard let pairs = node.pairs else {
            log.error(path, line, "\(what) must be a mapping of keys to values")
            return nil
        }
        self.value = node
        self.path = path
        self.lineOffset = lineOffset
        self.log = log
        self.line = line
        for pair in pairs {
            let name = pair.key.text ?? ""
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                log.error(path, lineOf(pair.key), "unknown key '\(name)' in \(what) (known keys: \(known))")
            }
        }
    }

    func lineOf(_ node: YAMLValue) -> Int {
        node.line + lineOffset
    }

    /// The line of `key`'s value, or of the mapping when the key is absent.
    func lineOf(key: String) -> Int {
        value[key].map(lineOf) ?? line
    }

    func has(_ key: String) -> Bool { value[key] != nil }

    private func missing(_ key: String, required: Bool) {
        if required { log.error(path, line, "missing required key '\(key)'") }
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard case .scalar(let scalar, let plain, _) = node, !(plain && ["", "~", "null"].contains(scalar)) else {
            log.error(path, lineOf(node), "'\(key)' must be text")
            return nil
        }
        let text = trimmed(scalar)
        if text.isEmpty && required {
            log.error(path, lineOf(node), "'\(key)' must not be empty")
            return nil
        }
        return text
    }

    func int(_ key: String, required: Bool = true, in range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard case .scalar(let scalar, true, _) = node, let value = Int(scalar) else {
            log.error(path, lineOf(node), "'\(key)' must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            log.error(path, lineOf(node), "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    func double(_ key: String, required: Bool = true) -> Double? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        // Double() also reads "inf" and "nan", which no rule means and course.json cannot hold.
        guard case .scalar(let scalar, true, _) = node, let value = Double(scalar), value.isFinite else {
            log.error(path, lineOf(node), "'\(key)' must be a number")
            return nil
        }
        return value
    }

    func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard case .scalar(let scalar, true, _) = node else {
            log.error(path, lineOf(node), "'\(key)' must be true or false")
            return nil
        }
        switch scalar.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            log.error(path, lineOf(node), "'\(key)' must be true or false")
            return nil
        }
    }

    /// A value from a fixed set (an enum's raw values).
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            log.error(path, lineOf(key: key), "'\(key)' must be one of \(options), not '\(text)'")
            return nil
        }
        return value
    }

    /// A list of text items, each with its line.
    func strings(_ key: String, required: Bool = true) -> [(String, Int)]? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard let sequence = node.items else {
            log.error(path, lineOf(node), "'\(key)' must be a list")
            return nil
        }
        var items: [(String, Int)] = []
        for item in sequence {
            guard let text = item.text else {
                log.error(path, lineOf(item), "every item of '\(key)' must be text")
                continue
            }
            items.append((trimmed(text), lineOf(item)))
        }
        return items
    }

    func object(_ key: String, required: Bool = true, allowed: Set<String>) -> YAMLObject? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        return YAMLObject(node, path: path, lineOffset: lineOffset, log: log, allowed: allowed, what: "'\(key)'")
    }

    func objects(_ key: String, required: Bool = true, allowed: Set<String>, what: String) -> [YAMLObject]? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard let sequence = node.items else {
            log.error(path, lineOf(node), "'\(key)' must be a list")
            return nil
        }
        return sequence.compactMap {
            YAMLObject($0, path: path, lineOffset: lineOffset, log: log, allowed: allowed, what: what)
        }
    }

    /// A mapping from whole numbers to text (rubric levels and scale labels), with each key's line.
    func intKeyedStrings(_ key: String, required: Bool = true) -> [Int: (String, Int)]? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard let inner = node.pairs else {
            log.error(path, lineOf(node), "'\(key)' must map numbers to text")
            return nil
        }
        var result: [Int: (String, Int)] = [:]
        for pair in inner {
            guard let number = pair.key.text.flatMap({ Int($0) }), let text = pair.value.text else {
                log.error(path, lineOf(pair.key), "'\(key)' must map numbers to text")
                continue
            }
            result[number] = (trimmed(text), lineOf(pair.key))
        }
        return result
    }

    /// A mapping from names to whole numbers (pass-rule minimums), with each key's line.
    func namedInts(_ key: String, required: Bool = true) -> [(String, Int, Int)]? {
        guard let node = value[key] else { missing(key, required: required); return nil }
        guard let inner = node.pairs else {
            log.error(path, lineOf(node), "'\(key)' must map names to whole numbers")
            return nil
        }
        var result: [(String, Int, Int)] = []
        for pair in inner {
            guard let name = pair.key.text, let number = pair.value.text.flatMap({ Int($0) }) else {
                log.error(path, lineOf(pair.key), "'\(key)' must map names to whole numbers")
                continue
            }
            result.append((name, number, lineOf(pair.key)))
        }
        return result
    }

    /// White space and line breaks trimmed from both ends. Most values have none, so those are returned
    /// as they are without asking Foundation, which checks every end character against Unicode's tables.
    private func trimmed(_ text: String) -> String {
        // Only the end scalars decide: Cyrillic ends are as common as ASCII ones in translations.
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Parses YAML text, turning a syntax error into a diagnostic at its line.
func parseYAML(_ text: String, path: String, lineOffset: Int = 0, log: DiagnosticLog) -> YAMLValue? {
    do {
        guard let node = try YAMLValue.parse(text) else {
            log.error(path, lineOffset + 1, "the YAML is empty")
            return nil
        }
        return node
    } catch {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            log.error(path, mark.line + lineOffset, "YAML syntax error: \(problem)")
        default:
            log.error(path, lineOffset + 1, "YAML error: \(error)")
        }
        return nil
    }
}

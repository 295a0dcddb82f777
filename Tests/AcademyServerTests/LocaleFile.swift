import AcademyCore
import Foundation

/// The course's locale files as the tests read them: one `key: value` a line (values optionally in double
/// quotes), comments and blank lines skipped. The files use nothing more of YAML.
enum LocaleFile {
    static func values(_ path: String) throws -> [String: String] {
        let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        var values: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[String(line[..<colon])] = value
        }
        return values
    }

    /// Curriculum/locales/en.yaml (empty when it cannot be read: the tests that use it then fail).
    static let english: [String: String] = (try? values("Curriculum/locales/en.yaml")) ?? [:]
}

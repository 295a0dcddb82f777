/// A problem in the content, located by file and line.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    /// The file's path as the author knows it (relative to the content root).
    public var path: String
    /// 1-based; 0 when the problem belongs to the whole file.
    public var line: Int
    public var message: String
    public var severity: Severity

    public init(path: String, line: Int, message: String, severity: Severity = .error) {
        self.path = path
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `path:line: message`, the form editors and terminals link to.
    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return line > 0 ? "\(path):\(line): \(prefix)\(message)" : "\(path): \(prefix)\(message)"
    }
}

/// The content did not validate; every problem found in one run.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

import AcademyCore

/// A fragment of HTML. Interpolated strings are escaped; only `HTML` values go in as they are.
///
///     let name = "<script>"
///     let html: HTML = "<p>\(name)</p>"   // <p>&lt;script&gt;</p>
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public var raw: String

    /// Wraps HTML that is already safe (rendered Markdown, another fragment).
    public init(raw: String) {
        self.raw = raw
    }

    public init(stringLiteral value: String) {
        raw = value
    }

    public init(stringInterpolation: StringInterpolation) {
        raw = stringInterpolation.output
    }

    public var description: String { raw }

    public static let empty = HTML(raw: "")

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(raw: lhs.raw + rhs.raw) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTMLEscaping.escape(text) }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ number: Int64) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.raw }
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { output += fragment.raw }
        }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.raw ?? "" }
    }
}

extension Array where Element == HTML {
    public func joined(separator: HTML = .empty) -> HTML { HTML(raw: map(\.raw).joined(separator: separator.raw)) }
}

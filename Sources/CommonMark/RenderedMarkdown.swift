/// Markdown rendered to HTML, with the places that depend on the page it lands on left open.
///
/// A lesson is parsed once and placed on several pages (its own page in each language that falls back
/// to it, and the printable manual). Links, heading anchors and aside labels differ between those pages,
/// so the renderer leaves them as parts that `html(...)` fills in. Joining parts is cheap; parsing twice
/// is not.
public struct RenderedMarkdown: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        /// Finished HTML.
        case html(String)
        /// A link destination as written (`lesson:intro`, `https://…`, `#top`); the page resolves it.
        case href(String)
        /// A heading's anchor slug, unique within this document; the page may prefix it.
        case anchor(String)
        /// The label of an aside kind (`vignette`, `keypoints`, …); the page localises it.
        case label(String)
        /// A heading's tag name (`h2`) opening or closing; the page may shift its level.
        case headingTag(level: Int)
    }

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var anchor: String
        public var line: Int
    }

    public struct Link: Sendable, Equatable {
        public var destination: String
        public var line: Int

        public init(destination: String, line: Int) {
            self.destination = destination
            self.line = line
        }
    }

    public struct Aside: Sendable, Equatable {
        public var kind: String
        public var title: String
        public var line: Int

        public init(kind: String, title: String, line: Int) {
            self.kind = kind
            self.title = title
            self.line = line
        }
    }

    public var parts: [Part]
    public var headings: [Heading]
    public var links: [Link]
    public var asides: [Aside]
    /// The text without markup, for search and word counts.
    public var plainText: String
    public var wordCount: Int

    /// The plain text with every run of white space folded into one space, for search indexes.
    public var collapsedText: String { collapseWhitespace(plainText) }

    /// Joins the parts into HTML for one page.
    /// - Parameters:
    ///   - resolve: turns a link destination into an `href` value (unescaped; it is escaped here).
    ///   - anchorPrefix: put before every heading anchor, so anchors stay unique when documents share a page.
    ///   - label: the visible label of an aside kind.
    ///   - headingShift: added to every heading level (capped at 6), for documents nested in a page.
    public func html(
        resolve: (String) -> String = { $0 },
        anchorPrefix: String = "",
        label: (String) -> String = { $0 },
        headingShift: Int = 0
    ) -> String {
        var out = ""
        out.reserveCapacity(parts.reduce(0) { size, part in
            if case .html(let text) = part { return size + text.utf8.count }
            return size + 32
        })
        for part in parts {
            switch part {
            case .html(let text): out += text
            case .headingTag(let level): out += "h\(min(6, level + headingShift))"
            case .href(let destination): HTMLEscaping.appendEscaped(resolve(destination), to: &out)
            case .anchor(let slug): HTMLEscaping.appendEscaped(anchorPrefix + slug, to: &out)
            case .label(let kind): HTMLEscaping.appendEscaped(label(kind), to: &out)
            }
        }
        return out
    }
}

/// Escaping for HTML text and attribute values.
public enum HTMLEscaping {
    /// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped; valid in text and quoted attributes.
    @inlinable
    public static func appendEscaped(_ text: String, to out: inout String) {
        var needsEscaping = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsEscaping = true
            break
        }
        guard needsEscaping else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        appendEscaped(text, to: &out)
        return out
    }
}

/// Turns heading text into an anchor: lower case, letters and digits kept (Cyrillic included),
/// everything else folded into single hyphens.
public func slugify(_ text: String) -> String {
    var slug = ""
    var pendingHyphen = false
    for character in text.lowercased() {
        if character.isLetter || character.isNumber {
            if pendingHyphen && !slug.isEmpty { slug.append("-") }
            pendingHyphen = false
            slug.append(character)
        } else {
            pendingHyphen = true
        }
    }
    return slug.isEmpty ? "section" : slug
}

/// Folds runs of ASCII white space into single spaces and trims the ends. Works on bytes: splitting
/// by `Character` costs grapheme breaking, which dominated a 1,000-lesson build.
public func collapseWhitespace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { input in
        // Written straight into the string's storage: this runs over the text of every lesson.
        String(unsafeUninitializedCapacity: input.count) { out in
            var n = 0
            var pendingSpace = false
            for byte in input {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = n > 0
                } else {
                    if pendingSpace {
                        out[n] = 0x20
                        n += 1
                        pendingSpace = false
                    }
                    out[n] = byte
                    n += 1
                }
            }
            return n
        }
    }
}

/// Counts words as runs of bytes between ASCII white space.
func countWords(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for byte in text.utf8 {
        let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
        if !space && !inWord { count += 1 }
        inWord = !space
    }
    return count
}

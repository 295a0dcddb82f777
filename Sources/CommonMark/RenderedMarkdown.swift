import AcademyCore

/// Markdown rendered to HTML, with the places that depend on the page it lands on left open.
///
/// A lesson is parsed once and placed on several pages (its own page in each language that falls back
/// to it, and the printable manual). Links, heading anchors and aside labels differ between those pages,
/// so the renderer leaves them as holes that `write(into:...)` fills in. Filling holes is cheap; parsing
/// twice is not.
public struct RenderedMarkdown: Sendable, Equatable {
    /// A place in `bytes` where page-dependent text goes.
    public struct Hole: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A link destination as written (`lesson:intro`, `https://…`, `#top`); the page resolves it.
            case href(String)
            /// A heading's anchor slug, unique within this document; the page may prefix it.
            case anchor(String)
            /// The label of an aside kind (`vignette`, `keypoints`, …); the page localises it.
            case label(String)
            /// A heading's tag name (`h2`) opening or closing; the page may shift its level.
            case headingTag(level: Int)
        }

        /// Byte offset in `bytes` at which the hole's text is inserted.
        public var offset: Int
        public var kind: Kind
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

    /// The finished HTML, UTF-8, without the holes' text.
    public var bytes: [UInt8]
    public var holes: [Hole]
    public var headings: [Heading]
    public var links: [Link]
    public var asides: [Aside]
    /// The text without markup, every run of white space folded into one space: for search and word counts.
    public var plainText: String
    public var wordCount: Int

    /// Appends the HTML for one page to `out`.
    /// - Parameters:
    ///   - resolve: turns a link destination into an `href` value (unescaped; it is escaped here).
    ///   - anchorPrefix: put before every heading anchor, so anchors stay unique when documents share a page.
    ///   - label: the visible label of an aside kind.
    ///   - headingShift: added to every heading level (capped at 6), for documents nested in a page.
    public func write(
        into out: inout [UInt8],
        resolve: (String) -> String = { $0 },
        anchorPrefix: String = "",
        label: (String) -> String = { $0 },
        headingShift: Int = 0
    ) {
        bytes.withUnsafeBufferPointer { source in
            var start = 0
            for hole in holes {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<hole.offset]))
                start = hole.offset
                switch hole.kind {
                case .headingTag(let level):
                    out.append(0x68) // h
                    out.append(0x30 + UInt8(min(6, max(1, level + headingShift))))
                case .href(let destination): HTMLEscaping.appendEscaped(resolve(destination), to: &out)
                case .anchor(let slug):
                    HTMLEscaping.appendEscaped(anchorPrefix, to: &out)
                    HTMLEscaping.appendEscaped(slug, to: &out)
                case .label(let kind): HTMLEscaping.appendEscaped(label(kind), to: &out)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }

    /// The HTML for one page as a string; see `write(into:...)`.
    public func html(
        resolve: (String) -> String = { $0 },
        anchorPrefix: String = "",
        label: (String) -> String = { $0 },
        headingShift: Int = 0
    ) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + holes.count * 32)
        write(into: &out, resolve: resolve, anchorPrefix: anchorPrefix, label: label, headingShift: headingShift)
        return String(decoding: out, as: UTF8.self)
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

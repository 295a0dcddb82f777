import AcademyCore
import CCmark
import Foundation

/// The CommonMark façade over libcmark. Every cmark pointer lives inside `render` and is freed there.
///
/// The HTML is produced here rather than by `cmark_render_html` because the pages need things cmark's
/// renderer cannot give: heading anchors, links resolved per page, and the course's asides. Raw HTML is
/// never passed through, and dangerous link schemes are emptied, as in cmark's own safe mode.
///
/// Text goes from cmark's C strings into byte buffers, escaped on the way, and the plain text for
/// search is collapsed and counted in the same pass.
public enum CommonMark {
    /// Info strings of fenced blocks that render as styled asides rather than code.
    public static let asideKinds: Set<String> = ["callout", "vignette", "facilitator", "keypoints"]

    /// Parses and renders `markdown`.
    /// - Parameter firstLine: the line of the file on which `markdown` starts, so reported lines are the
    ///   file's (front matter shifts the body down).
    public static func render(_ markdown: String, firstLine: Int = 1) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { render(utf8: $0, firstLine: firstLine) }
    }

    /// Parses and renders Markdown given as UTF-8 bytes.
    public static func render(utf8 markdown: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> RenderedMarkdown {
        var renderer = Renderer(lineOffset: firstLine - 1, expectedSize: markdown.count)
        markdown.withMemoryRebound(to: CChar.self) { renderer.renderDocument($0.baseAddress, count: $0.count) }
        return renderer.result()
    }
}

private struct Renderer {
    let lineOffset: Int
    var html: [UInt8] = []
    var holes: [RenderedMarkdown.Hole] = []
    var headings: [RenderedMarkdown.Heading] = []
    var links: [RenderedMarkdown.Link] = []
    var asides: [RenderedMarkdown.Aside] = []
    var plain = PlainTextWriter()
    var usedAnchors: [String: Int] = [:]

    init(lineOffset: Int, expectedSize: Int) {
        self.lineOffset = lineOffset
        html.reserveCapacity(expectedSize + expectedSize / 4 + 64)
        plain.bytes.reserveCapacity(expectedSize)
    }

    mutating func result() -> RenderedMarkdown {
        RenderedMarkdown(
            bytes: html, holes: holes, headings: headings, links: links, asides: asides,
            plainText: String(decoding: plain.bytes, as: UTF8.self), wordCount: plain.words
        )
    }

    mutating func put(_ text: StaticString) {
        html.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func hole(_ kind: RenderedMarkdown.Hole.Kind) {
        holes.append(.init(offset: html.count, kind: kind))
    }

    /// Appends a C string from cmark, escaped, and adds it to the plain text.
    mutating func putText(_ pointer: UnsafePointer<CChar>?, plainText: Bool = true) {
        guard let pointer else { return }
        let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
        let text = UnsafeBufferPointer(start: bytes, count: strlen(pointer))
        HTMLEscaping.appendEscaped(text, to: &html)
        if plainText { plain.append(text) }
    }

    mutating func putEscaped(_ text: String) {
        HTMLEscaping.appendEscaped(text, to: &html)
    }

    mutating func renderDocument(_ markdown: UnsafePointer<CChar>?, count: Int, extraOffset: Int = 0) {
        guard let markdown, let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return }
        cmark_parser_feed(parser, markdown, count)
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document else { return }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var blockLine = 1 + lineOffset + extraOffset

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(node)
            if entering && type.rawValue < CMARK_NODE_FIRST_INLINE.rawValue {
                let line = Int(cmark_node_get_start_line(node))
                if line > 0 { blockLine = line + lineOffset + extraOffset }
            }

            switch type {
            case CMARK_NODE_DOCUMENT:
                break
            case CMARK_NODE_PARAGRAPH:
                if !inTightList(node) { entering ? put("<p>") : put("</p>\n") }
                if !entering { plain.separate() }
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                if entering {
                    let explicit = takeExplicitAnchor(node)
                    let title = plainText(of: node)
                    let anchor = uniqueAnchor(explicit ?? slugify(title))
                    headings.append(.init(level: level, text: title, anchor: anchor, line: blockLine))
                    put("<")
                    hole(.headingTag(level: level))
                    put(" id=\"")
                    hole(.anchor(anchor))
                    put("\">")
                } else {
                    put("</")
                    hole(.headingTag(level: level))
                    put(">\n")
                    plain.separate()
                }
            case CMARK_NODE_BLOCK_QUOTE:
                entering ? put("<blockquote>\n") : put("</blockquote>\n")
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                if entering {
                    let start = Int(cmark_node_get_list_start(node))
                    if !ordered {
                        put("<ul>\n")
                    } else if start > 1 {
                        put("<ol start=\"")
                        html.append(contentsOf: String(start).utf8)
                        put("\">\n")
                    } else {
                        put("<ol>\n")
                    }
                } else {
                    ordered ? put("</ol>\n") : put("</ul>\n")
                }
            case CMARK_NODE_ITEM:
                entering ? put("<li>") : put("</li>\n")
                if !entering { plain.separate() }
            case CMARK_NODE_CODE_BLOCK:
                codeBlock(node, line: blockLine)
            case CMARK_NODE_THEMATIC_BREAK:
                put("<hr>\n")
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                // Raw HTML in content never reaches a page.
                break
            case CMARK_NODE_TEXT:
                putText(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK:
                put("\n")
                plain.separate()
            case CMARK_NODE_LINEBREAK:
                put("<br>\n")
                plain.separate()
            case CMARK_NODE_CODE:
                put("<code>")
                putText(cmark_node_get_literal(node))
                put("</code>")
            case CMARK_NODE_EMPH:
                entering ? put("<em>") : put("</em>")
            case CMARK_NODE_STRONG:
                entering ? put("<strong>") : put("</strong>")
            case CMARK_NODE_LINK:
                if entering {
                    let destination = safeURL(string(cmark_node_get_url(node)))
                    links.append(.init(destination: destination, line: blockLine))
                    put("<a href=\"")
                    hole(.href(destination))
                    put("\"")
                    if let title = cmark_node_get_title(node), title.pointee != 0 {
                        put(" title=\"")
                        putText(title, plainText: false)
                        put("\"")
                    }
                    put(">")
                } else {
                    put("</a>")
                }
            case CMARK_NODE_IMAGE:
                if entering {
                    let source = safeURL(string(cmark_node_get_url(node)), image: true)
                    links.append(.init(destination: source, line: blockLine))
                    put("<img src=\"")
                    hole(.href(source))
                    put("\" alt=\"")
                    putEscaped(plainText(of: node))
                    put("\" loading=\"lazy\">")
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                }
            default:
                break
            }
        }
    }

    mutating func codeBlock(_ node: OpaquePointer, line: Int) {
        let info = string(cmark_node_get_fence_info(node)).trimmingSpaces()
        let literal = cmark_node_get_literal(node)
        let kind = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        guard CommonMark.asideKinds.contains(kind) else {
            put("<pre><code>")
            putText(literal)
            put("</code></pre>\n")
            plain.separate()
            return
        }
        let title = String(info.dropFirst(kind.count)).trimmingSpaces()
        asides.append(.init(kind: kind, title: title, line: line))
        put("<aside class=\"aside aside-")
        putEscaped(kind)
        put("\"><p class=\"aside-label\">")
        hole(.label(kind))
        if !title.isEmpty {
            put("<span class=\"aside-title\">")
            putEscaped(title)
            put("</span>")
            var title = title
            title.withUTF8 { plain.append($0) }
            plain.separate()
        }
        put("</p>\n")
        // The block's content starts on the line after its opening fence.
        renderDocument(literal, count: literal.map { strlen($0) } ?? 0, extraOffset: line - lineOffset)
        put("</aside>\n")
    }

    /// A heading written `## Term {#anchor}` (as Pandoc and Hugo allow) keeps that anchor whatever its
    /// text: a translated glossary keeps the English anchors its links use. Removes the `{#…}` from the
    /// heading's text and returns the anchor, or nil when the heading names none.
    func takeExplicitAnchor(_ heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT else { return nil }
        let text = string(cmark_node_get_literal(last))
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return nil }
        let anchor = text[open.upperBound..<text.index(before: text.endIndex)]
        guard !anchor.isEmpty, anchor.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else { return nil }
        var rest = String(text[..<open.lowerBound])
        while rest.last == " " { rest.removeLast() }
        cmark_node_set_literal(last, rest)
        return String(anchor)
    }

    mutating func uniqueAnchor(_ slug: String) -> String {
        let seen = usedAnchors[slug, default: 0]
        usedAnchors[slug] = seen + 1
        return seen == 0 ? slug : "\(slug)-\(seen + 1)"
    }

    func inTightList(_ paragraph: OpaquePointer) -> Bool {
        guard let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM,
              let list = cmark_node_parent(item)
        else { return false }
        return cmark_node_get_list_tight(list) != 0
    }

    /// The text of a node's descendants, without markup.
    func plainText(of node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: out += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return out
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Empties destinations with schemes that run code or read local files, as cmark's safe mode does.
    func safeURL(_ url: String, image: Bool = false) -> String {
        // Read as a browser reads a scheme: ASCII tabs and line breaks are dropped wherever they are, so
        // however many there are they cannot hide one. Here every control character and space is dropped
        // (stricter). The first 16 bytes left, lowercased, are enough to tell every scheme below.
        var lowered: [UInt8] = []
        lowered.reserveCapacity(16)
        for byte in url.utf8 where byte > 0x20 {
            guard byte < 0x80 else { break }
            lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            if lowered.count == 16 { break }
        }
        func starts(_ scheme: StaticString) -> Bool {
            lowered.starts(with: UnsafeBufferPointer(start: scheme.utf8Start, count: scheme.utf8CodeUnitCount))
        }
        if starts("javascript:") || starts("vbscript:") || starts("file:") { return "" }
        if starts("data:") {
            let allowed = image && (starts("data:image/png") || starts("data:image/gif") || starts("data:image/jpeg") || starts("data:image/webp"))
            return allowed ? url : ""
        }
        return url
    }
}

/// The text of a document without markup, written as it is rendered: every run of ASCII white space (and
/// every block boundary) becomes one space, with none at the ends, and words are counted on the way.
struct PlainTextWriter {
    var bytes: [UInt8] = []
    var words = 0
    private var pendingSpace = false

    /// A boundary between words that the text itself may not show (the end of a paragraph or an item).
    mutating func separate() {
        pendingSpace = !bytes.isEmpty
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        for byte in text {
            if isSpace(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            // A byte continues the previous word unless something separated them: then one space goes
            // first and a word starts.
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
                words += 1
            } else if bytes.isEmpty {
                words += 1
            }
            bytes.append(byte)
        }
    }

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

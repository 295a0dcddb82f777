import CCmark

/// The CommonMark façade over libcmark. Every cmark pointer lives inside `render` and is freed there.
///
/// The HTML is produced here rather than by `cmark_render_html` because the pages need things cmark's
/// renderer cannot give: heading anchors, links resolved per page, and the course's asides. Raw HTML is
/// never passed through, and dangerous link schemes are emptied, as in cmark's own safe mode.
public enum CommonMark {
    /// Info strings of fenced blocks that render as styled asides rather than code.
    public static let asideKinds: Set<String> = ["callout", "vignette", "facilitator", "keypoints"]

    /// Parses and renders `markdown`.
    /// - Parameter firstLine: the line of the file on which `markdown` starts, so reported lines are the
    ///   file's (front matter shifts the body down).
    public static func render(_ markdown: String, firstLine: Int = 1) -> RenderedMarkdown {
        var renderer = Renderer(lineOffset: firstLine - 1)
        renderer.renderDocument(markdown)
        return renderer.result()
    }
}

private struct Renderer {
    let lineOffset: Int
    var parts: [RenderedMarkdown.Part] = []
    var buffer = ""
    var headings: [RenderedMarkdown.Heading] = []
    var links: [RenderedMarkdown.Link] = []
    var asides: [RenderedMarkdown.Aside] = []
    var plain = ""
    var usedAnchors: [String: Int] = [:]

    init(lineOffset: Int) {
        self.lineOffset = lineOffset
        buffer.reserveCapacity(8192)
        plain.reserveCapacity(4096)
    }

    mutating func result() -> RenderedMarkdown {
        flush()
        let words = countWords(plain)
        return RenderedMarkdown(
            parts: parts, headings: headings, links: links, asides: asides,
            plainText: plain, wordCount: words
        )
    }

    mutating func flush() {
        if !buffer.isEmpty {
            parts.append(.html(buffer))
            buffer = ""
        }
    }

    mutating func emit(_ part: RenderedMarkdown.Part) {
        flush()
        parts.append(part)
    }

    mutating func text(_ literal: String) {
        HTMLEscaping.appendEscaped(literal, to: &buffer)
    }

    mutating func renderDocument(_ markdown: String, extraOffset: Int = 0) {
        let document = markdown.withCString { cmark_parse_document($0, markdown.utf8.count, CMARK_OPT_DEFAULT) }
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
            let line = Int(cmark_node_get_start_line(node))
            if entering && line > 0 && type.rawValue < CMARK_NODE_FIRST_INLINE.rawValue {
                blockLine = line + lineOffset + extraOffset
            }

            switch type {
            case CMARK_NODE_DOCUMENT:
                break
            case CMARK_NODE_PARAGRAPH:
                if !inTightList(node) { buffer += entering ? "<p>" : "</p>\n" }
                if !entering { plain += "\n" }
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                if entering {
                    let title = plainText(of: node)
                    let anchor = uniqueAnchor(slugify(title))
                    headings.append(.init(level: level, text: title, anchor: anchor, line: blockLine))
                    buffer += "<"
                    emit(.headingTag(level: level))
                    buffer += " id=\""
                    emit(.anchor(anchor))
                    buffer += "\">"
                } else {
                    buffer += "</"
                    emit(.headingTag(level: level))
                    buffer += ">\n"
                    plain += "\n"
                }
            case CMARK_NODE_BLOCK_QUOTE:
                buffer += entering ? "<blockquote>\n" : "</blockquote>\n"
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                if entering {
                    let start = Int(cmark_node_get_list_start(node))
                    buffer += ordered ? (start > 1 ? "<ol start=\"\(start)\">\n" : "<ol>\n") : "<ul>\n"
                } else {
                    buffer += ordered ? "</ol>\n" : "</ul>\n"
                }
            case CMARK_NODE_ITEM:
                buffer += entering ? "<li>" : "</li>\n"
                if !entering { plain += "\n" }
            case CMARK_NODE_CODE_BLOCK:
                codeBlock(node, line: blockLine)
            case CMARK_NODE_THEMATIC_BREAK:
                buffer += "<hr>\n"
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                // Raw HTML in content never reaches a page.
                break
            case CMARK_NODE_TEXT:
                let literal = string(cmark_node_get_literal(node))
                text(literal)
                plain += literal
            case CMARK_NODE_SOFTBREAK:
                buffer += "\n"
                plain += " "
            case CMARK_NODE_LINEBREAK:
                buffer += "<br>\n"
                plain += " "
            case CMARK_NODE_CODE:
                let literal = string(cmark_node_get_literal(node))
                buffer += "<code>"
                text(literal)
                buffer += "</code>"
                plain += literal
            case CMARK_NODE_EMPH:
                buffer += entering ? "<em>" : "</em>"
            case CMARK_NODE_STRONG:
                buffer += entering ? "<strong>" : "</strong>"
            case CMARK_NODE_LINK:
                if entering {
                    let destination = safeURL(string(cmark_node_get_url(node)))
                    links.append(.init(destination: destination, line: blockLine))
                    buffer += "<a href=\""
                    emit(.href(destination))
                    buffer += "\""
                    let title = string(cmark_node_get_title(node))
                    if !title.isEmpty {
                        buffer += " title=\""
                        text(title)
                        buffer += "\""
                    }
                    buffer += ">"
                } else {
                    buffer += "</a>"
                }
            case CMARK_NODE_IMAGE:
                if entering {
                    let source = safeURL(string(cmark_node_get_url(node)), image: true)
                    links.append(.init(destination: source, line: blockLine))
                    buffer += "<img src=\""
                    emit(.href(source))
                    buffer += "\" alt=\""
                    text(plainText(of: node))
                    buffer += "\" loading=\"lazy\">"
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                }
            default:
                break
            }
        }
    }

    mutating func codeBlock(_ node: OpaquePointer, line: Int) {
        let info = string(cmark_node_get_fence_info(node)).trimmingSpaces()
        let literal = string(cmark_node_get_literal(node))
        let kind = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        guard CommonMark.asideKinds.contains(kind) else {
            buffer += "<pre><code>"
            text(literal)
            buffer += "</code></pre>\n"
            plain += literal + "\n"
            return
        }
        let title = String(info.dropFirst(kind.count)).trimmingSpaces()
        asides.append(.init(kind: kind, title: title, line: line))
        buffer += "<aside class=\"aside aside-\(kind)\"><p class=\"aside-label\">"
        emit(.label(kind))
        if !title.isEmpty {
            buffer += "<span class=\"aside-title\">"
            text(title)
            buffer += "</span>"
            plain += title + "\n"
        }
        buffer += "</p>\n"
        // The block's content starts on the line after its opening fence.
        renderDocument(literal, extraOffset: line - lineOffset)
        buffer += "</aside>\n"
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
        var lowered = ""
        lowered.reserveCapacity(16)
        for byte in url.utf8 where byte > 0x20 {
            guard byte < 0x80 else { break }
            lowered.unicodeScalars.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
            if lowered.utf8.count == 16 { break }
        }
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return "" }
        if lowered.hasPrefix("data:") {
            let allowed = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return image && allowed.contains(where: { lowered.hasPrefix($0) }) ? url : ""
        }
        return url
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

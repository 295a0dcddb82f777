import CommonMark
import Pages

/// HTML written as UTF-8 bytes, for the pages a build writes a thousand times over (lessons, the manual,
/// the search index). Interpolated text is escaped, as in `HTML`; `HTML`, other buffers and rendered
/// Markdown go in as they are. Appending bytes to an array is several times cheaper than growing a
/// `String`, which checks and copies on every append.
///
///     var page: HTMLBuffer = "<h1>\(title)</h1>"     // title escaped
///     page.append("<div class=\"prose\">\(markdown: body, resolve: resolve)</div>")
struct HTMLBuffer: Sendable, ExpressibleByStringInterpolation {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(stringLiteral value: String) {
        bytes = Array(value.utf8)
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.buffer.bytes
    }

    mutating func append(_ other: HTMLBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends text, escaped.
    mutating func append(text: String) {
        HTMLEscaping.appendEscaped(text, to: &bytes)
    }

    /// Appends HTML that is already safe.
    mutating func append(html: HTML) {
        bytes.append(contentsOf: html.raw.utf8)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var buffer: HTMLBuffer

        init(literalCapacity: Int, interpolationCount: Int) {
            buffer = HTMLBuffer(capacity: literalCapacity + interpolationCount * 32)
        }

        mutating func appendLiteral(_ literal: String) { buffer.bytes.append(contentsOf: literal.utf8) }
        mutating func appendInterpolation(_ text: String) { buffer.append(text: text) }
        mutating func appendInterpolation(_ number: Int) { buffer.bytes.append(contentsOf: String(number).utf8) }
        mutating func appendInterpolation(_ html: HTML) { buffer.append(html: html) }
        mutating func appendInterpolation(_ html: HTML?) { if let html { buffer.append(html: html) } }
        mutating func appendInterpolation(_ other: HTMLBuffer) { buffer.append(other) }

        /// Rendered Markdown, with its links, anchors and labels filled in for this page.
        mutating func appendInterpolation(
            markdown: RenderedMarkdown, resolve: (String) -> String = { $0 }, anchorPrefix: String = "",
            label: (String) -> String = { $0 }, headingShift: Int = 0
        ) {
            markdown.write(into: &buffer.bytes, resolve: resolve, anchorPrefix: anchorPrefix, label: label, headingShift: headingShift)
        }
    }
}

/// A page rendered once with numbered markers where per-page values go, then filled in per page as bytes.
///
/// The lesson pages of a module share everything but a dozen values, so the module's page is rendered
/// through the ordinary layout with markers in their place, and each lesson's page is the pieces between
/// the markers with its own values in between. The layout stays written once, in `Pages`.
struct PageTemplate: Sendable {
    /// The text between markers: one more piece than there are slots.
    private var pieces: [[UInt8]]
    /// The marker number at each slot, in page order; a number may occur more than once.
    private var slots: [Int]

    /// Markers are characters from Unicode's private use area, which escaping leaves as they are, around
    /// a number unique to this process and the slot's number, so that no content can pass for one.
    private static let nonce = String(UInt64.random(in: 1...UInt64.max), radix: 36)

    static func marker(_ number: Int) -> String {
        "\u{E000}\(nonce)-\(number)\u{E001}"
    }

    /// Splits a page rendered with markers 0..<count. Nil when a marker is missing or malformed (a value
    /// that the page changed, such as one it truncated), so that the caller renders each page in full.
    init?(rendering page: String, markers count: Int) {
        let bytes = Array(page.utf8)
        // U+E000 and U+E001 in UTF-8.
        let open = Array("\u{E000}\(Self.nonce)-".utf8), close: [UInt8] = [0xEE, 0x80, 0x81]
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
        }
        var pieces: [[UInt8]] = []
        var slots: [Int] = []
        var pieceStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == open[0], matches(open, at: index) else {
                index += 1
                continue
            }
            var end = index + open.count
            var number = 0
            while end < bytes.count, (0x30...0x39).contains(bytes[end]), number < count {
                number = number * 10 + Int(bytes[end] - 0x30)
                end += 1
            }
            guard end > index + open.count, number < count, matches(close, at: end) else { return nil }
            pieces.append(Array(bytes[pieceStart..<index]))
            slots.append(number)
            index = end + 3
            pieceStart = index
        }
        pieces.append(Array(bytes[pieceStart...]))
        guard Set(slots).count == count else { return nil }
        self.pieces = pieces
        self.slots = slots
    }

    /// The text before and after the slot, for a page with exactly one.
    var aroundSingleSlot: (head: [UInt8], tail: [UInt8])? {
        slots.count == 1 ? (pieces[0], pieces[1]) : nil
    }

    /// Appends the page, asking `value` to append each slot's value.
    func render(into out: inout [UInt8], value: (Int, inout [UInt8]) -> Void) {
        for (index, slot) in slots.enumerated() {
            out.append(contentsOf: pieces[index])
            value(slot, &out)
        }
        out.append(contentsOf: pieces[slots.count])
    }
}

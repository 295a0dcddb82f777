/// A reader for the plain subset of YAML that curriculum files are written in: block mappings and
/// sequences nested by indentation, single-line plain and quoted scalars without escapes, single-line flow
/// sequences of such scalars, and comments.
///
/// A 1,000-lesson build reads a thousand front matters; through libyaml and Yams' node tree that was a
/// tenth of the build. `parse` returns nil for anything outside the subset (tabs, block scalars, escapes,
/// anchors, flow mappings, multi-line scalars, odd characters, any doubt), and the caller reads such text
/// with Yams instead, so the subset only has to be right, never complete. For text it accepts it gives
/// the values and lines that Yams gives; tests and the fuzzer compare the two.
struct SimpleYAML {
    private struct Unsupported: Error {}

    private struct Line {
        /// Byte offsets of the line's first content byte (after its indentation) and of its end.
        var content: Int
        var end: Int
        var indent: Int
        var number: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var lines: [Line] = []
    private var index = 0

    static func parse(_ text: String) -> YAMLValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = SimpleYAML(bytes: bytes)
            return try? reader.document()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func document() throws(Unsupported) -> YAMLValue {
        try splitLines()
        guard let first = lines.first else { throw Unsupported() }
        let value = try block(column: first.indent)
        guard index == lines.count else { throw Unsupported() }
        return value
    }

    /// Finds the lines that hold content, after refusing any character the subset does not read as
    /// libyaml would: tabs, carriage returns, control and C1 characters (among them NEL, a line break
    /// in YAML 1.1), U+2028 and U+2029, the byte-order mark and the non-characters U+FFFE and U+FFFF.
    private mutating func splitLines() throws(Unsupported) {
        var start = 0
        var number = 1
        let count = bytes.count
        while start <= count {
            var end = start
            while end < count, bytes[end] != 0x0A {
                let byte = bytes[end]
                if byte < 0x20 || byte == 0x7F { throw Unsupported() }
                if byte == 0xC2, end + 1 < count, bytes[end + 1] < 0xA0 { throw Unsupported() }
                if byte == 0xE2, end + 2 < count, bytes[end + 1] == 0x80, bytes[end + 2] == 0xA8 || bytes[end + 2] == 0xA9 { throw Unsupported() }
                if byte == 0xEF, end + 2 < count,
                   (bytes[end + 1] == 0xBB && bytes[end + 2] == 0xBF) || (bytes[end + 1] == 0xBF && bytes[end + 2] >= 0xBE) {
                    throw Unsupported()
                }
                end += 1
            }
            var content = start
            while content < end, bytes[content] == 0x20 { content += 1 }
            if content < end && bytes[content] != 0x23 {
                // Document markers and directives start a line; the subset has none.
                if content == start && (startsWith("---", at: start, end: end) || startsWith("...", at: start, end: end) || bytes[start] == 0x25) {
                    throw Unsupported()
                }
                lines.append(Line(content: content, end: end, indent: content - start, number: number))
            }
            start = end + 1
            number += 1
        }
    }

    private func startsWith(_ marker: StaticString, at position: Int, end: Int) -> Bool {
        let length = marker.utf8CodeUnitCount
        guard position + length <= end else { return false }
        for offset in 0..<length where bytes[position + offset] != marker.utf8Start[offset] { return false }
        return true
    }

    /// A mapping or a sequence that starts the line `lines[index]`, its entries at `column` (the line's
    /// indentation).
    private mutating func block(column: Int) throws(Unsupported) -> YAMLValue {
        let line = lines[index]
        if isItem(at: line.content, in: line) { return try sequence(column: column) }
        return try mapping(column: column)
    }

    private func isItem(at position: Int, in line: Line) -> Bool {
        bytes[position] == 0x2D && (position + 1 == line.end || bytes[position + 1] == 0x20)
    }

    private mutating func sequence(column: Int) throws(Unsupported) -> YAMLValue {
        let number = lines[index].number
        var items: [YAMLValue] = []
        while index < lines.count {
            let line = lines[index]
            if line.indent < column { break }
            guard line.indent == column, isItem(at: line.content, in: line) else { throw Unsupported() }
            var content = line.content + 1
            while content < line.end, bytes[content] == 0x20 { content += 1 }
            // An empty item, or one whose value is on the lines below: not in the subset.
            guard content < line.end, bytes[content] != 0x23 else { throw Unsupported() }
            if let _ = key(at: content, in: line) {
                items.append(try mapping(column: content - line.content + line.indent))
            } else {
                items.append(try inlineValue(from: content, in: line))
                index += 1
            }
        }
        return .sequence(items, line: number)
    }

    /// A block mapping. Its first key may follow "- " on its line (a mapping that is a sequence item);
    /// the others start their lines at `column`.
    private mutating func mapping(column: Int) throws(Unsupported) -> YAMLValue {
        let number = lines[index].number
        var pairs: [YAMLValue.Pair] = []
        var first = true
        while index < lines.count {
            let line = lines[index]
            let start: Int
            if first {
                start = line.content + (column - line.indent)
            } else {
                if line.indent < column { break }
                guard line.indent == column else { throw Unsupported() }
                start = line.content
            }
            guard let (key, afterColon) = key(at: start, in: line) else { throw Unsupported() }
            var valueStart = afterColon
            while valueStart < line.end, bytes[valueStart] == 0x20 { valueStart += 1 }
            let value: YAMLValue
            if valueStart == line.end || bytes[valueStart] == 0x23 {
                // The value is the block on the lines below, indented further (a sequence at the key's own
                // indentation is valid YAML but not in the subset; nor is an empty value).
                index += 1
                guard index < lines.count, lines[index].indent > column else { throw Unsupported() }
                value = try block(column: lines[index].indent)
            } else {
                value = try inlineValue(from: valueStart, in: line)
                index += 1
            }
            // Yams refuses a repeated key; so does the subset, by leaving it to Yams.
            guard !pairs.contains(where: { $0.key.text == key }) else { throw Unsupported() }
            pairs.append(.init(key: .scalar(key, plain: true, line: line.number), value: value))
            first = false
        }
        return .mapping(pairs, line: number)
    }

    /// A key of letters, digits, `_` and `-` (not first) followed by `:` and a space or the line's end;
    /// returns the key and the offset after the colon.
    private func key(at start: Int, in line: Line) -> (String, Int)? {
        var end = start
        while end < line.end {
            let byte = bytes[end]
            let isKeyByte = (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x5F || (byte == 0x2D && end > start)
            guard isKeyByte else { break }
            end += 1
        }
        guard end > start, end < line.end, bytes[end] == 0x3A, end + 1 == line.end || bytes[end + 1] == 0x20 else { return nil }
        return (string(start, end), end + 1)
    }

    /// A scalar or a flow sequence that ends its line (but for a comment).
    private func inlineValue(from start: Int, in line: Line) throws(Unsupported) -> YAMLValue {
        switch bytes[start] {
        case 0x5B: // [
            var items: [YAMLValue] = []
            var position = start + 1
            while true {
                while position < line.end, bytes[position] == 0x20 { position += 1 }
                guard position < line.end else { throw Unsupported() }
                if bytes[position] == 0x5D, items.isEmpty { // ]
                    try expectEnd(after: position + 1, in: line)
                    return .sequence([], line: line.number)
                }
                let (item, after) = try flowItem(from: position, in: line)
                items.append(item)
                position = after
                while position < line.end, bytes[position] == 0x20 { position += 1 }
                guard position < line.end else { throw Unsupported() }
                if bytes[position] == 0x5D {
                    try expectEnd(after: position + 1, in: line)
                    return .sequence(items, line: line.number)
                }
                guard bytes[position] == 0x2C else { throw Unsupported() } // ,
                position += 1
            }
        case 0x22, 0x27: // " '
            let (value, after) = try quoted(from: start, in: line)
            try expectEnd(after: after, in: line)
            return value
        default:
            guard isPlainStart(bytes[start]) else { throw Unsupported() }
            var end = start
            // A plain scalar ends at a comment (" #"); ": " inside it, or a final ":", would make it a key.
            while end < line.end, !(bytes[end] == 0x20 && end + 1 < line.end && bytes[end + 1] == 0x23) {
                if bytes[end] == 0x3A, end + 1 == line.end || bytes[end + 1] == 0x20 { throw Unsupported() }
                end += 1
            }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            return .scalar(string(start, end), plain: true, line: line.number)
        }
    }

    /// An item of a flow sequence: a quoted scalar, or a plain one without flow indicators.
    private func flowItem(from start: Int, in line: Line) throws(Unsupported) -> (YAMLValue, Int) {
        if bytes[start] == 0x22 || bytes[start] == 0x27 { return try quoted(from: start, in: line) }
        guard isPlainStart(bytes[start]) else { throw Unsupported() }
        var end = start
        while end < line.end {
            let byte = bytes[end]
            if byte == 0x2C || byte == 0x5D { break }
            if byte == 0x5B || byte == 0x7B || byte == 0x7D || byte == 0x23 || byte == 0x3A { throw Unsupported() }
            end += 1
        }
        var last = end
        while last > start, bytes[last - 1] == 0x20 { last -= 1 }
        return (.scalar(string(start, last), plain: true, line: line.number), end)
    }

    /// A quoted scalar on one line, without escapes (no backslash in double quotes, no doubled quote in
    /// single quotes).
    private func quoted(from start: Int, in line: Line) throws(Unsupported) -> (YAMLValue, Int) {
        let quote = bytes[start]
        var end = start + 1
        while end < line.end, bytes[end] != quote {
            if quote == 0x22 && bytes[end] == 0x5C { throw Unsupported() }
            end += 1
        }
        guard end < line.end else { throw Unsupported() }
        if quote == 0x27, end + 1 < line.end, bytes[end + 1] == 0x27 { throw Unsupported() }
        return (.scalar(string(start + 1, end), plain: false, line: line.number), end + 1)
    }

    /// After a value, only spaces and a comment that starts after a space.
    private func expectEnd(after position: Int, in line: Line) throws(Unsupported) {
        var position = position
        guard position < line.end else { return }
        guard bytes[position] == 0x20 else { throw Unsupported() }
        while position < line.end, bytes[position] == 0x20 { position += 1 }
        guard position == line.end || bytes[position] == 0x23 else { throw Unsupported() }
    }

    /// A plain scalar may not start with an indicator; those that can start one in some cases are
    /// refused too.
    private func isPlainStart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60, 0x20:
            false // - ? : , [ ] { } # & * ! | > ' " % @ ` space
        default:
            true
        }
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

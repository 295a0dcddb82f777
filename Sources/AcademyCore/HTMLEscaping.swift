/// Escaping for HTML text and attribute values: `&`, `<`, `>`, `"` and `'`, valid in text and in quoted
/// attributes. The one escaper of the site and the server: rendered Markdown, page templates and every
/// interpolation in `HTML` go through it.
public enum HTMLEscaping {
    public static func appendEscaped(_ text: some Sequence<UInt8>, to out: inout [UInt8]) {
        for byte in text {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }

    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        appendEscaped(text.utf8, to: &out)
    }

    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: it is returned as it is, not copied.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendEscaped(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

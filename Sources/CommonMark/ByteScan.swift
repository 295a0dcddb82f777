/// Scans of UTF-8 text sixteen bytes at a time, for the loops that run over every byte of a course
/// (escaping for HTML and JavaScript, folding plain text). Text mostly holds nothing to change, so a
/// block is checked at once and only a block that holds something is looked at byte by byte.
public enum ByteScan {
    /// The index of the first byte at or after `start` for which `isSpecial` holds, or `text.count`.
    /// `blockHasSpecial` must be true for a block holding such a byte (it may also be true for others).
    @inline(__always)
    public static func firstIndex(
        in text: UnsafeBufferPointer<UInt8>, from start: Int,
        blockHasSpecial: (SIMD16<UInt8>) -> Bool, isSpecial: (UInt8) -> Bool
    ) -> Int {
        var index = start
        let count = text.count
        if let base = text.baseAddress {
            while index + 16 <= count {
                let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                if blockHasSpecial(block) { break }
                index += 16
            }
        }
        while index < count && !isSpecial(text[index]) { index += 1 }
        return index
    }

    /// True when the block holds a byte HTML escaping changes: `&`, `<`, `>`, `"` or `'`.
    @inline(__always)
    public static func hasHTMLSpecial(_ block: SIMD16<UInt8>) -> Bool {
        any((block .== 0x26) .| (block .== 0x3C) .| (block .== 0x3E) .| (block .== 0x22) .| (block .== 0x27))
    }

    @inline(__always)
    public static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}

/// Scans of UTF-8 text eight bytes at a time, as one 64-bit word, for the loops that run over every byte
/// of a course (escaping for HTML and JavaScript, folding plain text). Text mostly holds nothing to
/// change, so a word is checked at once, with arithmetic rather than a branch per byte, and only a word
/// that may hold something is looked at byte by byte. (Swift's SIMD types were tried first: on this
/// toolchain their comparisons compiled to calls per lane and ran three times slower than bytes.)
public enum ByteScan {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when a byte of `word` is zero.
    @inlinable @inline(__always)
    public static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }

    /// The high bit of each byte of `word` that is zero, exactly (no carry crosses bytes, unlike in
    /// `hasZeroByte`, whose marks above a zero byte may be false).
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = ~highs
        return ~(((word & low) &+ low) | word | low)
    }

    /// True when a byte of `word` equals `byte`.
    @inlinable @inline(__always)
    public static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZeroByte(word ^ (ones &* UInt64(byte)))
    }

    /// True when a byte of `word` is below `bound` (at most 0x80).
    @inlinable @inline(__always)
    public static func hasLess(_ word: UInt64, than bound: UInt8) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highs != 0
    }

    /// The eight bytes at `index` as one word, in memory order (the first byte lowest).
    @inlinable @inline(__always)
    public static func word(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first byte at or after `start` that HTML escaping changes (`&`, `<`, `>`, `"`,
    /// `'`), or `text.count`.
    @inlinable
    public static func firstHTMLSpecial(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = text.count
        while index + 8 <= count {
            let w = word(text, at: index)
            if has(w, 0x26) || has(w, 0x3C) || has(w, 0x3E) || has(w, 0x22) || has(w, 0x27) { break }
            index += 8
        }
        while index < count {
            let byte = text[index]
            if byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 { return index }
            index += 1
        }
        return count
    }
}

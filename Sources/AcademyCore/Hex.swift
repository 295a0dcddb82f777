/// Lowercase hexadecimal of bytes (digests, tokens). Built byte by byte: it runs on request paths and
/// over every lesson, where `String(format:)` per byte was measurably slow. Inlinable, so that each
/// caller gets a copy specialised for its digest type rather than a generic walk of it.
@inlinable
public func hexString(_ bytes: some Sequence<UInt8>) -> String {
    var out: [UInt8] = []
    // A digest is a Sequence whose underestimatedCount is 0; 64 covers SHA-256.
    out.reserveCapacity(max(64, bytes.underestimatedCount * 2))
    for byte in bytes {
        out.append(hexDigit(byte >> 4))
        out.append(hexDigit(byte & 0x0F))
    }
    return String(decoding: out, as: UTF8.self)
}

@usableFromInline
func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}

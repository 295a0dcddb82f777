/// Lowercase hexadecimal of bytes (digests, tokens). Built byte by byte: it runs on request paths and
/// over every lesson, where `String(format:)` per byte was measurably slow.
public func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

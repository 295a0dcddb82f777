/// A QR code (ISO/IEC 18004) for a short text such as a certificate's verification address: byte mode,
/// error correction level M (about 15% of the symbol may be damaged), versions 1 to 40, the mask with
/// the lowest penalty. Drawn on the server as SVG, so a printed certificate needs no script or image file.
///
///     let code = try QRCode(text: "https://academy.example/verify/ABCDE-FGHIJ")
///     let svg = code.svg(label: "QR code of the verification address")
public struct QRCode: Sendable, Hashable {
    public enum EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLong(bytes: Int, capacity: Int)
        case versionOutOfRange(Int)
        case maskOutOfRange(Int)

        public var description: String {
            switch self {
            case .tooLong(let bytes, let capacity): "\(bytes) bytes do not fit in a QR code at level M (at most \(capacity))"
            case .versionOutOfRange(let version): "QR code version \(version) does not exist (1 to 40)"
            case .maskOutOfRange(let mask): "QR code mask \(mask) does not exist (0 to 7)"
            }
        }
    }

    /// 1 to 40; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// The mask pattern, 0 to 7.
    public let mask: Int
    public var size: Int { version * 4 + 17 }
    /// Row by row; true is dark.
    let modules: [Bool]

    /// Whether the module at `row`, `column` (from the top left, without the quiet zone) is dark.
    public subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// Encodes `text` as UTF-8 in the smallest version that holds it, or in `version` when given.
    public init(text: String, version: Int? = nil, mask: Int? = nil) throws(EncodingError) {
        try self.init(bytes: Array(text.utf8), version: version, mask: mask)
    }

    /// Encodes `bytes`; with `mask` nil, tries all eight masks and keeps the one with the lowest penalty
    /// (the first of equals).
    public init(bytes: [UInt8], version: Int? = nil, mask: Int? = nil) throws(EncodingError) {
        if let mask, !(0...7).contains(mask) { throw .maskOutOfRange(mask) }
        let version = try Self.version(for: bytes.count, requested: version)
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(Self.interleaved(Self.dataCodewords(bytes, version: version), version: version))
        func masked(_ candidate: Int) -> Matrix {
            var masked = matrix
            masked.apply(mask: candidate)
            masked.drawFormatBits(mask: candidate)
            return masked
        }
        var chosen = (mask: mask ?? 0, matrix: masked(mask ?? 0))
        if mask == nil {
            var lowest = chosen.matrix.penalty
            for candidate in 1...7 {
                let candidateMatrix = masked(candidate)
                let penalty = candidateMatrix.penalty
                if penalty < lowest { (chosen, lowest) = ((candidate, candidateMatrix), penalty) }
            }
        }
        self.version = version
        self.mask = chosen.mask
        modules = chosen.matrix.dark
    }

    /// The standard's penalty score of this symbol (lower reads better): runs of five or more modules of
    /// one colour, 2×2 blocks, finder-like patterns, and the departure of the dark share from half.
    public var penalty: Int { Matrix(version: version, dark: modules).penalty }

    /// An SVG image: one path of dark modules on a light square with a quiet zone of four modules, crisp
    /// edges, and `label` as its accessible name. Size it with CSS (`.qr-code`).
    public func svg(label: String) -> HTML {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard self[row, column] else { column += 1; continue }
                var end = column
                while end < size, self[row, end] { end += 1 }
                path += "M\(column + 4) \(row + 4)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 \(side) \(side)" role="img" aria-label="\(label)" \
        shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }

    // MARK: - Capacity and codewords

    /// Error correction codewords per block, and blocks, at level M, by version (index 0 unused).
    static let eccPerBlock = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
                              26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]
    static let blocks = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
                         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]

    /// Modules left for codewords once the function patterns are drawn (remainder bits included).
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewordCount(_ version: Int) -> Int { rawDataModules(version) / 8 - eccPerBlock[version] * blocks[version] }

    /// The most bytes a version holds in byte mode (4 bits of mode, 8 or 16 of count).
    public static func capacity(version: Int) -> Int { (dataCodewordCount(version) * 8 - 4 - (version <= 9 ? 8 : 16)) / 8 }

    static func version(for count: Int, requested: Int?) throws(EncodingError) -> Int {
        if let requested {
            guard (1...40).contains(requested) else { throw .versionOutOfRange(requested) }
            guard count <= capacity(version: requested) else { throw .tooLong(bytes: count, capacity: capacity(version: requested)) }
            return requested
        }
        guard let version = (1...40).first(where: { count <= capacity(version: $0) }) else { throw .tooLong(bytes: count, capacity: capacity(version: 40)) }
        return version
    }

    /// Mode, count, data, terminator, padding to a byte, then the alternating pad bytes.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ length: Int) { for shift in stride(from: length - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacityBits = dataCodewordCount(version) * 8
        append(0, min(4, capacityBits - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) } }
        var pad: UInt8 = 0xEC
        while codewords.count < capacityBits / 8 {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// Splits the data into blocks (the short ones first), adds each block's error correction, and
    /// interleaves: the first codeword of every block, then the second, and so on.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let blockCount = blocks[version], eccLength = eccPerBlock[version]
        let rawCodewords = rawDataModules(version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortLength = rawCodewords / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocksOfData: [[UInt8]] = [], blocksOfECC: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            blocksOfData.append(block)
            blocksOfECC.append(ReedSolomon.remainder(block, divisor: divisor))
        }
        var result: [UInt8] = []
        for index in 0...shortLength - eccLength {
            for block in blocksOfData where index < block.count { result.append(block[index]) }
        }
        for index in 0..<eccLength {
            for block in blocksOfECC { result.append(block[index]) }
        }
        return result
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> bit) & 1) * Int(x)
        }
        return UInt8(product)
    }

    /// The generator polynomial's coefficients, highest power first, its leading 1 left out.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}

extension QRCode {
    /// The module grid while a symbol is built: which modules are dark, and which belong to function
    /// patterns (finders, timing, alignment, format and version information) that data and masks skip.
    struct Matrix: Sendable {
        let size: Int
        let version: Int
        var dark: [Bool]
        var reserved: [Bool]

        init(version: Int, dark: [Bool]? = nil) {
            self.version = version
            size = version * 4 + 17
            self.dark = dark ?? Array(repeating: false, count: size * size)
            reserved = Array(repeating: false, count: size * size)
        }

        subscript(x: Int, y: Int) -> Bool {
            get { dark[y * size + x] }
            set { dark[y * size + x] = newValue }
        }

        mutating func setFunction(_ x: Int, _ y: Int, _ isDark: Bool) {
            self[x, y] = isDark
            reserved[y * size + x] = true
        }

        /// Centres of the alignment patterns along either axis.
        var alignmentPositions: [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            return [6] + (0..<count - 1).map { size - 7 - $0 * step }.reversed()
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                setFunction(6, i, i % 2 == 0)
                setFunction(i, 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                // The finder with its light separator: rings at Chebyshev distance 2 and 4 are light.
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                        let distance = max(abs(dx), abs(dy))
                        setFunction(x + dx, y + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = alignmentPositions
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated() {
                    // Skip the three that would overlap the finders.
                    if (i == 0 && j == 0) || (i == 0 && j == positions.count - 1) || (i == positions.count - 1 && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 { setFunction(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormatBits(mask: 0)  // reserves the areas; redrawn for the chosen mask
            drawVersionBits()
        }

        /// Level M (indicator 00) and the mask, with a BCH(15, 5) code, both copies, and the dark module.
        mutating func drawFormatBits(mask: Int) {
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { setFunction(8, i, bit(i)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
            for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
            setFunction(8, size - 8, true)
        }

        /// Versions 7 and up carry their number with a BCH(18, 6) code in two 6×3 blocks.
        mutating func drawVersionBits() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let isDark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                setFunction(a, b, isDark)
                setFunction(b, a, isDark)
            }
        }

        /// Places the codewords' bits in two-module columns, zigzagging up and down from the bottom right;
        /// the vertical timing pattern's column is skipped; remainder bits stay light.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    let y = upward ? size - 1 - vertical : vertical
                    for x in [right, right - 1] where !reserved[y * size + x] && index < codewords.count * 8 {
                        self[x, y] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        /// Inverts every non-function module where the mask's condition holds.
        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !reserved[y * size + x] {
                    let invert = switch mask {
                    case 0: (x + y) % 2 == 0
                    case 1: y % 2 == 0
                    case 2: x % 3 == 0
                    case 3: (x + y) % 3 == 0
                    case 4: (x / 3 + y / 2) % 2 == 0
                    case 5: x * y % 2 + x * y % 3 == 0
                    case 6: (x * y % 2 + x * y % 3) % 2 == 0
                    default: ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if invert { self[x, y].toggle() }
                }
            }
        }

        /// ISO/IEC 18004 §7.8.3 over the whole symbol, format and version information included: N1 = 3
        /// plus one per module past five in a run; N2 = 3 per 2×2 block of one colour; N3 = 40 per
        /// 1:1:3:1:1 finder-like pattern with four light modules on one side, within the symbol; N4 = 10
        /// per whole 5% that the dark share departs from 50%.
        var penalty: Int {
            var total = 0
            var line = [Bool](repeating: false, count: size)
            for index in 0..<size {
                for i in 0..<size { line[i] = dark[index * size + i] }
                total += linePenalty(line)
                for i in 0..<size { line[i] = dark[i * size + index] }
                total += linePenalty(line)
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let colour = dark[y * size + x]
                    if dark[y * size + x + 1] == colour, dark[(y + 1) * size + x] == colour, dark[(y + 1) * size + x + 1] == colour { total += 3 }
                }
            }
            let darkCount = dark.count { $0 }
            total += abs(darkCount * 20 - size * size * 10) / (size * size) * 10
            return total
        }

        /// Finder-like 1:1:3:1:1 with four light modules after it, and with four before it.
        static let finderThenLight: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        static let lightThenFinder: [Bool] = [false, false, false, false, true, false, true, true, true, false, true]

        /// Runs (N1) and finder-like patterns (N3) along one row or column.
        func linePenalty(_ line: [Bool]) -> Int {
            var total = 0
            var runLength = 0
            var runColour = line[0]
            for module in line {
                if module == runColour {
                    runLength += 1
                } else {
                    if runLength >= 5 { total += runLength - 2 }
                    runColour = module
                    runLength = 1
                }
            }
            if runLength >= 5 { total += runLength - 2 }
            for start in 0..<max(0, line.count - 10) {
                var first = true, second = true
                for offset in 0..<11 {
                    first = first && line[start + offset] == Self.finderThenLight[offset]
                    second = second && line[start + offset] == Self.lightThenFinder[offset]
                    if !first && !second { break }
                }
                if first || second { total += 40 }
            }
            return total
        }
    }
}

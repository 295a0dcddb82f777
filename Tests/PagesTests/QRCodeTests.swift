import Foundation
import Pages
import Testing

/// Golden symbols from an independent encoder (python-qrcode, written by `scripts/qr-golden`).
struct GoldenSymbol: Sendable, CustomTestStringConvertible {
    var file: String
    var text: String
    var version: Int
    var mask: Int
    var penalties: [Int]
    var rows: [[Bool]]

    var testDescription: String { file }

    init(_ file: String) throws {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil) else { throw FixtureError("no fixture \(file)") }
        self.file = file
        var fields: [String: String] = [:]
        rows = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            if let colon = line.firstIndex(of: ":") {
                fields[String(line[..<colon])] = String(line[line.index(after: colon)...].dropFirst())
            } else {
                rows.append(line.map { $0 == "1" })
            }
        }
        guard let text = fields["text"], let version = fields["version"].flatMap({ Int($0) }), let mask = fields["mask"].flatMap({ Int($0) }),
              let penalties = fields["penalties"]?.split(separator: " ").compactMap({ Int($0) })
        else { throw FixtureError("\(file): missing text, version, mask or penalties") }
        (self.text, self.version, self.mask, self.penalties) = (text, version, mask, penalties)
    }

    static var all: [GoldenSymbol] { ["qr-short.txt", "qr-url.txt", "qr-long.txt"].compactMap { try? GoldenSymbol($0) } }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("QR code")
struct QRCodeTests {
    /// Module by module: every wrong module names its place, so a broken pattern shows where.
    func mismatches(_ code: QRCode, _ golden: GoldenSymbol) -> [String] {
        var wrong: [String] = []
        for (row, modules) in golden.rows.enumerated() {
            for (column, dark) in modules.enumerated() where code[row, column] != dark { wrong.append("(\(row), \(column))") }
        }
        return wrong
    }

    @Test("the three golden texts load, in the sizes of versions 2, 4 and 10")
    func fixtures() throws {
        let symbols = GoldenSymbol.all
        #expect(symbols.map(\.version) == [2, 4, 10])
        for symbol in symbols {
            #expect(symbol.rows.count == symbol.version * 4 + 17)
            #expect(symbol.rows.allSatisfy { $0.count == symbol.rows.count })
            #expect(symbol.penalties.count == 8)
        }
    }

    @Test("each text encodes to the independent encoder's symbol, with the same version and mask", arguments: GoldenSymbol.all)
    func matchesGolden(_ golden: GoldenSymbol) throws {
        let code = try QRCode(text: golden.text)
        #expect(code.version == golden.version)
        #expect(code.mask == golden.mask)
        #expect(code.size == golden.rows.count)
        let wrong = mismatches(code, golden)
        #expect(wrong.isEmpty, "\(wrong.count) modules differ, first at \(wrong.prefix(5))")
    }

    @Test("every mask scores the penalty the independent encoder gives it", arguments: GoldenSymbol.all)
    func penalties(_ golden: GoldenSymbol) throws {
        let scores = try (0...7).map { try QRCode(text: golden.text, version: golden.version, mask: $0).penalty }
        #expect(scores == golden.penalties)
    }

    @Test("the smallest version that holds the bytes is chosen; too long is refused")
    func capacity() throws {
        // Byte capacities at level M of versions 1 to 10 (ISO/IEC 18004, table 7).
        let capacities = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]
        #expect((1...10).map { QRCode.capacity(version: $0) } == capacities)
        for (index, capacity) in capacities.enumerated() {
            #expect(try QRCode(bytes: Array(repeating: 0x41, count: capacity)).version == index + 1)
            #expect(try QRCode(bytes: Array(repeating: 0x41, count: capacity + 1)).version == index + 2)
        }
        #expect(try QRCode(bytes: Array(repeating: 0x41, count: 2331)).version == 40)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 2332, capacity: 2331)) { try QRCode(bytes: Array(repeating: 0x41, count: 2332)) }
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 15, capacity: 14)) { try QRCode(bytes: Array(repeating: 0x41, count: 15), version: 1) }
        #expect(throws: QRCode.EncodingError.maskOutOfRange(8)) { try QRCode(text: "x", mask: 8) }
        #expect(throws: QRCode.EncodingError.versionOutOfRange(41)) { try QRCode(text: "x", version: 41) }
    }

    @Test("the SVG is one path of dark modules, crisp, with a four-module quiet zone and an escaped accessible name")
    func svg() throws {
        let code = try QRCode(text: "https://academy.mvd.kg/verify/7QK2M-XR4TB-9HCVN-D3PWA")
        let svg = code.svg(label: "QR <code> of \"the\" address").raw
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("viewBox=\"0 0 41 41\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"QR &lt;code&gt; of &quot;the&quot; address\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        // The top-left finder's first row: seven dark modules from (4, 4), inside the quiet zone.
        #expect(svg.contains("d=\"M4 4h7v1h-7z"))
        // Every dark module is drawn once: the path's runs add up to the symbol's dark modules.
        let runs = svg.matches(of: /h(\d+)v1/).map { Int($0.output.1) ?? 0 }.reduce(0, +)
        let dark = (0..<code.size).flatMap { row in (0..<code.size).filter { code[row, $0] } }.count
        #expect(runs == dark)
    }
}

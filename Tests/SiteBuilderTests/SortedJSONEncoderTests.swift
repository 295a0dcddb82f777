import AcademyCore
import Foundation
import Testing
@testable import SiteBuilder

@Suite("course.json's encoder")
struct SortedJSONEncoderTests {
    func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [UInt8](try encoder.encode(value))
    }

    struct Sample: Encodable {
        var text: String
        var number: Int
        var big: Int64
        var ratio: Double
        var maybe: String?
        var flag: Bool
        var list: [String]
        var nested: [String: [String: Int]]
        var small: UInt8
        var empty: [Int] = []
        var emptyObject: [String: String] = [:]
    }

    @Test("gives Foundation's bytes for awkward text, numbers, key orders and nesting", arguments: [
        "plain", "", "quote \" backslash \\ slash / end", "tab\tline\nreturn\rbell\u{7}nul\u{0}form\u{C}back\u{8}",
        "Қыргыз тили — «кавычки» and emoji 👩🏽‍⚖️", "\u{2028}\u{2029}\u{7F}", "</script>",
    ])
    func matchesFoundation(text: String) throws {
        for ratio in [0.0, 1, -1, 2.5, 0.1, 1.0 / 3, 3.0, 1e20, 123456.789, -0.0, 1e15, 9007199254740994, 5e-324, 1e-7, -1.7976931348623157e308] {
            let sample = Sample(
                text: text, number: -42, big: Int64.max, ratio: ratio, maybe: text.isEmpty ? nil : text, flag: true,
                list: [text, "b", "a"], nested: ["b": ["z": 1, "a": 2, "A": 3, "_": 4, "a1": 5, "a10": 6, "a2": 7, "é": 8, "Z": 9], "a": [:]],
                small: 255
            )
            #expect(try SortedJSONEncoder().encode(sample) == foundation(sample), "ratio \(ratio)")
        }
    }

    @Test("gives Foundation's bytes for the fixture course")
    func fixtureCourse() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let compiled = try await course.compile().course
        #expect(try SortedJSONEncoder().encode(compiled) == foundation(compiled))
    }

    @Test("gives Foundation's bytes for the real course, question banks, rubrics and strings included")
    func realCourse() async throws {
        let compiled = try await CurriculumCoverageTests.compile().course
        #expect(!compiled.questionBanks.isEmpty && !compiled.rubrics.isEmpty)
        #expect(try SortedJSONEncoder().encode(compiled) == foundation(compiled))
    }

    @Test("refuses the types Foundation's encoder writes its own way, so the caller can fall back")
    func refusesSpecialTypes() {
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode(["when": Date()]) }
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode([Data([1, 2])]) }
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode([Double.nan]) }
    }
}

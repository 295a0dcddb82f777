import Foundation
import Testing
@testable import SiteBuilder

/// `SimpleYAML` reads the plain subset of YAML quickly and refuses the rest; what it accepts it must read
/// exactly as Yams does, lines included, or a lesson's error would point at the wrong line.
@Suite("The YAML subset reader")
struct SimpleYAMLTests {
    func yams(_ text: String) throws -> YAMLValue? {
        try YAMLValue.composedByYams(text)
    }

    /// Accepted by the subset reader, and read exactly as Yams reads it.
    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let simple = SimpleYAML.parse(text)
        #expect(simple != nil, "refused: \(text)", sourceLocation: sourceLocation)
        #expect(simple == (try yams(text)), "\(text)", sourceLocation: sourceLocation)
    }

    @Test("reads the constructs curriculum files use, with Yams' values and lines", arguments: [
        "id: legal-framework\ntitle: Legal framework\nduration: 180\n",
        "# a comment\n\nid: x   # trailing comment\ntitle: \"Quoted: with # and 'single'\"\nsummary: 'single \"double\"'\n",
        "tracks: [pre-service, in-service]\nempty: []\nspaced: [ a b ,  \"c, d\" , 'e' ]\n",
        "objectives:\n  - id: o-1\n    text: First objective.\n  - id: o-2\n    text: Second, with:colons:inside.\n",
        "sources:\n  - \"Report (2025), section 4.\"\n  - plain source\n\n  - after a blank line\nminutes: 20\n",
        "title: Қыргыз тили — «кавычки»\nnote: C# and http://example.org/a?b=1\n",
        "a:\n  b:\n    c: deep\n    d: [x]\n  e: f\ng: h\n",
        "list:\n    - one\n    - two\nnext: 1\n",
        "- a\n- b: c\n  d: e\n",
        "key: value with trailing spaces   \n",
        "text: yes\nnumber: 015\nnull_word: null\ntilde: ~\n",
    ])
    func sameAsYams(text: String) throws {
        try expectSame(text)
    }

    @Test("refuses what is outside the subset, which Yams then reads", arguments: [
        "text: |\n  block\n", "text: >\n  folded\n", "a: \"esc\\\"aped\"\n", "a: 'it''s'\n", "a:\tb\n", "a: b\r\n",
        "a: &anchor x\nb: *anchor\n", "a: {b: c}\n", "a: [b,\n c]\n", "a: plain\n  continued\n", "a:\n", "a:\n- compact\n",
        "---\na: b\n", "%YAML 1.1\n---\na: b\n", "\u{FEFF}a: b\n", "a: b\u{85}c\n", "a: b\u{2028}c\n", "a: -5\n", "a: [b, ]\n",
        "\"quoted key\": v\n", "a : b\n", "a: b: c\n", "a: b:\n", "plain scalar\n", "", "# only a comment\n", "a: [b] c\n",
        "a: \"b\"c\n", "- - nested\n", "-\n", "a: !!int 5\n", "? complex\n: key\n", "a: @reserved\n", "a: `reserved\n", "dup: one\ndup: two\n",
    ])
    func refuses(text: String) {
        #expect(SimpleYAML.parse(text) == nil, "accepted: \(text)")
    }

    @Test("accepts every front matter, locale file and curriculum.yaml of the real course, and reads them as Yams does")
    func realCourse() throws {
        let curriculum = CurriculumCoverageTests.repository.appendingPathComponent("Curriculum")
        var texts: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(at: curriculum, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            guard ["yaml", "md"].contains(file.pathExtension) else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            if file.pathExtension == "yaml" {
                texts.append((file.lastPathComponent, text))
            } else if file.pathExtension == "md", let front = MarkdownFile(text).frontMatter {
                texts.append((file.path, front))
            }
        }
        #expect(texts.count >= 50)
        for (name, text) in texts {
            #expect(SimpleYAML.parse(text) != nil, "refused \(name)")
            #expect(SimpleYAML.parse(text) == (try yams(text)), "\(name)")
        }
        // Question banks and rubrics nest deeper; where the subset reader takes one, it agrees with Yams.
        let assessments = CurriculumCoverageTests.repository.appendingPathComponent("Assessments")
        let banks = FileManager.default.enumerator(at: assessments, includingPropertiesForKeys: nil)
        var read = 0
        while let file = banks?.nextObject() as? URL {
            guard file.pathExtension == "yaml" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            if let simple = SimpleYAML.parse(text) {
                #expect(simple == (try yams(text)), "\(file.lastPathComponent)")
                read += 1
            }
        }
        #expect(read > 0)
    }

    @Test("where the subset reader accepts a variation of a real front matter, it reads it as Yams does")
    func mutations() throws {
        let seed = """
        id: legal-kyrgyz-provisions
        title: The Kyrgyz provisions an investigator must know
        minutes: 20
        objectives: [legal-1, legal-2]
        content_note: This lesson discusses sexual offences against children in general terms.
        sources:
          - "ECPAT International (2025). Access to justice, section 4."
          - Research brief, section 2.
        objectives_list:
          - id: o-1
            text: Cite the article.
        """
        let alphabet = Array(" \n-:#'\"[],{}&*!|>%@`?aZ9_.\u{E9}\u{2014}")
        var generator = SplitMix(seed: 20261204)
        var accepted = 0
        for _ in 0..<4000 {
            var characters = Array(seed)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<characters.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: characters.remove(at: position)
                case 1: characters.insert(alphabet.randomElement(using: &generator)!, at: position)
                default: characters[position] = alphabet.randomElement(using: &generator)!
                }
            }
            let text = String(characters)
            guard let simple = SimpleYAML.parse(text) else { continue }
            accepted += 1
            let reference = try? yams(text)
            #expect(simple == reference, "\(text)")
        }
        // Most small edits leave text the subset still reads, so the comparison above is not empty.
        #expect(accepted > 1000)
    }
}

/// A small seeded generator, so the mutations are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import AcademyCore
import CompressNIO
import Foundation
import NIOCore
import Testing
@testable import SiteBuilder

/// The rules the manual must keep (issue: the full curriculum), checked on the real `Curriculum/` and
/// `Assessments/`, so a later edit cannot quietly drop below them.
@Suite("The real curriculum")
struct CurriculumCoverageTests {
    /// The package root: `swift test` runs there.
    static var repository: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    /// The only test that reads the real `Curriculum/` and `Assessments/` (through the working
    /// directory): it builds them once and checks every rule of the manual on the result.
    @Test("the real course builds with no error and no warning, and keeps every rule of the manual")
    func realCourse() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("academy-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try await buildsCleanly(output)
        let content = try await ContentCompiler(root: Self.repository).compile().0
        structure(content)
        lessonParts(content)
        questionBanks(content.course)
        try certification(content.course)
        #expect(content.glossary.terms.count >= 60, "a glossary of at least 60 terms")
        for term in ["child pornography", "child prostitute", "juvenile prostitute", "child sex worker"] { try bannedTerms(term: term) }
    }

    func buildsCleanly(_ output: URL) async throws {
        let summary = try await SiteBuilder(root: Self.repository).build(output: output)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        #expect(summary.pages > 100)
        // A lesson page with its stylesheet and script stays under 30 KB as the server sends it (gzip), for
        // slow links, in every language: Cyrillic text takes twice the bytes of English before compression.
        let site = try filesBelow(output.appendingPathComponent("site"))
        let assets = try gzipped(site["assets/academy.css"] ?? Data()) + gzipped(site["assets/academy.js"] ?? Data())
        let lessons = site.filter { $0.key.split(separator: "/").count == 4 && $0.key.hasSuffix("index.html") }
        #expect(lessons.count == summary.report.lessons * 3)
        for (path, page) in lessons {
            let sent = try gzipped(page) + assets
            #expect(sent < 30_000, "\(path) with its CSS and JS weighs \(sent) bytes gzipped")
        }
        // Nothing of the trainer pack reaches the public site: no key, test, transcript or card set, by a
        // sentence of its body (facilitator notes may name a page; they never quote one).
        let course = try JSONDecoder().decode(Course.self, from: Data(contentsOf: output.appendingPathComponent("course.json")))
        let pages = site.values.map { String(decoding: $0, as: UTF8.self) }
        var checked = 0
        for material in course.trainerMaterials where [.key, .test, .transcript, .cards].contains(material.kind) {
            let text = material.html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let sentences = text.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 60 }
            guard let sample = sentences.dropFirst(sentences.count > 2 ? 2 : 0).first else { continue }
            checked += 1
            #expect(!pages.contains { $0.contains(sample) }, "the site carries \(material.id): \(sample)")
        }
        #expect(checked >= 40, "only \(checked) pack pages had a sentence to look for")
    }

    /// Three tracks, eleven modules, each with 3-5 objectives and 3-6 lessons of 10-25 minutes.
    func structure(_ content: Content) {
        #expect(Set(content.course.tracks.map(\.id)) == ["pre-service", "in-service", "instructor"])
        #expect(content.modules.count == 11)
        for module in content.modules {
            #expect((3...5).contains(module.module.objectives.count), "\(module.path): \(module.module.objectives.count) objectives")
            #expect((3...6).contains(module.lessons.count), "\(module.path): \(module.lessons.count) lessons")
            for lesson in module.lessons {
                #expect((10...25).contains(lesson.info.minutes), "\(lesson.path): \(lesson.info.minutes) minutes")
            }
            let covered = Set(module.lessons.flatMap(\.info.objectives))
            for objective in module.module.objectives {
                #expect(covered.contains(objective.id), "\(module.path): no lesson covers \(objective.id)")
            }
        }
    }

    /// Every lesson has sources and ends with key points; every module has a vignette and a facilitator note.
    func lessonParts(_ content: Content) {
        for module in content.modules {
            let asides = module.introduction.asides + module.lessons.flatMap(\.body.asides)
            #expect(asides.contains { $0.kind == "vignette" }, "\(module.path): no vignette")
            #expect(asides.contains { $0.kind == "facilitator" }, "\(module.path): no facilitator note")
            for lesson in module.lessons {
                #expect(!lesson.sources.plainText.isEmpty, "\(lesson.path): no sources")
                #expect(lesson.body.asides.last?.kind == "keypoints", "\(lesson.path): does not end with key points")
            }
        }
    }

    /// At least 300 questions, 60 prompt classifications, every objective tested 3 times, feedback everywhere.
    func questionBanks(_ course: Course) {
        let questions = course.questionBanks.flatMap(\.questions)
        #expect(questions.count >= 300)
        #expect(questions.filter { $0.kind == .classification }.count >= 60)
        for module in course.modules {
            #expect(course.bank(for: module.id) != nil, "module \(module.id) has no question bank")
            for objective in module.objectives {
                let count = questions.filter { $0.objective == objective.id }.count
                #expect(count >= 3, "objective \(objective.id) is tested by \(count) questions")
            }
        }
        for question in questions {
            #expect(!question.explanation.isEmpty, "\(question.id): no explanation")
            switch question.kind {
            case .single, .multiple:
                for choice in question.choices ?? [] where !choice.correct {
                    #expect(choice.feedback?.isEmpty == false, "\(question.id): a wrong choice has no feedback")
                }
            default:
                #expect(question.feedback?.isEmpty == false, "\(question.id): no feedback for a wrong answer")
            }
        }
        let classified = Set(questions.compactMap(\.promptType))
        #expect(classified == Set(PromptType.allCases), "the drill covers every prompt type")
    }

    /// Final examinations, rubrics and programmes are in place.
    func certification(_ course: Course) throws {
        #expect(course.track("pre-service")?.exam != nil)
        #expect(course.track("in-service")?.exam != nil)
        let mock = try #require(course.rubrics.first { $0.id == "mock-interview" })
        #expect((13...17).contains(mock.criteria.count))
        #expect(mock.criteria.contains { $0.critical })
        let teachBack = try #require(course.rubrics.first { $0.id == "teach-back" })
        #expect((8...12).contains(teachBack.criteria.count))
        let ids = Set(course.programmes.map(\.id))
        #expect(ids == ["pre-service-completion", "specialist-interviewer", "instructor"])
        for programme in course.programmes where programme.id != "pre-service-completion" {
            #expect(programme.validityMonths != nil && programme.renewal != nil, "\(programme.id) needs validity and renewal")
        }
        let instructor = try #require(course.programmes.first { $0.id == "instructor" })
        #expect(instructor.requires.certifications == ["specialist-interviewer"])
        #expect(instructor.requires.practicals.first?.distinctAssessors == 2)
    }

    /// Luxembourg Guidelines: these terms may only be mentioned in quotation marks, to be corrected.
    func bannedTerms(term: String) throws {
        let manager = FileManager.default
        for folder in ["Curriculum", "Assessments"] {
            let base = Self.repository.appendingPathComponent(folder)
            for case let file as URL in manager.enumerator(at: base, includingPropertiesForKeys: nil) ?? .init()
            where ["md", "yaml"].contains(file.pathExtension) {
                let text = try String(contentsOf: file, encoding: .utf8).lowercased()
                var searchStart = text.startIndex
                while let range = text.range(of: term, range: searchStart..<text.endIndex) {
                    // Quotations may wrap across lines, but never across paragraphs.
                    let lineStart = text[..<range.lowerBound].range(of: "\n\n", options: .backwards)?.upperBound ?? text.startIndex
                    #expect(isQuoted(text[lineStart..<range.lowerBound]), "\(file.lastPathComponent): '\(term)' used outside quotation marks")
                    searchStart = range.upperBound
                }
            }
        }
    }

    /// True when the text before a word in its paragraph leaves a quotation open.
    func isQuoted(_ before: Substring) -> Bool {
        let straight = before.filter { $0 == "\"" }.count
        // A straight apostrophe is too often a possessive to count; it counts right before the word.
        if let last = before.last, "'‘".contains(last) { return true }
        let single = before.filter { $0 == "‘" }.count - before.filter { $0 == "’" }.count
        let curly = before.filter { $0 == "“" }.count - before.filter { $0 == "”" }.count
        let guillemets = before.filter { $0 == "«" }.count - before.filter { $0 == "»" }.count
        return straight % 2 == 1 || single > 0 || curly > 0 || guillemets > 0
    }
}

/// The size of `data` as the server sends it: gzip, as `StaticSite` prepares it at start.
func gzipped(_ data: Data) throws -> Int {
    var buffer = ByteBuffer(bytes: data)
    return try buffer.compress(with: .gzip()).readableBytes
}

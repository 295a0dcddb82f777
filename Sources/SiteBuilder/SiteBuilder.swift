import AcademyCore
import Foundation

/// What `academy check` reports: the size of the course and where it is thin.
public struct ContentReport: Codable, Sendable, Equatable {
    public var tracks: Int
    public var modules: Int
    public var lessons: Int
    public var words: Int
    public var glossaryTerms: Int
    public var questions: Int
    public var questionsByKind: [String: Int]
    public var rubrics: Int
    public var programmes: Int
    public var objectives: Int
    public var objectivesWithFewerThan3Questions: [String]
    /// Language → lessons translated into it.
    public var translations: [String: Int]
    /// Drafting language found, duplicated question texts, and each bank's cue figures.
    var contentChecks: ContentLint.Figures
    /// The trainer pack's pages, cards, transcript prompts and test forms.
    public var trainerPack: PackFigures
    /// Every translated item whose English changed after it was translated.
    public var stale: [TranslationRecord]

    enum CodingKeys: String, CodingKey {
        case trainerPack = "trainer_pack"
        case stale
        case tracks, modules, lessons, words, questions, rubrics, programmes, objectives, translations
        case contentChecks = "content_checks"
        case glossaryTerms = "glossary_terms"
        case questionsByKind = "questions_by_kind"
        case objectivesWithFewerThan3Questions = "objectives_with_fewer_than_3_questions"
    }
}

public struct BuildSummary: Sendable {
    public var pages: Int
    public var report: ContentReport
    public var warnings: [Diagnostic]
    public var seconds: Double
}

/// `academy build` and `academy check`: load, validate, render, index, copy assets, write.
public struct SiteBuilder: Sendable {
    public let root: URL
    /// The stylesheet and script copied to `site/assets/`.
    public let publicFolder: URL

    public init(root: URL, publicFolder: URL? = nil) {
        self.root = root
        self.publicFolder = publicFolder ?? root.appendingPathComponent("Public")
    }

    /// Validates everything and reports counts, writing nothing.
    public func check() async throws(ContentError) -> (ContentReport, [Diagnostic]) {
        let (content, warnings) = try await ContentCompiler(root: root).compile()
        return (Self.report(content), warnings)
    }

    /// Builds `output/site/` and `output/course.json` in named steps: load and validate, write the
    /// pages into a staging folder beside `output`, write course.json and the API description, then swap
    /// the staging folder in. A failed build leaves the previous one untouched.
    public func build(output: URL, progress: (@Sendable (String) -> Void)? = nil) async throws -> BuildSummary {
        let started = Date()
        progress?("loading and validating content")
        let (content, warnings) = try await ContentCompiler(root: root).compile()
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            progress?("rendering and writing the site")
            let pages = try await SiteWriter(content: content, publicFolder: publicFolder).write(to: staging.appendingPathComponent("site"))
            progress?("writing course.json")
            try FileOutput.write(ContentCompiler.courseJSON(content), to: staging.appendingPathComponent("course.json").path)
            // The API description travels with the build, so a served build always describes its server.
            let openAPI = root.appendingPathComponent("openapi.yaml")
            if FileManager.default.fileExists(atPath: openAPI.path) {
                try FileManager.default.copyItem(at: openAPI, to: staging.appendingPathComponent("openapi.yaml"))
            }
            progress?("swapping the new build in")
            try swapIn(staging, at: output)
            progress?("done")
            return BuildSummary(pages: pages, report: Self.report(content), warnings: warnings, seconds: Date().timeIntervalSince(started))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Replaces `output` with `staging`: two renames, so readers see the old build or the new one; then
    /// the old build is removed.
    private func swapIn(_ staging: URL, at output: URL) throws {
        let manager = FileManager.default
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: old)
        if manager.fileExists(atPath: output.path) {
            try manager.moveItem(at: output, to: old)
        }
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            if manager.fileExists(atPath: old.path) { try? manager.moveItem(at: old, to: output) }
            throw error
        }
        if manager.fileExists(atPath: old.path) { try? manager.removeItem(at: old) }
    }

    static func report(_ content: Content) -> ContentReport {
        let course = content.course
        var byKind: [String: Int] = [:]
        var perObjective: [String: Int] = [:]
        for bank in course.questionBanks {
            for question in bank.questions {
                byKind[question.kind.rawValue, default: 0] += 1
                perObjective[question.objective, default: 0] += 1
            }
        }
        let objectives = course.modules.flatMap(\.objectives).map(\.id)
        var translations: [String: Int] = [:]
        for language in course.languages where language != course.defaultLanguage {
            translations[language] = course.modules.flatMap(\.lessons).filter { $0.translations.contains(language) }.count
        }
        return ContentReport(
            tracks: course.tracks.count, modules: course.modules.count, lessons: course.modules.flatMap(\.lessons).count,
            words: content.modules.reduce(0) { $0 + $1.introduction.wordCount + $1.lessons.reduce(0) { $0 + $1.body.wordCount } },
            glossaryTerms: content.glossary.terms.count,
            questions: course.questionBanks.reduce(0) { $0 + $1.questions.count }, questionsByKind: byKind,
            rubrics: course.rubrics.count, programmes: course.programmes.count, objectives: objectives.count,
            objectivesWithFewerThan3Questions: objectives.filter { perObjective[$0, default: 0] < 3 },
            translations: translations, contentChecks: content.checks, trainerPack: content.pack,
            stale: content.translationRecords.filter { $0.sourceUpdated != nil }
        )
    }

    /// How far each language is translated: `academy translations status`.
    public func translationCoverage() async throws(ContentError) -> TranslationCoverage {
        let (content, _) = try await ContentCompiler(root: root).compile()
        return TranslationCoverage(content)
    }
}

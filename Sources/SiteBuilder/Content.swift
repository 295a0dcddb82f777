import AcademyCore
import CommonMark

/// Everything loaded from Curriculum/ and Assessments/, rendered but not yet laid out into pages.
struct Content: Sendable {
    var course: Course
    var modules: [ModuleSource]
    var glossary: GlossarySource
    /// Language → UI strings.
    var strings: [String: UIStrings]
    /// The source files behind every diagnostic-free value, for the course hash.
    var sourceHashes: [String: String]
    /// Lesson id → the id of its module, for resolving `lesson:` links.
    var moduleOfLesson: [String: String]
    /// Language → the translation that is its reference until reviewed.
    var referenceLanguages: [String: String] = [:]
    /// Every translated item and how it stands against its English.
    var translationRecords: [TranslationRecord]
    /// Words of each written trainer-pack page, by id, for translation coverage.
    var trainerWords: [String: Int] = [:]
    /// The figures of the learner-text and question-bank checks, for `academy check --json`.
    var checks: ContentLint.Figures
    /// The size of the trainer pack, for `academy check --json`.
    var pack: PackFigures
}

/// What the trainer pack holds: its pages by kind, the cards of its card sets and the interviewer prompts
/// of its transcripts.
public struct PackFigures: Codable, Sendable, Equatable {
    public var materials: Int
    public var byKind: [String: Int]
    public var cards: [String: Int]
    public var transcriptPrompts: [String: Int]
    public var testForms: [String: Int]

    enum CodingKeys: String, CodingKey {
        case materials, cards
        case byKind = "by_kind"
        case transcriptPrompts = "transcript_prompts"
        case testForms = "test_forms"
    }
}

struct ModuleSource: Sendable {
    var module: Module
    var path: String
    /// Line of the `tracks` key in module.md.
    var tracksLine: Int
    var introduction: RenderedMarkdown
    var lessons: [LessonSource]
    var hasQuiz: Bool
    /// The source hash of module.md, which its translations record.
    var contentHash: String
    /// Language → translation of module.md.
    var translations: [String: ModuleTranslation] = [:]
}

/// `module.ru.md`: the module page in another language.
struct ModuleTranslation: Sendable {
    var path: String
    var title: String
    var summary: String?
    /// Objective id → text.
    var objectives: [String: String]
    var introduction: RenderedMarkdown
    var contentHash: String
    var state: TranslationState
}

/// A lesson as loaded.
struct LessonSource: Sendable {
    var info: LessonInfo
    var module: String
    var path: String
    var line: Int
    var contentNote: String?
    var sources: RenderedMarkdown
    var body: RenderedMarkdown
    /// Language → translation.
    var translations: [String: TranslationSource]

    /// Adds (or replaces) the translation into `language`, and lists the language in `info`.
    mutating func addTranslation(_ translation: TranslationSource, language: String) {
        if !info.translations.contains(language) { info.translations.append(language) }
        translations[language] = translation
    }
}

struct TranslationSource: Sendable {
    var path: String
    var title: String
    var contentNote: String?
    var body: RenderedMarkdown
    var contentHash: String
    var state: TranslationState
}

struct GlossarySource: Sendable {
    struct Term: Sendable {
        var term: String
        var anchor: String
    }

    var path: String
    var body: RenderedMarkdown
    var terms: [Term]
    /// The source hash of glossary.md, which its translations record.
    var contentHash: String
    /// Language → the glossary in that language: the term base.
    var translations: [String: GlossaryTranslation] = [:]
}

/// `glossary.ru.md`: each English entry's anchor with its term in that language.
struct GlossaryTranslation: Sendable {
    var path: String
    var body: RenderedMarkdown
    /// Anchor → the term in this language.
    var terms: [String: String]
    var contentHash: String
    var state: TranslationState
}

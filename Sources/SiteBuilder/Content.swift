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
    /// The figures of the learner-text and question-bank checks, for `academy check --json`.
    var checks: ContentLint.Figures
}

struct ModuleSource: Sendable {
    var module: Module
    var path: String
    /// Line of the `tracks` key in module.md.
    var tracksLine: Int
    var introduction: RenderedMarkdown
    var lessons: [LessonSource]
    var hasQuiz: Bool
}

/// A lesson as loaded. Its values live in one shared object, so a copy (every loop over a module's
/// lessons makes one) costs one retain rather than one for each of its twenty-odd strings and arrays.
struct LessonSource: Sendable {
    private final class Storage: Sendable {
        let info: LessonInfo
        let module: String
        let path: String
        let line: Int
        let contentNote: String?
        let sources: RenderedMarkdown
        let body: RenderedMarkdown
        let translations: [String: TranslationSource]

        init(
            info: LessonInfo, module: String, path: String, line: Int, contentNote: String?, sources: RenderedMarkdown,
            body: RenderedMarkdown, translations: [String: TranslationSource]
        ) {
            self.info = info
            self.module = module
            self.path = path
            self.line = line
            self.contentNote = contentNote
            self.sources = sources
            self.body = body
            self.translations = translations
        }
    }

    private var storage: Storage

    init(
        info: LessonInfo, module: String, path: String, line: Int, contentNote: String?, sources: RenderedMarkdown,
        body: RenderedMarkdown, translations: [String: TranslationSource]
    ) {
        storage = Storage(
            info: info, module: module, path: path, line: line, contentNote: contentNote, sources: sources, body: body,
            translations: translations
        )
    }

    var info: LessonInfo { storage.info }
    var module: String { storage.module }
    var path: String { storage.path }
    var line: Int { storage.line }
    var contentNote: String? { storage.contentNote }
    var sources: RenderedMarkdown { storage.sources }
    var body: RenderedMarkdown { storage.body }
    /// Language → translation.
    var translations: [String: TranslationSource] { storage.translations }

    /// Adds (or replaces) the translation into `language`, and lists the language in `info`.
    mutating func addTranslation(_ translation: TranslationSource, language: String) {
        var info = storage.info
        if !info.translations.contains(language) { info.translations.append(language) }
        var translations = storage.translations
        translations[language] = translation
        storage = Storage(
            info: info, module: module, path: path, line: line, contentNote: contentNote, sources: sources, body: body,
            translations: translations
        )
    }
}

struct TranslationSource: Sendable {
    var path: String
    var title: String
    var contentNote: String?
    var body: RenderedMarkdown
    var contentHash: String
    /// True until a native reviewer signs the translation off.
    var machineAssisted: Bool
    var reviewedBy: String?
}

struct GlossarySource: Sendable {
    struct Term: Sendable {
        var term: String
        var anchor: String
    }

    var path: String
    var body: RenderedMarkdown
    var terms: [Term]
}

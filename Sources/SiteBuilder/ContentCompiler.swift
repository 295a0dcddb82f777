import AcademyCore
import CommonMark
import Crypto
import Foundation

/// The load and validate steps of a build: reads every source, cross-checks every reference, and
/// returns the content ready to render, or every problem found.
public struct ContentCompiler: Sendable {
    public let root: URL

    /// - Parameter root: the folder holding `Curriculum/` and `Assessments/`.
    public init(root: URL) {
        self.root = root
    }

    /// The compiled course (structure, assessments with their keys, strings), without rendering the site:
    /// for commands that need the course but not the pages, such as `export`.
    public func course() async throws(ContentError) -> Course {
        try await compile().0.course
    }

    /// Loads and validates everything, links included, and computes the course's content hash.
    /// Warnings come back with the content; errors are thrown, all of them.
    func compile() async throws(ContentError) -> (Content, [Diagnostic]) {
        let contentRoot = ContentRoot(url: root)
        let log = DiagnosticLog()
        let curriculumLoader = CurriculumLoader(root: contentRoot, log: log)
        guard let curriculum = curriculumLoader.loadCurriculumFile() else { throw ContentError(log.items) }
        // Modules (most of the work, in parallel tasks) load while this task reads the locales, the
        // glossary and the assessments. Diagnostics keep the order of a sequential load.
        let dates = SourceDates(root: root)
        let otherLanguages = curriculum.languages.filter { $0 != curriculum.defaultLanguage }
        let moduleLoader = ModuleLoader(root: contentRoot, languages: curriculum.languages, defaultLanguage: curriculum.defaultLanguage, dates: dates)
        async let loadedModules = moduleLoader.loadAll()
        // The trainer pack (a third of the text) loads beside the modules.
        async let loadedTrainer = TrainerLoader(root: contentRoot, languages: otherLanguages, dates: dates).load()
        let strings = curriculumLoader.loadLocales(languages: curriculum.languages)
        let glossary = curriculumLoader.loadGlossary(languages: otherLanguages, dates: dates)
        let assessmentLog = DiagnosticLog()
        let assessments = AssessmentLoader(root: contentRoot, log: assessmentLog).load()
        let (overlays, overlayRecords) = OverlayLoader(root: contentRoot, log: assessmentLog, languages: otherLanguages, dates: dates)
            .load(curriculum: curriculum, assessments: assessments)
        let (modules, moduleDiagnostics) = await loadedModules
        let (trainer, trainerDiagnostics) = await loadedTrainer
        log.append(contentsOf: moduleDiagnostics)
        log.append(contentsOf: assessmentLog.items)
        log.append(contentsOf: trainerDiagnostics)

        var checker = ReferenceChecker(
            log: log, curriculum: curriculum, modules: modules, glossary: glossary, assessments: assessments, trainer: trainer
        )
        checker.checkAll()
        let links = checker.linkChecker()
        let lint = ContentLint(root: contentRoot, log: log)
        let drafting = lint.checkDraftingLanguage(files: contentRoot.textFiles(below: ["Curriculum", "Assessments"]))
        let (bankFigures, duplicates) = lint.checkBanks(assessments.banks)
        lint.checkFacilitatorNotes(modules: modules, sessionPlans: Set(trainer.filter { $0.kind == .sessionPlan }.map(\.id)))
        let figures = ContentLint.Figures(draftingLanguage: drafting, duplicatedQuestionTexts: duplicates, banks: bankFigures)
        if let glossary {
            lint.checkTermBase(modules: modules, glossary: glossary)
            lint.checkPromptTypeNames(glossary: glossary, strings: strings)
        }

        let errors = log.items.filter { $0.severity == .error } + links.problems()
        guard errors.isEmpty, let glossary else { throw ContentError(errors) }

        var hashes: [String: String] = [:]
        for module in modules {
            for translation in module.translations.values { hashes[translation.path] = translation.contentHash }
            for lesson in module.lessons {
                hashes[lesson.path] = lesson.info.contentHash
                for translation in lesson.translations.values { hashes[translation.path] = translation.contentHash }
            }
        }
        var course = Course(
            title: curriculum.title, subtitle: curriculum.subtitle, publisher: curriculum.publisher,
            languages: curriculum.languages, defaultLanguage: curriculum.defaultLanguage,
            tracks: curriculum.tracks.map(\.track), modules: modules.map { source in
                // The pack's pages each module's facilitator note links, for the instructors' index.
                var module = source.module
                for link in source.introduction.links where link.destination.hasPrefix("trainer:") {
                    let id = String(link.destination.dropFirst("trainer:".count).prefix { $0 != "#" })
                    if !module.trainerMaterials.contains(id) { module.trainerMaterials.append(id) }
                }
                return module
            },
            questionBanks: assessments.banks.map(\.bank), exams: assessments.exams.map(\.exam),
            rubrics: assessments.rubrics.map(\.rubric), programmes: curriculum.programmes.map(\.programme),
            strings: strings.mapValues(\.values),
            contentHash: ""
        )
        var moduleOfLesson: [String: String] = [:]
        for module in modules { for lesson in module.lessons { moduleOfLesson[lesson.info.id] = module.module.id } }
        // A trainer page is served at /app/trainer/<id>: two folders below the site root.
        let resolve = SitePages.resolver(moduleOfLesson: moduleOfLesson, toLanguage: "../../" + curriculum.defaultLanguage + "/")
        let labels = strings[curriculum.defaultLanguage] ?? UIStrings(language: curriculum.defaultLanguage, values: [:])
        course.trainerMaterials = trainer.map {
            TrainerMaterial(id: $0.id, title: $0.title, kind: $0.kind, html: $0.body.html(resolve: resolve, label: { SitePages.label($0, strings: labels) }))
        }
        // Pages made from the assessments: an observation form per rubric, each test form and its key.
        course.trainerMaterials += course.rubrics.map { GeneratedMaterials.observationForm($0, strings: labels) }
        var questions: [String: Question] = [:]
        for bank in course.questionBanks { for question in bank.questions { questions[question.id] = question } }
        course.testForms = assessments.tests.map(\.form).sorted { $0.id < $1.id }
        for form in course.testForms {
            course.trainerMaterials += GeneratedMaterials.test(form, questions: form.items.compactMap { questions[$0] }, strings: labels)
        }
        for material in trainer {
            hashes[material.path] = material.contentHash
            for translation in material.translations.values { hashes[translation.path] = translation.contentHash }
        }
        for translation in glossary.translations.values { hashes[translation.path] = translation.contentHash }
        course.translations = Self.translations(
            overlays: overlays, course: course, modules: modules, trainer: trainer, strings: strings, moduleOfLesson: moduleOfLesson
        )
        var content = Content(
            course: course, modules: modules, glossary: glossary, strings: strings, sourceHashes: hashes, moduleOfLesson: moduleOfLesson,
            translationRecords: overlayRecords + Self.markdownRecords(modules: modules, glossary: glossary, trainer: trainer),
            checks: figures,
            pack: PackFigures(
                materials: course.trainerMaterials.count,
                byKind: course.trainerMaterials.reduce(into: [:]) { $0[$1.kind.rawValue, default: 0] += 1 },
                cards: Dictionary(trainer.filter { $0.kind == .cards }.map { ($0.id, $0.cards) }, uniquingKeysWith: max),
                transcriptPrompts: Dictionary(trainer.filter { $0.kind == .transcript }.map { ($0.id, $0.prompts) }, uniquingKeysWith: max),
                testForms: Dictionary(course.testForms.map { ($0.id, $0.items.count) }, uniquingKeysWith: max)
            )
        )
        content.referenceLanguages = curriculum.referenceLanguages
        content.trainerWords = Dictionary(trainer.map { ($0.id, $0.body.wordCount) }, uniquingKeysWith: max)
        content.course.contentHash = try Self.courseHash(content)
        return (content, log.items)
    }

    /// Each other language's texts: the overlays' with the module pages' and lessons' titles, and the
    /// trainer pack in that language (its translated pages, and the pages made from the translated
    /// assessments with that language's labels).
    static func translations(
        overlays: [String: CourseTranslation], course: Course, modules: [ModuleSource], trainer: [TrainerSource],
        strings: [String: UIStrings], moduleOfLesson: [String: String]
    ) -> [String: CourseTranslation] {
        var result: [String: CourseTranslation] = [:]
        for language in course.languages where language != course.defaultLanguage {
            var text = overlays[language] ?? CourseTranslation()
            for source in modules {
                let page = source.translations[language]
                var lessons: [String: String] = [:]
                for lesson in source.lessons { lessons[lesson.info.id] = lesson.translations[language]?.title }
                guard page != nil || !lessons.isEmpty else { continue }
                text.modules[source.module.id] = .init(title: page?.title, summary: page?.summary, objectives: page?.objectives ?? [:], lessons: lessons)
            }
            let labels = strings[language] ?? UIStrings(language: language, values: [:])
            let resolve = SitePages.resolver(moduleOfLesson: moduleOfLesson, toLanguage: "../../" + language + "/")
            var materials: [TrainerMaterial] = trainer.compactMap { source in
                guard let page = source.translations[language] else { return nil }
                var material = TrainerMaterial(
                    id: source.id, title: page.title, kind: source.kind,
                    html: page.body.html(resolve: resolve, label: { SitePages.label($0, strings: labels) })
                )
                material.translation = page.state
                return material
            }
            var localized = course
            localized.translations = [language: text]
            localized = localized.localized(to: language)
            materials += localized.rubrics.map { GeneratedMaterials.observationForm($0, strings: labels) }
            var questions: [String: Question] = [:]
            for bank in localized.questionBanks { for question in bank.questions { questions[question.id] = question } }
            for form in localized.testForms {
                materials += GeneratedMaterials.test(form, questions: form.items.compactMap { questions[$0] }, strings: labels)
            }
            text.trainerMaterials = materials
            result[language] = text
        }
        return result
    }

    /// How every Markdown translation stands: module pages, lessons, the glossary and trainer pages.
    static func markdownRecords(modules: [ModuleSource], glossary: GlossarySource, trainer: [TrainerSource]) -> [TranslationRecord] {
        var records: [TranslationRecord] = []
        func add(_ language: String, _ kind: TranslationRecord.Kind, _ item: String, _ path: String, _ source: String, _ words: Int, _ state: TranslationState) {
            records.append(TranslationRecord(
                language: language, kind: kind, item: item, path: path, source: source, words: words,
                machineAssisted: state.machineAssisted, sourceUpdated: state.sourceUpdated
            ))
        }
        for module in modules {
            for (language, page) in module.translations.sorted(by: { $0.key < $1.key }) {
                add(language, .module, module.module.id, page.path, module.path, module.introduction.wordCount, page.state)
            }
            for lesson in module.lessons {
                for (language, page) in lesson.translations.sorted(by: { $0.key < $1.key }) {
                    add(language, .lesson, lesson.info.id, page.path, lesson.path, lesson.body.wordCount, page.state)
                }
            }
        }
        for (language, page) in glossary.translations.sorted(by: { $0.key < $1.key }) {
            add(language, .glossary, "glossary", page.path, glossary.path, glossary.body.wordCount, page.state)
        }
        for material in trainer {
            for (language, page) in material.translations.sorted(by: { $0.key < $1.key }) {
                add(language, .trainer, material.id, page.path, material.path, material.body.wordCount, page.state)
            }
        }
        return records
    }

    /// The course's content hash: over the course encoded with the hash empty, and every source file's
    /// hash, so it changes whenever any content changes.
    static func courseHash(_ content: Content) throws(ContentError) -> String {
        var course = content.course
        course.contentHash = ""
        // The pack's pages are made from sources whose hashes follow, and from assessments encoded here:
        // encoding their HTML as well would only double the work.
        course.trainerMaterials = []
        for language in course.translations.keys { course.translations[language]?.trainerMaterials = [] }
        var hasher = SHA256()
        hasher.update(data: try encode(course))
        let sources = content.sourceHashes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        hasher.update(data: Data(("\n" + sources).utf8))
        return hexString(hasher.finalize())
    }

    /// `course.json`: the compiled course, its hash in it.
    static func courseJSON(_ content: Content) throws(ContentError) -> Data {
        try encode(content.course)
    }

    /// The course as JSON with sorted keys. Validation keeps every value encodable (numbers are
    /// finite), so a failure here names a bug, not a content problem.
    private static func encode(_ course: Course) throws(ContentError) -> Data {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(course)
        } catch {
            throw ContentError([Diagnostic(path: "course.json", line: 0, message: "the compiled course cannot be encoded: \(error)")])
        }
    }
}

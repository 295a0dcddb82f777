import AcademyCore
import CommonMark
import Foundation

/// Loads `Curriculum/modules/NN-slug/`: the module file, its lessons and their translations.
struct ModuleLoader: Sendable {
    let root: ContentRoot
    let languages: [String]
    let defaultLanguage: String

    static let moduleKeys: Set<String> = ["id", "title", "summary", "duration", "tracks", "objectives"]
    static let lessonKeys: Set<String> = ["id", "title", "minutes", "objectives", "content_note", "sources"]
    /// A translation holds texts: structure (minutes, duration, tracks, a lesson's objectives) stays in
    /// the source.
    static let translationKeys: Set<String> = TranslationMeta.keys.union(["id", "title", "content_note", "sources"])
    static let moduleTranslationKeys: Set<String> = TranslationMeta.keys.union(["id", "title", "summary", "objectives"])
    let dates: SourceDates

    /// Loads every module folder, lessons in parallel. Returns modules in folder order.
    func loadAll() async -> ([ModuleSource], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var folders: [(Int, String)] = []
        for entry in root.list("Curriculum/modules") {
            let name = entry.name
            guard entry.isDirectory, let number = Int(name.prefix(while: \.isNumber)), name.dropFirst(2).hasPrefix("-") else {
                diagnostics.append(Diagnostic(path: entry.path, line: 0, message: "a module folder is named NN-slug (for example 01-legal-framework)"))
                continue
            }
            folders.append((number, entry.path))
        }
        let results = await withTaskGroup(of: (Int, ModuleSource?, [Diagnostic]).self) { group in
            for (index, (number, folder)) in folders.enumerated() {
                group.addTask {
                    let log = DiagnosticLog()
                    let module = loadModule(number: number, folder: folder, log: log)
                    return (index, module, log.items)
                }
            }
            var collected: [(Int, ModuleSource?, [Diagnostic])] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        for (_, _, found) in results { diagnostics += found }
        return (results.compactMap(\.1), diagnostics)
    }

    private func loadModule(number: Int, folder: String, log: DiagnosticLog) -> ModuleSource? {
        let path = folder + "/module.md"
        guard root.exists(path) else {
            log.error(path, 0, "missing module.md")
            return nil
        }
        guard let (markdown, object) = root.frontMatter(path, allowed: Self.moduleKeys, what: "module.md", log: log) else { return nil }

        let id = object.string("id") ?? ""
        if !id.isEmpty && !isValidID(id) {
            log.error(path, object.lineOf(key: "id"), "module id '\(id)' must be lowercase words joined by hyphens")
        }
        var objectives: [Objective] = []
        for entry in object.objects("objectives", allowed: ["id", "text"], what: "an objective") ?? [] {
            let objective = Objective(id: entry.string("id") ?? "", text: entry.string("text") ?? "")
            if objectives.contains(where: { $0.id == objective.id }) {
                log.error(path, entry.lineOf(key: "id"), "duplicate objective id '\(objective.id)'")
            } else if !objective.id.isEmpty && !isValidID(objective.id) {
                log.error(path, entry.lineOf(key: "id"), "objective id '\(objective.id)' must be lowercase words joined by hyphens")
            }
            objectives.append(objective)
        }
        if objectives.isEmpty { log.error(path, object.lineOf(key: "objectives"), "a module needs at least one objective") }

        var lessons: [LessonSource] = []
        var translationFiles: [ContentFile] = []
        var moduleTranslations: [ContentFile] = []
        for entry in root.list(folder) where entry.name != "module.md" {
            let parts = entry.name.split(separator: ".")
            if entry.pathExtension == "md", translationParts(of: entry.name)?.base == "module" {
                moduleTranslations.append(entry)
                continue
            }
            guard entry.pathExtension == "md", entry.name.first?.isNumber == true else {
                log.error(entry.path, 0, "unexpected file: a module folder holds module.md and lessons named NN-slug.md")
                continue
            }
            if parts.count == 3 {
                translationFiles.append(entry)
            } else if let lesson = loadLesson(entry, module: id, objectives: objectives, log: log) {
                lessons.append(lesson)
            }
        }
        for file in translationFiles {
            loadTranslation(file, into: &lessons, log: log)
        }
        if lessons.isEmpty { log.error(path, 0, "a module needs at least one lesson") }

        let module = Module(
            id: id, number: number, title: object.string("title") ?? "", summary: object.string("summary") ?? "",
            duration: object.int("duration", in: 1...10_000) ?? 0, tracks: object.strings("tracks")?.map(\.0) ?? [],
            objectives: objectives, lessons: lessons.map(\.info)
        )
        let hasQuiz = root.exists("Assessments/quizzes/\(id).yaml")
        var source = ModuleSource(
            module: module, path: path, tracksLine: object.lineOf(key: "tracks"), introduction: markdown.renderBody(),
            lessons: lessons, hasQuiz: hasQuiz, contentHash: String(markdown.contentHash.prefix(TextHash.length))
        )
        for file in moduleTranslations {
            loadModuleTranslation(file, into: &source, log: log)
        }
        return source
    }

    /// The language of a translation file, if it is one of the curriculum's other languages.
    private func language(of file: ContentFile, log: DiagnosticLog) -> String? {
        guard let language = translationParts(of: file.name)?.language, languages.contains(language), language != defaultLanguage else {
            log.error(file.path, 0, "'\(translationParts(of: file.name)?.language ?? file.name)' is not one of the curriculum's other languages (\(languages.filter { $0 != defaultLanguage }.joined(separator: ", ")))")
            return nil
        }
        return language
    }

    /// `module.ru.md`: the module page's title, summary, objectives, introduction and facilitator note.
    private func loadModuleTranslation(_ file: ContentFile, into source: inout ModuleSource, log: DiagnosticLog) {
        guard let language = language(of: file, log: log),
              let (markdown, object) = root.frontMatter(file.path, allowed: Self.moduleTranslationKeys, what: "a translation", log: log) else { return }
        let id = object.string("id") ?? ""
        if id != source.module.id {
            log.error(file.path, object.lineOf(key: "id"), "a translation keeps its module's id '\(source.module.id)', not '\(id)'")
        }
        var objectives: [String: String] = [:]
        let sourceIDs = source.module.objectives.map(\.id)
        let entries = object.objects("objectives", required: false, allowed: ["id", "text"], what: "a translated objective") ?? []
        for entry in entries {
            guard let objective = entry.string("id"), let text = entry.string("text") else { continue }
            if !sourceIDs.contains(objective) {
                log.error(file.path, entry.lineOf(key: "id"), "objective '\(objective)' is not an objective of module '\(source.module.id)'")
            }
            objectives[objective] = text
        }
        if object.has("objectives"), entries.compactMap({ $0.string("id", required: false) }) != sourceIDs.filter({ objectives[$0] != nil }) {
            log.error(file.path, object.lineOf(key: "objectives"), "translated objectives keep the module's order: \(sourceIDs.joined(separator: ", "))")
        }
        let meta = TranslationMeta(object)
        source.translations[language] = ModuleTranslation(
            path: file.path, title: object.string("title") ?? "", summary: object.string("summary", required: false),
            objectives: objectives, introduction: markdown.renderBody(), contentHash: markdown.contentHash,
            state: dates.state(recorded: meta.sourceHash, current: source.contentHash, source: source.path, machineAssisted: meta.machineAssisted, reviewedBy: meta.reviewedBy)
        )
    }

    private func loadLesson(_ file: ContentFile, module: String, objectives: [Objective], log: DiagnosticLog) -> LessonSource? {
        let path = file.path
        guard let (markdown, object) = root.frontMatter(path, allowed: Self.lessonKeys, what: "a lesson", log: log) else { return nil }
        let id = object.string("id") ?? ""
        if !id.isEmpty && !isValidID(id) {
            log.error(path, object.lineOf(key: "id"), "lesson id '\(id)' must be lowercase words joined by hyphens")
        }
        let covered = object.strings("objectives") ?? []
        for (objective, line) in covered where !objectives.contains(where: { $0.id == objective }) {
            log.error(path, line, "objective '\(objective)' is not an objective of module '\(module)'")
        }
        let sources = object.strings("sources") ?? []
        if sources.isEmpty { log.error(path, object.lineOf(key: "sources"), "a lesson needs at least one source") }
        let body = markdown.renderBody()
        let info = LessonInfo(
            id: id, title: object.string("title") ?? "", minutes: object.int("minutes", in: 1...240) ?? 0,
            objectives: covered.map(\.0), contentHash: markdown.contentHash, words: body.wordCount, translations: []
        )
        return LessonSource(
            info: info, module: module, path: path, line: object.lineOf(key: "id"),
            contentNote: object.string("content_note", required: false),
            sources: CommonMark.render(sources.map { "- \($0.0)" }.joined(separator: "\n")),
            body: body, translations: [:]
        )
    }

    private func loadTranslation(_ file: ContentFile, into lessons: inout [LessonSource], log: DiagnosticLog) {
        let path = file.path
        guard let language = language(of: file, log: log) else { return }
        let originalName = "\(translationParts(of: file.name)?.base ?? "").md"
        guard let index = lessons.firstIndex(where: { $0.path.hasSuffix("/" + originalName) }) else {
            log.error(path, 0, "translation of a lesson that does not exist: \(originalName)")
            return
        }
        guard let (markdown, object) = root.frontMatter(path, allowed: Self.translationKeys, what: "a translation", log: log) else { return }
        let id = object.string("id") ?? ""
        if id != lessons[index].info.id {
            log.error(path, object.lineOf(key: "id"), "a translation keeps its lesson's id '\(lessons[index].info.id)', not '\(id)'")
        }
        let meta = TranslationMeta(object)
        let lesson = lessons[index]
        let translation = TranslationSource(
            path: path, title: object.string("title") ?? "", contentNote: object.string("content_note", required: false),
            body: markdown.renderBody(), contentHash: markdown.contentHash,
            state: dates.state(
                recorded: meta.sourceHash, current: String(lesson.info.contentHash.prefix(TextHash.length)), source: lesson.path,
                machineAssisted: meta.machineAssisted, reviewedBy: meta.reviewedBy
            )
        )
        lessons[index].addTranslation(translation, language: language)
    }
}

import AcademyCore
import CommonMark

/// A trainer-pack page as loaded: Markdown rendered, links not yet resolved.
struct TrainerSource: Sendable {
    var id: String
    var title: String
    var path: String
    var line: Int
    var kind: TrainerMaterial.Kind
    var body: RenderedMarkdown
    var contentHash: String
    /// Cards in a card set: its top-level numbered items.
    var cards: Int
    /// Interviewer prompts in a transcript: its `- **P1.**` or `- **Interviewer**` turns.
    var prompts: Int
    /// Language → this page in that language (`ID.ru.md`).
    var translations: [String: TrainerTranslation] = [:]
}

struct TrainerTranslation: Sendable {
    var path: String
    var title: String
    var body: RenderedMarkdown
    var contentHash: String
    var state: TranslationState
}

/// Loads `Curriculum/trainer/*.md`: the materials instructors teach from (the register of legal
/// provisions to confirm among them). They are validated like lessons but built only into the private
/// half of the output.
struct TrainerLoader {
    let root: ContentRoot
    /// The languages a page may be translated into.
    let languages: [String]
    let dates: SourceDates

    static let folder = "Curriculum/trainer"
    static let keys: Set<String> = ["id", "title", "kind"]

    /// Every page, parsed and rendered, with the diagnostics in file order: the English pages in this task,
    /// their translations (as much text again) in a task beside it. (A task per page measured slower.)
    func load() async -> ([TrainerSource], [Diagnostic]) {
        let log = DiagnosticLog()
        var english: [ContentFile] = []
        var translated: [ContentFile] = []
        for file in root.list(Self.folder) {
            if translationParts(of: file.name)?.ext == "md" { translated.append(file) } else { english.append(file) }
        }
        let translationLog = DiagnosticLog()
        async let prepared = { [root] in
            translated.map { file in
                (file, root.frontMatter(file.path, allowed: TranslationMeta.keys.union(["id", "title"]), what: "a translation", log: translationLog)
                    .map { ($0.0, $0.1, $0.0.renderBody()) })
            }
        }()
        var materials: [TrainerSource] = []
        for file in english {
            guard let material = loadPage(file, log: log) else { continue }
            if let first = materials.first(where: { $0.id == material.id }) {
                log.error(material.path, material.line, "duplicate trainer material id '\(material.id)' (also in \(first.path))")
            }
            materials.append(material)
        }
        for (file, page) in await prepared {
            attachTranslation(file, page, to: &materials, log: translationLog)
        }
        return (materials, log.items + translationLog.items)
    }

    /// `ID.ru.md`: a page in another language, with the same id; its kind is the English page's.
    private func attachTranslation(
        _ file: ContentFile, _ page: (MarkdownFile, YAMLObject, RenderedMarkdown)?, to materials: inout [TrainerSource], log: DiagnosticLog
    ) {
        guard let parts = translationParts(of: file.name) else { return }
        guard languages.contains(parts.language) else {
            log.error(file.path, 0, "'\(parts.language)' is not one of the curriculum's other languages (\(languages.joined(separator: ", ")))")
            return
        }
        guard let index = materials.firstIndex(where: { $0.path == Self.folder + "/" + parts.base + ".md" }) else {
            log.error(file.path, 0, "translation of a trainer page that does not exist: \(parts.base).md")
            return
        }
        guard let (markdown, object, body) = page, let id = object.string("id"), let title = object.string("title") else { return }
        let source = materials[index]
        if id != source.id {
            log.error(file.path, object.lineOf(key: "id"), "a translation keeps its page's id '\(source.id)', not '\(id)'")
        }
        let meta = TranslationMeta(object)
        materials[index].translations[parts.language] = TrainerTranslation(
            path: file.path, title: title, body: body, contentHash: markdown.contentHash,
            state: dates.state(
                recorded: meta.sourceHash, current: String(source.contentHash.prefix(TextHash.length)), source: source.path,
                machineAssisted: meta.machineAssisted, reviewedBy: meta.reviewedBy
            )
        )
    }

    private func loadPage(_ file: ContentFile, log: DiagnosticLog) -> TrainerSource? {
        guard !file.isDirectory, file.pathExtension == "md" else {
            log.error(file.path, 0, "unexpected file: trainer materials are .md files")
            return nil
        }
        guard let (markdown, object) = root.frontMatter(file.path, allowed: Self.keys, what: "a trainer material", log: log),
              let id = object.string("id"), let title = object.string("title"), let kindName = object.string("kind") else { return nil }
        guard let kind = TrainerMaterial.Kind(rawValue: kindName), kind != .test else {
            let kinds = TrainerMaterial.Kind.allCases.filter { $0 != .test }.map(\.rawValue).joined(separator: ", ")
            log.error(file.path, object.lineOf(key: "kind"), "unknown kind '\(kindName)': a trainer material is one of \(kinds)")
            return nil
        }
        if !isValidID(id) {
            log.error(file.path, object.lineOf(key: "id"), "trainer material id '\(id)' must be lowercase words joined by hyphens")
        }
        let counts = Self.count(markdown.text)
        return TrainerSource(
            id: id, title: title, path: file.path, line: object.lineOf(key: "id"), kind: kind, body: markdown.renderBody(),
            contentHash: markdown.contentHash, cards: kind == .cards ? counts.cards : 0, prompts: kind == .transcript ? counts.prompts : 0
        )
    }
}

extension TrainerLoader {
    /// Counts a page's top-level numbered items (the cards of a card set) and its interviewer turns (the
    /// prompts of a transcript), outside fenced blocks. Over the UTF-8 bytes: the pack is a third of the
    /// course's text, and walking it by Character cost more than parsing it.
    static func count(_ text: String) -> (cards: Int, prompts: Int) {
        var cards = 0, prompts = 0, fenced = false
        let interviewer = Array("- **Interviewer**".utf8), prompt = Array("- **P".utf8), fence = Array("```".utf8)
        var utf8 = text.utf8[...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
            let line = utf8[..<end]
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
            if line.starts(with: fence) { fenced.toggle(); continue }
            if fenced { continue }
            let digits = line.prefix(while: isDigit)
            if !digits.isEmpty, line.dropFirst(digits.count).starts(with: Array(". ".utf8)) {
                cards += 1
            } else if line.starts(with: interviewer) || (line.starts(with: prompt) && line.dropFirst(prompt.count).first.map(isDigit) == true) {
                prompts += 1
            }
        }
        return (cards, prompts)
    }
}

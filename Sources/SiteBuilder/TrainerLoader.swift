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
}

/// Loads `Curriculum/trainer/*.md`: the materials instructors teach from (the register of legal
/// provisions to confirm among them). They are validated like lessons but built only into the private
/// half of the output.
struct TrainerLoader {
    let root: ContentRoot
    let log: DiagnosticLog

    static let folder = "Curriculum/trainer"
    static let keys: Set<String> = ["id", "title", "kind"]

    func load() -> [TrainerSource] {
        var materials: [TrainerSource] = []
        for file in root.list(Self.folder) {
            guard !file.isDirectory, file.pathExtension == "md" else {
                log.error(file.path, 0, "unexpected file: trainer materials are .md files")
                continue
            }
            guard let text = root.read(file.path, log: log) else { continue }
            let markdown = MarkdownFile(text)
            guard let front = markdown.frontMatter else {
                log.error(file.path, 1, "a trainer material must start with front matter between --- lines")
                continue
            }
            let offset = markdown.frontMatterLine - 1
            guard let object = YAMLObject(
                parseYAML(front, path: file.path, lineOffset: offset, log: log), path: file.path, lineOffset: offset, log: log,
                allowed: Self.keys, what: "trainer material front matter"
            ), let id = object.string("id"), let title = object.string("title"), let kindName = object.string("kind") else { continue }
            guard let kind = TrainerMaterial.Kind(rawValue: kindName), kind != .test else {
                let kinds = TrainerMaterial.Kind.allCases.filter { $0 != .test }.map(\.rawValue).joined(separator: ", ")
                log.error(file.path, object.lineOf(key: "kind"), "unknown kind '\(kindName)': a trainer material is one of \(kinds)")
                continue
            }
            if !isValidID(id) {
                log.error(file.path, object.lineOf(key: "id"), "trainer material id '\(id)' must be lowercase words joined by hyphens")
            }
            if let first = materials.first(where: { $0.id == id }) {
                log.error(file.path, object.lineOf(key: "id"), "duplicate trainer material id '\(id)' (also in \(first.path))")
            }
            let counts = Self.count(text)
            materials.append(TrainerSource(
                id: id, title: title, path: file.path, line: object.lineOf(key: "id"), kind: kind, body: markdown.renderBody(),
                contentHash: markdown.contentHash, cards: kind == .cards ? counts.cards : 0, prompts: kind == .transcript ? counts.prompts : 0
            ))
        }
        return materials
    }
}

extension TrainerLoader {
    /// Counts a page's top-level numbered items (the cards of a card set) and its interviewer turns (the
    /// prompts of a transcript), outside fenced blocks.
    static func count(_ text: String) -> (cards: Int, prompts: Int) {
        var cards = 0, prompts = 0, fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            if fenced { continue }
            if let dot = line.firstIndex(of: "."), dot > line.startIndex, line[..<dot].allSatisfy(\.isASCIIDigit),
               line[line.index(after: dot)...].hasPrefix(" ") {
                cards += 1
            } else if line.hasPrefix("- **Interviewer**") || (line.hasPrefix("- **P") && line.dropFirst(5).first?.isASCIIDigit == true) {
                prompts += 1
            }
        }
        return (cards, prompts)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

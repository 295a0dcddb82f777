import AcademyCore
import CommonMark

/// A trainer-pack page as loaded: Markdown rendered, links not yet resolved.
struct TrainerSource: Sendable {
    var id: String
    var title: String
    var path: String
    var line: Int
    var body: RenderedMarkdown
    var contentHash: String
}

/// Loads `Curriculum/trainer/*.md`: the materials instructors teach from (the register of legal
/// provisions to confirm among them). They are validated like lessons but built only into the private
/// half of the output.
struct TrainerLoader {
    let root: ContentRoot
    let log: DiagnosticLog

    static let folder = "Curriculum/trainer"
    static let keys: Set<String> = ["id", "title"]

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
            ), let id = object.string("id"), let title = object.string("title") else { continue }
            if !isValidID(id) {
                log.error(file.path, object.lineOf(key: "id"), "trainer material id '\(id)' must be lowercase words joined by hyphens")
            }
            if let first = materials.first(where: { $0.id == id }) {
                log.error(file.path, object.lineOf(key: "id"), "duplicate trainer material id '\(id)' (also in \(first.path))")
            }
            materials.append(TrainerSource(id: id, title: title, path: file.path, line: object.lineOf(key: "id"), body: markdown.renderBody(),
                                           contentHash: markdown.contentHash))
        }
        return materials
    }
}

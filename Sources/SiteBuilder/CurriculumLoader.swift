import AcademyCore
import CommonMark
import Foundation
import Yams

/// curriculum.yaml as written, with the lines that cross-checks report.
struct CurriculumFile {
    struct TrackEntry {
        var track: Track
        var line: Int
        var moduleLines: [Int]
        var examLine: Int
    }

    struct ProgrammeEntry {
        var programme: Programme
        var line: Int
        var lines: [String: Int]
    }

    var path: String
    var title = ""
    var subtitle = ""
    var publisher = ""
    var languages: [String] = ["en"]
    var defaultLanguage = "en"
    /// Language → the translation that is its reference until reviewed (`ky: ru`).
    var referenceLanguages: [String: String] = [:]
    var tracks: [TrackEntry] = []
    var programmes: [ProgrammeEntry] = []
}

struct CurriculumLoader {
    let root: ContentRoot
    let log: DiagnosticLog

    func loadCurriculumFile() -> CurriculumFile? {
        let path = "Curriculum/curriculum.yaml"
        guard let text = root.read(path, log: log) else { return nil }
        guard let object = YAMLObject(
            parseYAML(text, path: path, log: log), path: path, log: log,
            allowed: ["title", "subtitle", "publisher", "languages", "default_language", "reference_languages", "tracks", "programmes"],
            what: "curriculum.yaml"
        ) else { return nil }
        var result = CurriculumFile(path: path)
        result.title = object.string("title") ?? ""
        result.subtitle = object.string("subtitle", required: false) ?? ""
        result.publisher = object.string("publisher", required: false) ?? ""
        if let languages = object.strings("languages") {
            result.languages = languages.map(\.0)
            for (language, line) in languages where !isValidID(language) || language.count > 3 {
                log.error(path, line, "'\(language)' is not a language code such as en, ru or ky")
            }
        }
        result.defaultLanguage = object.string("default_language", required: false) ?? result.languages.first ?? "en"
        if !result.languages.contains(result.defaultLanguage) {
            log.error(path, object.lineOf(key: "default_language"), "default_language '\(result.defaultLanguage)' is not in languages")
        }
        // Until a reviewer signs a translation off, another translation may be its reference (ky: ru).
        if let references = object.object("reference_languages", required: false, allowed: Set(result.languages)) {
            for language in result.languages where references.has(language) {
                guard let reference = references.string(language) else { continue }
                if !result.languages.contains(reference) || reference == language || language == result.defaultLanguage {
                    log.error(path, references.lineOf(key: language), "reference_languages: '\(language): \(reference)' must name two other languages of the course")
                } else {
                    result.referenceLanguages[language] = reference
                }
            }
        }
        for entry in object.objects("tracks", allowed: ["id", "title", "summary", "modules", "exam"], what: "a track") ?? [] {
            let modules = entry.strings("modules") ?? []
            let track = Track(
                id: entry.string("id") ?? "", title: entry.string("title") ?? "",
                summary: entry.string("summary") ?? "", modules: modules.map(\.0),
                exam: entry.string("exam", required: false)
            )
            result.tracks.append(.init(track: track, line: entry.line, moduleLines: modules.map(\.1), examLine: entry.lineOf(key: "exam")))
        }
        let programmeKeys: Set<String> = ["id", "title", "track", "requires", "assessors", "validity_months", "renewal"]
        for entry in object.objects("programmes", required: false, allowed: programmeKeys, what: "a programme") ?? [] {
            var lines: [String: Int] = [:]
            let requires = entry.object("requires", allowed: Self.requirementKeys).map { requirements($0, lines: &lines) }
            let renewal = entry.object("renewal", required: false, allowed: Self.requirementKeys).map { requirements($0, lines: &lines) }
            let assessors = entry.strings("assessors", required: false) ?? []
            for (assessor, line) in assessors { lines["programme:\(assessor)"] = line }
            lines["track"] = entry.lineOf(key: "track")
            let programme = Programme(
                id: entry.string("id") ?? "", title: entry.string("title") ?? "", track: entry.string("track") ?? "",
                requires: requires ?? Requirements(), assessors: assessors.map(\.0),
                validityMonths: entry.int("validity_months", required: false, in: 1...240), renewal: renewal
            )
            result.programmes.append(.init(programme: programme, line: entry.line, lines: lines))
        }
        return result
    }

    static let requirementKeys: Set<String> = ["lessons_studied", "quizzes_passed", "exams_passed", "practicals", "certifications"]

    /// Reads a requirements mapping; records the line of every reference under "kind:id" in `lines`.
    private func requirements(_ object: YAMLObject, lines: inout [String: Int]) -> Requirements {
        let exams = object.strings("exams_passed", required: false) ?? []
        let certifications = object.strings("certifications", required: false) ?? []
        for (exam, line) in exams { lines["exam:\(exam)"] = line }
        for (programme, line) in certifications { lines["programme:\(programme)"] = line }
        var practicals: [Requirements.Practical] = []
        for entry in object.objects("practicals", required: false, allowed: ["rubric", "passes", "distinct_assessors"], what: "a practical requirement") ?? [] {
            let rubric = entry.string("rubric") ?? ""
            lines["rubric:\(rubric)"] = entry.lineOf(key: "rubric")
            let passes = entry.int("passes", in: 1...20) ?? 1
            let assessors = entry.int("distinct_assessors", in: 1...20) ?? 1
            if assessors > passes {
                log.error(object.path, entry.lineOf(key: "distinct_assessors"), "distinct_assessors (\(assessors)) cannot exceed passes (\(passes))")
            }
            practicals.append(.init(rubric: rubric, passes: passes, distinctAssessors: assessors))
        }
        return Requirements(
            lessonsStudied: object.bool("lessons_studied", required: false) ?? false,
            quizzesPassed: object.bool("quizzes_passed", required: false) ?? false,
            examsPassed: exams.map(\.0), practicals: practicals, certifications: certifications.map(\.0)
        )
    }

    func loadLocales(languages: [String]) -> [String: UIStrings] {
        var result: [String: UIStrings] = [:]
        let keys = Set(UIStrings.Key.allCases.map(\.rawValue))
        for language in languages {
            let path = "Curriculum/locales/\(language).yaml"
            guard root.exists(path) else {
                log.error(path, 0, "missing locale file for language '\(language)'")
                continue
            }
            guard let text = root.read(path, log: log),
                  let object = YAMLObject(parseYAML(text, path: path, log: log), path: path, log: log, allowed: keys, what: "a locale file")
            else { continue }
            var values: [String: String] = [:]
            for key in UIStrings.Key.allCases {
                guard object.has(key.rawValue) else {
                    log.error(path, 0, "missing locale key '\(key.rawValue)'")
                    continue
                }
                values[key.rawValue] = object.string(key.rawValue)
            }
            result[language] = UIStrings(language: language, values: values)
        }
        return result
    }

    func loadGlossary(languages: [String], dates: SourceDates) -> GlossarySource? {
        let path = "Curriculum/glossary.md"
        guard let text = root.read(path, log: log) else { return nil }
        let body = CommonMark.render(text)
        let terms = body.headings.filter { $0.level == 2 }.map { GlossarySource.Term(term: $0.text, anchor: $0.anchor) }
        var seen: [String: Int] = [:]
        for heading in body.headings where heading.level == 2 {
            if let first = seen[heading.text.lowercased()] {
                log.error(path, heading.line, "glossary term '\(heading.text)' is already defined on line \(first)")
            }
            seen[heading.text.lowercased()] = heading.line
        }
        var glossary = GlossarySource(path: path, body: body, terms: terms, contentHash: TextHash.of(Data(text.utf8)))
        for language in languages {
            let translated = "Curriculum/glossary.\(language).md"
            guard root.exists(translated) else { continue }
            glossary.translations[language] = loadGlossaryTranslation(translated, source: glossary, dates: dates)
        }
        for file in root.list("Curriculum") where file.name.hasPrefix("glossary.") && file.name != "glossary.md" {
            if let language = translationParts(of: file.name)?.language, !languages.contains(language) {
                log.error(file.path, 0, "'\(language)' is not one of the curriculum's other languages (\(languages.joined(separator: ", ")))")
            }
        }
        return glossary
    }

    /// `glossary.ru.md`: each heading the term in that language, with its English entry's `{#anchor}`.
    private func loadGlossaryTranslation(_ path: String, source: GlossarySource, dates: SourceDates) -> GlossaryTranslation? {
        guard let text = root.read(path, log: log) else { return nil }
        let markdown = MarkdownFile(text)
        var meta: TranslationMeta?
        if let front = markdown.frontMatter {
            let offset = markdown.frontMatterLine - 1
            if let object = YAMLObject(
                parseYAML(front, path: path, lineOffset: offset, log: log), path: path, lineOffset: offset, log: log,
                allowed: TranslationMeta.keys, what: "translation front matter"
            ) { meta = TranslationMeta(object) }
        } else {
            log.error(path, 1, "a translation must start with front matter between --- lines")
        }
        let body = markdown.renderBody()
        let anchors = Set(source.terms.map(\.anchor))
        var terms: [String: String] = [:]
        for heading in body.headings where heading.level == 2 {
            guard anchors.contains(heading.anchor) else {
                log.error(path, heading.line, "'\(heading.text)' needs the anchor of its English entry, as in: ## \(heading.text) {#\(source.terms.first?.anchor ?? "anchor")}")
                continue
            }
            if terms[heading.anchor] != nil {
                log.error(path, heading.line, "the entry {#\(heading.anchor)} is translated twice")
            }
            terms[heading.anchor] = heading.text
        }
        let missing = source.terms.filter { terms[$0.anchor] == nil }.map(\.term)
        if !missing.isEmpty {
            log.warning(path, 0, "\(missing.count) terms of the English glossary have no entry here: \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")")
        }
        let recorded = meta?.sourceHash
        return GlossaryTranslation(
            path: path, body: body, terms: terms, contentHash: markdown.contentHash,
            state: dates.state(recorded: recorded, current: source.contentHash, source: source.path, machineAssisted: meta?.machineAssisted ?? true, reviewedBy: meta?.reviewedBy)
        )
    }
}

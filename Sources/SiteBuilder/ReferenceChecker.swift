import AcademyCore
import CommonMark
import Crypto
import Foundation

/// Cross-checks between files: duplicate ids and dangling references. The links inside Markdown are
/// checked by the `LinkChecker` it hands out, which a build runs while it writes the pages.
struct ReferenceChecker {
    let log: DiagnosticLog
    let curriculum: CurriculumFile
    let modules: [ModuleSource]
    let glossary: GlossarySource?
    let assessments: AssessmentSources
    let trainer: [TrainerSource]

    private var moduleIDs: Set<String> = []
    private var lessonIDs: Set<String> = []
    private var glossaryAnchors: Set<String> = []

    init(
        log: DiagnosticLog, curriculum: CurriculumFile, modules: [ModuleSource], glossary: GlossarySource?, assessments: AssessmentSources,
        trainer: [TrainerSource] = []
    ) {
        self.log = log
        self.curriculum = curriculum
        self.modules = modules
        self.glossary = glossary
        self.assessments = assessments
        self.trainer = trainer
    }

    mutating func checkAll() {
        checkUniqueIDs()
        checkTracks()
        checkBanks()
        checkExams()
        checkTests()
        checkProgrammes()
    }

    /// The check of every link in the content's Markdown, against the ids found by `checkAll`.
    func linkChecker() -> LinkChecker {
        LinkChecker(
            modules: modules, glossary: glossary, trainer: trainer, moduleIDs: moduleIDs, lessonIDs: lessonIDs, glossaryAnchors: glossaryAnchors,
            // Hand-written pages, and those the build makes: each rubric's observation form, each test form and its key.
            trainerIDs: Set(trainer.map(\.id) + assessments.rubrics.map { "observation-\($0.rubric.id)" }
                + assessments.tests.flatMap { [$0.form.id, $0.form.id + "-key"] })
        )
    }

    private mutating func checkUniqueIDs() {
        var modulePaths: [String: String] = [:]
        var lessonPaths: [String: String] = [:]
        var objectivePaths: [String: String] = [:]
        for module in modules {
            let id = module.module.id
            if let first = modulePaths[id] { log.error(module.path, 0, "duplicate module id '\(id)' (also in \(first))") }
            modulePaths[id] = module.path
            for objective in module.module.objectives {
                if let first = objectivePaths[objective.id], first != module.path {
                    log.error(module.path, 0, "duplicate objective id '\(objective.id)' (also in \(first))")
                }
                objectivePaths[objective.id] = module.path
            }
            for lesson in module.lessons {
                if let first = lessonPaths[lesson.info.id] {
                    log.error(lesson.path, lesson.line, "duplicate lesson id '\(lesson.info.id)' (also in \(first))")
                }
                lessonPaths[lesson.info.id] = lesson.path
            }
        }
        moduleIDs = Set(modulePaths.keys)
        lessonIDs = Set(lessonPaths.keys)
        glossaryAnchors = Set(glossary?.terms.map(\.anchor) ?? [])

        var questionPaths: [String: String] = [:]
        for (bank, path, _, lines) in assessments.banks {
            for question in bank.questions {
                if let first = questionPaths[question.id] {
                    log.error(path, lines[question.id] ?? 0, "duplicate question id '\(question.id)' (also in \(first))")
                }
                questionPaths[question.id] = path
            }
        }
    }

    private func checkTracks() {
        let path = curriculum.path
        var seen: Set<String> = []
        let trackIDs = Set(curriculum.tracks.map(\.track.id))
        let examIDs = Set(assessments.exams.map(\.exam.id))
        for entry in curriculum.tracks {
            let track = entry.track
            if !seen.insert(track.id).inserted { log.error(path, entry.line, "duplicate track id '\(track.id)'") }
            for (module, line) in zip(track.modules, entry.moduleLines) {
                if !moduleIDs.contains(module) {
                    log.error(path, line, "track '\(track.id)' names module '\(module)', which does not exist")
                } else if let source = modules.first(where: { $0.module.id == module }), !source.module.tracks.contains(track.id) {
                    log.error(source.path, source.tracksLine, "module '\(module)' is in track '\(track.id)' in curriculum.yaml but does not list it in tracks")
                }
            }
            if let exam = track.exam, !examIDs.contains(exam) {
                log.error(path, entry.examLine, "track '\(track.id)' names examination '\(exam)', which does not exist")
            }
        }
        for source in modules {
            for track in source.module.tracks {
                if !trackIDs.contains(track) {
                    log.error(source.path, source.tracksLine, "module '\(source.module.id)' names track '\(track)', which does not exist")
                } else if let entry = curriculum.tracks.first(where: { $0.track.id == track }), !entry.track.modules.contains(source.module.id) {
                    log.error(source.path, source.tracksLine, "module '\(source.module.id)' lists track '\(track)', but curriculum.yaml does not put it there")
                }
            }
        }
    }

    private func checkBanks() {
        for (bank, path, moduleLine, lines) in assessments.banks {
            guard let module = modules.first(where: { $0.module.id == bank.module })?.module else {
                log.error(path, moduleLine, "question bank for module '\(bank.module)', which does not exist")
                continue
            }
            let objectives = Set(module.objectives.map(\.id))
            for question in bank.questions where !objectives.contains(question.objective) {
                log.error(path, lines[question.id] ?? 0, "question '\(question.id)' tests objective '\(question.objective)', which module '\(module.id)' does not have")
            }
        }
    }

    private func checkExams() {
        let trackIDs = Set(curriculum.tracks.map(\.track.id))
        for (exam, path, trackLine, bankLines) in assessments.exams {
            if !trackIDs.contains(exam.track) {
                log.error(path, trackLine, "examination for track '\(exam.track)', which does not exist")
            }
            for draw in exam.draws {
                guard let bank = assessments.banks.first(where: { $0.bank.module == draw.bank })?.bank else {
                    log.error(path, bankLines[draw.bank] ?? 0, "draws from bank '\(draw.bank)', which does not exist")
                    continue
                }
                if draw.count > bank.questions.count {
                    log.error(path, bankLines[draw.bank] ?? 0, "draws \(draw.count) questions from '\(draw.bank)', which has \(bank.questions.count)")
                }
            }
        }
    }

    /// Test forms: every item a question of the track's banks, once; the parallel form of the same
    /// track, the other letter, as long, with no item in common and the same number of items per objective;
    /// and the recorded fingerprint that of the items as they are now, so a form cannot change unversioned.
    private func checkTests() {
        var questions: [String: (question: Question, module: String)] = [:]
        for (bank, _, _, _) in assessments.banks { for question in bank.questions { questions[question.id] = (question, bank.module) } }
        let forms = Dictionary(assessments.tests.map { ($0.form.id, $0.form) }, uniquingKeysWith: { first, _ in first })
        for (form, path, lines) in assessments.tests {
            guard let track = curriculum.tracks.first(where: { $0.track.id == form.track })?.track else {
                log.error(path, lines["track"] ?? 0, "test form for track '\(form.track)', which does not exist")
                continue
            }
            var seen: Set<String> = []
            for item in form.items {
                let line = lines["item:\(item)"] ?? lines["items"] ?? 0
                if !seen.insert(item).inserted {
                    log.error(path, line, "question '\(item)' is on the form twice")
                } else if let found = questions[item] {
                    if !track.modules.contains(found.module) {
                        log.error(path, line, "question '\(item)' is from module '\(found.module)', which track '\(track.id)' does not have")
                    }
                } else {
                    log.error(path, line, "question '\(item)' does not exist in any question bank")
                }
            }
            if let twin = forms[form.parallel] {
                let line = lines["parallel"] ?? 0
                if twin.track != form.track || twin.parallel != form.id || twin.form == form.form {
                    log.error(path, line, "the parallel form '\(twin.id)' must be of the same track, name '\(form.id)' as its parallel and have the other letter")
                }
                if twin.items.count != form.items.count {
                    log.error(path, line, "the parallel form '\(twin.id)' has \(twin.items.count) items and this one \(form.items.count)")
                }
                let shared = Set(twin.items).intersection(form.items)
                if !shared.isEmpty {
                    log.error(path, line, "the parallel form '\(twin.id)' shares \(shared.sorted().joined(separator: ", ")): parallel forms have no item in common")
                }
                func blueprint(_ items: [String]) -> [String: Int] {
                    items.reduce(into: [:]) { counts, item in if let question = questions[item]?.question { counts[question.objective, default: 0] += 1 } }
                }
                let mine = blueprint(form.items), theirs = blueprint(twin.items)
                let differing = Set(mine.keys).union(theirs.keys).filter { mine[$0, default: 0] != theirs[$0, default: 0] }.sorted()
                if !differing.isEmpty && form.form == "A" {
                    let detail = differing.map { "\($0) \(mine[$0, default: 0]) here, \(theirs[$0, default: 0]) there" }.joined(separator: "; ")
                    log.error(path, line, "the parallel form '\(twin.id)' tests other objectives: \(detail)")
                }
            } else {
                log.error(path, lines["parallel"] ?? 0, "the parallel form '\(form.parallel)' does not exist")
            }
            let items = form.items.compactMap { questions[$0]?.question }
            guard items.count == form.items.count else { continue }
            let fingerprint = Self.fingerprint(items)
            if fingerprint != form.fingerprint {
                let what = form.fingerprint.isEmpty ? "it records none" : "it records \(form.fingerprint): its questions have changed since version \(form.version)"
                let fix = form.fingerprint.isEmpty ? "record fingerprint: \(fingerprint)" : "raise version to \(form.version + 1) and record fingerprint: \(fingerprint)"
                log.error(path, lines["fingerprint"] ?? lines["id"] ?? 0, "the fingerprint of test form '\(form.id)' is \(fingerprint) but \(what); \(fix)")
            }
        }
    }

    /// The first 12 hex digits of the SHA-256 of the items encoded with sorted keys: changes with any
    /// word, choice or key of any item.
    static func fingerprint(_ items: [Question]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(items)) ?? Data()
        return String(hexString(SHA256.hash(data: data)).prefix(12))
    }

    private func checkProgrammes() {
        let path = curriculum.path
        let programmeIDs = Set(curriculum.programmes.map(\.programme.id))
        let examIDs = Set(assessments.exams.map(\.exam.id))
        let rubricIDs = Set(assessments.rubrics.map(\.rubric.id))
        let trackIDs = Set(curriculum.tracks.map(\.track.id))
        var seen: Set<String> = []
        for entry in curriculum.programmes {
            let programme = entry.programme
            if !seen.insert(programme.id).inserted { log.error(path, entry.line, "duplicate programme id '\(programme.id)'") }
            if !trackIDs.contains(programme.track) {
                log.error(path, entry.lines["track"] ?? entry.line, "programme '\(programme.id)' names track '\(programme.track)', which does not exist")
            }
            for requirements in [programme.requires] + (programme.renewal.map { [$0] } ?? []) {
                for exam in requirements.examsPassed where !examIDs.contains(exam) {
                    log.error(path, entry.lines["exam:\(exam)"] ?? entry.line, "programme '\(programme.id)' requires examination '\(exam)', which does not exist")
                }
                for practical in requirements.practicals where !rubricIDs.contains(practical.rubric) {
                    log.error(path, entry.lines["rubric:\(practical.rubric)"] ?? entry.line, "programme '\(programme.id)' requires rubric '\(practical.rubric)', which does not exist")
                }
                for other in requirements.certifications where !programmeIDs.contains(other) {
                    log.error(path, entry.lines["programme:\(other)"] ?? entry.line, "programme '\(programme.id)' requires programme '\(other)', which does not exist")
                }
            }
            for assessor in programme.assessors where !programmeIDs.contains(assessor) {
                log.error(path, entry.lines["programme:\(assessor)"] ?? entry.line, "programme '\(programme.id)' names assessor programme '\(assessor)', which does not exist")
            }
            if !programme.requires.practicals.isEmpty && programme.assessors.isEmpty {
                log.error(path, entry.line, "programme '\(programme.id)' requires practical assessments but names no assessor programme")
            }
        }
    }
}

/// Checks every link in the content's Markdown: course links must reach a lesson, module, glossary term
/// or heading that exists, and nothing but https:// and mailto: may leave the course.
struct LinkChecker: Sendable {
    let modules: [ModuleSource]
    let glossary: GlossarySource?
    let trainer: [TrainerSource]
    let moduleIDs: Set<String>
    let lessonIDs: Set<String>
    let glossaryAnchors: Set<String>
    let trainerIDs: Set<String>

    func problems() -> [Diagnostic] {
        let log = DiagnosticLog()
        for module in modules {
            check(module.introduction, path: module.path, log: log)
            for lesson in module.lessons {
                check(lesson.body, path: lesson.path, log: log)
                check(lesson.sources, path: lesson.path, line: lesson.line, log: log)
                for translation in lesson.translations.values { check(translation.body, path: translation.path, log: log) }
            }
        }
        if let glossary { check(glossary.body, path: glossary.path, log: log) }
        for material in trainer { check(material.body, path: material.path, log: log) }
        return log.items
    }

    /// - Parameter line: reported instead of the link's own line (for text taken from front matter).
    private func check(_ document: RenderedMarkdown, path: String, line: Int? = nil, log: DiagnosticLog) {
        guard !document.links.isEmpty else { return }
        let anchors = Set(document.headings.map(\.anchor))
        for link in document.links {
            let at = line ?? link.line
            if let problem = problem(with: link.destination, anchors: anchors) {
                log.error(path, at, problem)
            }
        }
    }

    private func problem(with destination: String, anchors: Set<String>) -> String? {
        if destination.isEmpty { return "link with an empty or unsafe destination (javascript:, data: and file: links are not allowed)" }
        let (scheme, target) = LinkTarget.split(destination)
        switch scheme {
        case "lesson": return lessonIDs.contains(target) ? nil : "broken link: no lesson with id '\(target)'"
        case "module": return moduleIDs.contains(target) ? nil : "broken link: no module with id '\(target)'"
        case "glossary": return glossaryAnchors.contains(target) ? nil : "broken link: no glossary term with anchor '\(target)'"
        case "trainer": return trainerIDs.contains(target) ? nil : "broken link: no trainer material with id '\(target)'"
        case "http", "https", "mailto": return nil
        case "#": return anchors.contains(target) ? nil : "broken link: no heading with anchor '\(target)' on this page"
        default: return "link '\(destination)': use lesson:ID, module:ID, glossary:TERM, trainer:ID, #anchor or an https:// address"
        }
    }
}

/// How a link destination in content is read: `lesson:id`, `module:id`, `glossary:anchor`, `#anchor`, or a URL.
enum LinkTarget {
    static func split(_ destination: String) -> (scheme: String, target: String) {
        if destination.hasPrefix("#") { return ("#", String(destination.dropFirst())) }
        guard let colon = destination.firstIndex(of: ":") else { return ("", destination) }
        return (destination[..<colon].lowercased(), String(destination[destination.index(after: colon)...]))
    }
}

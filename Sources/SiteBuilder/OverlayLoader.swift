import AcademyCore

/// Loads the YAML translations (`NAME.ru.yaml` beside a bank, an exam, a rubric or `curriculum.yaml`):
/// texts keyed by id that must keep their source's shape. Everything else about the item (keys, scores,
/// kinds, counts) stays in the source, so a translation cannot change how anything is graded.
struct OverlayLoader {
    let root: ContentRoot
    let log: DiagnosticLog
    /// The languages a translation may be in: every language but the default.
    let languages: [String]
    let dates: SourceDates

    static let questionKeys: Set<String> = ["id", "source_hash", "prompt", "explanation", "feedback", "context", "utterance", "choices", "items", "pairs"]

    /// Every overlay of every language, with one record per translated item.
    func load(curriculum: CurriculumFile, assessments: AssessmentSources) -> ([String: CourseTranslation], [TranslationRecord]) {
        var translations: [String: CourseTranslation] = [:]
        var records: [TranslationRecord] = []
        let banks = Dictionary(assessments.banks.map { ($0.path, $0.bank) }, uniquingKeysWith: { first, _ in first })
        let exams = Dictionary(assessments.exams.map { ($0.path, $0.exam) }, uniquingKeysWith: { first, _ in first })
        let rubrics = Dictionary(assessments.rubrics.map { ($0.path, $0.rubric) }, uniquingKeysWith: { first, _ in first })
        for folder in ["Assessments/quizzes", "Assessments/exams", "Assessments/practicals", "Assessments/tests", "Curriculum"] {
            for file in root.list(folder) where !file.isDirectory {
                guard let parts = translationParts(of: file.name), parts.ext == "yaml" else { continue }
                let source = folder + "/" + parts.base + ".yaml"
                guard languages.contains(parts.language) else {
                    log.error(file.path, 0, "'\(parts.language)' is not one of the curriculum's other languages (\(languages.joined(separator: ", ")))")
                    continue
                }
                var text = translations[parts.language] ?? CourseTranslation()
                let language = parts.language
                if let bank = banks[source] {
                    guard let object = open(file.path, allowed: ["questions"], what: "a question bank's translation") else { continue }
                    records += loadBank(object, bank: bank, source: source, language: language, into: &text)
                } else if let exam = exams[source] {
                    guard let object = open(file.path, allowed: ["title"], what: "an examination's translation") else { continue }
                    records += loadExam(object, exam: exam, source: source, language: language, into: &text)
                } else if let rubric = rubrics[source] {
                    guard let object = open(file.path, allowed: ["title", "description", "scale_labels", "criteria"], what: "a rubric's translation") else { continue }
                    records += loadRubric(object, rubric: rubric, source: source, language: language, into: &text)
                } else if source == curriculum.path {
                    guard let object = open(file.path, allowed: ["title", "subtitle", "publisher", "tracks", "programmes"], what: "curriculum.yaml's translation") else { continue }
                    records += loadCurriculum(object, curriculum: curriculum, language: language, into: &text)
                } else if folder == "Assessments/tests" {
                    log.error(file.path, 0, "a test form has no texts of its own: its questions translate with their banks")
                } else {
                    log.error(file.path, 0, "translation of a file that does not exist or did not load: \(source)")
                }
                translations[language] = text
            }
        }
        return (translations, records)
    }

    /// Opens an overlay whose top level may hold the review keys and `allowed`.
    private func open(_ path: String, allowed: Set<String>, what: String) -> YAMLObject? {
        guard let text = root.read(path, log: log) else { return nil }
        return YAMLObject(parseYAML(text, path: path, log: log), path: path, log: log, allowed: TranslationMeta.keys.union(allowed), what: what)
    }

    /// A required-if-present text, never empty.
    private func translatedText(_ object: YAMLObject, _ key: String, sourceHas: Bool, what: String) -> String? {
        guard object.has(key) else { return nil }
        guard sourceHas else {
            log.error(object.path, object.lineOf(key: key), "'\(key)' has nothing to translate: \(what) has no \(key) in English")
            return nil
        }
        return object.string(key)
    }

    private func record(_ language: String, _ kind: TranslationRecord.Kind, _ item: String, path: String, source: String, words: Int, state: TranslationState) -> TranslationRecord {
        TranslationRecord(language: language, kind: kind, item: item, path: path, source: source, words: words, machineAssisted: state.machineAssisted, sourceUpdated: state.sourceUpdated)
    }

    private func loadBank(_ object: YAMLObject, bank: QuestionBank, source: String, language: String, into text: inout CourseTranslation) -> [TranslationRecord] {
        let file = TranslationMeta(object)
        let questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var records: [TranslationRecord] = []
        var seen: Set<String> = []
        for entry in object.objects("questions", allowed: Self.questionKeys, what: "a translated question") ?? [] {
            guard let id = entry.string("id") else { continue }
            guard let question = questions[id] else {
                log.error(entry.path, entry.lineOf(key: "id"), "no question '\(id)' in \(source)")
                continue
            }
            guard seen.insert(id).inserted else {
                log.error(entry.path, entry.lineOf(key: "id"), "question '\(id)' is translated twice in this file")
                continue
            }
            let what = "question '\(id)'"
            var translated = CourseTranslation.QuestionText(state: dates.state(
                recorded: TranslationMeta.sourceHash(entry) ?? file.sourceHash, current: question.textHash, source: source,
                machineAssisted: file.machineAssisted, reviewedBy: file.reviewedBy
            ))
            translated.prompt = translatedText(entry, "prompt", sourceHas: true, what: what)
            translated.explanation = translatedText(entry, "explanation", sourceHas: true, what: what)
            translated.feedback = translatedText(entry, "feedback", sourceHas: question.feedback != nil, what: what)
            translated.context = translatedText(entry, "context", sourceHas: question.context != nil, what: what)
            translated.utterance = translatedText(entry, "utterance", sourceHas: question.utterance != nil, what: what)
            if entry.has("choices") {
                translated.choices = choices(entry, source: question, what: what)
            }
            if entry.has("items") {
                translated.items = sameCount(entry.strings("items")?.map(\.0), as: question.items, key: "items", in: entry, what: what)
            }
            if entry.has("pairs") {
                let pairs = entry.objects("pairs", allowed: ["left", "right"], what: "a translated pair")?.compactMap { pair -> MatchPair? in
                    guard let left = pair.string("left"), let right = pair.string("right") else { return nil }
                    return MatchPair(left: left, right: right)
                }
                translated.pairs = sameCount(pairs, as: question.pairs, key: "pairs", in: entry, what: what)
            }
            text.questions[id] = translated
            records.append(record(language, .question, id, path: entry.path, source: source, words: question.textWords, state: translated.state))
        }
        return records
    }

    private func choices(_ entry: YAMLObject, source question: Question, what: String) -> [CourseTranslation.QuestionText.ChoiceText]? {
        guard let sourceChoices = question.choices else {
            log.error(entry.path, entry.lineOf(key: "choices"), "'choices' has nothing to translate: \(what) has no choices in English")
            return nil
        }
        guard let objects = entry.objects("choices", allowed: ["text", "feedback"], what: "a translated choice") else { return nil }
        guard objects.count == sourceChoices.count else {
            log.error(entry.path, entry.lineOf(key: "choices"), "\(what) has \(sourceChoices.count) choices in English, not \(objects.count): a translation keeps every choice, in order")
            return nil
        }
        var result: [CourseTranslation.QuestionText.ChoiceText] = []
        for (object, choice) in zip(objects, sourceChoices) {
            guard let text = object.string("text") else { return nil }
            result.append(.init(text: text, feedback: translatedText(object, "feedback", sourceHas: choice.feedback != nil, what: "this choice of \(what)")))
        }
        return result
    }

    private func sameCount<T>(_ values: [T]?, as source: [T]?, key: String, in entry: YAMLObject, what: String) -> [T]? {
        guard let values else { return nil }
        guard let source else {
            log.error(entry.path, entry.lineOf(key: key), "'\(key)' has nothing to translate: \(what) has no \(key) in English")
            return nil
        }
        guard values.count == source.count else {
            log.error(entry.path, entry.lineOf(key: key), "\(what) has \(source.count) \(key) in English, not \(values.count): a translation keeps every one, in order")
            return nil
        }
        return values
    }

    private func loadExam(_ object: YAMLObject, exam: Exam, source: String, language: String, into text: inout CourseTranslation) -> [TranslationRecord] {
        let file = TranslationMeta(object)
        guard let title = object.string("title") else { return [] }
        text.exams[exam.id] = title
        let state = dates.state(recorded: file.sourceHash, current: TextHash.of([exam.title]), source: source, machineAssisted: file.machineAssisted)
        return [record(language, .exam, exam.id, path: object.path, source: source, words: exam.title.split(separator: " ").count, state: state)]
    }

    private func loadRubric(_ object: YAMLObject, rubric: Rubric, source: String, language: String, into text: inout CourseTranslation) -> [TranslationRecord] {
        let file = TranslationMeta(object)
        var translated = CourseTranslation.RubricText(
            title: object.string("title", required: false), description: object.string("description", required: false), scaleLabels: nil, criteria: [:]
        )
        if let labels = object.intKeyedStrings("scale_labels", required: false) {
            translated.scaleLabels = levels(labels, count: rubric.scaleLabels.count, from: rubric.scaleMinimum, in: object, key: "scale_labels", what: "the scale")
        }
        let words = { (texts: [String]) in texts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count } }
        var records = [record(
            language, .rubric, rubric.id, path: object.path, source: source, words: words([rubric.title, rubric.description] + rubric.scaleLabels),
            state: dates.state(recorded: file.sourceHash, current: rubric.textHash, source: source, machineAssisted: file.machineAssisted)
        )]
        let criteria = Dictionary(rubric.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in object.objects("criteria", required: false, allowed: ["id", "source_hash", "title", "description", "levels", "not_applicable_when"], what: "a translated criterion") ?? [] {
            guard let id = entry.string("id") else { continue }
            guard let criterion = criteria[id] else {
                log.error(entry.path, entry.lineOf(key: "id"), "no criterion '\(id)' in \(source)")
                continue
            }
            let what = "criterion '\(id)'"
            var text = CourseTranslation.RubricText.CriterionText(
                title: entry.string("title", required: false), description: entry.string("description", required: false), levels: nil,
                notApplicableWhen: translatedText(entry, "not_applicable_when", sourceHas: criterion.notApplicableWhen != nil, what: what)
            )
            if let given = entry.intKeyedStrings("levels", required: false) {
                text.levels = levels(given, count: criterion.levels.count, from: rubric.scaleMinimum, in: entry, key: "levels", what: what)
            }
            translated.criteria[id] = text
            records.append(record(
                language, .rubric, rubric.id + "/" + id, path: entry.path, source: source,
                words: words([criterion.title, criterion.description, criterion.notApplicableWhen ?? ""] + criterion.levels),
                state: dates.state(recorded: TranslationMeta.sourceHash(entry), current: criterion.textHash, source: source, machineAssisted: file.machineAssisted)
            ))
        }
        text.rubrics[rubric.id] = translated
        return records
    }

    /// Scores → texts, one for each of the source's scores.
    private func levels(_ given: [Int: (String, Int)], count: Int, from minimum: Int, in object: YAMLObject, key: String, what: String) -> [String]? {
        let scores = Array(minimum..<(minimum + count))
        guard given.keys.sorted() == scores else {
            log.error(object.path, object.lineOf(key: key), "\(what) is scored \(scores.map(String.init).joined(separator: ", ")) in English: '\(key)' gives a text for each of those scores and no other")
            return nil
        }
        return scores.compactMap { given[$0]?.0 }
    }

    private func loadCurriculum(_ object: YAMLObject, curriculum: CurriculumFile, language: String, into text: inout CourseTranslation) -> [TranslationRecord] {
        let file = TranslationMeta(object)
        text.title = object.string("title", required: false)
        text.subtitle = object.string("subtitle", required: false)
        text.publisher = object.string("publisher", required: false)
        let tracks = Set(curriculum.tracks.map(\.track.id))
        for entry in object.objects("tracks", required: false, allowed: ["id", "title", "summary"], what: "a translated track") ?? [] {
            guard let id = entry.string("id") else { continue }
            guard tracks.contains(id) else {
                log.error(entry.path, entry.lineOf(key: "id"), "no track '\(id)' in \(curriculum.path)")
                continue
            }
            text.tracks[id] = .init(title: entry.string("title", required: false), summary: entry.string("summary", required: false))
        }
        let programmes = Set(curriculum.programmes.map(\.programme.id))
        for entry in object.objects("programmes", required: false, allowed: ["id", "title"], what: "a translated programme") ?? [] {
            guard let id = entry.string("id") else { continue }
            guard programmes.contains(id) else {
                log.error(entry.path, entry.lineOf(key: "id"), "no programme '\(id)' in \(curriculum.path)")
                continue
            }
            text.programmes[id] = entry.string("title")
        }
        let texts = curriculum.translatableTexts
        let state = dates.state(recorded: file.sourceHash, current: TextHash.of(texts), source: curriculum.path, machineAssisted: file.machineAssisted)
        return [record(language, .curriculum, "curriculum", path: object.path, source: curriculum.path, words: texts.reduce(0) { $0 + $1.split(separator: " ").count }, state: state)]
    }
}

extension CurriculumFile {
    /// Every text of curriculum.yaml a translation renders, in file order: what its `source_hash` covers.
    var translatableTexts: [String] {
        [title, subtitle, publisher] + tracks.flatMap { [$0.track.title, $0.track.summary] } + programmes.map(\.programme.title)
    }
}

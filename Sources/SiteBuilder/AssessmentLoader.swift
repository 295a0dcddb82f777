import AcademyCore
import Foundation

/// Where each loaded assessment item came from, for cross-checks that report a line.
struct AssessmentSources {
    var banks: [(bank: QuestionBank, path: String, moduleLine: Int, objectiveLines: [String: Int])] = []
    var exams: [(exam: Exam, path: String, trackLine: Int, bankLines: [String: Int])] = []
    var rubrics: [(rubric: Rubric, path: String)] = []
    /// Test forms as written: the fingerprint is the one the file records, checked against the items.
    var tests: [(form: TestForm, path: String, lines: [String: Int])] = []
}

/// Loads `Assessments/`: question banks, examinations and rubrics.
struct AssessmentLoader {
    let root: ContentRoot
    let log: DiagnosticLog

    static let bankKeys: Set<String> = [
        "module", "pass_mark", "draw", "spread", "time_limit_minutes", "attempts_allowed", "cooldown_minutes", "review", "questions",
    ]
    static let questionKeys: Set<String> = [
        "id", "objective", "kind", "prompt", "explanation", "choices", "answer", "items", "pairs", "context", "utterance", "feedback",
    ]
    static let examKeys: Set<String> = [
        "id", "title", "track", "pass_mark", "time_limit_minutes", "attempts_allowed", "cooldown_minutes", "review", "draw", "prerequisites",
    ]

    func load() -> AssessmentSources {
        var result = AssessmentSources()
        for file in yamlFiles("Assessments/quizzes") {
            if let bank = loadBank(file) { result.banks.append(bank) }
        }
        for file in yamlFiles("Assessments/exams") {
            if let exam = loadExam(file) { result.exams.append(exam) }
        }
        for file in yamlFiles("Assessments/practicals") {
            if let rubric = loadRubric(file) { result.rubrics.append((rubric, file.path)) }
        }
        for file in yamlFiles("Assessments/tests") {
            if let test = loadTest(file) { result.tests.append(test) }
        }
        return result
    }

    private func yamlFiles(_ folder: String) -> [ContentFile] {
        root.list(folder).filter { file in
            guard file.pathExtension == "yaml" else {
                log.error(file.path, 0, "unexpected file: assessments are .yaml files")
                return false
            }
            // `name.ru.yaml` is a translation, read by the overlay loader.
            return translationParts(of: file.name) == nil
        }
    }

    private func open(_ file: ContentFile, allowed: Set<String>, what: String) -> YAMLObject? {
        let path = file.path
        guard let text = root.read(path, log: log) else { return nil }
        return YAMLObject(parseYAML(text, path: path, log: log), path: path, log: log, allowed: allowed, what: what)
    }

    private func rules(_ object: YAMLObject) -> AttemptRules {
        AttemptRules(
            passMark: object.int("pass_mark", in: 1...100) ?? 100,
            timeLimitMinutes: object.int("time_limit_minutes", in: 1...600) ?? 1,
            attemptsAllowed: object.int("attempts_allowed", in: 1...100) ?? 1,
            cooldownMinutes: object.int("cooldown_minutes", in: 0...100_000) ?? 0,
            review: object.choice("review", as: ReviewPolicy.self) ?? .never
        )
    }

    private func loadBank(_ file: ContentFile) -> (QuestionBank, String, Int, [String: Int])? {
        guard let object = open(file, allowed: Self.bankKeys, what: "a question bank") else { return nil }
        let module = object.string("module") ?? ""
        let expected = file.baseName
        if module != expected {
            log.error(object.path, object.lineOf(key: "module"), "the bank for module '\(module)' must be named \(module).yaml")
        }
        var questions: [Question] = []
        var objectiveLines: [String: Int] = [:]
        for entry in object.objects("questions", allowed: Self.questionKeys, what: "a question") ?? [] {
            if let question = loadQuestion(entry) {
                objectiveLines[question.id] = entry.lineOf(key: "objective")
                questions.append(question)
            }
        }
        let draw = object.int("draw", in: 1...500) ?? 1
        if draw > questions.count {
            log.error(object.path, object.lineOf(key: "draw"), "draw is \(draw) but the bank has only \(questions.count) questions")
        }
        let bank = QuestionBank(
            module: module, rules: rules(object), draw: draw,
            spread: object.choice("spread", required: false, as: DrawSpread.self) ?? .random, questions: questions
        )
        return (bank, object.path, object.lineOf(key: "module"), objectiveLines)
    }

    private func loadQuestion(_ entry: YAMLObject) -> Question? {
        guard let kind = entry.choice("kind", as: QuestionKind.self) else { return nil }
        let id = entry.string("id") ?? ""
        let what = "question '\(id)'"
        var question = Question(
            id: id, objective: entry.string("objective") ?? "", kind: kind,
            prompt: entry.string("prompt", required: kind != .classification) ?? "",
            explanation: entry.string("explanation") ?? ""
        )
        if !id.isEmpty && !isValidID(id) {
            log.error(entry.path, entry.lineOf(key: "id"), "question id '\(id)' must be lowercase words joined by hyphens")
        }
        question.feedback = entry.string("feedback", required: false)
        let misplaced: [String]
        switch kind {
        case .single, .multiple:
            misplaced = ["answer", "items", "pairs", "context", "utterance"]
            let choices = entry.objects("choices", allowed: ["text", "correct", "feedback"], what: "a choice") ?? []
            question.choices = choices.map {
                Choice(text: $0.string("text") ?? "", correct: $0.bool("correct", required: false) ?? false,
                       feedback: $0.string("feedback", required: false))
            }
            let correct = question.choices?.filter(\.correct).count ?? 0
            if choices.count < 2 {
                log.error(entry.path, entry.lineOf(key: "choices"), "\(what) needs at least two choices")
            } else if correct == 0 {
                log.error(entry.path, entry.lineOf(key: "choices"), "\(what) has no correct answer")
            } else if kind == .single && correct > 1 {
                log.error(entry.path, entry.lineOf(key: "choices"), "\(what) is single choice but marks \(correct) choices correct")
            } else if kind == .multiple && correct == choices.count {
                log.error(entry.path, entry.lineOf(key: "choices"), "\(what) marks every choice correct")
            }
        case .trueFalse:
            misplaced = ["choices", "items", "pairs", "context", "utterance"]
            question.answer = entry.bool("answer")
            if question.answer == nil && !entry.has("answer") {
                log.error(entry.path, entry.line, "\(what) has no correct answer")
            }
        case .ordering:
            misplaced = ["choices", "answer", "pairs", "context", "utterance"]
            question.items = entry.strings("items")?.map(\.0)
            if (question.items?.count ?? 0) < 2 {
                log.error(entry.path, entry.lineOf(key: "items"), "\(what) needs at least two items to order")
            }
        case .matching:
            misplaced = ["choices", "answer", "items", "context", "utterance"]
            question.pairs = entry.objects("pairs", allowed: ["left", "right"], what: "a pair")?.map {
                MatchPair(left: $0.string("left") ?? "", right: $0.string("right") ?? "")
            }
            if (question.pairs?.count ?? 0) < 2 {
                log.error(entry.path, entry.lineOf(key: "pairs"), "\(what) needs at least two pairs to match")
            }
        case .classification:
            misplaced = ["choices", "items", "pairs"]
            question.context = entry.string("context", required: false)
            question.utterance = entry.string("utterance")
            question.promptType = entry.choice("answer", as: PromptType.self)
        }
        for key in misplaced where entry.has(key) {
            log.error(entry.path, entry.lineOf(key: key), "'\(key)' does not belong in a \(kind.rawValue) question")
        }
        return question
    }

    private func loadExam(_ file: ContentFile) -> (Exam, String, Int, [String: Int])? {
        guard let object = open(file, allowed: Self.examKeys, what: "an examination") else { return nil }
        var bankLines: [String: Int] = [:]
        var draws: [Exam.Draw] = []
        for entry in object.objects("draw", allowed: ["bank", "count"], what: "a draw") ?? [] {
            let draw = Exam.Draw(bank: entry.string("bank") ?? "", count: entry.int("count", in: 1...500) ?? 1)
            bankLines[draw.bank] = entry.lineOf(key: "bank")
            draws.append(draw)
        }
        let prerequisites = object.object("prerequisites", required: false, allowed: ["lessons_studied", "quizzes_passed"])
        let exam = Exam(
            id: object.string("id") ?? "", title: object.string("title") ?? "", track: object.string("track") ?? "",
            rules: rules(object), draws: draws,
            prerequisites: .init(
                lessonsStudied: prerequisites?.bool("lessons_studied", required: false) ?? false,
                quizzesPassed: prerequisites?.bool("quizzes_passed", required: false) ?? false
            )
        )
        if exam.id != file.baseName {
            log.error(object.path, object.lineOf(key: "id"), "the examination '\(exam.id)' must be in \(exam.id).yaml")
        }
        return (exam, object.path, object.lineOf(key: "track"), bankLines)
    }

    static let testKeys: Set<String> = ["id", "title", "track", "form", "version", "parallel", "fingerprint", "items"]

    private func loadTest(_ file: ContentFile) -> (TestForm, String, [String: Int])? {
        guard let object = open(file, allowed: Self.testKeys, what: "a test form") else { return nil }
        var lines: [String: Int] = [:]
        for key in Self.testKeys { lines[key] = object.lineOf(key: key) }
        let items = object.strings("items") ?? []
        for (item, line) in items { lines["item:\(item)"] = line }
        let form = TestForm(
            id: object.string("id") ?? "", title: object.string("title") ?? "", track: object.string("track") ?? "",
            form: object.string("form") ?? "", version: object.int("version", in: 1...1000) ?? 1,
            parallel: object.string("parallel") ?? "", items: items.map(\.0), fingerprint: object.string("fingerprint", required: false) ?? ""
        )
        if form.id != file.baseName {
            log.error(object.path, object.lineOf(key: "id"), "the test form '\(form.id)' must be in \(form.id).yaml")
        }
        if !["A", "B"].contains(form.form) {
            log.error(object.path, object.lineOf(key: "form"), "form must be A or B, not '\(form.form)'")
        } else if !form.id.hasSuffix("-" + form.form.lowercased()) {
            // The server tells a pre-test from a post-test by the letter an attempt's form id ends in.
            log.error(object.path, object.lineOf(key: "id"), "the id of form \(form.form) must end in '-\(form.form.lowercased())', not '\(form.id)'")
        }
        return (form, object.path, lines)
    }

    private func loadRubric(_ file: ContentFile) -> Rubric? {
        guard let object = open(file, allowed: ["id", "title", "description", "scale", "criteria", "pass_rule"], what: "a rubric") else { return nil }
        let id = object.string("id") ?? ""
        if id != file.baseName {
            log.error(object.path, object.lineOf(key: "id"), "the rubric '\(id)' must be in \(id).yaml")
        }
        let scale = object.object("scale", allowed: ["min", "max", "labels"])
        let low = scale?.int("min", in: 0...10) ?? 0
        let high = max(low, scale?.int("max", in: 1...10) ?? low)
        let labels = scale?.intKeyedStrings("labels") ?? [:]
        for point in low...high where labels[point] == nil {
            log.error(object.path, scale?.lineOf(key: "labels") ?? object.line, "the scale has no label for \(point)")
        }
        var criteria: [Rubric.Criterion] = []
        for entry in object.objects("criteria", allowed: ["id", "title", "description", "critical", "levels", "not_applicable_when"], what: "a criterion") ?? [] {
            let criterionID = entry.string("id") ?? ""
            let levels = entry.intKeyedStrings("levels") ?? [:]
            for point in low...high where levels[point] == nil {
                log.error(object.path, entry.lineOf(key: "levels"), "criterion '\(criterionID)' has no anchor description for \(point)")
            }
            for (point, (_, line)) in levels where !(low...high).contains(point) {
                log.error(object.path, line, "criterion '\(criterionID)' describes \(point), outside the scale \(low)-\(high)")
            }
            if criteria.contains(where: { $0.id == criterionID }) {
                log.error(object.path, entry.lineOf(key: "id"), "duplicate criterion id '\(criterionID)'")
            }
            let critical = entry.bool("critical", required: false) ?? false
            let notApplicableWhen = entry.string("not_applicable_when", required: false)
            if critical && notApplicableWhen != nil {
                log.error(object.path, entry.lineOf(key: "not_applicable_when"), "criterion '\(criterionID)' is critical: it always applies and cannot name when it is not applicable")
            }
            criteria.append(.init(
                id: criterionID, title: entry.string("title") ?? "", description: entry.string("description", required: false) ?? "",
                critical: critical, levels: (low...high).map { levels[$0]?.0 ?? "" }, notApplicableWhen: notApplicableWhen
            ))
        }
        let rule = object.object("pass_rule", allowed: ["critical_min", "min_average", "min_each", "min_scores"])
        let named = rule?.namedInts("min_scores", required: false) ?? []
        for (criterion, minimum, line) in named {
            if !criteria.contains(where: { $0.id == criterion }) {
                log.error(object.path, line, "the pass rule names criterion '\(criterion)', which the rubric does not have")
            } else if !(low...high).contains(minimum) {
                log.error(object.path, line, "the pass rule's minimum \(minimum) for '\(criterion)' is outside the scale \(low)-\(high)")
            }
        }
        let passRule = Rubric.PassRule(
            criticalMinimum: rule?.int("critical_min", required: false, in: low...high),
            minimumAverage: rule?.double("min_average", required: false),
            minimumEach: rule?.int("min_each", required: false, in: low...high),
            minimumScores: Dictionary(named.map { ($0.0, $0.1) }, uniquingKeysWith: { $1 })
        )
        if passRule.criticalMinimum != nil && !criteria.contains(where: \.critical) {
            log.error(object.path, rule?.lineOf(key: "critical_min") ?? object.line, "the pass rule sets critical_min but no criterion is critical")
        }
        return Rubric(
            id: id, title: object.string("title") ?? "", description: object.string("description", required: false) ?? "",
            scaleMinimum: low, scaleMaximum: high, scaleLabels: (low...high).map { labels[$0]?.0 ?? "" },
            criteria: criteria, passRule: passRule
        )
    }
}

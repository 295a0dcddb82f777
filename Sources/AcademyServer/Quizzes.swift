import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Starting, grading and reviewing attempts: shared by the pages and the JSON API.
struct Quizzes: Sendable {
    let services: AcademyServices

    /// An assessment as the course defines it.
    struct Definition: Sendable {
        var ref: AssessmentRef
        var title: String
        var rules: AttemptRules
        var plan: DrawPlan
        var questionCount: Int
        var questions: [String: Question]
    }

    /// Where an account stands with one assessment, from its attempts in the order started: passed once
    /// any attempt passed, else in progress while the last is open, else failed, or not started. The
    /// dashboard's quiz list and `GET /api/quizzes/{module}` (for the static lesson pages) both say it.
    struct Standing: Encodable, Sendable, Equatable {
        enum Status: String, Encodable, Sendable {
            case notStarted = "not-started"
            case inProgress = "in-progress"
            case passed, failed
        }

        var status: Status
        /// The best percentage of the graded attempts; nil before the first.
        var best: Int?
        var attemptsUsed: Int
        var attemptsAllowed: Int

        var attemptsLeft: Int { max(0, attemptsAllowed - attemptsUsed) }

        init(attempts: [AttemptRecord], rules: AttemptRules, now: Date = Date()) {
            if attempts.contains(where: { $0.passed == true }) { status = .passed }
            else if attempts.last?.status(now: now) == .inProgress { status = .inProgress }
            else if attempts.isEmpty { status = .notStarted }
            else { status = .failed }
            best = attempts.compactMap(\.percent).max()
            attemptsUsed = attempts.count
            attemptsAllowed = rules.attemptsAllowed
        }
    }

    /// From the definitions built at start. A cohort's test is its form's definition, named for the cohort.
    func definition(_ ref: AssessmentRef) -> Definition? {
        services.definition(ref)
    }

    /// The definition an attempt was drawn from; 410 when the course no longer has it.
    func definition(of attempt: AttemptRecord) throws -> Definition {
        guard let ref = AssessmentRef(attempt.assessment), let definition = definition(ref) else {
            throw ClientError(.gone, .errorAssessmentRemoved)
        }
        return definition
    }

    /// Builds an assessment's definition from the course; done once per assessment, at start.
    static func build(_ ref: AssessmentRef, course: Course) -> Definition? {
        switch ref {
        case .quiz(let module):
            guard let bank = course.bank(for: module), let title = course.module(module)?.title else { return nil }
            return Definition(ref: ref, title: title, rules: bank.rules, plan: DrawPlan(bank: bank), questionCount: min(bank.draw, bank.questions.count),
                              questions: Dictionary(uniqueKeysWithValues: bank.questions.map { ($0.id, $0) }))
        case .exam(let id):
            guard let exam = course.exams.first(where: { $0.id == id }) else { return nil }
            var questions: [String: Question] = [:]
            for draw in exam.draws { for question in course.bank(for: draw.bank)?.questions ?? [] { questions[question.id] = question } }
            let plan = DrawPlan(exam: exam, course: course)
            return Definition(ref: ref, title: exam.title, rules: exam.rules, plan: plan,
                              questionCount: plan.parts.reduce(0) { $0 + min($1.count, $1.questions.count) }, questions: questions)
        case .test(_, let id):
            guard let form = course.testForms.first(where: { $0.id == id }) else { return nil }
            var bank: [String: Question] = [:]
            for question in course.questionBanks.flatMap(\.questions) { bank[question.id] = question }
            let items = form.items.compactMap { bank[$0] }
            return Definition(ref: ref, title: form.title, rules: testRules(track: form.track, course: course),
                              plan: DrawPlan(parts: [.init(questions: items, count: items.count, spread: .fixed)]), questionCount: items.count,
                              questions: Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A pre- or post-test is taken once, in 45 minutes, and never reviewed (the same forms serve both
    /// halves of a cohort, so answers shown after the pre-test would be the post-test's key). Its pass
    /// level is the pass mark of the track's final examination.
    static func testRules(track: String, course: Course) -> AttemptRules {
        AttemptRules(passMark: course.exams.first { $0.track == track }?.rules.passMark ?? 70, timeLimitMinutes: 45, attemptsAllowed: 1,
                     cooldownMinutes: 0, review: .never)
    }

    /// Whether the account may start the assessment as far as its prerequisites go: a quiz always; an
    /// examination only in its own track, after what it names (lessons studied, quizzes passed).
    func readiness(_ definition: Definition, account: Account) async throws -> ExamReadiness {
        guard case .exam(let id) = definition.ref, let exam = services.course.exams.first(where: { $0.id == id }) else { return .ready }
        let studied = Set(try await services.store.progress(accountID: account.id).map(\.lesson))
        let passed: Set<String> = Set(try await services.store.attempts(accountID: account.id).compactMap { attempt in
            guard attempt.passed == true, case .quiz(let module)? = AssessmentRef(attempt.assessment) else { return nil }
            return module
        })
        return ExamReadiness.check(exam, course: services.course, track: account.track, studied: studied, passedQuizzes: passed)
    }

    /// The attempt in progress, or a new one if the rules allow; refusals become 409 with the reason
    /// (403 for another track's examination), in the words of the examination's page.
    func start(_ definition: Definition, account: Account, now: Date = Date()) async throws -> AttemptRecord {
        if case .test(let code, let form) = definition.ref { try await checkTest(cohort: code, form: form, account: account) }
        let readiness = try await readiness(definition, account: account)
        switch readiness {
        case .ready: break
        case .otherTrack:
            // In the words of the examination's page, with the titles of the reader's language.
            throw ClientError(.forbidden, code: "exam_other_track") { [services] strings in
                ServerPages.readinessMessage(readiness, course: services.localizedCourses[strings.language]?.course ?? services.course, strings: strings) ?? ""
            }
        case .missing:
            throw ClientError(.conflict, code: "exam_prerequisites") { [services] strings in
                ServerPages.readinessMessage(readiness, course: services.localizedCourses[strings.language]?.course ?? services.course, strings: strings) ?? ""
            }
        }
        let rules = definition.rules
        let plan = definition.plan
        do {
            return try await services.store.startAttempt(
                accountID: account.id, assessment: definition.ref.description, now: now,
                draw: {
                    let seed = UInt64.random(in: 1...UInt64.max)
                    return (seed, plan.draw(seed: seed))
                },
                deadline: now.addingTimeInterval(TimeInterval(rules.timeLimitMinutes * 60)), contentHash: services.course.contentHash,
                check: { previous in try AttemptPolicy.checkStart(previous: previous, rules: rules, now: now) }
            )
        } catch let refusal as AttemptPolicy.Refusal {
            throw ClientError(refusal)
        }
    }

    /// A cohort's test may be started by its trainees while its phase is open, and only on the form that
    /// their form order gives for that phase.
    func checkTest(cohort code: String, form: String, account: Account) async throws {
        // Another cohort's test is reported as missing, as its page is.
        guard let cohort = try await services.store.cohort(code: code),
              try await services.store.formOrder(cohortID: cohort.id, accountID: account.id).member else {
            throw ClientError(.notFound, .errorNoCohort, ["code": code])
        }
        guard try await assignedTest(cohort, account: account).id == form else {
            throw ClientError(.forbidden, .errorTestOtherForm, code: "test_other_form")
        }
    }

    /// The form a trainee of the cohort takes now: the open phase's form of their order (given them, balancing
    /// the cohort, if they had none). 409 when no test is open.
    func assignedTest(_ cohort: Cohort, account: Account) async throws -> TestForm {
        guard let phase = try await openTestPhase(cohort) else { throw ClientError(.conflict, .errorTestNotOpen, code: "test_not_open") }
        let order = try await services.store.assignFormOrder(cohortID: cohort.id, accountID: account.id)
        guard let form = testForm(cohort: cohort, order: order, phase: phase) else {
            throw ClientError(.notFound, .errorNoTestForm, ["track": cohort.track])
        }
        return form
    }

    /// The test phase of the cohort that is open now (the post-test if both are).
    func openTestPhase(_ cohort: Cohort) async throws -> CohortPhase? {
        let open = try await services.store.phases(cohortID: cohort.id).filter(\.isOpen).map(\.phase)
        return open.contains(.postTest) ? .postTest : open.contains(.preTest) ? .preTest : nil
    }

    /// The form a trainee of the cohort takes in a phase: their order's letter, of the cohort's track.
    func testForm(cohort: Cohort, order: FormOrder, phase: CohortPhase) -> TestForm? {
        guard let letter = order.form(for: phase) else { return nil }
        return services.course.testForms.first { $0.track == cohort.track && $0.form == letter }
    }

    /// The attempt, if it belongs to the account (another trainee's attempt is reported as missing).
    func ownAttempt(_ id: String?, account: Account) async throws -> AttemptRecord {
        guard let attempt = try await services.store.attempt(id: try Self.attemptID(id)), attempt.accountID == account.id else {
            throw ClientError(.notFound, .errorAttemptNotFound)
        }
        return attempt
    }

    /// An attempt id as the path gives it; anything that is not one is a missing attempt (404).
    static func attemptID(_ text: String?) throws -> Int64 {
        guard let id = text.flatMap({ Int64($0) }) else { throw ClientError(.notFound, .errorAttemptNotFound) }
        return id
    }

    /// Grades and records a submission, reading, checking and writing the attempt in one group-committed
    /// transaction. An attempt that is not the account's is reported as missing (404); answers to
    /// questions outside the drawn set are refused (400); a second submission is refused (409); a
    /// submission after the time limit and its 30-second grace is recorded as expired, scored 0, and
    /// counts as a failed attempt.
    func submit(attemptID: Int64, account: Account, answers: [String: Answer], now: Date = Date()) async throws -> AttemptRecord {
        let definitions = services.assessments
        do {
            // Inside the transaction only Core rules run, and they throw Core errors.
            return try await services.store.submit(attemptID: attemptID, accountID: account.id, now: now) { attempt in
                guard let ref = AssessmentRef(attempt.assessment), let definition = definitions[AcademyServices.definitionKey(ref)] else {
                    throw SubmissionError.assessmentRemoved
                }
                return try Grader.grade(attempt, questions: definition.questions, passMark: definition.rules.passMark, answers: answers, now: now)
            }
        } catch AcademyStore.AttemptError.alreadySubmitted {
            throw ClientError(.conflict, .errorAttemptClosed)
        } catch AcademyStore.AttemptError.notFound {
            throw ClientError(.notFound, .errorAttemptNotFound)
        } catch let error as SubmissionError {
            throw ClientError(error)
        }
    }
}

// MARK: What a trainee sees of a question

/// A question as shown during an attempt: text and options in display order, never the answer key,
/// feedback or explanation.
struct QuestionView: Encodable, Sendable {
    struct Option: Encodable, Sendable {
        /// The option's index in the question as written; answers name options by it.
        var index: Int
        var text: String
    }

    var id: String
    var kind: String
    var prompt: String
    var context: String?
    var utterance: String?
    /// single, multiple: the choices. ordering: the items, shuffled. matching: the right-hand sides, shuffled.
    var options: [Option]?
    /// matching: the left-hand sides, in order; answer `matches[i]` pairs left i with an option index.
    var left: [String]?
    /// classification: the prompt types to choose from.
    var promptTypes: [String]?

    init(_ question: Question, drawn: DrawnQuestion) {
        id = question.id
        kind = question.kind.rawValue
        prompt = question.prompt
        switch question.kind {
        case .single, .multiple:
            let choices = question.choices ?? []
            options = drawn.order.compactMap { choices.indices.contains($0) ? Option(index: $0, text: choices[$0].text) : nil }
        case .ordering:
            let items = question.items ?? []
            options = drawn.order.compactMap { items.indices.contains($0) ? Option(index: $0, text: items[$0]) : nil }
        case .matching:
            let pairs = question.pairs ?? []
            left = pairs.map(\.left)
            options = drawn.order.compactMap { pairs.indices.contains($0) ? Option(index: $0, text: pairs[$0].right) : nil }
        case .classification:
            context = question.context
            utterance = question.utterance
            promptTypes = PromptType.allCases.map(\.rawValue)
        case .trueFalse:
            break
        }
    }
}

extension FormFields {
    /// Reads the answers of an attempt form. A field left empty is no answer (scored 0), not an error;
    /// an ordering with two items in one place counts as unanswered.
    func answers(for attempt: AttemptRecord, questions: [String: Question]) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for drawn in attempt.questions {
            guard let question = questions[drawn.id] else { continue }
            let name = "q." + question.id
            switch question.kind {
            case .single:
                if let value = self[name].flatMap({ Int($0) }) { answers[question.id] = .choice(value) }
            case .multiple:
                let values = all(name).compactMap { Int($0) }
                if !values.isEmpty { answers[question.id] = .choices(values) }
            case .trueFalse:
                if let value = self[name] { answers[question.id] = .truth(value == "true") }
            case .classification:
                if let value = self[name].flatMap(PromptType.init(rawValue:)) { answers[question.id] = .promptType(value) }
            case .ordering:
                let count = question.items?.count ?? 0
                let positions = (0..<count).map { self["\(name).\($0)"].flatMap { Int($0) } }
                let placed = positions.compactMap { $0 }
                // Two items in one place is no order at all: scored as unanswered.
                if placed.count == count, Set(placed).count == count {
                    answers[question.id] = .order((0..<count).sorted { placed[$0] < placed[$1] })
                }
            case .matching:
                let count = question.pairs?.count ?? 0
                let matches = (0..<count).map { self["\(name).\($0)"].flatMap { Int($0) } }
                if matches.allSatisfy({ $0 != nil }) { answers[question.id] = .matches(matches.compactMap { $0 }) }
            }
        }
        return answers
    }
}

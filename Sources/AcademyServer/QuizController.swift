import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Quizzes, final examinations and the classification drill: pages and JSON API.
struct QuizController {
    let services: AcademyServices
    var quizzes: Quizzes { Quizzes(services: services) }

    struct StartRequest: Decodable {
        var assessment: String
    }

    /// `{"answers": {QUESTION: ANSWER, ...}}`. A malformed answer is refused naming its question in
    /// `field`, as openapi.yaml says.
    struct SubmissionRequest: Decodable {
        var answers: [String: Answer] = [:]

        enum CodingKeys: String, CodingKey { case answers }

        struct QuestionKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let answers = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: QuestionKey.self, forKey: .answers)
            for key in answers.allKeys {
                do {
                    self.answers[key.stringValue] = try answers.decode(Answer.self, forKey: key)
                } catch let error as DecodingError {
                    throw ClientError(.badRequest, .errorAnswerInvalid, ["question": key.stringValue], field: key.stringValue, detail: error.reason)
                }
            }
        }
    }

    struct AttemptPayload: Encodable {
        var id: Int64
        var assessment: String
        var status: String
        var startedAt: Date
        var deadline: Date
        var questions: [QuestionView]?
        var percent: Int?
        var passed: Bool?
    }

    struct ReviewItem: Encodable {
        var question: String
        var objective: String
        var yourAnswer: Answer?
        var score: Double
        var correctAnswer: Answer
        var explanation: String
        var feedback: [String]
    }

    func payload(_ attempt: AttemptRecord, _ definition: Quizzes.Definition, now: Date = Date()) -> AttemptPayload {
        let status = attempt.status(now: now)
        let questions = status == .inProgress
            ? attempt.questions.compactMap { drawn in definition.questions[drawn.id].map { QuestionView($0, drawn: drawn) } } : nil
        return AttemptPayload(id: attempt.id, assessment: attempt.assessment, status: status.rawValue, startedAt: attempt.startedAt,
                              deadline: attempt.deadline, questions: questions, percent: attempt.percent, passed: attempt.passed)
    }

    func addRoutes(to routes: Routes) {
        addPageRoutes(to: routes)
        addAPIRoutes(to: routes)
    }

    func addPageRoutes(to routes: Routes) {
        let traineeRoutes = routes.group(.trainee)
        for kind in ["quiz", "exam"] {
            traineeRoutes.get("/app/\(kind)/{id}") { request, context in
                let pages = services.pages(request, context)
                let session = try context.signedIn
                let definition = try pageDefinition(kind: kind, context: context, pages: pages, session: session)
                let attempts = try await services.store.attempts(accountID: session.account.id, assessment: definition.ref.description)
                let now = Date()
                var refusal: String?
                if attempts.last?.status(now: now) != .inProgress {
                    refusal = pages.readinessMessage(try await quizzes.readiness(definition, account: session.account))
                    if refusal == nil {
                        do { try AttemptPolicy.checkStart(previous: attempts, rules: definition.rules, now: now) } catch let error as AttemptPolicy.Refusal {
                            refusal = pages.strings.refusal(error)
                        }
                    }
                }
                return pages.quizIntro(definition, attempts: attempts, refusal: refusal, session: session, action: "app/\(kind)/\(definition.idInPath)", now: now)
            }
            traineeRoutes.post("/app/\(kind)/{id}") { request, context in
                var request = request
                let pages = services.pages(request, context)
                let session = try context.signedIn
                _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
                let definition = try pageDefinition(kind: kind, context: context, pages: pages, session: session)
                let attempt = try await quizzes.start(definition, account: session.account)
                return Redirect.to("app/attempts/\(attempt.id)", from: pages)
            }
        }
        traineeRoutes.get("/app/attempts/{id}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let attempt = try await pageAttempt(context, pages: pages, session: session)
            let definition = try quizzes.definition(of: attempt)
            if attempt.status(now: Date()) == .inProgress { return pages.attemptForm(definition, attempt: attempt, session: session) }
            return pages.attemptResult(definition, attempt: attempt, answers: try await services.store.answers(attemptID: attempt.id), session: session)
        }
        traineeRoutes.post("/app/attempts/{id}") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let attempt = try await pageAttempt(context, pages: pages, session: session)
            let definition = try quizzes.definition(of: attempt)
            let answers = fields.answers(for: attempt, questions: definition.questions)
            // An incomplete submission costs an attempt: the form comes back as filled in, to confirm.
            if answers.count < attempt.questions.count, fields["confirm"] != "incomplete", attempt.status(now: Date()) == .inProgress {
                return pages.attemptForm(definition, attempt: attempt, session: session, entered: fields, answered: Set(answers.keys))
            }
            do {
                _ = try await quizzes.submit(attemptID: attempt.id, account: session.account, answers: answers)
            } catch let error as ClientError where error.status == .conflict {
                // A second submission (a double click, a resent form) shows the result of the first.
            }
            return Redirect.to("app/attempts/\(attempt.id)", from: pages)
        }
        traineeRoutes.get("/app/drill") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let held = try await questionsInOpenAttempts(of: session.account)
            guard let question = services.classificationItems.filter({ !held.contains($0.id) }).randomElement() else {
                throw ClientError(.notFound, services.classificationItems.isEmpty ? .errorNoDrillItems : .errorDrillAllHeld)
            }
            return pages.drill(question, session: session, outcome: nil)
        }
        traineeRoutes.post("/app/drill") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            guard let question = services.classificationItems.first(where: { $0.id == fields["question"] }) else {
                throw ClientError(.badRequest, .errorUnknownDrillItem, field: "question")
            }
            guard let answer = fields["answer"].flatMap(PromptType.init(rawValue:)) else {
                throw ClientError(.badRequest, .errorChoosePromptType, field: "answer")
            }
            // Practice gives the answer at once, so it must not answer a question of an attempt in progress.
            guard try await !questionsInOpenAttempts(of: session.account).contains(question.id) else {
                throw ClientError(.conflict, .errorDrillItemHeld)
            }
            // Practice counts for nothing: nothing is stored.
            return pages.drill(question, session: session, outcome: (answer, answer == question.promptType))
        }
    }

    func addAPIRoutes(to routes: Routes) {
        let traineeRoutes = routes.group(.trainee)
        traineeRoutes.post("/api/attempts") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(StartRequest.self, limit: services.configuration.maximumBodySize)
            guard let ref = AssessmentRef(body.assessment), let definition = quizzes.definition(ref) else {
                throw ClientError(.notFound, .errorNoAssessment, ["assessment": body.assessment], field: "assessment")
            }
            let attempt = try await quizzes.start(definition, account: session.account)
            return try APICoding.response(payload(attempt, definition), status: .created)
        }
        // Where the trainee stands with a module's quiz: for the quiz block of the static lesson pages.
        traineeRoutes.get("/api/quizzes/{module}") { _, context in
            let session = try context.signedIn
            let module = context.parameters.get("module") ?? ""
            guard let definition = quizzes.definition(.quiz(module: module)) else {
                throw ClientError(.notFound, .errorNoQuiz, ["id": module])
            }
            let attempts = try await services.store.attempts(accountID: session.account.id, assessment: definition.ref.description)
            return try APICoding.response(Quizzes.Standing(attempts: attempts, rules: definition.rules))
        }
        traineeRoutes.get("/api/attempts/{id}") { _, context in
            let session = try context.signedIn
            let attempt = try await quizzes.ownAttempt(context.parameters.get("id"), account: session.account)
            return try APICoding.response(payload(attempt, try quizzes.definition(of: attempt)))
        }
        traineeRoutes.post("/api/attempts/{id}/submission") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(SubmissionRequest.self, limit: services.configuration.maximumBodySize)
            let submitted = try await quizzes.submit(
                attemptID: try Quizzes.attemptID(context.parameters.get("id")), account: session.account, answers: body.answers)
            return try APICoding.response(payload(submitted, try quizzes.definition(of: submitted)))
        }
        traineeRoutes.get("/api/attempts/{id}/review") { _, context in
            let session = try context.signedIn
            let attempt = try await quizzes.ownAttempt(context.parameters.get("id"), account: session.account)
            let definition = try quizzes.definition(of: attempt)
            guard attempt.percent != nil, AttemptPolicy.mayReview(definition.rules.review, passed: attempt.passed == true) else {
                throw ClientError(.forbidden, .errorReviewUnavailable)
            }
            let graded = Dictionary(uniqueKeysWithValues: try await services.store.answers(attemptID: attempt.id).map { ($0.question, $0) })
            let items: [ReviewItem] = attempt.questions.compactMap { drawn in
                guard let question = definition.questions[drawn.id] else { return nil }
                let mine = graded[question.id]
                return ReviewItem(question: question.id, objective: question.objective, yourAnswer: mine?.answer, score: mine?.score ?? 0,
                                  correctAnswer: question.key, explanation: question.explanation,
                                  feedback: (mine?.score ?? 0) >= 1 ? [] : [question.feedback].compactMap { $0 })
            }
            return try APICoding.response(items)
        }
    }

    /// The questions drawn for the account's attempts still in progress.
    func questionsInOpenAttempts(of account: Account) async throws -> Set<String> {
        let now = Date()
        let open = try await services.store.attempts(accountID: account.id).filter { $0.status(now: now) == .inProgress }
        return Set(open.flatMap { $0.questions.map(\.id) })
    }

    func pageDefinition(kind: String, context: AppRequestContext, pages: ServerPages, session: AcademyStore.Session) throws -> Quizzes.Definition {
        let id = context.parameters.get("id") ?? ""
        guard let definition = quizzes.definition(kind == "quiz" ? .quiz(module: id) : .exam(id)) else {
            throw ClientError(.notFound, kind == "quiz" ? .errorNoQuiz : .errorNoExam, ["id": id])
        }
        return definition
    }

    func pageAttempt(_ context: AppRequestContext, pages: ServerPages, session: AcademyStore.Session) async throws -> AttemptRecord {
        try await quizzes.ownAttempt(context.parameters.get("id"), account: session.account)
    }
}

extension Quizzes.Definition {
    /// The id as it appears in `/app/quiz/ID` or `/app/exam/ID`.
    var idInPath: String {
        switch ref {
        case .quiz(let module): module
        case .exam(let id): id
        case .test(let cohort, let form): "\(cohort)/\(form)"
        }
    }
}

extension Question {
    /// The right answer, in the form answers take.
    var key: Answer {
        switch kind {
        case .single: .choice(choices?.firstIndex(where: \.correct) ?? 0)
        case .multiple: .choices((choices ?? []).indices.filter { choices?[$0].correct == true })
        case .trueFalse: .truth(answer ?? false)
        case .ordering: .order(Array(0..<(items?.count ?? 0)))
        case .matching: .matches(Array(0..<(pairs?.count ?? 0)))
        case .classification: .promptType(promptType ?? .invitation)
        }
    }
}

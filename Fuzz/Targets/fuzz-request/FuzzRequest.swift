// Fuzzes the request decoders. The first byte of the input chooses the decoder, the rest is the body:
//
//   0  SubmissionRequest (POST /api/attempts/{id}/submission); its answers then graded
//   1  StartRequest      (POST /api/attempts), its assessment parsed as an AssessmentRef
//   2  PracticalRequest  (POST /api/practicals), its scores applied to a rubric
//   3  FoundingRequest   4  ReasonRequest   5  MarkRequest (POST /api/progress)   6  SignInRequest   7  PasswordRequest
//   8  a form body       (every page's POST): FormFields, an attempt form's answers (then graded),
//                        a practical form's scores (then applied), required fields
//   9  one Answer
//
// JSON bodies (0-7, 9) go through Request.json, the JSONDecoder path the routes call, so the error
// mapping to ClientError is exercised too; form bodies through Request.form. A thrown ClientError is
// the expected outcome for a bad body; findings are crashes, hangs and ASan reports, and one oracle:
// every answer that decodes must survive the round trip through the store's encoding (StoredAnswer,
// the JSON written with each submission, read back with JSONDecoder) unchanged.
import AcademyCore
@testable import AcademyServer
@testable import AcademyStore
import Foundation
import FuzzSupport
import HTTPTypes
import Hummingbird
import NIOCore

/// One question of every kind (as in the server tests' fixture).
let questions: [Question] = {
    var single = Question(id: "q-single", objective: "q-1", kind: .single, prompt: "Which prompt is open?", explanation: "")
    single.choices = [Choice(text: "Was it red?", correct: false, feedback: nil), Choice(text: "Tell me everything.", correct: true, feedback: nil),
                      Choice(text: "Did he hit you?", correct: false, feedback: nil)]
    var multiple = Question(id: "q-multiple", objective: "q-1", kind: .multiple, prompt: "Which are open?", explanation: "")
    multiple.choices = [Choice(text: "Tell me more.", correct: true, feedback: nil), Choice(text: "And then?", correct: true, feedback: nil),
                        Choice(text: "Was it him?", correct: false, feedback: nil)]
    var truth = Question(id: "q-truth", objective: "q-2", kind: .trueFalse, prompt: "Ground rules come first.", explanation: "")
    truth.answer = true
    var ordering = Question(id: "q-order", objective: "q-2", kind: .ordering, prompt: "Order the phases.", explanation: "")
    ordering.items = ["Introduction", "Rapport", "Transition"]
    var matching = Question(id: "q-match", objective: "q-2", kind: .matching, prompt: "Match.", explanation: "")
    matching.pairs = [MatchPair(left: "Invitation", right: "Tell me everything"), MatchPair(left: "Directive", right: "Where were you?"),
                      MatchPair(left: "Option-posing", right: "Was it day or night?")]
    var classify = Question(id: "q-classify", objective: "q-1", kind: .classification, prompt: "", explanation: "")
    classify.utterance = "Tell me more about the garage."
    classify.promptType = .cuedInvitation
    return [single, multiple, truth, ordering, matching, classify]
}()

let questionsByID = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0) })

let attempt = AttemptRecord(
    id: 1, accountID: 1, assessment: "quiz:fuzz", seed: 1,
    questions: questions.map { DrawnQuestion(id: $0.id, order: [2, 0, 1]) },
    startedAt: Date(timeIntervalSince1970: 0), deadline: Date(timeIntervalSince1970: 1200),
    submittedAt: nil, percent: nil, passed: nil, contentHash: ""
)

let rubric = Rubric(
    id: "mock-interview", title: "Mock interview", description: "", scaleMinimum: 1, scaleMaximum: 4,
    scaleLabels: ["1", "2", "3", "4"],
    criteria: [
        .init(id: "rapport", title: "Rapport", description: "", critical: false, levels: ["", "", "", ""]),
        .init(id: "open-prompts", title: "Open prompts", description: "", critical: true, levels: ["", "", "", ""]),
    ],
    passRule: .init(criticalMinimum: 3, minimumAverage: 2.5, minimumEach: 2, minimumScores: ["rapport": 3])
)

let limit = ServerConfiguration().maximumBodySize

func request(_ body: Data, contentType: String) -> Request {
    Request(
        head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: [.contentType: contentType]),
        body: RequestBody(buffer: ByteBuffer(bytes: body))
    )
}

func json<T: Decodable & Sendable>(_ type: T.Type, _ body: Data) -> T? {
    runBlocking {
        var request = request(body, contentType: "application/json")
        do {
            let value = try await request.json(T.self, limit: limit)
            debug("decoded \(value)")
            return value
        } catch let error as ClientError {
            debug("\(error.status.code): \(error.message)")
            return nil
        } catch {
            fatalError("Request.json threw something other than a ClientError: \(error)")
        }
    }
}

func form(_ body: Data) -> FormFields {
    runBlocking {
        var request = request(body, contentType: "application/x-www-form-urlencoded")
        do { return try await request.form(limit: limit) } catch {
            fatalError("Request.form threw for a body within the limit: \(error)")
        }
    }
}

func grade(_ answers: [String: Answer]) {
    for (id, answer) in answers {
        let text: String
        do {
            text = try StoredAnswer.encode([GradedAnswer(question: id, objective: "q-1", answer: answer, score: 0)])
        } catch {
            fatalError("oracle: \(answer) decoded but does not encode: \(error)")
        }
        guard let stored = try? JSONDecoder().decode([StoredAnswer].self, from: Data(text.utf8)), stored.count == 1,
              stored[0].q == id, stored[0].a == answer else {
            fatalError("oracle: \(answer) is stored as \(text), which does not read back as the same answer")
        }
        // Against the question it names (if any) and against every kind, as a stray answer would be.
        _ = questionsByID[id].map { try? Grader.score($0, answer: answer) }
        for question in questions { _ = try? Grader.score(question, answer: answer) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let (choice, body) = selector(input(bytes, size), choices: 10)
    switch choice {
    case 0:
        if let submission = json(QuizController.SubmissionRequest.self, body) {
            _ = submission.answers.keys.sorted()
            grade(submission.answers)
        }
    case 1:
        if let start = json(QuizController.StartRequest.self, body) { _ = AssessmentRef(start.assessment)?.description }
    case 2:
        if let practical = json(CertificationController.PracticalRequest.self, body) {
            _ = practical.candidate.lowercased()
            _ = try? rubric.outcome(scores: practical.scores)
            _ = Day(practical.observedOn)?.description
        }
    case 3: _ = json(CertificationController.FoundingRequest.self, body)
    case 4: _ = json(CertificationController.ReasonRequest.self, body)
    case 5: _ = json(ProgressController.MarkRequest.self, body)
    case 6:
        if let signIn = json(SessionController.SignInRequest.self, body) { _ = signIn.login.trimmingCharacters(in: .whitespaces).lowercased() }
    case 7: _ = json(AccountController.PasswordRequest.self, body)
    case 8:
        let fields = form(body)
        let answers = fields.answers(for: attempt, questions: questionsByID)
        debug("form answers: \(answers)")
        grade(answers)
        var scores: [String: Int] = [:]
        for criterion in rubric.criteria {
            if let score = fields["score.\(criterion.id)"].flatMap({ Int($0) }) { scores[criterion.id] = score }
            if let note = fields["note.\(criterion.id)"], !note.isEmpty { _ = String(note.prefix(2000)) }
        }
        _ = try? rubric.outcome(scores: scores)
        for name in ["login", "name", "_csrf", "password"] { _ = try? requiredField(fields, name) }
        _ = fields.all("q.q-multiple")
    default:
        if let answer = json(Answer.self, body) { grade(["q-single": answer]) }
    }
    return 0
}

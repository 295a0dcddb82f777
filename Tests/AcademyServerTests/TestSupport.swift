import AcademyCore
import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A small course, built in code: one track of one module with two lessons.
enum Fixture {
    /// Each UI string is its key in «», so that a test sees which string a page used; but for these, whose
    /// English the tests read (numbers and names put into a message, or its words), the value of the course's
    /// en.yaml.
    static let englishKeys: [UIStrings.Key] = [
        .errorBodyNotJson, .errorDrillItemHeld, .errorDrillAllHeld, .quizNoAttemptsLeft, .errorScoreAlwaysApplies, .errorSelfAssessment,
        .requirementPractical, .requirementPracticalAssessors, .shortfallCritical, .rosterLoginRule, .rosterError, .rosterNoNameColumn,
        .csvUnclosedQuote, .previewSummary, .rosterNameCut,
    ]

    static let strings: [String: String] = Dictionary(uniqueKeysWithValues: UIStrings.Key.allCases.map { ($0.rawValue, "«\($0.rawValue)»") })
        .merging(["signed_in_as": "Signed in as {name}", "one_time_password": "One-time password for {login}: {password}",
                  "your_score": "Score {percent}%", "best_score": "best {percent}%",
                  "result_rejected": "Rejected: {reason}"]) { $1 }
        .merging(englishKeys.map { ($0.rawValue, LocaleFile.english[$0.rawValue] ?? "(not in en.yaml)") }) { $1 }

    /// One question of every kind, all testing objective q-1 or q-2, with recognisable secrets.
    static var questions: [Question] {
        var single = Question(id: "q-single", objective: "q-1", kind: .single, prompt: "Which prompt is open?", explanation: "SECRET-EXPLANATION-single")
        single.choices = [Choice(text: "Was it red?", correct: false, feedback: "SECRET-FEEDBACK-single"),
                          Choice(text: "Tell me everything.", correct: true, feedback: nil),
                          Choice(text: "Did he hit you?", correct: false, feedback: "SECRET-FEEDBACK-single-2")]
        var multiple = Question(id: "q-multiple", objective: "q-1", kind: .multiple, prompt: "Which are open?", explanation: "SECRET-EXPLANATION-multiple")
        multiple.choices = [Choice(text: "Tell me more.", correct: true, feedback: nil), Choice(text: "And then?", correct: true, feedback: nil),
                            Choice(text: "Was it him?", correct: false, feedback: "SECRET-FEEDBACK-multiple")]
        var truth = Question(id: "q-truth", objective: "q-2", kind: .trueFalse, prompt: "Ground rules come first.", explanation: "SECRET-EXPLANATION-truth")
        truth.answer = true
        truth.feedback = "SECRET-FEEDBACK-truth"
        var ordering = Question(id: "q-order", objective: "q-2", kind: .ordering, prompt: "Order the phases.", explanation: "SECRET-EXPLANATION-order")
        ordering.items = ["Introduction", "Rapport", "Transition"]
        ordering.feedback = "SECRET-FEEDBACK-order"
        var matching = Question(id: "q-match", objective: "q-2", kind: .matching, prompt: "Match.", explanation: "SECRET-EXPLANATION-match")
        matching.pairs = [MatchPair(left: "Invitation", right: "Tell me everything"), MatchPair(left: "Directive", right: "Where were you?"),
                          MatchPair(left: "Option-posing", right: "Was it day or night?")]
        matching.feedback = "SECRET-FEEDBACK-match"
        var classify = Question(id: "q-classify", objective: "q-1", kind: .classification, prompt: "", explanation: "SECRET-EXPLANATION-classify")
        classify.context = "The girl, 9, has said: he took me to the garage."
        classify.utterance = "Tell me more about the garage."
        classify.promptType = .cuedInvitation
        classify.feedback = "SECRET-FEEDBACK-classify"
        return [single, multiple, truth, ordering, matching, classify]
    }

    static var course: Course {
        let lessons = [
            LessonInfo(id: "open-prompts", title: "Open prompts", minutes: 12, objectives: ["q-1"], contentHash: "hash-open", words: 100, translations: []),
            LessonInfo(id: "phases", title: "Phases", minutes: 15, objectives: ["q-1"], contentHash: "hash-phases", words: 100, translations: []),
        ]
        let module = Module(id: "questions", number: 1, title: "Questions", summary: "s", duration: 60, tracks: ["pre-service"],
                            objectives: [Objective(id: "q-1", text: "Classify prompts."), Objective(id: "q-2", text: "Order the phases.")], lessons: lessons)
        let bank = QuestionBank(
            module: "questions", rules: AttemptRules(passMark: 80, timeLimitMinutes: 20, attemptsAllowed: 2, cooldownMinutes: 0, review: .immediately),
            draw: 6, spread: .objectives, questions: questions
        )
        let exam = Exam(id: "final", title: "Final", track: "pre-service",
                        rules: AttemptRules(passMark: 75, timeLimitMinutes: 30, attemptsAllowed: 1, cooldownMinutes: 60, review: .never),
                        draws: [Exam.Draw(bank: "questions", count: 3)])
        return Course(
            title: "Fixture <Course>", subtitle: "", publisher: "", languages: ["en"], defaultLanguage: "en",
            tracks: [Track(id: "pre-service", title: "Pre-service", summary: "", modules: ["questions"], exam: "final")],
            modules: [module], questionBanks: [bank], exams: [exam], rubrics: rubrics, programmes: programmes, strings: ["en": strings],
            trainerMaterials: [TrainerMaterial(id: "cards", title: "Cards <set>", kind: .cards, html: "<p>TRAINER-ONLY key</p>")],
            testForms: [
                TestForm(id: "pre-a", title: "Test A", track: "pre-service", form: "A", version: 1, parallel: "pre-b",
                         items: ["q-single", "q-truth", "q-classify"], fingerprint: "f-a"),
                TestForm(id: "pre-b", title: "Test B", track: "pre-service", form: "B", version: 1, parallel: "pre-a",
                         items: ["q-multiple", "q-order", "q-match"], fingerprint: "f-b"),
            ], contentHash: "c"
        )
    }

    static var rubrics: [Rubric] {
        [
            Rubric(id: "mock", title: "Mock interview", description: "", scaleMinimum: 0, scaleMaximum: 3, scaleLabels: ["0", "1", "2", "3"],
                   criteria: [.init(id: "transition", title: "Transition", description: "", critical: true, levels: ["a0", "a1", "a2", "a3"]),
                              .init(id: "balance", title: "Balance", description: "", critical: false, levels: ["b0", "b1", "b2", "b3"],
                                    notApplicableWhen: "The child said one word.")],
                   passRule: .init(criticalMinimum: 1, minimumAverage: 2, minimumEach: nil, minimumScores: [:])),
            Rubric(id: "teach", title: "Teach-back", description: "", scaleMinimum: 1, scaleMaximum: 4, scaleLabels: ["1", "2", "3", "4"],
                   criteria: [.init(id: "objectives", title: "Objectives", description: "", critical: false, levels: ["o1", "o2", "o3", "o4"])],
                   passRule: .init(criticalMinimum: nil, minimumAverage: nil, minimumEach: 3, minimumScores: [:])),
        ]
    }

    static var programmes: [Programme] {
        [
            Programme(id: "specialist", title: "Specialist <interviewer>", track: "pre-service",
                      requires: Requirements(lessonsStudied: true, quizzesPassed: true, examsPassed: ["final"],
                                             practicals: [.init(rubric: "mock", passes: 2, distinctAssessors: 1)]),
                      assessors: ["instructor"], validityMonths: 24,
                      renewal: Requirements(practicals: [.init(rubric: "mock", passes: 1, distinctAssessors: 1)])),
            Programme(id: "instructor", title: "Instructor", track: "pre-service",
                      requires: Requirements(practicals: [.init(rubric: "teach", passes: 2, distinctAssessors: 2)], certifications: ["specialist"]),
                      assessors: ["instructor"], validityMonths: 24, renewal: nil),
        ]
    }

    static let site = StaticSite(files: [
        "/index.html": "<!DOCTYPE html><title>root</title>",
        "/en/index.html": "<!DOCTYPE html><title>home</title>" + String(repeating: "<p>Lesson text for gzip.</p>", count: 100),
        "/assets/academy.css": "body{}",
    ])

    static let adminPassword = "admin-password-1"
    static let traineePassword = "trainee-password-1"

    /// Services over an in-memory store with an administrator `boss` and a trainee `cadet1`, both with
    /// passwords of their own, and `fresh`, a trainee who still has a one-time password.
    static func services(
        idleTimeout: TimeInterval = 1800, signInLimits: SignInLimits = SignInLimits()
    ) async throws -> AcademyServices {
        let store = try AcademyStore.inMemory()
        // bcrypt at its lowest cost keeps the suite fast; production uses 12 or more.
        let passwords = Passwords(cost: 4)
        _ = try await store.createAccount(login: "boss", name: "Boss", role: .admin, track: nil,
                                          passwordHash: try await passwords.hash(adminPassword), mustChangePassword: false)
        _ = try await store.createAccount(login: "cadet1", name: "Aida <b>Cadet</b>", role: .trainee, track: "pre-service",
                                          passwordHash: try await passwords.hash(traineePassword), mustChangePassword: false)
        _ = try await store.createAccount(login: "fresh", name: "Fresh", role: .trainee, track: "pre-service",
                                          passwordHash: try await passwords.hash("one-time-pass-1"), mustChangePassword: true)
        let configuration = ServerConfiguration(
            sessionIdleTimeout: idleTimeout, maximumBodySize: 4096, bcryptCost: 4,
            signInLimits: signInLimits
        )
        let openAPI = try String(contentsOf: URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return AcademyServices(configuration: configuration, store: store, course: course, site: site, openAPI: openAPI)
    }
}

/// A signed-in client's credentials.
struct Credentials: Sendable {
    var cookie: String
    var csrf: String
}

extension TestClientProtocol {
    /// Sends a request with an optional JSON body, session cookie and CSRF header.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, as credentials: Credentials? = nil, csrf: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if let credentials {
            headers[.cookie] = credentials.cookie
            if csrf { headers[HTTPField.Name("X-CSRF-Token")!] = credentials.csrf }
        }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Posts a form.
    func form(_ uri: String, _ fields: [String: String], cookie: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = cookie }
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in through the JSON API and returns the session cookie and CSRF token.
    func signIn(_ login: String, _ password: String) async throws -> Credentials {
        let response = try await send(.post, "/api/session", json: #"{"login":"\#(login)","password":"\#(password)"}"#)
        guard response.status == .ok, let cookie = response.cookie(named: "academy_session") else {
            throw TestFailure("sign-in as \(login) failed with \(response.status)")
        }
        let body = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        return Credentials(cookie: "academy_session=\(cookie)", csrf: body?["csrf_token"] as? String ?? "")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The value a Set-Cookie header gives a cookie.
    func cookie(named name: String) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    func setCookieHeader(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

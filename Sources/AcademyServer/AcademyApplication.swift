import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Logging

/// What the controllers share. Built once at start.
public struct AcademyServices: Sendable {
    public let configuration: ServerConfiguration
    public let store: AcademyStore
    public let course: Course
    /// The course in each of its languages (texts translated, keys and structure the same), built once.
    let localizedCourses: [String: Localized]
    public let site: StaticSite
    /// The OpenAPI description served at `/api/openapi.yaml`.
    public let openAPI: String
    let passwords: Passwords
    let throttle: SignInThrottle
    let passwordPolicy: PasswordPolicy
    /// Lesson id → lesson, for recording progress against what was published.
    let lessons: [String: LessonInfo]
    /// Every prompt-classification question, for the practice drill.
    let classificationItems: [Question]
    /// Every quiz, examination and test form, by `quiz:MODULE` / `exam:ID` / `test-form:ID` (see `definitionKey`), with its questions indexed.
    let assessments: [String: Quizzes.Definition]
    /// One-time password lists waiting to be downloaded by the administrator who made them.
    let downloads = OneTimeDownloads()

    public init(configuration: ServerConfiguration, store: AcademyStore, course: Course, site: StaticSite, openAPI: String = "") {
        self.configuration = configuration
        self.openAPI = openAPI
        self.store = store
        self.course = course
        self.site = site
        self.passwords = Passwords(cost: configuration.bcryptCost)
        self.throttle = SignInThrottle(limits: configuration.signInLimits)
        // Loads the common-password list now rather than at the first password change.
        self.passwordPolicy = PasswordPolicy(common: .shared)
        var lessons: [String: LessonInfo] = [:]
        for module in course.modules { for lesson in module.lessons { lessons[lesson.id] = lesson } }
        self.lessons = lessons
        self.classificationItems = course.questionBanks.flatMap(\.questions).filter { $0.kind == .classification }
        let refs = course.questionBanks.map { AssessmentRef.quiz(module: $0.module) } + course.exams.map { AssessmentRef.exam($0.id) }
            + course.testForms.map { AssessmentRef.test(cohort: "", form: $0.id) }
        var assessments: [String: Quizzes.Definition] = [:]
        for ref in refs { assessments[Self.definitionKey(ref)] = Quizzes.build(ref, course: course) }
        self.assessments = assessments
        var localized: [String: Localized] = [:]
        for language in course.languages { localized[language] = Localized(course.localized(to: language)) }
        self.localizedCourses = localized
    }

    /// Where `assessments` keeps an assessment's definition: a cohort's test under its form alone.
    static func definitionKey(_ ref: AssessmentRef) -> String {
        if case .test(_, let form) = ref { return "test-form:\(form)" }
        return ref.description
    }

    /// An assessment's definition, named as asked (a test's for its cohort).
    func definition(_ ref: AssessmentRef) -> Quizzes.Definition? {
        guard var definition = assessments[Self.definitionKey(ref)] else { return nil }
        definition.ref = ref
        return definition
    }

    /// One language's course, with its questions by id for rendering drawn and graded questions.
    struct Localized: Sendable {
        let course: Course
        let questions: [String: Question]

        init(_ course: Course) {
            self.course = course
            var questions: [String: Question] = [:]
            for bank in course.questionBanks { for question in bank.questions { questions[question.id] = question } }
            self.questions = questions
        }
    }
}

/// Serves the built site from memory before the router sees the request.
struct StaticSiteMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: StaticSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/app"), !request.uri.path.hasPrefix("/api/"),
           let response = site.response(path: request.uri.path, request: request) {
            return response
        }
        return try await next(request, context)
    }
}

/// Answers 405 with an `Allow` header, rather than 404, when the path exists but not for this method.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Each route's path split into segments (`{name}` matches any one segment), with its methods.
    let routes: [(segments: [Substring], methods: [String])]
    /// For the page shown at an address the server does not have (a browser's own error page has no way back).
    let services: AcademyServices

    init(routes: [(path: String, method: String)], services: AcademyServices) {
        self.services = services
        var grouped: [String: [String]] = [:]
        for route in routes { grouped[route.path, default: []].append(route.method) }
        self.routes = grouped.map { ($0.key.split(separator: "/"), $0.value.sorted()) }
    }

    /// The methods registered for paths that match `path` (`{name}` matching any one segment).
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        return routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in pattern == segment || pattern.hasPrefix("{") || pattern.hasPrefix(":") }
        }.flatMap(\.methods)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            // A page address the server does not have at all: the site's error page, with a way on.
            let isPage = (request.method == .get || request.method == .head) && !request.uri.path.hasPrefix("/api/")
            if isPage, methods(for: request.uri.path).isEmpty {
                let pages = services.pages(request, context)
                return pages.error(.notFound, pages.strings[.notFound], session: context.session)
            }
            // A route's own 404 says what is missing; an address no route has says so, with a code too.
            let error = error as? ClientError ?? ClientError(.notFound, .errorNoRoute)
            response = services.pages(request, context).response(for: error, session: context.session)
        }
        guard response.status == .notFound else { return response }
        let allowed = methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { return response }
        let error = ClientError(.methodNotAllowed, .errorMethodNotAllowed, ["method": request.method.rawValue, "allowed": allowed.joined(separator: ", ")])
        var refused = services.pages(request, context).response(for: error, session: context.session)
        refused.headers[.allow] = allowed.joined(separator: ", ")
        return refused
    }
}

/// The router with every route; tests walk its route list.
public func buildRouter(_ services: AcademyServices) -> Router<AppRequestContext> {
    buildRoutes(services).router
}

/// The router, and the access rule each of its routes was registered with.
public func buildRoutes(_ services: AcademyServices) -> (router: Router<AppRequestContext>, access: AccessTable) {
    let router = Router(context: AppRequestContext.self)
    let table = AccessTable()
    // The site first: its responses carry the security headers already, built at load.
    router.add(middleware: StaticSiteMiddleware(site: services.site))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(store: services.store, idleTimeout: services.configuration.sessionIdleTimeout))
    router.add(middleware: PageErrorMiddleware(services: services))
    let routes = Routes(router: router, table: table, services: services)
    let open = routes.group(.anyone)
    // Answers without touching the disk, for load balancers and the benchmark.
    open.get("/health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
    open.get("/api/openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: services.openAPI)))
    }
    SessionController(services: services).addRoutes(to: routes)
    ProgressController(services: services).addRoutes(to: routes)
    AccountController(services: services).addRoutes(to: routes)
    QuizController(services: services).addRoutes(to: routes)
    CertificationController(services: services).addRoutes(to: routes)
    CohortController(services: services).addRoutes(to: routes)
    TrainerController(services: services).addRoutes(to: routes)
    TeachingController(services: services).addRoutes(to: routes)
    AdminController(services: services).addRoutes(to: routes)
    let registered = router.routes.map { (path: "\($0.path)", method: $0.method.rawValue) }
    router.add(middleware: MethodNotAllowedMiddleware(routes: registered, services: services))
    return (router, table)
}

/// The composition root the `serve` command and the tests share.
public func buildApplication(_ services: AcademyServices, logger: Logger = Logger(label: "academy")) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "Academy"),
        logger: logger
    )
}

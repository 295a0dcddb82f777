import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

extension AcademyServices {
    /// The pages for one request: its language and its way back to the site root.
    func pages(_ request: Request) -> ServerPages {
        ServerPages(course: course, request: request)
    }
}

/// The pages the server renders, in the site's layout and stylesheet. Every link is relative to the
/// request's path, like the static site's.
struct ServerPages: Sendable {
    let course: Course
    let language: String
    /// From the request's path to the site root (`../` for `/app/dashboard`).
    let toRoot: String

    init(course: Course, request: Request) {
        self.course = course
        let requested = request.uri.queryParameters.get("lang") ?? ""
        language = course.languages.contains(requested) ? requested : course.defaultLanguage
        // Relative links resolve against the request's folder: "/app/x" and "/app/" are one level down.
        let depth = max(0, request.uri.path.filter { $0 == "/" }.count - 1)
        toRoot = String(repeating: "../", count: depth)
    }

    var strings: UIStrings {
        UIStrings(language: language, values: course.strings[language] ?? course.strings[course.defaultLanguage] ?? [:])
    }

    /// A path below the site root, relative to this page.
    func link(_ path: String) -> String { toRoot + path }

    func render(title: String, main: HTML, session: AcademyStore.Session?, status: HTTPResponse.Status = .ok) -> Response {
        let context = PageContext(
            language: language, strings: strings, toRoot: toRoot, toLanguage: toRoot + language + "/", courseTitle: course.title,
            languages: course.languages.map { ($0, course.strings[$0]?["language_name"] ?? $0) }
        )
        var crumbs = [Crumb(strings[.home], toRoot + language + "/index.html")]
        if let session {
            crumbs.append(Crumb(strings.format(.signedInAs, ["name": session.account.name])))
        }
        crumbs.append(Crumb(title))
        let html = Layout.page(title: title, context: context, crumbs: crumbs, main: main, pageClass: "page-app")
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    func message(_ text: String?, error: Bool = false) -> HTML {
        guard let text else { return .empty }
        return error ? "<p class=\"notice notice-error\" role=\"alert\">\(text)</p>" : "<p class=\"notice\" role=\"status\">\(text)</p>"
    }

    /// The hidden field that carries the session's CSRF token in every form.
    func csrfField(_ session: AcademyStore.Session) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(session.csrfToken)\">"
    }

    func signOutForm(_ session: AcademyStore.Session) -> HTML {
        """
        <form class="inline-form" method="post" action="\(link("app/sign-out"))">
        \(csrfField(session))
        <button type="submit">\(strings[.signOut])</button></form>
        """
    }

    func signIn(formToken: String, login: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let main: HTML = """
        <h1>\(strings[.signIn])</h1>
        \(message(error, error: true))
        <form class="stacked-form" method="post" action="\(link("app/sign-in"))">
        <input type="hidden" name="_csrf" value="\(formToken)">
        <label for="login">\(strings[.loginLabel])</label>
        <input id="login" name="login" autocomplete="username" autocapitalize="none" required value="\(login)">
        <label for="password">\(strings[.passwordLabel])</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">\(strings[.signIn])</button>
        </form>
        """
        return render(title: strings[.signIn], main: main, session: nil, status: status)
    }

    func password(session: AcademyStore.Session, error: String? = nil, done: Bool = false, status: HTTPResponse.Status = .ok) -> Response {
        let notice: HTML = session.account.mustChangePassword ? message(strings[.mustChangePassword]) : .empty
        let main: HTML = """
        <h1>\(strings[.changePassword])</h1>
        \(notice)\(message(error, error: true))\(message(done ? strings[.passwordChanged] : nil))
        <form class="stacked-form" method="post" action="\(link("app/password"))">
        \(csrfField(session))
        <label for="current">\(strings[.currentPassword])</label>
        <input id="current" name="current_password" type="password" autocomplete="current-password" required>
        <label for="new">\(strings[.newPassword])</label>
        <input id="new" name="new_password" type="password" autocomplete="new-password" minlength="\(Account.minimumPasswordLength)" required>
        <label for="repeat">\(strings[.repeatPassword])</label>
        <input id="repeat" name="repeat_password" type="password" autocomplete="new-password" minlength="\(Account.minimumPasswordLength)" required>
        <button type="submit">\(strings[.changePassword])</button>
        </form>
        \(signOutForm(session))
        """
        return render(title: strings[.changePassword], main: main, session: session, status: status)
    }

    func dashboard(
        session: AcademyStore.Session, progress: [ProgressRecord], attempts: [AttemptRecord] = [], mastery: [ObjectiveMastery] = [],
        certifications: [CertificationRecord] = []
    ) -> Response {
        let account = session.account
        guard let trackID = account.track, let track = course.track(trackID) else {
            return render(title: strings[.dashboard], main: "<h1>\(strings[.dashboard])</h1><p>\(strings[.noTrack])</p>\(signOutForm(session))", session: session)
        }
        let studied = Set(progress.map(\.lesson))
        let summary = TrackProgress(course: course, track: track, studied: studied)
        var modules: [HTML] = []
        for module in summary.modules {
            let items: [HTML] = module.module.lessons.map { lesson in
                let done = studied.contains(lesson.id)
                let mark: HTML = done ? "<span class=\"status status-done\">✓ \(strings[.studied])</span>" : .empty
                return "<li><a href=\"\(link("\(language)/\(module.module.id)/\(lesson.id)/index.html"))\">\(lesson.title)</a> \(mark)</li>"
            }
            modules.append("""
            <section class="dashboard-module"><h3>\(module.module.number). \(module.module.title)</h3>
            <p class="meta">\(module.done) / \(module.total)</p>
            <progress max="\(module.total)" value="\(module.done)">\(module.done) / \(module.total)</progress>
            <ol>\(items)</ol></section>
            """)
        }
        let next: HTML
        if let lesson = summary.nextLesson {
            next = "<p class=\"next-lesson\">\(strings[.nextLesson]): <a class=\"button\" href=\"\(link("\(language)/\(lesson.module)/\(lesson.lesson.id)/index.html"))\">\(lesson.lesson.title)</a></p>"
        } else {
            next = "<p class=\"notice\">\(strings[.allStudied])</p>"
        }
        // Best result per assessment, in the order first attempted.
        var best: [(String, AttemptRecord)] = []
        for attempt in attempts where attempt.percent != nil {
            if let index = best.firstIndex(where: { $0.0 == attempt.assessment }) {
                if (attempt.percent ?? 0) > (best[index].1.percent ?? 0) { best[index].1 = attempt }
            } else {
                best.append((attempt.assessment, attempt))
            }
        }
        let results: [HTML] = best.map { assessment, attempt in
            let name: String = switch AssessmentRef(assessment) {
            case .quiz(let module)?: course.module(module)?.title ?? module
            case .exam(let id)?: course.exams.first { $0.id == id }?.title ?? id
            case nil: assessment
            }
            let outcome = attempt.passed == true ? strings[.passed] : strings[.failed]
            return "<li><a href=\"\(link("app/attempts/\(attempt.id)"))\">\(name)</a>: \(strings.format(.bestScore, ["percent": String(attempt.percent ?? 0)])) — \(outcome)</li>"
        }
        let objectiveText = Dictionary(course.modules.flatMap(\.objectives).map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        let weakest: [HTML] = mastery.filter { $0.mastery < 1 }.prefix(3).map {
            "<li>\(objectiveText[$0.objective] ?? $0.objective) <span class=\"meta\">(\(Int($0.mastery * 100))%, \($0.answered))</span></li>"
        }
        // Certifications expiring within 60 days are announced here, where the holder looks every day.
        let expiryWarnings: [HTML] = certifications.filter { CertificationPolicy.expiresSoon($0.held, now: Date()) }.map { certification in
            let title = course.programmes.first { $0.id == certification.programme }?.title ?? certification.programme
            return "<p class=\"notice\">\(title): \(strings.format(.expiresSoon, ["date": day(certification.expiresAt)]))</p>"
        }
        var examLink: HTML = .empty
        if let exam = track.exam { examLink = " · <a href=\"\(link("app/exam/\(exam)"))\">\(strings[.exam])</a>" }
        let quizSection: HTML = results.isEmpty ? .empty : """
            <section aria-labelledby="results-heading"><h2 id="results-heading">\(strings[.quizResults])</h2><ul>\(results)</ul>
            \(weakest.isEmpty ? HTML.empty : "<h3>\(strings[.weakestObjectives])</h3><ol>\(weakest)</ol>")</section>
            """
        let main: HTML = """
        <h1>\(strings[.dashboard])</h1>
        <p>\(strings[.yourTrack]): <strong>\(track.title)</strong></p>
        <p>\(strings.format(.progressSummary, ["done": String(summary.done), "total": String(summary.total), "percent": String(summary.percent)]))</p>
        <progress class="track-progress" max="\(summary.total)" value="\(summary.done)">\(summary.percent)%</progress>
        \(next)
        \(quizSection)
        \(expiryWarnings)
        <p><a href="\(link("app/drill"))">\(strings[.drill])</a>\(examLink) · <a href="\(link("app/certifications"))">\(strings[.certifications])</a></p>
        <h2>\(strings[.modules])</h2>
        \(modules)
        <p><a href="\(link("app/password"))">\(strings[.changePassword])</a></p>
        \(signOutForm(session))
        """
        return render(title: strings[.dashboard], main: main, session: session)
    }

    func accounts(session: AcademyStore.Session, accounts: [Account], notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let rows: [HTML] = accounts.map { account in
            let role = account.role == .admin ? strings[.roleAdmin] : strings[.roleTrainee]
            let state: HTML = account.disabled ? "<span class=\"status\">\(strings[.disabled])</span>" : """
                <form class="inline-form" method="post" action="\(link("app/admin/accounts/\(account.login)/reset-password"))">
                \(csrfField(session))<button type="submit">\(strings[.resetPassword])</button></form>
                <form class="inline-form" method="post" action="\(link("app/admin/accounts/\(account.login)/disable"))">
                \(csrfField(session))<button type="submit">\(strings[.disableAccount])</button></form>
                """
            return "<li><strong>\(account.name)</strong> <code>\(account.login)</code> · \(role)\(account.track.map { " · \($0)" } ?? "") \(state)</li>"
        }
        let trackOptions: [HTML] = course.tracks.map { "<option value=\"\($0.id)\">\($0.title)</option>" }
        let main: HTML = """
        <h1>\(strings[.accounts])</h1>
        \(message(notice))\(message(error, error: true))
        <ul class="account-list">\(rows)</ul>
        <h2>\(strings[.createAccount])</h2>
        <form class="stacked-form" method="post" action="\(link("app/admin/accounts"))">
        \(csrfField(session))
        <label for="new-login">\(strings[.loginLabel])</label>
        <input id="new-login" name="login" required pattern="[a-z0-9._\\-]{2,64}" autocapitalize="none">
        <label for="new-name">\(strings[.nameLabel])</label>
        <input id="new-name" name="name" required maxlength="200">
        <label for="new-role">\(strings[.roleLabel])</label>
        <select id="new-role" name="role"><option value="trainee">\(strings[.roleTrainee])</option><option value="admin">\(strings[.roleAdmin])</option></select>
        <label for="new-track">\(strings[.trackLabel])</label>
        <select id="new-track" name="track">\(trackOptions)</select>
        <button type="submit">\(strings[.createAccount])</button>
        </form>
        <p><a href="\(link("app/password"))">\(strings[.changePassword])</a></p>
        \(signOutForm(session))
        """
        return render(title: strings[.accounts], main: main, session: session, status: status)
    }

    func error(_ status: HTTPResponse.Status, _ text: String, session: AcademyStore.Session?) -> Response {
        render(title: strings[.errorTitle], main: "<h1>\(strings[.errorTitle])</h1><p>\(text)</p>", session: session, status: status)
    }
}

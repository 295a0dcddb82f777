import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

extension AcademyServices {
    /// The pages for one request: its language (see `ServerPages.language`) and its way back to the
    /// site root.
    func pages(_ request: Request, _ context: AppRequestContext) -> ServerPages {
        pages(request, account: context.session?.account)
    }

    func pages(_ request: Request, account: Account?) -> ServerPages {
        let language = ServerPages.language(for: request, account: account, course: course)
        return ServerPages(localized: localizedCourses[language] ?? Localized(course), language: language, request: request, timeZone: configuration.timeZone)
    }
}

/// The pages the server renders, in the site's layout and stylesheet. Every link is relative to the
/// request's path, like the static site's.
struct ServerPages: Sendable {
    /// The course in this page's language.
    let course: Course
    /// Its questions by id.
    let questions: [String: Question]
    let language: String
    /// The request's query, to keep it when the language switcher changes only `lang`.
    let query: String?
    /// The language `?lang=` asked for, if any: the page then remembers it in a cookie.
    let requestedLanguage: String?
    /// The Academy's time zone, for every day and time shown.
    let timeZone: TimeZone
    /// From the request's path to the site root (`../` for `/app/dashboard`).
    let toRoot: String
    /// The request's path, to mark the current page in the navigation.
    let path: String
    /// A message the previous request left for this page (after a redirect), shown once.
    let notice: Notice?

    /// The one-off messages a redirect can leave in the `academy_notice` cookie: only these, so the cookie
    /// cannot put words of its own on a page.
    enum Notice: String, Sendable {
        case passwordChanged = "password-changed"

        var key: UIStrings.Key {
            switch self {
            case .passwordChanged: .passwordChanged
            }
        }
    }

    init(localized: AcademyServices.Localized, language: String, request: Request, timeZone: TimeZone) {
        self.timeZone = timeZone
        self.course = localized.course
        self.questions = localized.questions
        self.language = language
        path = request.uri.path
        query = request.uri.query
        requestedLanguage = request.uri.queryParameters.get("lang").flatMap { localized.course.languages.contains($0) ? $0 : nil }
        notice = request.cookie(named: CookieName.notice).flatMap(Notice.init(rawValue:))
        // Relative links resolve against the request's folder: "/app/x" and "/app/" are one level down.
        let depth = max(0, request.uri.path.filter { $0 == "/" }.count - 1)
        toRoot = String(repeating: "../", count: depth)
    }

    /// The language a request is answered in, first found of: `?lang=` on this request (the language
    /// switcher's links), the account's chosen language, the `academy_lang` cookie (a choice made while
    /// signed out), the browser's Accept-Language, and the course's default.
    static func language(for request: Request, account: Account?, course: Course) -> String {
        let languages = course.languages
        if let requested = request.uri.queryParameters.get("lang"), languages.contains(requested) { return requested }
        // A program calling the API says what it wants in each request; a browser's header is a default.
        let header = preferredLanguage(request.headers[.acceptLanguage], among: languages)
        if request.uri.path.hasPrefix("/api/"), let header { return header }
        if let chosen = account?.language, languages.contains(chosen) { return chosen }
        if let remembered = request.cookie(named: CookieName.language), languages.contains(remembered) { return remembered }
        return header ?? course.defaultLanguage
    }

    /// The highest-weighted language of an `Accept-Language` header that is one of `languages`.
    static func preferredLanguage(_ header: String?, among languages: [String]) -> String? {
        guard let header else { return nil }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (tag: String, weight: Double, index: Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.split(separator: "-").first.map({ $0.lowercased() }), !tag.isEmpty else { return nil }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, weight, index)
        }
        return ranked.filter { $0.weight > 0 && languages.contains($0.tag) }
            .sorted { ($0.weight, -$0.index) > ($1.weight, -$1.index) }.first?.tag
    }

    /// A question's texts in this page's language (drawn and graded questions come from the English).
    func localized(_ question: Question) -> Question {
        questions[question.id] ?? question
    }

    var strings: UIStrings {
        UIStrings(language: language, values: course.strings[language] ?? course.strings[course.defaultLanguage] ?? [:])
    }

    /// A path below the site root, relative to this page.
    func link(_ path: String) -> String { toRoot + path }

    func render(title: String, main: HTML, session: AcademyStore.Session?, status: HTTPResponse.Status = .ok) -> Response {
        var context = PageContext(
            language: language, strings: strings, toRoot: toRoot, toLanguage: toRoot + language + "/", courseTitle: course.title,
            languages: course.languages.map { ($0, course.strings[$0]?["language_name"] ?? $0) }
        )
        context.switcherItems = switcherItems(session: session)
        let crumbs = [Crumb(strings[.home], toRoot + language + "/index.html"), Crumb(title)]
        let shownNotice = session == nil ? nil : notice
        let main = session.map { navigation($0) + message(shownNotice.map { strings[$0.key] }) + main } ?? main
        let html = Layout.page(title: title, context: context, crumbs: crumbs, main: main, pageClass: "page-app")
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
        if shownNotice != nil { response.headers[values: .setCookie].append("\(CookieName.notice)=; Max-Age=0; Path=/app; HttpOnly; SameSite=Lax") }
        if requestedLanguage != nil { response.headers[values: .setCookie].append(Self.languageCookie(language)) }
        return response
    }

    /// Remembers a language chosen while signed out, for a year.
    static func languageCookie(_ language: String) -> String {
        "\(CookieName.language)=\(language); Max-Age=31536000; Path=/; SameSite=Lax"
    }

    /// The language switcher of an app page: it stays on this page. Signed out, links with `?lang=` (a
    /// cookie remembers the choice); signed in, buttons that save the account's language.
    func switcherItems(session: AcademyStore.Session?) -> [HTML] {
        let names = course.languages.map { ($0, course.strings[$0]?["language_name"] ?? $0) }
        let here = path.split(separator: "/").last.map(String.init) ?? ""
        let otherParameters = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
        guard let session else {
            return names.map { code, name in
                let href = here + "?" + (otherParameters.isEmpty ? "" : otherParameters + "&") + "lang=" + code
                let current: HTML = code == language ? " aria-current=\"true\"" : ""
                return "<li><a href=\"\(href)\" lang=\"\(code)\" hreflang=\"\(code)\"\(current)>\(name)</a></li>"
            }
        }
        let back = path + (otherParameters.isEmpty ? "" : "?" + otherParameters)
        return names.map { code, name in
            let current: HTML = code == language ? " aria-current=\"true\"" : ""
            return """
                <li><form method="post" action="\(link("app/language"))" class="language-form">\(csrfField(session))\
                <input type="hidden" name="back" value="\(back)"><button type="submit" name="language" value="\(code)" lang="\(code)"\(current)>\(name)</button></form></li>
                """
        }
    }

    /// One navigation per role at the top of every app page: where this person can go, who is signed in,
    /// and the sign-out button. An instructor (a current instructor certification) also gets the
    /// assessments and the trainer pack.
    func navigation(_ session: AcademyStore.Session) -> HTML {
        var items: [(path: String, label: String)]
        if session.account.role == .admin {
            items = [
                ("app/admin", strings[.administration]), ("app/admin/accounts", strings[.accounts]), ("app/admin/cohorts", strings[.cohorts]),
                ("app/admin/certifications", strings[.certifications]), ("app/admin/export", strings[.navExport]),
                ("app/admin/audit", strings[.auditTitle]), ("app/admin/report", strings[.programmeReport]), ("app/trainer", strings[.trainerPack]),
            ]
        } else {
            items = [
                ("app/dashboard", strings[.dashboard]), ("\(language)/index.html", strings[.lessons]),
                ("app/dashboard#quizzes", strings[.navQuizzes]), ("app/certifications", strings[.certifications]),
            ]
            if session.isInstructor == true {
                items += [("app/instructor", strings[.myCohorts]), ("app/assess", strings[.navAssessments]), ("app/trainer", strings[.trainerPack])]
            }
        }
        let links: [HTML] = items.map { item in
            let current: HTML = "/" + item.path == path ? " aria-current=\"page\"" : .empty
            return "<li><a href=\"\(link(item.path))\"\(current)>\(item.label)</a></li>"
        }
        return """
        <nav class="app-nav" aria-label="\(strings[.navLabel])"><ul>\(links)</ul>
        <p class="signed-in"><span>\(strings.format(.signedInAs, ["name": session.account.name]))</span> \
        <a href="\(link("app/password"))">\(strings[.changePassword])</a> \(signOutForm(session))</p></nav>
        """
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

    func signIn(
        formToken: String, login: String = "", error: String? = nil, notice: String? = nil, next: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let main: HTML = """
        <h1>\(strings[.signIn])</h1>
        \(message(notice))\(message(error, error: true))
        <form class="stacked-form" method="post" action="\(link("app/sign-in"))">
        <input type="hidden" name="_csrf" value="\(formToken)">\(nextField)
        <label for="login">\(strings[.loginLabel])</label>
        <input id="login" name="login" autocomplete="username" autocapitalize="none" required value="\(login)">
        <label for="password">\(strings[.passwordLabel])</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">\(strings[.signIn])</button>
        </form>
        """
        return render(title: strings[.signIn], main: main, session: nil, status: status)
    }

    /// The password form: the rules in plain words under the new password, and each field's error
    /// (keyed by field name) beside it, as every form shows them (`fieldError`, `formSummary`). Passwords
    /// typed are not sent back into the page, where a shared classroom computer could keep them. `next`,
    /// a path of this site, is where a first sign-in goes once the password is changed.
    func password(session: AcademyStore.Session, errors: [String: String] = [:], next: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let notice: HTML = session.account.mustChangePassword ? message(strings[.mustChangePassword]) : .empty
        func field(_ id: String, _ name: String, _ label: String, autocomplete: String, hint: String? = nil, strength: Bool = false) -> HTML {
            let hintHTML: HTML = hint.map { "<p class=\"meta\" id=\"\(id)-hint\">\($0)</p>" } ?? .empty
            let errorHTML: HTML = errors[name].map { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" } ?? .empty
            // How strong the new password looks, said by academy.js as the person types (empty without
            // it: the rules under the field stay). A hint only: the server's policy decides.
            let strengthHTML: HTML = !strength ? .empty : """
                <p class="password-strength" id="\(id)-strength" aria-live="polite" data-for="\(id)" \
                data-login="\(session.account.login)" data-name="\(session.account.name)" \
                data-label-short="\(strings[.passwordStrengthShort])" data-label-obvious="\(strings[.passwordStrengthObvious])" \
                data-label-acceptable="\(strings[.passwordStrengthAcceptable])" data-label-strong="\(strings[.passwordStrengthStrong])"></p>
                """
            let described = [hint.map { _ in "\(id)-hint" }, errors[name].map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " ")
            let describedBy: HTML = described.isEmpty ? .empty : " aria-describedby=\"\(described)\""
            let invalid: HTML = errors[name] == nil ? .empty : " aria-invalid=\"true\""
            // No maxlength: a browser cuts a pasted password there without a word, and the person's
            // password manager would keep a different one from the server's.
            let length: HTML = name == "current_password" ? .empty : " minlength=\"\(PasswordPolicy.minimumLength)\""
            return """
            <label for="\(id)">\(label)</label>
            \(errorHTML)<input id="\(id)" name="\(name)" type="password" autocomplete="\(autocomplete)"\(length) required\(describedBy)\(invalid)>
            \(strengthHTML)\(hintHTML)
            """
        }
        // A first sign-in also chooses the language the platform speaks to this person in.
        // Choosing it comes back here with the way on kept.
        let here = next.map { "/app/password?next=" + ServerPages.queryValue($0) }
        let language: HTML = session.account.mustChangePassword ? languageForm(session, back: here) : .empty
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let main: HTML = """
        <h1>\(strings[.changePassword])</h1>
        \(notice)
        \(language)
        \(formSummary(FormState(errors: errors)))
        <form class="stacked-form" method="post" action="\(link("app/password"))">
        \(csrfField(session))\(nextField)
        \(field("current", "current_password", strings[.currentPassword], autocomplete: "current-password"))
        \(field("new", "new_password", strings[.newPassword], autocomplete: "new-password", hint: strings[.passwordHint], strength: true))
        \(field("repeat", "repeat_password", strings[.repeatPassword], autocomplete: "new-password"))
        <button type="submit">\(strings[.changePassword])</button>
        </form>
        """
        return render(title: strings[.changePassword], main: main, session: session, status: status)
    }

    /// The account's language, as a setting: a list of the course's languages and a button. It returns to
    /// `back` (a path of this site), by default this page.
    func languageForm(_ session: AcademyStore.Session, back: String? = nil) -> HTML {
        let options: [HTML] = course.languages.map { code in
            let name = course.strings[code]?["language_name"] ?? code
            return "<option value=\"\(code)\" lang=\"\(code)\"\(code == language ? " selected" : "")>\(name)</option>"
        }
        return """
            <form class="language-setting" method="post" action="\(link("app/language"))">\(csrfField(session))
            <input type="hidden" name="back" value="\(back ?? path)">
            <label for="language">\(strings[.languageSetting])</label>
            <p class="meta" id="language-hint">\(strings[.languageSettingHint])</p>
            <select id="language" name="language" aria-describedby="language-hint">\(options)</select>
            <button type="submit" class="secondary">\(strings[.saveLanguage])</button>
            </form>
            """
    }

    func dashboard(
        session: AcademyStore.Session, progress: [ProgressRecord], attempts: [AttemptRecord] = [], mastery: [ObjectiveMastery] = [],
        certifications: [CertificationRecord] = [], cohortTasks: [(cohort: Cohort, open: [CohortPhase])] = []
    ) -> Response {
        let account = session.account
        guard let trackID = account.track, let track = course.track(trackID) else {
            return render(title: strings[.dashboard], main: "<h1>\(strings[.dashboard])</h1><p>\(strings[.noTrack])</p>", session: session)
        }
        let studied = Set(progress.map(\.lesson))
        let summary = TrackProgress(course: course, track: track, studied: studied)
        var modules: [HTML] = []
        for (step, module) in summary.modules.enumerated() {
            let items: [HTML] = module.module.lessons.map { lesson in
                let done = studied.contains(lesson.id)
                let mark: HTML = done ? "<span class=\"status status-done\">✓ \(strings[.studied])</span>" : .empty
                return "<li><a href=\"\(link("\(language)/\(module.module.id)/\(lesson.id)/index.html"))\">\(lesson.title)</a> \(mark)</li>"
            }
            modules.append("""
            <section class="dashboard-module"><h3>\(strings.format(.trackStep, ["step": String(step + 1)])): \(module.module.title)</h3>
            <p class="meta">\(strings.format(.manualModule, ["number": String(module.module.number)])) · \(module.done) / \(module.total)</p>
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
            case .test(_, let form)?: strings.format(.testFormName, ["form": TestForm.letter(ofID: form)])
            case nil: assessment
            }
            let outcome = attempt.passed == true ? strings[.passed] : strings[.failed]
            return "<li><a href=\"\(link("app/attempts/\(attempt.id)"))\">\(name)</a>: \(strings.format(.bestScore, ["percent": String(attempt.percent ?? 0)])) — \(outcome)</li>"
        }
        let weakest: [HTML] = mastery.filter { $0.mastery < 1 }.prefix(3).map {
            "<li>\(objectiveText($0.objective)) <span class=\"meta\">(\(Int($0.mastery * 100))%, \($0.answered))</span></li>"
        }
        // Certifications expiring within 60 days are announced here, where the holder looks every day.
        let expiryWarnings: [HTML] = certifications.filter { CertificationPolicy.expiresSoon($0.held, now: Date()) }.map { certification in
            let title = course.programmes.first { $0.id == certification.programme }?.title ?? certification.programme
            return "<p class=\"notice\">\(title): \(strings.format(.expiresSoon, ["date": day(certification.expiresAt)]))</p>"
        }
        // Each module's quiz in track order, then the track's examination: status, best score, attempts left.
        func quizRow(_ ref: AssessmentRef, title: String, rules: AttemptRules, path: String) -> HTML {
            let standing = Quizzes.Standing(attempts: attempts.filter { $0.assessment == ref.description }, rules: rules)
            let status: String = switch standing.status {
            case .passed: strings[.passed]
            case .inProgress: strings[.statusInProgress]
            case .notStarted: strings[.quizNotStarted]
            case .failed: strings[.failed]
            }
            let best = standing.best.map { " · " + strings.format(.bestScore, ["percent": String($0)]) } ?? ""
            let attemptsLine = strings.format(.quizAttemptsLeft, ["left": String(standing.attemptsLeft), "allowed": String(rules.attemptsAllowed)])
            return "<li><a href=\"\(link(path))\">\(title)</a> <span class=\"meta\">\(status)\(best) · \(attemptsLine)</span></li>"
        }
        var quizRows: [HTML] = summary.modules.compactMap { module in
            course.bank(for: module.module.id).map {
                quizRow(.quiz(module: module.module.id), title: module.module.title, rules: $0.rules, path: "app/quiz/\(module.module.id)")
            }
        }
        if let examID = track.exam, let exam = course.exams.first(where: { $0.id == examID }) {
            quizRows.append(quizRow(.exam(examID), title: exam.title, rules: exam.rules, path: "app/exam/\(examID)"))
        }
        let quizzes: HTML = quizRows.isEmpty ? .empty
            : "<section id=\"quizzes\" aria-labelledby=\"quizzes-heading\"><h2 id=\"quizzes-heading\">\(strings[.navQuizzes])</h2><ol class=\"quiz-list\">\(quizRows)</ol></section>"
        let quizSection: HTML = results.isEmpty ? .empty : """
            <section aria-labelledby="results-heading"><h2 id="results-heading">\(strings[.quizResults])</h2><ul>\(results)</ul>
            \(weakest.isEmpty ? HTML.empty : "<h3>\(strings[.weakestObjectives])</h3><ol>\(weakest)</ol>")</section>
            """
        // What a cohort's instructors have opened: its pre- or post-test, its feedback.
        let tasks: [HTML] = cohortTasks.flatMap { task in
            task.open.map { phase -> HTML in
                let path = phase == .feedback ? "app/cohorts/\(task.cohort.code)/feedback" : "app/cohorts/\(task.cohort.code)/test"
                return "<li>\(task.cohort.name): <a class=\"button\" href=\"\(link(path))\">\(phaseName(phase))</a></li>"
            }
        }
        let taskSection: HTML = tasks.isEmpty ? .empty
            : "<section class=\"notice\" aria-labelledby=\"tasks-heading\"><h2 id=\"tasks-heading\">\(strings[.cohortTasks])</h2><ul class=\"plain-list\">\(tasks)</ul></section>"
        let main: HTML = """
        <h1>\(strings[.dashboard])</h1>
        \(taskSection)
        <p>\(strings[.yourTrack]): <strong>\(track.title)</strong></p>
        <p>\(strings.format(.progressSummary, ["done": String(summary.done), "total": String(summary.total), "percent": String(summary.percent)]))</p>
        <progress class="track-progress" max="\(summary.total)" value="\(summary.done)">\(summary.percent)%</progress>
        \(next)
        \(expiryWarnings)
        \(quizzes)
        \(quizSection)
        <p><a href="\(link("app/drill"))">\(strings[.drill])</a></p>
        <h2>\(strings[.modules])</h2>
        \(modules)
        \(languageForm(session))
        <p><a href="\(link("app/password"))">\(strings[.changePassword])</a></p>
        """
        return render(title: strings[.dashboard], main: main, session: session)
    }

    func accounts(
        session: AcademyStore.Session, accounts: [Account], form: FormState = FormState(), notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let rows: [HTML] = accounts.map { account in
            let role = account.role == .admin ? strings[.roleAdmin] : strings[.roleTrainee]
            // Disabling asks first (a page that restates who); enabling and a new one-time password act at once.
            let state: HTML = account.disabled ? """
                <span class="status">\(strings[.disabled])</span>
                <form class="inline-form" method="post" action="\(link("app/admin/accounts/\(account.login)/enable"))">
                \(csrfField(session))<button type="submit">\(strings[.enableAccount])</button></form>
                """ : """
                <a class="button secondary" href="\(link("app/admin/accounts/\(account.login)/reset-password"))">\(strings[.resetPassword])</a>
                <a class="button secondary" href="\(link("app/admin/accounts/\(account.login)/disable"))">\(strings[.disableAccount])</a>
                """
            return "<li><strong>\(account.name)</strong> <code>\(account.login)</code> · \(role)\(account.track.map { " · \($0)" } ?? "") \(state)</li>"
        }
        let trackOptions: [HTML] = course.tracks.map { "<option value=\"\($0.id)\"\(selected(form, "track", $0.id))>\($0.title)</option>" }
        let login = fieldError(form, "login", id: "new-login"), name = fieldError(form, "name", id: "new-name")
        let role = fieldError(form, "role", id: "new-role"), track = fieldError(form, "track", id: "new-track")
        let main: HTML = """
        <h1>\(strings[.accounts])</h1>
        \(message(notice))\(message(error, error: true))
        <ul class="account-list">\(rows)</ul>
        <h2 id="create-account">\(strings[.createAccount])</h2>
        \(formSummary(form))
        <form class="stacked-form" method="post" action="\(link("app/admin/accounts"))#create-account">
        \(csrfField(session))
        <label for="new-login">\(strings[.loginLabel])</label>\(login.message)
        <input id="new-login" name="login" required pattern="[a-z0-9._\\-]{2,64}" autocapitalize="none" value="\(form.value("login"))"\(login.attributes)>
        <label for="new-name">\(strings[.nameLabel])</label>\(name.message)
        <input id="new-name" name="name" required maxlength="200" value="\(form.value("name"))"\(name.attributes)>
        <label for="new-role">\(strings[.roleLabel])</label>\(role.message)
        <select id="new-role" name="role"\(role.attributes)><option value="trainee"\(selected(form, "role", "trainee"))>\(strings[.roleTrainee])</option>\
        <option value="admin"\(selected(form, "role", "admin"))>\(strings[.roleAdmin])</option></select>
        <label for="new-track">\(strings[.trackLabel])</label>\(track.message)
        <select id="new-track" name="track"\(track.attributes)>\(trackOptions)</select>
        <button type="submit">\(strings[.createAccount])</button>
        </form>
        """
        return render(title: strings[.accounts], main: main, session: session, status: status)
    }

    /// A refusal or a missing page, with the way on: the person's home (or, signed out, the course's home
    /// and the sign-in), so that no page of the server ends in a dead end.
    func error(_ status: HTTPResponse.Status, _ text: String, session: AcademyStore.Session?) -> Response {
        let onward: HTML
        if let session {
            let home = session.account.role == .admin ? ("app/admin", strings[.administration]) : ("app/dashboard", strings[.dashboard])
            onward = "<p><a class=\"button\" href=\"\(link(home.0))\">\(home.1)</a></p>"
        } else {
            onward = "<p><a href=\"\(link("\(language)/index.html"))\">\(strings[.home])</a> · <a href=\"\(link("app/sign-in"))\">\(strings[.signIn])</a></p>"
        }
        return render(title: strings[.errorTitle], main: "<h1>\(strings[.errorTitle])</h1><p>\(text)</p>\(onward)", session: session, status: status)
    }
}

import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

extension ServerPages {
    func day(_ date: Date?) -> String {
        date.map { strings.day($0, timeZone: timeZone) } ?? strings[.neverExpires]
    }

    /// A programme or rubric in this page's language (controllers find them in the English course).
    func localized(_ programme: Programme?) -> Programme? {
        programme.flatMap { wanted in course.programmes.first { $0.id == wanted.id } ?? wanted }
    }

    func localized(_ rubric: Rubric?) -> Rubric? {
        rubric.flatMap { wanted in course.rubrics.first { $0.id == wanted.id } ?? wanted }
    }

    func statusLabel(_ status: HeldCertification.Status) -> String {
        switch status {
        case .valid: strings[.statusValid]
        case .expired: strings[.statusExpired]
        case .revoked: strings[.statusRevoked]
        }
    }

    /// The public verification page: holder, programme, dates and status, nothing more; then the form.
    func verification(_ certification: CertificationRecord, holder: Account, programme: Programme?) -> Response {
        let programme = localized(programme)
        let status = certification.held.status(now: Date())
        let main: HTML = """
        <h1>\(strings[.verifyTitle])</h1>
        <dl class="facts">
        <dt>\(strings[.verificationCode])</dt><dd><code>\(certification.code)</code></dd>
        <dt>\(strings[.holder])</dt><dd>\(holder.name)</dd>
        <dt>\(strings[.programmeLabel])</dt><dd>\(programme?.title ?? certification.programme)</dd>
        <dt>\(strings[.issuedOn])</dt><dd>\(day(certification.issuedAt))</dd>
        <dt>\(strings[.expiresOn])</dt><dd>\(day(certification.expiresAt))</dd>
        <dt>\(strings[.statusLabel])</dt><dd class="status-\(status.rawValue)"><strong>\(statusLabel(status))</strong></dd>
        </dl>
        <h2>\(strings[.verifyAnother])</h2>
        \(verifyCodeForm(typed: ""))
        """
        return render(title: strings[.verifyTitle], main: main, session: nil)
    }

    /// The form to type a code; after an unknown code, 404 with the message beside the field and the
    /// code as typed.
    func verificationForm(typed: String, notFound: Bool) -> Response {
        let main: HTML = """
        <h1>\(strings[.verifyTitle])</h1>
        \(notFound ? message(strings.format(.verifyNotFound, ["code": typed]), error: true) : HTML.empty)
        \(verifyCodeForm(typed: typed, invalid: notFound))
        """
        return render(title: strings[.verifyTitle], main: main, session: nil, status: notFound ? .notFound : .ok)
    }

    /// This page in each of the course's languages (the header's switcher leads to the site's home).
    /// A GET form, so that it works without a session or a script; the language goes along.
    func verifyCodeForm(typed: String, invalid: Bool = false) -> HTML {
        let invalidAttributes: HTML = invalid ? " aria-invalid=\"true\" aria-describedby=\"verify-code-help\"" : .empty
        return """
        <form class="stacked-form verify-form" method="get" action="\(link("verify"))">
        <input type="hidden" name="lang" value="\(language)">
        <label for="verify-code">\(strings[.verificationCode])</label>
        <p class="meta" id="verify-code-help">\(strings[.verifyIntro])</p>
        <input id="verify-code" name="code" required autocapitalize="characters" autocomplete="off" spellcheck="false" maxlength="64" \
        value="\(typed)"\(invalidAttributes)>
        <button type="submit">\(strings[.verifyButton])</button>
        </form>
        """
    }

    /// The holder's view: certifications, their assessments with feedback, and what each programme still needs.
    func certifications(
        session: AcademyStore.Session, certifications: [CertificationRecord], practicals: [PracticalRecord],
        evaluations: [(Programme, CertificationPolicy.Evaluation)], canAssess: Bool, recorded: [PracticalRecord] = [], names: [Int64: String] = [:]
    ) -> Response {
        let now = Date()
        let held: [HTML] = certifications.map { certification in
            let title = course.programmes.first { $0.id == certification.programme }?.title ?? certification.programme
            let warning: HTML = CertificationPolicy.expiresSoon(certification.held, now: now)
                ? "<p class=\"notice\">\(strings.format(.expiresSoon, ["date": day(certification.expiresAt)]))</p>" : .empty
            return """
            <li><a href="\(link("app/certificates/\(certification.code)"))">\(title)</a> — \(statusLabel(certification.held.status(now: now))),
            \(strings[.expiresOn]): \(day(certification.expiresAt)) <code>\(certification.code)</code>\(warning)</li>
            """
        }
        let observed: [HTML] = practicals.map { practical in
            let rubric = course.rubrics.first { $0.id == practical.rubric }
            let notes: [HTML] = (rubric?.criteria ?? []).compactMap { criterion in
                let score = practical.notApplicable.contains(criterion.id) ? strings[.notApplicable] : practical.scores[criterion.id].map(String.init) ?? "–"
                let note: HTML = practical.notes[criterion.id].map { " — \($0)" } ?? .empty
                return "<li>\(criterion.title): \(score)\(note)</li>"
            }
            return """
            <li><strong>\(rubric?.title ?? practical.rubric)</strong>, \(practical.observedOn), \(practical.place):
            \(practical.passed ? strings[.passed] : strings[.failed])<ul>\(notes)</ul></li>
            """
        }
        // The marks say met or not; the list draws no bullet of its own beside them.
        let programmes: [HTML] = evaluations.map { programme, evaluation in
            let items: [HTML] = evaluation.items.map { item in
                item.met ? "<li class=\"status-done\"><span aria-hidden=\"true\">✓ </span>\(strings.requirement(item.requirement))</li>"
                    : "<li><span aria-hidden=\"true\">○ </span>\(strings.requirement(item.requirement))</li>"
            }
            return "<section class=\"programme\"><h3>\(programme.title)</h3><ul class=\"checklist\">\(items)</ul></section>"
        }
        let assess: HTML = canAssess ? "<p><a class=\"button\" href=\"\(link("app/assess"))\">\(strings[.assess])</a></p>" : .empty
        // What this assessor recorded, so they can check their own work.
        let mine: [HTML] = recorded.map { practical in
            let rubric = course.rubrics.first { $0.id == practical.rubric }?.title ?? practical.rubric
            let scores = practical.scores.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "<li>\(names[practical.candidateID] ?? "?"): \(rubric), \(practical.observedOn), \(practical.place) — \(practical.passed ? strings[.passed] : strings[.failed]) (\(scores))</li>"
        }
        let recordedSection: HTML = mine.isEmpty ? .empty : "<h2>\(strings[.assess])</h2><ul class=\"recorded\">\(mine)</ul>"
        let heldSection: HTML = held.isEmpty ? "<p>\(strings[.noCertificationsYet])</p>" : "<ul class=\"certifications\">\(held)</ul>"
        let observedSection: HTML = observed.isEmpty ? .empty : "<h2>\(strings[.yourAssessments])</h2><ul class=\"practicals\">\(observed)</ul>"
        let programmesSection: HTML = programmes.isEmpty ? .empty : "<h2>\(strings[.yourProgrammes])</h2>\(programmes)"
        let main: HTML = """
        <h1>\(strings[.certifications])</h1>
        \(assess)
        \(heldSection)
        \(recordedSection)
        \(observedSection)
        \(programmesSection)
        """
        return render(title: strings[.certifications], main: main, session: session)
    }

    /// A printable certificate (A4), with its verification code, address and the address's QR code.
    /// - Parameter verificationURL: nil when the server has no address others can reach (no public URL,
    ///   loopback only); the certificate then says so instead of printing a useless address.
    func certificate(
        _ certification: CertificationRecord, holder: Account, programme: Programme?, session: AcademyStore.Session, verificationURL: String?
    ) -> Response {
        let programme = localized(programme)
        let status = certification.held.status(now: Date())
        let address: HTML
        var qr: HTML = .empty
        if let verificationURL {
            address = "<code>\(verificationURL)</code>"
            if let code = try? QRCode(text: verificationURL) {
                qr = "<div class=\"certificate-qr\">\(code.svg(label: strings.format(.qrCodeLabel, ["url": verificationURL])))</div>"
            }
        } else {
            address = "<strong class=\"certificate-no-address\">\(strings[.verificationAddressMissing])</strong>"
        }
        let main: HTML = """
        <article class="certificate" aria-labelledby="certificate-title">
        <p class="certificate-publisher">\(course.publisher)</p>
        <h1 id="certificate-title">\(programme?.title ?? certification.programme)</h1>
        <p class="certificate-holder">\(holder.name)</p>
        <dl class="facts">
        <dt>\(strings[.issuedOn])</dt><dd>\(day(certification.issuedAt))</dd>
        <dt>\(strings[.expiresOn])</dt><dd>\(day(certification.expiresAt))</dd>
        <dt>\(strings[.statusLabel])</dt><dd>\(statusLabel(status))</dd>
        <dt>\(strings[.verificationCode])</dt><dd><code>\(certification.code)</code></dd>
        <dt>\(strings[.verifyAt])</dt><dd>\(address)</dd>
        </dl>
        \(qr)
        </article>
        <p class="no-print"><button type="button" class="print-button">\(strings[.printCertificate])</button></p>
        """
        return render(title: strings[.certificate], main: main, session: session)
    }

    /// Step one chooses programme and rubric (a GET form); step two scores every criterion.
    func assessForm(
        session: AcademyStore.Session, programmes: [Programme], programme: Programme?, rubric: Rubric?, form state: FormState = FormState(),
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let programmes = programmes.compactMap { localized($0) }
        let programme = localized(programme), rubric = localized(rubric)
        func checked(_ name: String, _ value: String) -> HTML { state.contains(name, value) ? " checked" : .empty }
        let pairs: [HTML] = programmes.flatMap { programme in
            (programme.requires.practicals + (programme.renewal?.practicals ?? [])).map(\.rubric).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                .compactMap { rubricID in course.rubrics.first { $0.id == rubricID } }
                .map { rubric in "<li><a href=\"\(link("app/assess?programme=\(programme.id)&rubric=\(rubric.id)"))\">\(programme.title): \(rubric.title)</a></li>" as HTML }
        }
        var form: HTML = .empty
        if let programme, let rubric {
            let criteria: [HTML] = rubric.criteria.map { criterion in
                let levels: [HTML] = criterion.levels.enumerated().map { offset, descriptor in
                    let score = rubric.scaleMinimum + offset
                    return "<label class=\"option\"><input type=\"radio\" name=\"score.\(criterion.id)\" value=\"\(score)\" required\(checked("score.\(criterion.id)", String(score)))> <strong>\(score)</strong> \(descriptor)</label>"
                }
                let notApplicable: HTML = criterion.notApplicableWhen.map {
                    "<label class=\"option\"><input type=\"radio\" name=\"score.\(criterion.id)\" value=\"n/a\" required\(checked("score.\(criterion.id)", "n/a"))> <strong>\(strings[.notApplicable])</strong> \($0)</label>"
                } ?? .empty
                let critical: HTML = criterion.critical ? " <span class=\"status-wrong\">\(strings[.formCritical])</span>" : .empty
                return """
                <fieldset class="question"><legend>\(criterion.title)\(critical)</legend><p class="meta">\(criterion.description)</p>\(levels)\(notApplicable)
                <label for="note-\(criterion.id)">\(strings[.notesLabel])</label><textarea id="note-\(criterion.id)" name="note.\(criterion.id)" rows="2" maxlength="2000">\(state.value("note.\(criterion.id)"))</textarea></fieldset>
                """
            }
            form = """
            <h2>\(programme.title): \(rubric.title)</h2>
            <form class="attempt-form" method="post" action="\(link("app/assess"))">
            \(csrfField(session))
            <input type="hidden" name="programme" value="\(programme.id)"><input type="hidden" name="rubric" value="\(rubric.id)">
            \(formSummary(state))
            <div class="stacked-form">
            <label for="candidate">\(strings[.candidateLogin])</label>\(fieldError(state, "candidate", id: "candidate").message)
            <input id="candidate" name="candidate" required autocapitalize="none" value="\(state.value("candidate"))"\(fieldError(state, "candidate", id: "candidate").attributes)>
            <label for="date">\(strings[.observedOn])</label>\(fieldError(state, "date", id: "date").message)
            <input id="date" name="date" type="date" required value="\(state.value("date"))"\(fieldError(state, "date", id: "date").attributes)>
            <label for="place">\(strings[.placeLabel])</label>\(fieldError(state, "place", id: "place").message)
            <input id="place" name="place" required maxlength="200" value="\(state.value("place"))"\(fieldError(state, "place", id: "place").attributes)>
            </div>
            \(criteria)
            <button type="submit">\(strings[.recordButton])</button>
            </form>
            """
        }
        let main: HTML = """
        <h1>\(strings[.assess])</h1>
        <h2>\(strings[.chooseRubric])</h2><ul>\(pairs)</ul>
        \(form)
        """
        return render(title: strings[.assess], main: main, session: session, status: status)
    }

    func assessResult(
        session: AcademyStore.Session, practical: PracticalRecord, outcome: Rubric.Outcome, issued: CertificationRecord?,
        evaluation: CertificationPolicy.Evaluation, programme: Programme
    ) -> Response {
        let programme = localized(programme) ?? programme
        let reasons: [HTML] = outcome.shortfalls.map { "<li>\(strings.shortfall($0))</li>" }
        let missing: [HTML] = evaluation.missing.map { "<li>\(strings.requirement($0))</li>" }
        let certified: HTML = issued.map { "<p class=\"notice\">\(strings[.certifiedNow]) <code>\($0.code)</code></p>" } ?? .empty
        let main: HTML = """
        <h1>\(strings[.assess])</h1>
        <p class="result result-\(outcome.passed ? "passed" : "failed")"><strong>\(outcome.passed ? strings[.assessmentPassed] : strings[.assessmentFailed])</strong></p>
        \(reasons.isEmpty ? HTML.empty : "<ul>\(reasons)</ul>")
        \(certified)
        \(missing.isEmpty ? HTML.empty : "<h2>\(strings[.stillMissing]): \(programme.title)</h2><ul>\(missing)</ul>")
        <p><a href="\(link("app/assess"))">\(strings[.assess])</a></p>
        """
        return render(title: strings[.assess], main: main, session: session)
    }

    func adminCertifications(
        session: AcademyStore.Session, rows: [CertificationController.LineageRow], accounts: [Account], form: FormState = FormState(),
        notice: String? = nil, revoking: (id: Int64, error: String)? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let now = Date()
        /// `section` keeps ids unique: one certification can be listed in the queue and in the lineage.
        /// A refused revocation (`revoking`) has its message beside its reason.
        func revokeForm(_ certification: CertificationRecord, section: String) -> HTML {
            guard certification.revokedAt == nil else { return .empty }
            let state = FormState(errors: revoking.flatMap { $0.id == certification.id ? ["reason": $0.error] : nil } ?? [:])
            let reason = fieldError(state, "reason", id: "\(section)-reason-\(certification.id)")
            return """
            <form class="inline-form" method="post" action="\(link("app/admin/certifications/\(certification.id)/revoke"))">
            \(csrfField(session))
            <label class="visually-hidden" for="\(section)-reason-\(certification.id)">\(strings[.reasonLabel])</label>\(reason.message)
            <input id="\(section)-reason-\(certification.id)" name="reason" required placeholder="\(strings[.reasonLabel])"\(reason.attributes)>
            <button type="submit">\(strings[.revoke])</button></form>
            """
        }
        let lineage: [HTML] = rows.map { row in
            let title = course.programmes.first { $0.id == row.certification.programme }?.title ?? row.certification.programme
            let how = row.certification.foundingReason.map { strings.format(.foundedBy, ["name": row.grantedBy ?? "?", "reason": $0]) }
                ?? strings.format(.assessedBy, ["names": row.assessors.joined(separator: ", ")])
            return "<li><strong>\(row.holder)</strong>: \(title) — \(statusLabel(row.certification.held.status(now: now))), \(how) \(revokeForm(row.certification, section: "lineage"))</li>"
        }
        let queue: [HTML] = rows.filter { $0.certification.needsReview && $0.certification.revokedAt == nil }.map { row in
            """
            <li><strong>\(row.holder)</strong>: \(course.programmes.first { $0.id == row.certification.programme }?.title ?? row.certification.programme) (\(strings.format(.assessedBy, ["names": row.assessors.joined(separator: ", ")])))
            <form class="inline-form" method="post" action="\(link("app/admin/certifications/\(row.certification.id)/review"))">
            \(csrfField(session))<input type="hidden" name="note" value="reviewed">
            <button type="submit">\(strings[.keepCertification])</button></form> \(revokeForm(row.certification, section: "queue"))</li>
            """
        }
        let programmeOptions: [HTML] = course.programmes.map { "<option value=\"\($0.id)\"\(selected(form, "programme", $0.id))>\($0.title)</option>" }
        let login = fieldError(form, "login", id: "found-login"), programme = fieldError(form, "programme", id: "found-programme")
        let reason = fieldError(form, "reason", id: "found-reason")
        let main: HTML = """
        <h1>\(strings[.certifications])</h1>
        \(message(notice))\(revoking == nil ? HTML.empty : message(strings[.errorCheckFields], error: true))
        <h2>\(strings[.reviewQueue])</h2>\(queue.isEmpty ? ("<p>\(strings[.reviewQueueEmpty])</p>" as HTML) : "<ul class=\"review-queue\">\(queue)</ul>")
        <h2>\(strings[.lineage])</h2>\(lineage.isEmpty ? ("<p>\(strings[.lineageEmpty])</p>" as HTML) : "<ul class=\"lineage\">\(lineage)</ul>")
        <h2 id="founding">\(strings[.founding])</h2>
        \(formSummary(form))
        <form class="stacked-form" method="post" action="\(link("app/admin/certifications"))#founding">
        \(csrfField(session))
        <label for="found-login">\(strings[.loginLabel])</label>\(login.message)
        <input id="found-login" name="login" required autocapitalize="none" value="\(form.value("login"))"\(login.attributes)>
        <label for="found-programme">\(strings[.programmeLabel])</label>\(programme.message)
        <select id="found-programme" name="programme"\(programme.attributes)>\(programmeOptions)</select>
        <label for="found-reason">\(strings[.reasonLabel])</label>\(reason.message)
        <textarea id="found-reason" name="reason" required rows="3"\(reason.attributes)>\(form.value("reason"))</textarea>
        <button type="submit">\(strings[.founding])</button>
        </form>
        """
        return render(title: strings[.certifications], main: main, session: session, status: status)
    }
}

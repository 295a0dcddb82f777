import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// Administration pages: cohorts, their dashboards, enrolment, trainee records and exports.
extension ServerPages {
    func kindName(_ kind: Cohort.Kind) -> String {
        kind == .preService ? strings[.kindPreService] : strings[.kindInService]
    }

    func trackTitle(_ id: String) -> String { course.track(id)?.title ?? id }

    func statusName(_ status: CompletionRecord.Status) -> String {
        switch status {
        case .notStarted: strings[.statusNotStarted]
        case .inProgress: strings[.statusInProgress]
        case .completed: strings[.statusCompleted]
        case .passed: strings[.passed]
        case .failed: strings[.failed]
        case .certified: strings[.statusCertified]
        case .expired: strings[.statusExpired]
        case .revoked: strings[.statusRevoked]
        case .taken: strings[.statusTaken]
        case .present: strings[.presentLabel]
        case .absent: strings[.statusAbsent]
        }
    }

    func cohorts(
        session: AcademyStore.Session, cohorts: [Cohort], instructors: [Account], form: FormState = FormState(), notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let rows: [HTML] = cohorts.map { cohort in
            """
            <tr><td><a href="\(link("app/admin/cohorts/\(cohort.code)"))">\(cohort.name)</a><br><code>\(cohort.code)</code></td>\
            <td>\(kindName(cohort.kind))</td><td>\(trackTitle(cohort.track))</td><td>\(cohort.startsOn) – \(cohort.endsOn)</td></tr>
            """
        }
        let table: HTML = cohorts.isEmpty ? "<p>\(strings[.noCohorts])</p>" : """
            <div class="table-scroll"><table class="data-table"><thead><tr><th scope="col">\(strings[.nameLabel])</th>\
            <th scope="col">\(strings[.cohortKind])</th><th scope="col">\(strings[.trackLabel])</th><th scope="col">\(strings[.datesLabel])</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
        let trackOptions: [HTML] = course.tracks.map { "<option value=\"\($0.id)\"\(selected(form, "track", $0.id))>\($0.title)</option>" }
        let instructorOptions: [HTML] = instructors.map {
            "<option value=\"\($0.login)\"\(selected(form, "instructors", $0.login))>\($0.name) (\($0.login))</option>"
        }
        func error(_ name: String, _ id: String) -> (message: HTML, attributes: HTML) { fieldError(form, name, id: id) }
        let (nameError, nameAttributes) = error("name", "cohort-name")
        let (codeError, codeAttributes) = error("code", "cohort-code")
        let (kindError, kindAttributes) = error("kind", "cohort-kind")
        let (trackError, trackAttributes) = error("track", "cohort-track")
        let (startsError, startsAttributes) = error("starts_on", "cohort-starts")
        let (endsError, endsAttributes) = error("ends_on", "cohort-ends")
        let (instructorsError, instructorsAttributes) = error("instructors", "cohort-instructors")
        let instructorField: HTML = instructors.isEmpty ? "<p class=\"meta\">\(strings[.noCertifiedInstructors])</p>\(instructorsError)" : """
            <label for="cohort-instructors">\(strings[.instructorsLabel])</label>\(instructorsError)
            <select id="cohort-instructors" name="instructors" multiple size="\(min(6, instructors.count))"\(instructorsAttributes)>\(instructorOptions)</select>
            """
        let main: HTML = """
        <h1>\(strings[.cohorts])</h1>
        \(message(notice))
        \(table)
        <h2 id="create-cohort">\(strings[.createCohort])</h2>
        \(formSummary(form))
        <form class="stacked-form" method="post" action="\(link("app/admin/cohorts"))#create-cohort">
        \(csrfField(session))
        <label for="cohort-name">\(strings[.nameLabel])</label>\(nameError)
        <input id="cohort-name" name="name" required maxlength="200" value="\(form.value("name"))"\(nameAttributes)>
        <label for="cohort-code">\(strings[.cohortCode])</label>\(codeError)
        <input id="cohort-code" name="code" required pattern="[a-z0-9._\\-]{2,64}" autocapitalize="none" value="\(form.value("code"))"\(codeAttributes)>
        <label for="cohort-kind">\(strings[.cohortKind])</label>\(kindError)
        <select id="cohort-kind" name="kind"\(kindAttributes)><option value="pre-service"\(selected(form, "kind", "pre-service"))>\(strings[.kindPreService])</option>\
        <option value="in-service"\(selected(form, "kind", "in-service"))>\(strings[.kindInService])</option></select>
        <label for="cohort-track">\(strings[.trackLabel])</label>\(trackError)
        <select id="cohort-track" name="track"\(trackAttributes)>\(trackOptions)</select>
        <label for="cohort-starts">\(strings[.startsOn])</label>\(startsError)
        <input id="cohort-starts" name="starts_on" type="date" required value="\(form.value("starts_on"))"\(startsAttributes)>
        <label for="cohort-ends">\(strings[.endsOn])</label>\(endsError)
        <input id="cohort-ends" name="ends_on" type="date" required value="\(form.value("ends_on"))"\(endsAttributes)>
        \(instructorField)
        <button type="submit">\(strings[.createCohort])</button>
        </form>
        """
        return render(title: strings[.cohorts], main: main, session: session, status: status)
    }

    /// A learning objective's text in this page's language (its id if the course no longer has it).
    func objectiveText(_ id: String) -> String {
        for module in course.modules { if let objective = module.objectives.first(where: { $0.id == id }) { return objective.text } }
        return id
    }

    /// Quiz results by learning objective: answers and mean score, weakest first as the store gives them.
    func masteryTable(_ mastery: [ObjectiveMastery]) -> HTML {
        guard !mastery.isEmpty else { return "<p>\(strings[.chartEmpty])</p>" }
        let rows: [HTML] = mastery.map { "<tr><td>\(objectiveText($0.objective))</td><td>\($0.answered)</td><td>\(percent($0.mastery))</td></tr>" }
        return """
            <div class="table-scroll"><table class="data-table"><caption>\(strings[.quizResultsByObjective])</caption><thead><tr>\
            <th scope="col">\(strings[.objectiveLabel])</th><th scope="col">\(strings[.answersLabel])</th><th scope="col">\(strings[.meanScore])</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// A cohort's table of lessons studied per module and best quiz scores, one row per trainee; `name`
    /// makes the row's heading (a link to the trainee's record where the reader may open it).
    func progressTable(_ dashboard: CohortDashboard, name: (Account) -> HTML) -> HTML {
        guard !dashboard.rows.isEmpty else { return "<p>\(strings[.noMembers])</p>" }
        // On a phone a column shows the module's number only (its name is in the title and the caption's list).
        let headers: [HTML] = dashboard.modules.map {
            "<th scope=\"col\" title=\"\($0.title)\"><span class=\"module-number\">\($0.number).</span><span class=\"module-name\"> \($0.title)</span></th>"
        }
        let rows: [HTML] = dashboard.rows.map { row in
            let cells: [HTML] = row.cells.map { cell in
                let done = cell.studied == cell.total && cell.quizPassed
                let kind = done ? "cell-done" : cell.studied > 0 || cell.best != nil ? "cell-partial" : ""
                let quiz: HTML = cell.best.map { cell.quizPassed ? " · ✓ \($0)%" : " · \($0)%" } ?? .empty
                return "<td class=\"\(kind)\">\(cell.studied)/\(cell.total)\(quiz)</td>"
            }
            return "<tr><th scope=\"row\">\(name(row.account))</th>\(cells)</tr>"
        }
        return """
            <div class="table-scroll"><table class="data-table cohort-table"><caption>\(strings[.moduleProgress])</caption>\
            <thead><tr><th scope="col">\(strings[.nameLabel])</th>\(headers)</tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    func cohortDashboard(
        session: AcademyStore.Session, cohort: Cohort, dashboard: CohortDashboard, mastery: [ObjectiveMastery],
        notice: String? = nil, error: String? = nil, enrol: FormState = FormState(), status: HTTPResponse.Status = .ok
    ) -> Response {
        let table = progressTable(dashboard) { account in
            """
            <a href="\(link("app/admin/trainees/\(account.login)"))">\(account.name)</a> \
            <a class="remove-link" href="\(link("app/admin/cohorts/\(cohort.code)/members/\(account.login)/remove"))" \
            aria-label="\(strings.format(.removeMemberLabel, ["name": account.name]))">\(strings[.removeMember])</a>
            """
        }
        let weakest = mastery.prefix(5).map { (label: objectiveText($0.objective), percent: Int(($0.mastery * 100).rounded())) }
        let instructors: HTML = cohort.instructors.isEmpty ? .empty : "<p>\(strings[.instructorsLabel]): \(cohort.instructors.joined(separator: ", "))</p>"
        let main: HTML = """
        <h1>\(cohort.name)</h1>
        <p><code>\(cohort.code)</code> · \(kindName(cohort.kind)) · \(trackTitle(cohort.track)) · \(cohort.startsOn) – \(cohort.endsOn)</p>
        \(instructors)
        \(message(notice))\(message(error, error: true))
        <h2>\(strings[.trainees]) (\(dashboard.rows.count))</h2>
        \(table)
        \(Charts.line(id: "completion", title: strings[.completionOverTime], points: dashboard.completion, maximum: 100, unit: "%", empty: strings[.chartEmpty]))
        \(Charts.histograms(id: "scores", title: strings[.scoreDistribution], bands: CohortDashboard.bands, groups: dashboard.scoreBands, empty: strings[.chartEmpty]))
        \(Charts.bars(id: "objectives", title: strings[.weakestCohortObjectives], items: Array(weakest), empty: strings[.chartEmpty]))
        <h2>\(strings[.importRoster])</h2>
        <p>\(strings[.importHelp])</p>
        <form class="stacked-form" method="post" enctype="multipart/form-data" action="\(link("app/admin/cohorts/\(cohort.code)/import"))">
        \(csrfField(session))
        <label for="roster-file">\(strings[.rosterFile])</label>
        <input id="roster-file" name="roster" type="file" accept=".csv,text/csv" required>
        <button type="submit">\(strings[.previewButton])</button>
        </form>
        <h2 id="enrol-one">\(strings[.enrolOne])</h2>
        <form class="stacked-form" method="post" action="\(link("app/admin/cohorts/\(cohort.code)/members"))">
        \(csrfField(session))
        <label for="member-name">\(strings[.nameLabel])</label>\(fieldError(enrol, "name", id: "member-name").message)
        <input id="member-name" name="name" required maxlength="200" value="\(enrol.value("name"))"\(fieldError(enrol, "name", id: "member-name").attributes)>
        <label for="member-login">\(strings[.loginOptional])</label>\(fieldError(enrol, "login", id: "member-login").message)
        <input id="member-login" name="login" pattern="[a-z0-9._\\-]{2,64}" autocapitalize="none" value="\(enrol.value("login"))"\(fieldError(enrol, "login", id: "member-login").attributes)>
        <button type="submit">\(strings[.enrolButton])</button>
        </form>
        <p><a href="\(link("app/admin/export?cohort=\(cohort.code)"))">\(strings[.exportTitle])</a> · \
        <a href="\(link("app/instructor/cohorts/\(cohort.code)"))">\(strings[.teachingWorkspace])</a> · \
        <a href="\(link("app/instructor/cohorts/\(cohort.code)/report"))">\(strings[.programmeReport])</a></p>
        """
        return render(title: cohort.name, main: main, session: session, status: status)
    }

    /// How much of a name over the roster's limit the preview shows.
    static let rosterNameShown = 60

    func enrolmentPreview(
        session: AcademyStore.Session, plan: EnrolmentPlan, roster: String, digest: String, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let rows: [HTML] = plan.rows.map { row in
            let (kind, result): (String, String) = switch row.action {
            case .create: ("", strings[.resultCreate])
            case .enrol(let existing): ("", strings.format(.resultEnrol, ["name": existing]))
            case .alreadyMember: ("row-duplicate", strings[.resultDuplicate])
            case .reject(let problem): ("row-rejected", strings.format(.resultRejected, ["reason": strings.rosterProblem(problem)]))
            }
            let differs: HTML = row.otherName.map { " <strong class=\"name-differs\">\(strings.format(.resultNameDiffers, ["name": $0]))</strong>" } ?? .empty
            // A name too long to enrol is shown by its beginning, marked as cut, with its full length.
            let name: HTML = row.name.count <= Self.rosterNameShown ? "\(row.name)"
                : "\(String(row.name.prefix(Self.rosterNameShown)))… <span class=\"meta\">\(strings.format(.rosterNameCut, ["count": String(row.name.count)]))</span>"
            // Each cell names its column, for the stacked layout of a narrow screen (academy.css).
            return """
                <tr class="\(kind)\(row.otherName == nil ? "" : " row-name-differs")"><td data-label="\(strings[.rowLine])">\(row.line)</td>\
                <td data-label="\(strings[.rowResult])">\(result)\(differs)</td><td data-label="\(strings[.nameLabel])">\(name)</td>\
                <td data-label="\(strings[.loginLabel])"><code>\(row.login)</code></td></tr>
                """
        }
        let count = plan.creations.count + plan.enrolments.count
        let summary = strings.format(.previewSummary, [
            "create": String(plan.creations.count), "enrol": String(plan.enrolments.count),
            "duplicates": String(plan.duplicates.count), "rejected": String(plan.rejections.count),
        ])
        let confirm: HTML = count == 0 ? "<p class=\"notice\">\(strings[.nothingToEnrol])</p>" : """
            <form method="post" action="\(link("app/admin/cohorts/\(plan.cohort.code)/import/confirm"))">
            \(csrfField(session))
            <input type="hidden" name="roster" value="\(roster)">
            <input type="hidden" name="digest" value="\(digest)">
            <button type="submit">\(strings.format(.confirmEnrolment, ["count": String(count)]))</button>
            </form>
            """
        let main: HTML = """
        <h1>\(strings[.previewTitle])</h1>
        <p>\(plan.cohort.name) · <code>\(plan.cohort.code)</code></p>
        \(message(error, error: true))
        <p role="status">\(summary)</p>
        <div class="table-scroll"><table class="data-table stacked-table"><thead><tr><th scope="col">\(strings[.rowLine])</th>\
        <th scope="col">\(strings[.rowResult])</th><th scope="col">\(strings[.nameLabel])</th><th scope="col">\(strings[.loginLabel])</th></tr></thead>\
        <tbody>\(rows)</tbody></table></div>
        \(confirm)
        <p><a href="\(link("app/admin/cohorts/\(plan.cohort.code)"))">\(plan.cohort.name)</a></p>
        """
        return render(title: strings[.previewTitle], main: main, session: session, status: status)
    }

    func enrolled(session: AcademyStore.Session, plan: EnrolmentPlan, download: String?) -> Response {
        let passwords: HTML = download.map { token in
            """
            <p><a class="button" id="passwords-download" href="\(link("app/admin/downloads/\(token)"))" download>\(strings[.downloadPasswords])</a></p>
            <p>\(strings[.passwordsNote])</p>
            """
        } ?? .empty
        let main: HTML = """
        <h1>\(plan.cohort.name)</h1>
        <p class="notice" role="status">\(strings.format(.enrolledSummary, ["count": String(plan.creations.count + plan.enrolments.count)]))</p>
        \(passwords)
        <p><a href="\(link("app/admin/cohorts/\(plan.cohort.code)"))">\(strings[.cohortDashboard])</a></p>
        """
        return render(title: plan.cohort.name, main: main, session: session, status: .created)
    }

    /// A trainee's record. `back` is the cohort an instructor came from: links stay in the instructor's
    /// workspace, and the quiz results by objective are shown.
    func traineeRecord(
        session: AcademyStore.Session, account: Account, records: [CompletionRecord], cohorts: [Cohort], attempts: [AttemptRecord],
        mastery: [ObjectiveMastery] = [], back: Cohort? = nil
    ) -> Response {
        let rows: [HTML] = records.map { record in
            let progress = record.kind == .module ? "\(record.lessonsStudied)/\(record.lessonsTotal)" : ""
            let title: String = switch record.kind {
            case .test: (record.unit.hasSuffix(CohortPhase.preTest.rawValue) ? strings[.phasePreTest] : strings[.phasePostTest]) + " " + String(record.title.suffix(1))
            case .attendance: "\(strings[.attendanceTitle]): \(record.unit.split(separator: "/").dropFirst().first.map(String.init) ?? "") · \(record.title)"
            default: record.title
            }
            return """
                <tr><td>\(title)</td><td>\(progress)</td><td>\(record.score.map { "\($0)%" } ?? "")</td>\
                <td>\(record.kind == .programme ? "" : String(record.attempts))</td><td>\(statusName(record.status))</td>\
                <td>\(isoTimestamp(record.completedAt))</td><td>\(record.certificationCode ?? "")</td></tr>
                """
        }
        let memberships: [HTML] = cohorts.map {
            "<a href=\"\(link(back == nil ? "app/admin/cohorts/\($0.code)" : "app/instructor/cohorts/\($0.code)"))\">\($0.name)</a>"
        }
        let byObjective: HTML = back == nil ? .empty : masteryTable(mastery)
        let main: HTML = """
        <h1>\(account.name)</h1>
        <p><code>\(account.login)</code> · \(account.track.map(trackTitle) ?? "")\(account.disabled ? " · \(strings[.disabled])" : "")</p>
        <p>\(strings[.cohorts]): \(memberships.isEmpty ? HTML(raw: "—") : HTML(raw: memberships.map(\.raw).joined(separator: ", ")))</p>
        <div class="table-scroll"><table class="data-table"><caption>\(strings[.traineeRecord])</caption><thead><tr>\
        <th scope="col">\(strings[.modules])</th><th scope="col">\(strings[.studied])</th><th scope="col">\(strings[.scoreLabel])</th>\
        <th scope="col">\(strings[.attemptsLabel])</th><th scope="col">\(strings[.statusLabel])</th><th scope="col">\(strings[.completedOn])</th>\
        <th scope="col">\(strings[.verificationCode])</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <p>\(strings[.attemptsLabel]): \(attempts.filter { $0.submittedAt != nil }.count)</p>
        \(byObjective)
        """
        return render(title: account.name, main: main, session: session)
    }

    /// The export form, as the administrator left it after a refusal (`form`), each message beside its
    /// field; `error` is a message that concerns no one field.
    func exportForm(
        session: AcademyStore.Session, cohorts: [Cohort], form: FormState = FormState(), error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let cohortOptions: [HTML] = cohorts.map { "<option value=\"\($0.code)\"\(selected(form, "cohort", $0.code))>\($0.name)</option>" }
        let trackOptions: [HTML] = course.tracks.map { "<option value=\"\($0.id)\"\(selected(form, "track", $0.id))>\($0.title)</option>" }
        let formatOptions: [HTML] = [("csv", "CSV"), ("json", "JSON"), ("xapi", "xAPI 1.0.3 (JSON lines)")].map {
            "<option value=\"\($0.0)\"\(selected(form, "format", $0.0))>\($0.1)</option>"
        }
        // A fresh form asks for the byte-order mark (spreadsheets need it); a returned one keeps the choice.
        let bom: HTML = form.fields == nil || form.contains("bom", "1") ? " checked" : .empty
        func problem(_ name: String) -> (message: HTML, attributes: HTML) { fieldError(form, name, id: "export-\(name)") }
        let (formatError, formatAttributes) = problem("format"), (cohortError, cohortAttributes) = problem("cohort")
        let (trackError, trackAttributes) = problem("track"), (sinceError, sinceAttributes) = problem("since")
        let (untilError, untilAttributes) = problem("until")
        let main: HTML = """
        <h1>\(strings[.exportTitle])</h1>
        \(message(error, error: true))\(formSummary(form))
        <form class="stacked-form" method="post" action="\(link("app/admin/export"))">
        \(csrfField(session))
        <label for="export-format">\(strings[.exportFormat])</label>\(formatError)
        <select id="export-format" name="format"\(formatAttributes)>\(formatOptions)</select>
        <label for="export-cohort">\(strings[.cohorts])</label>\(cohortError)
        <select id="export-cohort" name="cohort"\(cohortAttributes)><option value="">\(strings[.allCohorts])</option>\(cohortOptions)</select>
        <label for="export-track">\(strings[.trackLabel])</label>\(trackError)
        <select id="export-track" name="track"\(trackAttributes)><option value="">\(strings[.allTracks])</option>\(trackOptions)</select>
        <label for="export-since">\(strings[.sinceLabel])</label>\(sinceError)
        <input id="export-since" name="since" type="date" value="\(form.value("since"))"\(sinceAttributes)>
        <label for="export-until">\(strings[.untilLabel])</label>\(untilError)
        <input id="export-until" name="until" type="date" value="\(form.value("until"))"\(untilAttributes)>
        <label class="option"><input type="checkbox" name="bom" value="1"\(bom)> \(strings[.bomLabel])</label>
        <button type="submit">\(strings[.exportButton])</button>
        </form>
        """
        return render(title: strings[.exportTitle], main: main, session: session, status: status)
    }
}

import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// The instructors' workspace, the trainees' tests and feedback, and the programme report.
extension ServerPages {
    func phaseName(_ phase: CohortPhase) -> String {
        switch phase {
        case .preTest: strings[.phasePreTest]
        case .postTest: strings[.phasePostTest]
        case .feedback: strings[.phaseFeedback]
        }
    }

    func programmeTitle(_ id: String) -> String { course.programmes.first { $0.id == id }?.title ?? id }
    func rubricTitle(_ id: String) -> String { course.rubrics.first { $0.id == id }?.title ?? id }
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    func decimal(_ value: Double, places: Int = 2) -> String { String(format: "%.\(places)f", value) }

    // MARK: Instructor's home

    func instructorHome(session: AcademyStore.Session, cohorts: [Cohort], waiting: [PracticalPlan], certifications: [CertificationRecord]) -> Response {
        let cohortRows: [HTML] = cohorts.map { cohort in
            """
            <li><a href="\(link("app/instructor/cohorts/\(cohort.code)"))">\(cohort.name)</a> · \(trackTitle(cohort.track)) · \
            \(cohort.startsOn) – \(cohort.endsOn)</li>
            """
        }
        let waitingRows: [HTML] = waiting.map { plan in
            let record = "app/assess?programme=\(ServerPages.queryValue(plan.programme))&rubric=\(ServerPages.queryValue(plan.rubric))&candidate=\(ServerPages.queryValue(plan.candidate))&date=\(plan.day)"
            return """
                <li>\(plan.day): \(plan.candidateName) (<code>\(plan.candidate)</code>), \(rubricTitle(plan.rubric)) · \
                <a href="\(link(record))">\(strings[.recordAssessment])</a></li>
                """
        }
        let now = Date()
        let held: [HTML] = certifications.map { record in
            let expiry = record.expiresAt.map { strings.format(.certificationExpires, ["date": Day($0).description]) } ?? strings[.certificationNoExpiry]
            let soon = record.expiresAt.map { $0.timeIntervalSince(now) < 90 * 86_400 } ?? false
            let status = record.held.status(now: now) == .valid ? expiry : strings[.statusExpired]
            return "<li>\(programmeTitle(record.programme)): \(soon ? "<strong>\(status)</strong>" : "\(status)" as HTML)</li>"
        }
        let main: HTML = """
        <h1>\(strings[.instructorHome])</h1>
        <h2>\(strings[.myCohorts])</h2>
        \(cohorts.isEmpty ? ("<p>\(strings[.noCohortsTaught])</p>" as HTML) : "<ul class=\"plain-list\">\(cohortRows)</ul>")
        <h2>\(strings[.assessmentsWaiting])</h2>
        \(waiting.isEmpty ? ("<p>\(strings[.noAssessmentsWaiting])</p>" as HTML) : "<ul class=\"plain-list\">\(waitingRows)</ul>")
        <h2>\(strings[.myCertification])</h2>
        \(held.isEmpty ? ("<p>\(strings[.noCertificationHeld])</p>" as HTML) : "<ul class=\"plain-list\">\(held)</ul>")
        """
        return render(title: strings[.instructorHome], main: main, session: session)
    }

    // MARK: A cohort, for its instructors

    func instructorCohort(
        session: AcademyStore.Session, cohort: Cohort, dashboard: CohortDashboard, mastery: [ObjectiveMastery], notStarted: [Account],
        phases: [PhaseState], tests: (pre: Int, post: Int), feedback: Int, plans: [PracticalPlan], programmes: [Programme],
        notice: String?, plan: FormState, status: HTTPResponse.Status
    ) -> Response {
        let base = "app/instructor/cohorts/\(cohort.code)"
        let phaseRows: [HTML] = CohortPhase.allCases.map { phase in
            let state = phases.first { $0.phase == phase }
            let standing: String = switch state {
            case nil: strings[.phaseNotOpened]
            case let state? where state.isOpen: strings.format(.phaseOpenSince, ["date": Day(state.openedAt).description])
            case let state?: strings.format(.phaseClosedOn, ["date": Day(state.closedAt ?? state.openedAt).description])
            }
            let count: String = switch phase {
            case .preTest: strings.format(.testsTaken, ["count": String(tests.pre), "total": String(dashboard.rows.count)])
            case .postTest: strings.format(.testsTaken, ["count": String(tests.post), "total": String(dashboard.rows.count)])
            case .feedback: strings.format(.feedbackAnswered, ["count": String(feedback), "total": String(dashboard.rows.count)])
            }
            let open = state?.isOpen == true
            return """
                <tr><th scope="row">\(phaseName(phase))</th><td>\(standing)</td><td>\(count)</td><td>\
                <form class="inline-form" method="post" action="\(link(base + "/phases"))">\(csrfField(session))\
                <input type="hidden" name="phase" value="\(phase.rawValue)"><input type="hidden" name="action" value="\(open ? "close" : "open")">\
                <button type="submit">\(open ? strings[.closePhase] : strings[.openPhase])</button></form></td></tr>
                """
        }
        let table = progressTable(dashboard) { "<a href=\"\(link(base + "/trainees/\($0.login)"))\">\($0.name)</a>" }
        let idle: [HTML] = notStarted.map { "<li><a href=\"\(link(base + "/trainees/\($0.login)"))\">\($0.name)</a></li>" }
        let objectiveTable = masteryTable(mastery)
        let planRows: [HTML] = plans.map { plan in
            let state: HTML = plan.practicalID == nil
                ? "<a href=\"\(link("app/assess?programme=\(ServerPages.queryValue(plan.programme))&rubric=\(ServerPages.queryValue(plan.rubric))&candidate=\(ServerPages.queryValue(plan.candidate))&date=\(plan.day)"))\">\(strings[.recordAssessment])</a>"
                : "\(strings[.assessmentRecorded])" as HTML
            return "<tr><td>\(plan.day)</td><td>\(plan.candidateName)</td><td>\(rubricTitle(plan.rubric))</td><td><code>\(plan.assessor)</code></td><td>\(state)</td></tr>"
        }
        let candidateOptions: [HTML] = dashboard.rows.map { "<option value=\"\($0.account.login)\"\(selected(plan, "candidate", $0.account.login))>\($0.account.name)</option>" }
        let programmeOptions: [HTML] = programmes.map { "<option value=\"\($0.id)\"\(selected(plan, "programme", $0.id))>\($0.title)</option>" }
        let rubricOptions: [HTML] = course.rubrics.map { "<option value=\"\($0.id)\"\(selected(plan, "rubric", $0.id))>\($0.title)</option>" }
        let (candidateError, candidateAttributes) = fieldError(plan, "candidate", id: "plan-candidate")
        let (programmeError, programmeAttributes) = fieldError(plan, "programme", id: "plan-programme")
        let (rubricError, rubricAttributes) = fieldError(plan, "rubric", id: "plan-rubric")
        let (dayError, dayAttributes) = fieldError(plan, "day", id: "plan-day")
        let main: HTML = """
        <h1>\(cohort.name)</h1>
        <p><code>\(cohort.code)</code> · \(kindName(cohort.kind)) · \(trackTitle(cohort.track)) · \(cohort.startsOn) – \(cohort.endsOn)</p>
        \(message(notice))
        <p class="actions"><a class="button" href="\(link(base + "/attendance"))">\(strings[.attendanceTitle])</a> \
        <a class="button" href="\(link(base + "/report"))">\(strings[.programmeReport])</a></p>
        <h2 id="phases">\(strings[.testsAndFeedback])</h2>
        <p>\(strings[.phasesHelp])</p>
        <div class="table-scroll"><table class="data-table"><tbody>\(phaseRows)</tbody></table></div>
        <h2>\(strings[.trainees]) (\(dashboard.rows.count))</h2>
        \(table)
        <h2>\(strings[.notStarted]) (\(notStarted.count))</h2>
        \(notStarted.isEmpty ? ("<p>\(strings[.everyoneStarted])</p>" as HTML) : "<ul class=\"plain-list\">\(idle)</ul>")
        \(Charts.line(id: "completion", title: strings[.completionOverTime], points: dashboard.completion, maximum: 100, unit: "%", empty: strings[.chartEmpty]))
        \(Charts.histograms(id: "scores", title: strings[.scoreDistribution], bands: CohortDashboard.bands, groups: dashboard.scoreBands, empty: strings[.chartEmpty]))
        \(objectiveTable)
        <h2 id="practicals">\(strings[.plannedPracticals])</h2>
        \(plans.isEmpty ? ("<p>\(strings[.noPlannedPracticals])</p>" as HTML) : """
            <div class="table-scroll"><table class="data-table"><thead><tr><th scope="col">\(strings[.dateLabel])</th><th scope="col">\(strings[.nameLabel])</th>\
            <th scope="col">\(strings[.rubricLabel])</th><th scope="col">\(strings[.assessorLabel])</th><th scope="col">\(strings[.statusLabel])</th></tr></thead>\
            <tbody>\(planRows)</tbody></table></div>
            """)
        \(formSummary(plan))
        <form class="stacked-form" method="post" action="\(link(base + "/practicals"))#practicals">
        \(csrfField(session))
        <label for="plan-candidate">\(strings[.traineeLabel])</label>\(candidateError)
        <select id="plan-candidate" name="candidate"\(candidateAttributes)>\(candidateOptions)</select>
        <label for="plan-programme">\(strings[.programmeLabel])</label>\(programmeError)
        <select id="plan-programme" name="programme"\(programmeAttributes)>\(programmeOptions)</select>
        <label for="plan-rubric">\(strings[.rubricLabel])</label>\(rubricError)
        <select id="plan-rubric" name="rubric"\(rubricAttributes)>\(rubricOptions)</select>
        <label for="plan-day">\(strings[.dateLabel])</label>\(dayError)
        <input id="plan-day" name="day" type="date" required value="\(plan.value("day"))"\(dayAttributes)>
        <button type="submit">\(strings[.planPractical])</button>
        </form>
        """
        return render(title: cohort.name, main: main, session: session, status: status)
    }

    // MARK: Attendance

    func attendance(
        session: AcademyStore.Session, cohort: Cohort, members: [Account], marks: [AttendanceMark], form: FormState, notice: String?,
        status: HTTPResponse.Status
    ) -> Response {
        let base = "app/instructor/cohorts/\(cohort.code)"
        let modules = (course.track(cohort.track)?.modules ?? []).compactMap(course.module)
        let day = form.value("day"), module = form.value("session")
        // The form shows what is already recorded for the chosen day and session, so a correction starts from it.
        let recorded = Dictionary(marks.filter { $0.day == day && $0.session == module }.map { ($0.login, $0) }, uniquingKeysWith: { first, _ in first })
        let submitted = form.fields != nil && form.fields?["_csrf"] != nil
        let rows: [HTML] = members.map { member in
            let present = submitted ? form.value("present.\(member.login)") == "1" : recorded[member.login]?.present ?? true
            let reason = submitted ? form.value("reason.\(member.login)") : recorded[member.login]?.reason ?? ""
            let (reasonError, reasonAttributes) = fieldError(form, "reason.\(member.login)", id: "reason-\(member.login)")
            return """
                <tr><th scope="row">\(member.name)</th>\
                <td><input type="checkbox" id="present-\(member.login)" name="present.\(member.login)" value="1"\(HTML(raw: present ? " checked" : ""))>\
                <label for="present-\(member.login)">\(strings[.presentLabel])</label></td>\
                <td>\(reasonError)<input id="reason-\(member.login)" name="reason.\(member.login)" maxlength="200" value="\(reason)" \
                aria-label="\(strings.format(.absenceReasonFor, ["name": member.name]))"\(reasonAttributes)></td></tr>
                """
        }
        let options: [HTML] = modules.map { "<option value=\"\($0.id)\"\(HTML(raw: $0.id == module ? " selected" : ""))>\($0.number). \($0.title)</option>" }
        var sessions: [String: (present: Int, total: Int)] = [:]
        for mark in marks {
            let key = "\(mark.day)\u{1F}\(mark.session)"
            sessions[key, default: (0, 0)].total += 1
            if mark.present { sessions[key, default: (0, 0)].present += 1 }
        }
        let history: [HTML] = sessions.keys.sorted().reversed().map { key in
            let parts = key.split(separator: "\u{1F}").map(String.init)
            let title = course.module(parts[1]).map { "\($0.number). \($0.title)" } ?? parts[1]
            let counts = sessions[key]!
            return """
                <li><a href="\(link(base + "/attendance?day=\(parts[0])&session=\(ServerPages.queryValue(parts[1]))"))">\(parts[0]) · \(title)</a>: \
                \(strings.format(.attendanceCount, ["present": String(counts.present), "total": String(counts.total)]))</li>
                """
        }
        let (dayError, dayAttributes) = fieldError(form, "day", id: "attendance-day")
        let (sessionError, sessionAttributes) = fieldError(form, "session", id: "attendance-session")
        let main: HTML = """
        <h1>\(strings[.attendanceTitle])</h1>
        <p><a href="\(link(base))">\(cohort.name)</a></p>
        \(message(notice))\(formSummary(form))
        <form class="stacked-form" method="post" action="\(link(base + "/attendance"))">
        \(csrfField(session))
        <label for="attendance-day">\(strings[.dateLabel])</label>\(dayError)
        <input id="attendance-day" name="day" type="date" required value="\(day)"\(dayAttributes)>
        <label for="attendance-session">\(strings[.sessionLabel])</label>\(sessionError)
        <select id="attendance-session" name="session" required\(sessionAttributes)><option value="">—</option>\(options)</select>
        \(members.isEmpty ? ("<p>\(strings[.noMembers])</p>" as HTML) : """
            <div class="table-scroll"><table class="data-table"><thead><tr><th scope="col">\(strings[.nameLabel])</th>\
            <th scope="col">\(strings[.presentLabel])</th><th scope="col">\(strings[.absenceReason])</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
        <button type="submit">\(strings[.recordAttendance])</button>
        </form>
        <h2>\(strings[.sessionsRecorded])</h2>
        \(history.isEmpty ? ("<p>\(strings[.noSessionsRecorded])</p>" as HTML) : "<ul class=\"plain-list\">\(history)</ul>")
        """
        return render(title: strings[.attendanceTitle], main: main, session: session, status: status)
    }

    // MARK: Trainees: tests and feedback

    func testIntro(session: AcademyStore.Session, cohort: Cohort, phase: CohortPhase?, definition: Quizzes.Definition?, attempts: [AttemptRecord]) -> Response {
        let body: HTML
        if let phase, let definition {
            let done = attempts.last.map { $0.status(now: Date()) != .inProgress } ?? false
            let open = attempts.last.map { $0.status(now: Date()) == .inProgress } ?? false
            let action: HTML = done
                ? "<p class=\"notice\" role=\"status\">\(strings.format(.testDone, ["percent": String(attempts.last?.percent ?? 0)]))</p>"
                : open ? "<p><a class=\"button\" href=\"\(link("app/attempts/\(attempts.last!.id)"))\">\(strings[.resumeAttempt])</a></p>"
                : """
                <form method="post" action="\(link("app/cohorts/\(cohort.code)/test"))">\(csrfField(session))\
                <button type="submit">\(strings.format(.startTest, ["phase": phaseName(phase)]))</button></form>
                """
            body = """
                <p>\(strings[.testPurpose])</p>
                <ul><li>\(strings.format(.testRules, ["count": String(definition.questionCount), "minutes": String(definition.rules.timeLimitMinutes)]))</li>\
                <li>\(strings[.testOnce])</li></ul>
                \(action)
                """
        } else {
            body = "<p>\(strings[.testNotOpen])</p>"
        }
        let title = phase.map(phaseName) ?? strings[.phasePreTest]
        let main: HTML = """
        <h1>\(title)</h1>
        <p>\(cohort.name)</p>
        \(body)
        <p><a href="\(link("app/dashboard"))">\(strings[.dashboard])</a></p>
        """
        return render(title: title, main: main, session: session)
    }

    func feedbackForm(
        session: AcademyStore.Session, cohort: Cohort, open: Bool, given: Bool, form: FormState, notice: String?, status: HTTPResponse.Status
    ) -> Response {
        let body: HTML
        if given {
            body = "<p>\(strings[.feedbackAlreadyGiven])</p>"
        } else if !open {
            body = "<p>\(strings[.feedbackNotOpen])</p>"
        } else {
            let scale = FeedbackSurvey.scale
            let items: [HTML] = FeedbackSurvey.ratingItems.map { item in
                let (error, _) = fieldError(form, item, id: "rating-\(item)")
                let choices: [HTML] = scale.map { value in
                    let checked: HTML = form.value(item) == String(value) ? " checked" : .empty
                    return "<label class=\"option\"><input type=\"radio\" name=\"\(item)\" value=\"\(value)\" required\(checked)> \(value) \(likertLabel(value))</label>"
                }
                return """
                    <fieldset id="rating-\(item)"><legend>\(strings[feedbackKey(item)])</legend>\(error)\(choices)</fieldset>
                    """
            }
            let texts: [HTML] = FeedbackSurvey.textItems.map { item in
                let (error, attributes) = fieldError(form, item, id: "text-\(item)")
                return """
                    <label for="text-\(item)">\(strings[feedbackKey(item)])</label>\(error)
                    <textarea id="text-\(item)" name="\(item)" rows="4" maxlength="\(FeedbackSurvey.maximumTextLength)"\(attributes)>\(form.value(item))</textarea>
                    """
            }
            body = """
                <p>\(strings[.feedbackAnonymous])</p>
                \(formSummary(form))
                <form class="stacked-form" method="post" action="\(link("app/cohorts/\(cohort.code)/feedback"))">
                \(csrfField(session))
                \(items)
                \(texts)
                <button type="submit">\(strings[.sendFeedback])</button>
                </form>
                """
        }
        let main: HTML = """
        <h1>\(strings[.phaseFeedback])</h1>
        <p>\(cohort.name)</p>
        \(message(notice))
        \(body)
        <p><a href="\(link("app/dashboard"))">\(strings[.dashboard])</a></p>
        """
        return render(title: strings[.phaseFeedback], main: main, session: session, status: status)
    }

    func likertLabel(_ value: Int) -> String {
        switch value {
        case 1: strings[.likert1]
        case 2: strings[.likert2]
        case 3: strings[.likert3]
        case 4: strings[.likert4]
        default: strings[.likert5]
        }
    }

    func feedbackKey(_ item: String) -> UIStrings.Key {
        switch item {
        case "relevance": .feedbackRelevance
        case "clarity": .feedbackClarity
        case "confidence": .feedbackConfidence
        case "instructors": .feedbackInstructors
        case "most-useful": .feedbackMostUseful
        default: .feedbackToChange
        }
    }

    // MARK: The programme report

    func periodTitle(since: Day?, until: Day?) -> String {
        strings.format(.reportPeriod, ["since": since?.description ?? "…", "until": until?.description ?? "…"])
    }

    func periodForm(session: AcademyStore.Session, form: FormState, status: HTTPResponse.Status = .ok) -> Response {
        let (sinceError, sinceAttributes) = fieldError(form, "since", id: "report-since")
        let (untilError, untilAttributes) = fieldError(form, "until", id: "report-until")
        let main: HTML = """
        <h1>\(strings[.programmeReport])</h1>
        <p>\(strings[.reportHelp])</p>
        \(formSummary(form))
        <form class="stacked-form" method="get" action="\(link("app/admin/report"))">
        <label for="report-since">\(strings[.sinceLabel])</label>\(sinceError)
        <input id="report-since" name="since" type="date" value="\(form.value("since"))"\(sinceAttributes)>
        <label for="report-until">\(strings[.untilLabel])</label>\(untilError)
        <input id="report-until" name="until" type="date" value="\(form.value("until"))"\(untilAttributes)>
        <button type="submit">\(strings[.showReport])</button>
        </form>
        <p><a href="\(link("app/admin/report?all=1"))">\(strings[.reportAllTime])</a></p>
        """
        return render(title: strings[.programmeReport], main: main, session: session, status: status)
    }

    /// The figures of a report as label → value lines, in the order the page and the CSV show them.
    func reportFigures(_ report: ProgrammeReport) -> [(String, String)] {
        let gain = report.gain
        var lines: [(String, String)] = [
            (strings[.reportCohorts], String(report.cohorts.count)),
            (strings[.reportEnrolled], String(report.enrolled)),
            (strings[.reportStarted], String(report.started)),
            (strings[.reportCompleted], String(report.completed)),
            (strings[.reportAttendance], report.attendanceRate.map(percent) ?? "—"),
            (strings[.reportSessions], String(report.sessions)),
            (strings[.reportPairs], String(gain.pairs)),
        ]
        if gain.pairs > 0 {
            lines += [
                (strings[.reportMeanPre], decimal(gain.meanPre, places: 1)),
                (strings[.reportMeanPost], decimal(gain.meanPost, places: 1)),
                (strings[.reportMeanGain], decimal(gain.meanGain, places: 1)),
                (strings[.reportNormalisedGain], gain.normalisedGain.map { decimal($0) } ?? "—"),
                (strings[.reportEffectSize], gain.effectSize.map { decimal($0) } ?? "—"),
                (strings[.reportInterval], gain.confidenceInterval.map { "\(decimal($0.lowerBound)) – \(decimal($0.upperBound))" } ?? "—"),
                (strings[.reportReachingPass], percent(gain.shareReachingPass)),
            ]
        }
        lines += [
            (strings[.reportFeedbackAnswers], String(report.feedback.answered)),
            (strings[.reportIssued], String(report.issued)),
            (strings[.reportRenewed], String(report.renewed)),
            (strings[.reportRevoked], String(report.revoked)),
            (strings[.reportInstructors], String(report.currentInstructors)),
            (strings[.reportInterviewers], String(report.currentInterviewers)),
        ]
        return lines
    }

    func programmeReport(session: AcademyStore.Session, report: ProgrammeReport, title: String, csv: String) -> Response {
        let figures: [HTML] = reportFigures(report).map { "<tr><th scope=\"row\">\($0.0)</th><td>\($0.1)</td></tr>" }
        let quizRows: [HTML] = report.quizzes.map { rate in
            let title = course.module(rate.module).map { "\($0.number). \($0.title)" } ?? rate.module
            return "<tr><td>\(title)</td><td>\(rate.attempted)</td><td>\(rate.passed)</td><td>\(percent(Double(rate.passed) / Double(max(rate.attempted, 1))))</td></tr>"
        }
        let objectiveRows: [HTML] = report.objectives.map { item in
            let flat = item.gain <= 0.05
            return """
                <tr\(HTML(raw: flat ? " class=\"row-flat\"" : ""))><td>\(objectiveText(item.objective))</td><td>\(percent(item.pre))</td>\
                <td>\(percent(item.post))</td><td>\(flat ? "<strong>\(percent(item.gain))</strong>" : "\(percent(item.gain))" as HTML)</td></tr>
                """
        }
        let gainChart = Charts.bars(id: "pre-post", title: strings[.reportPrePostChart], items: report.gain.pairs == 0 ? [] : [
            (label: strings[.reportMeanPre], percent: Int(report.gain.meanPre.rounded())), (label: strings[.reportMeanPost], percent: Int(report.gain.meanPost.rounded())),
        ], empty: strings[.chartEmpty])
        let feedback: HTML
        if report.feedback.shown {
            let distributions = report.feedback.distributions.map { (label: "\(strings[feedbackKey($0.item)]) (\(decimal($0.mean, places: 1)))", counts: $0.counts) }
            let texts: [HTML] = FeedbackSurvey.textItems.map { item in
                let answers: [HTML] = (report.feedback.texts[item] ?? []).map { "<li>\($0)</li>" }
                return "<h3>\(strings[feedbackKey(item)])</h3>\(answers.isEmpty ? ("<p>—</p>" as HTML) : "<ul>\(answers)</ul>")"
            }
            feedback = """
                \(Charts.histograms(id: "feedback", title: strings[.reportFeedbackChart], bands: ["1", "2", "3", "4", "5"], groups: distributions, empty: strings[.chartEmpty]))
                \(texts)
                """
        } else {
            feedback = "<p>\(strings.format(.feedbackHidden, ["count": String(report.feedback.answered), "minimum": String(FeedbackSurvey.minimumToShow)]))</p>"
        }
        let cohortList: [HTML] = report.cohorts.map { "<li>\($0.name) (<code>\($0.code)</code>), \($0.startsOn) – \($0.endsOn)</li>" }
        let main: HTML = """
        <article class="report">
        <h1>\(strings[.programmeReport]): \(title)</h1>
        <p class="meta">\(strings.format(.reportMade, ["date": Day(Date()).description]))</p>
        <p class="actions no-print"><a class="button" href="\(link(csv))" download>\(strings[.downloadCSV])</a></p>
        <p class="meta no-print">\(strings[.printReport])</p>
        <ul class="plain-list">\(cohortList)</ul>
        <table class="data-table report-figures"><tbody>\(figures)</tbody></table>
        <p class="meta">\(strings[.reportStatisticsNote])</p>
        <h2>\(strings[.reportLearning])</h2>
        \(gainChart)
        \(report.objectives.isEmpty ? .empty : """
            <div class="table-scroll"><table class="data-table"><caption>\(strings[.reportObjectivesChart])</caption><thead><tr>\
            <th scope="col">\(strings[.objectiveLabel])</th><th scope="col">\(strings[.phasePreTest])</th><th scope="col">\(strings[.phasePostTest])</th>\
            <th scope="col">\(strings[.reportGain])</th></tr></thead><tbody>\(objectiveRows)</tbody></table></div>
            """)
        <h2>\(strings[.reportQuizzes])</h2>
        \(report.quizzes.isEmpty ? ("<p>\(strings[.chartEmpty])</p>" as HTML) : """
            <div class="table-scroll"><table class="data-table"><thead><tr><th scope="col">\(strings[.modules])</th>\
            <th scope="col">\(strings[.reportAttempted])</th><th scope="col">\(strings[.passed])</th><th scope="col">\(strings[.reportPassRate])</th></tr></thead>\
            <tbody>\(quizRows)</tbody></table></div>
            """)
        <h2>\(strings[.phaseFeedback])</h2>
        \(feedback)
        </article>
        """
        return render(title: strings[.programmeReport], main: main, session: session)
    }

    /// The report as CSV: one `section,item,value` row per figure, then per quiz, per objective and per
    /// feedback rating; the free text only when enough answered.
    func reportCSV(_ report: ProgrammeReport) -> String {
        var out = CSV.line(["section", "item", "value"])
        for (label, value) in reportFigures(report) { out += CSV.line(["summary", label, value]) }
        for rate in report.quizzes {
            out += CSV.line(["quiz-attempted", rate.module, String(rate.attempted)])
            out += CSV.line(["quiz-passed", rate.module, String(rate.passed)])
        }
        for item in report.objectives {
            out += CSV.line(["objective-pre", item.objective, decimal(item.pre, places: 3)])
            out += CSV.line(["objective-post", item.objective, decimal(item.post, places: 3)])
        }
        if report.feedback.shown {
            for distribution in report.feedback.distributions {
                for (index, count) in distribution.counts.enumerated() {
                    out += CSV.line(["feedback-\(distribution.item)", String(index + FeedbackSurvey.scale.lowerBound), String(count)])
                }
            }
            for item in FeedbackSurvey.textItems { for text in report.feedback.texts[item] ?? [] { out += CSV.line(["feedback-\(item)", "", text]) } }
        }
        return out
    }
}

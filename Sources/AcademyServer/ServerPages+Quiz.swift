import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

extension ServerPages {
    func promptTypeLabel(_ type: PromptType) -> String { strings.promptType(type) }

    /// What stands between the trainee and an examination, in their language; nil when nothing does.
    func readinessMessage(_ readiness: ExamReadiness) -> String? {
        Self.readinessMessage(readiness, course: course, strings: strings)
    }

    /// The same, for a refusal put in words only when it is answered (`ClientError`). Titles are those of
    /// `course`, the course in the reader's language.
    static func readinessMessage(_ readiness: ExamReadiness, course: Course, strings: UIStrings) -> String? {
        switch readiness {
        case .ready: return nil
        case .otherTrack(let track): return strings.format(.examOtherTrack, ["track": course.track(track)?.title ?? track])
        case .missing(let lessons, let quizzes):
            var parts = [strings[.examBefore]]
            if lessons > 0 { parts.append(strings.format(.examMissingLessons, ["count": String(lessons)])) }
            if !quizzes.isEmpty {
                parts.append(strings.format(.examMissingQuizzes, ["modules": quizzes.map { "\($0.number). \(course.module($0.id)?.title ?? $0.title)" }.joined(separator: ", ")]))
            }
            return parts.joined(separator: " ")
        }
    }

    func rulesLine(_ definition: Quizzes.Definition, used: Int) -> String {
        strings.format(.quizRules, [
            "count": String(definition.questionCount), "pass": String(definition.rules.passMark),
            "minutes": String(definition.rules.timeLimitMinutes), "used": String(used), "allowed": String(definition.rules.attemptsAllowed),
        ])
    }

    /// The page before an attempt: the rules, earlier results, and the button to start or resume.
    func quizIntro(_ definition: Quizzes.Definition, attempts: [AttemptRecord], refusal: String?, session: AcademyStore.Session, action: String, now: Date) -> Response {
        let inProgress = attempts.last.map { $0.status(now: now) == .inProgress } ?? false
        let history: [HTML] = attempts.map { attempt in
            let outcome: String = switch attempt.status(now: now) {
            case .inProgress: "…"
            case .expired: strings[.failed]
            case .submitted: "\(attempt.percent ?? 0)% · " + (attempt.passed == true ? strings[.passed] : strings[.failed])
            }
            return "<li><a href=\"\(link("app/attempts/\(attempt.id)"))\">\(strings.dateTime(attempt.startedAt, timeZone: timeZone))</a> — \(outcome)</li>"
        }
        let button: HTML = refusal.map { message($0) } ?? """
            <form method="post" action="\(link(action))">\(csrfField(session))
            <button type="submit">\(inProgress ? strings[.resumeAttempt] : strings[.startAttempt])</button></form>
            """
        let main: HTML = """
        <h1>\(title(definition))</h1>
        <p>\(rulesLine(definition, used: attempts.count))</p>
        \(button)
        \(history.isEmpty ? HTML.empty : "<h2>\(strings[.quizResults])</h2><ol>\(history)</ol>")
        <p><a href="\(link("app/dashboard"))">\(strings[.dashboard])</a></p>
        """
        return render(title: title(definition), main: main, session: session)
    }

    /// The attempt form. Every control is a native input, so it works with the keyboard alone and on a phone.
    /// With `entered` (a submission that left questions unanswered) the form comes back as the trainee
    /// filled it in, the unanswered questions marked, and asks to confirm before an attempt is used up.
    func attemptForm(
        _ definition: Quizzes.Definition, attempt: AttemptRecord, session: AcademyStore.Session,
        entered: FormFields? = nil, answered: Set<String> = []
    ) -> Response {
        func checked(_ name: String, _ value: String) -> HTML { entered?.all(name).contains(value) == true ? " checked" : .empty }
        func selected(_ name: String, _ value: String) -> HTML { entered?[name] == value ? " selected" : .empty }
        var fieldsets: [HTML] = []
        for (number, drawn) in attempt.questions.enumerated() {
            guard let question = definition.questions[drawn.id].map(localized) else { continue }
            let view = QuestionView(question, drawn: drawn)
            let name = "q." + question.id
            let legend: HTML = "<legend><span class=\"question-number\">\(number + 1).</span> \(view.prompt)</legend>\(staleNote(question))"
            var body: HTML = .empty
            switch question.kind {
            case .single, .multiple:
                let type = question.kind == .single ? "radio" : "checkbox"
                body = (view.options ?? []).map { option in
                    "<label class=\"option\"><input type=\"\(type)\" name=\"\(name)\" value=\"\(option.index)\"\(checked(name, String(option.index)))> \(option.text)</label>"
                }.joined()
            case .trueFalse:
                body = """
                <label class="option"><input type="radio" name="\(name)" value="true"\(checked(name, "true"))> \(strings[.trueLabel])</label>
                <label class="option"><input type="radio" name="\(name)" value="false"\(checked(name, "false"))> \(strings[.falseLabel])</label>
                """
            case .ordering:
                let count = view.options?.count ?? 0
                body = (view.options ?? []).map { option in
                    let field = "\(name).\(option.index)"
                    let choices: [HTML] = (1...max(1, count)).map { "<option value=\"\($0)\"\(selected(field, String($0)))>\($0)</option>" }
                    let id = "\(question.id)-\(option.index)"
                    return """
                    <div class="select-row"><label for="\(id)">\(strings.format(.positionLabel, ["item": option.text]))</label>
                    <select id="\(id)" name="\(name).\(option.index)"><option value="">\(strings[.chooseLabel])</option>\(choices)</select></div>
                    """
                }.joined()
            case .matching:
                body = (view.left ?? []).enumerated().map { index, left in
                    let field = "\(name).\(index)"
                    let choices: [HTML] = (view.options ?? []).map { "<option value=\"\($0.index)\"\(selected(field, String($0.index)))>\($0.text)</option>" }
                    let id = "\(question.id)-\(index)"
                    return """
                    <div class="select-row"><label for="\(id)">\(strings.format(.matchLabel, ["item": left]))</label>
                    <select id="\(id)" name="\(name).\(index)"><option value="">\(strings[.chooseLabel])</option>\(choices)</select></div>
                    """
                }.joined()
            case .classification:
                let context: HTML = view.context.map { "<p class=\"context\"><span class=\"meta\">\(strings[.childSaid]):</span> \($0)</p>" } ?? .empty
                let options: [HTML] = PromptType.allCases.map {
                    "<label class=\"option\"><input type=\"radio\" name=\"\(name)\" value=\"\($0.rawValue)\"\(checked(name, $0.rawValue))> \(promptTypeLabel($0))</label>"
                }
                body = """
                \(context)<p class="utterance"><span class="meta">\(strings[.interviewerSays]):</span> «\(view.utterance ?? "")»</p>\(options)
                """
            }
            let unanswered = entered != nil && !answered.contains(question.id)
            let mark: HTML = unanswered ? "<p class=\"unanswered-mark\">\(strings[.unansweredLabel])</p>" : .empty
            fieldsets.append("<fieldset class=\"question question-\(question.kind.rawValue)\(unanswered ? " question-unanswered" : "")\">\(legend)\(mark)\(body)</fieldset>")
        }
        let missing = attempt.questions.count - answered.count
        let confirm: HTML = entered == nil ? .empty : """
            <p class="notice notice-error" role="alert">\(strings.format(.confirmIncomplete, ["answered": String(answered.count), "total": String(attempt.questions.count)]))</p>
            """
        let confirmButton: HTML = entered == nil ? .empty
            : " <button type=\"submit\" name=\"confirm\" value=\"incomplete\" class=\"secondary\">\(strings.format(.submitAnyway, ["count": String(missing)]))</button>"
        // The deadline in the Academy's time (Bishkek), and a countdown the page script keeps up to date.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: attempt.deadline)
        let local = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let minutesLeft = max(0, Int(attempt.deadline.timeIntervalSinceNow / 60))
        let iso = attempt.deadline.formatted(Date.ISO8601FormatStyle())
        let main: HTML = """
        <h1>\(title(definition))</h1>
        <p class="notice">\(strings.format(.submitBeforeLocal, ["time": local]))</p>
        <p class="countdown" role="timer" data-deadline="\(iso)" data-label="\(strings[.timeLeft])">\(strings.format(.timeLeft, ["minutes": String(minutesLeft)]))</p>
        \(confirm)
        <form class="attempt-form" method="post" action="\(link("app/attempts/\(attempt.id)"))">
        \(csrfField(session))
        \(fieldsets)
        <p><button type="submit">\(strings[.submitAnswers])</button>\(confirmButton)</p>
        </form>
        """
        return render(title: title(definition), main: main, session: session)
    }

    /// The result, and the review when the assessment's review policy allows it.
    func attemptResult(_ definition: Quizzes.Definition, attempt: AttemptRecord, answers: [GradedAnswer], session: AcademyStore.Session) -> Response {
        let passed = attempt.passed == true
        let headline: HTML = attempt.percent == nil
            ? "<p class=\"notice notice-error\">\(strings[.expiredNotice])</p>"
            : "<p class=\"result result-\(passed ? "passed" : "failed")\"><strong>\(strings.format(.yourScore, ["percent": String(attempt.percent ?? 0)]))</strong> — \(passed ? strings[.passed] : strings[.failed])</p>"
        var review: HTML
        if attempt.percent != nil && AttemptPolicy.mayReview(definition.rules.review, passed: passed) {
            let byQuestion = Dictionary(uniqueKeysWithValues: answers.map { ($0.question, $0) })
            let items: [HTML] = attempt.questions.enumerated().compactMap { number, drawn in
                guard let question = definition.questions[drawn.id].map(localized) else { return nil }
                return reviewItem(question, number: number + 1, graded: byQuestion[question.id])
            }
            review = "<h2>\(strings[.reviewHeading])</h2><ol class=\"review\">\(items)</ol>"
        } else {
            review = "<p>\(definition.rules.review == .afterPass ? strings[.reviewAfterPass] : strings[.reviewNotAvailable])</p>"
        }
        if attempt.percent == nil { review = .empty }
        let main: HTML = """
        <h1>\(title(definition))</h1>
        \(headline)
        \(review)
        <p><a href="\(link("app/dashboard"))">\(strings[.dashboard])</a></p>
        """
        return render(title: title(definition), main: main, session: session)
    }

    func reviewItem(_ question: Question, number: Int, graded: GradedAnswer?) -> HTML {
        let right = (graded?.score ?? 0) >= 1
        let status: HTML = right ? "<span class=\"status status-done\">✓ \(strings[.rightLabel])</span>" : "<span class=\"status status-wrong\">✗ \(strings[.wrongLabel])</span>"
        var feedback: [String] = []
        if !right {
            if case .choice(let index)? = graded?.answer, let text = question.choices?[safe: index]?.feedback { feedback.append(text) }
            if case .choices(let indices)? = graded?.answer {
                feedback += indices.compactMap { question.choices?[safe: $0] }.filter { !$0.correct }.compactMap(\.feedback)
            }
            if let general = question.feedback { feedback.append(general) }
        }
        let feedbackHTML: [HTML] = feedback.map { "<p class=\"feedback\">\($0)</p>" }
        let prompt = question.kind == .classification ? "«\(question.utterance ?? "")»" : question.prompt
        return """
        <li class="review-item"><p class="question-text">\(prompt) \(status)</p>\(staleNote(question))
        <p><span class="meta">\(strings[.yourAnswer]):</span> \(describe(graded?.answer, for: question))</p>
        <p><span class="meta">\(strings[.correctAnswer]):</span> \(describeKey(question))</p>
        \(feedbackHTML)
        <p><span class="meta">\(strings[.explanation]):</span> \(question.explanation)</p></li>
        """
    }

    /// Under a translated question whose English changed after it was translated: the day, and the
    /// same page in English.
    func staleNote(_ question: Question) -> HTML {
        guard let day = question.translation?.sourceUpdated else { return .empty }
        let english = (path.split(separator: "/").last.map(String.init) ?? "") + "?lang=" + course.defaultLanguage
        return """
            <p class="notice-stale meta">\(strings.format(.translationStaleQuestion, ["date": strings.day(iso: day)])) \
            <a href="\(english)" hreflang="\(course.defaultLanguage)">\(strings[.readEnglish])</a></p>
            """
    }

    /// An assessment's title in this page's language.
    func title(_ definition: Quizzes.Definition) -> String {
        switch definition.ref {
        case .quiz(let module): course.module(module)?.title ?? definition.title
        case .exam(let id): course.exams.first { $0.id == id }?.title ?? definition.title
        case .test(_, let form): strings.format(.testFormName, ["form": TestForm.letter(ofID: form)])
        }
    }

    func describe(_ answer: Answer?, for question: Question) -> String {
        guard let answer else { return strings[.noAnswer] }
        switch answer {
        case .choice(let index): return question.choices?[safe: index]?.text ?? "?"
        case .choices(let indices): return indices.compactMap { question.choices?[safe: $0]?.text }.joined(separator: "; ")
        case .truth(let value): return value ? strings[.trueLabel] : strings[.falseLabel]
        case .order(let order): return order.compactMap { question.items?[safe: $0] }.joined(separator: " → ")
        case .matches(let matches):
            return matches.enumerated().compactMap { left, right in
                guard let l = question.pairs?[safe: left]?.left, let r = question.pairs?[safe: right]?.right else { return nil }
                return "\(l) — \(r)"
            }.joined(separator: "; ")
        case .promptType(let type): return promptTypeLabel(type)
        }
    }

    func describeKey(_ question: Question) -> String {
        switch question.kind {
        case .single, .multiple: (question.choices ?? []).filter(\.correct).map(\.text).joined(separator: "; ")
        case .trueFalse: question.answer == true ? strings[.trueLabel] : strings[.falseLabel]
        case .ordering: (question.items ?? []).joined(separator: " → ")
        case .matching: (question.pairs ?? []).map { "\($0.left) — \($0.right)" }.joined(separator: "; ")
        case .classification: question.promptType.map(promptTypeLabel) ?? ""
        }
    }

    /// The untimed classification drill: one utterance, then its feedback.
    func drill(_ question: Question, session: AcademyStore.Session, outcome: (answer: PromptType, right: Bool)?) -> Response {
        let question = localized(question)
        var body: HTML
        if let outcome {
            let verdict: HTML = outcome.right ? "<p class=\"status status-done\">✓ \(strings[.rightLabel])</p>" : "<p class=\"status status-wrong\">✗ \(strings[.wrongLabel])</p>"
            let feedback: HTML = outcome.right ? .empty : "<p class=\"feedback\">\(question.feedback ?? "")</p>"
            body = """
            \(verdict)
            <p><span class="meta">\(strings[.yourAnswer]):</span> \(promptTypeLabel(outcome.answer))</p>
            <p><span class="meta">\(strings[.correctAnswer]):</span> \(question.promptType.map(promptTypeLabel) ?? "")</p>
            \(feedback)
            <p><span class="meta">\(strings[.explanation]):</span> \(question.explanation)</p>
            <p><a class="button" href="\(link("app/drill"))">\(strings[.nextItem])</a></p>
            """
        } else {
            let options: [HTML] = PromptType.allCases.map {
                "<label class=\"option\"><input type=\"radio\" name=\"answer\" value=\"\($0.rawValue)\" required> \(promptTypeLabel($0))</label>"
            }
            body = """
            <form method="post" action="\(link("app/drill"))">\(csrfField(session))
            <input type="hidden" name="question" value="\(question.id)">
            <fieldset class="question"><legend>\(strings[.interviewerSays])</legend>\(options)</fieldset>
            <button type="submit">\(strings[.checkAnswer])</button></form>
            """
        }
        let context: HTML = question.context.map { "<p class=\"context\"><span class=\"meta\">\(strings[.childSaid]):</span> \($0)</p>" } ?? .empty
        let main: HTML = """
        <h1>\(strings[.drill])</h1>
        <p>\(strings[.drillIntro])</p>
        \(context)
        <p class="utterance"><span class="meta">\(strings[.interviewerSays]):</span> «\(question.utterance ?? "")»</p>
        \(body)
        """
        return render(title: strings[.drill], main: main, session: session)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

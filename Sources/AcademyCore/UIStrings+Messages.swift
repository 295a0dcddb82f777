import Foundation

/// The domain's refusals and findings in the reader's language. The rules (`AttemptPolicy`,
/// `CertificationPolicy`, `Rubric`, `Grader`, `Roster`) say what happened as values; only these put it in
/// words, so that a page or an API answer in Russian or Kyrgyz never shows an English sentence.
extension UIStrings {
    /// The Academy's time zone: times a trainee reads are Bishkek times.
    public static let academyTimeZone = TimeZone(identifier: "Asia/Bishkek") ?? .gmt

    /// Why no attempt may start now.
    public func refusal(_ refusal: AttemptPolicy.Refusal, timeZone: TimeZone = academyTimeZone) -> String {
        switch refusal {
        case .alreadyPassed: self[.quizAlreadyPassed]
        case .noAttemptsLeft(let allowed): format(.quizNoAttemptsLeft, ["allowed": String(allowed)])
        case .coolingDown(let until): format(.quizCoolingDown, ["time": dateTime(until, timeZone: timeZone)])
        }
    }

    /// One line of a programme's checklist: what it asks for and how far the candidate has got.
    public func requirement(_ requirement: CertificationPolicy.Requirement) -> String {
        switch requirement {
        case .lessons(let studied, let total):
            format(.requirementLessons, ["done": String(studied), "total": String(total)])
        case .quizzes(let passed, let total):
            format(.requirementQuizzes, ["passed": String(passed), "total": String(total)])
        case .exam(let title, let passed):
            format(passed ? .requirementExamPassed : .requirementExamNotPassed, ["exam": title])
        case .practical(let rubric, let passes, let required, let assessors, let distinct):
            format(distinct > 1 ? .requirementPracticalAssessors : .requirementPractical, [
                "rubric": rubric, "passed": String(passes), "required": String(required),
                "assessors": String(assessors), "distinct": String(distinct),
            ])
        case .certification(let programme, let held):
            format(held ? .requirementCertificationHeld : .requirementCertificationMissing, ["programme": programme])
        }
    }

    /// Why an observed assessment did not pass.
    public func shortfall(_ shortfall: Rubric.Shortfall) -> String {
        switch shortfall {
        case .critical(let criterion, let score, let minimum):
            format(.shortfallCritical, ["criterion": criterion, "score": String(score), "minimum": String(minimum)])
        case .average(let average, let minimum):
            format(.shortfallAverage, ["average": decimal(average), "minimum": decimal(minimum)])
        case .belowEach(let criterion, let score, let minimum):
            format(.shortfallEach, ["criterion": criterion, "score": String(score), "minimum": String(minimum)])
        case .belowOwn(let criterion, let score, let minimum):
            format(.shortfallCriterion, ["criterion": criterion, "score": String(score), "minimum": String(minimum)])
        }
    }

    /// A number with two decimals, with the decimal sign of this language (a comma in Russian and Kyrgyz).
    public func decimal(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        return language == "en" ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// Why a rubric's scores cannot be recorded. Criteria are named by id, as the scores name them.
    public func scoreError(_ error: Rubric.ScoreError) -> String {
        switch error {
        case .missing(let criterion): format(.errorScoreMissing, ["criterion": criterion])
        case .unknown(let criterion): format(.errorScoreUnknown, ["criterion": criterion])
        case .outOfScale(let criterion, let score): format(.errorScoreOutOfScale, ["criterion": criterion, "score": String(score)])
        case .alwaysApplies(let criterion): format(.errorScoreAlwaysApplies, ["criterion": criterion])
        case .scoredAndNotApplicable(let criterion): format(.errorScoreBoth, ["criterion": criterion])
        }
    }

    /// Why an answer cannot be graded.
    public func answerError(_ error: AnswerError) -> String {
        switch error {
        case .wrongKind(let question, let expected): format(.errorAnswerWrongKind, ["question": question, "kind": expected.rawValue])
        case .outOfRange(let question): format(.errorAnswerOutOfRange, ["question": question])
        }
    }

    /// Why a submission cannot be graded.
    public func submissionError(_ error: SubmissionError) -> String {
        switch error {
        case .notDrawn(let question): format(.errorAnswerNotDrawn, ["question": question])
        case .invalidAnswer(_, let reason): answerError(reason)
        case .assessmentRemoved: self[.errorAssessmentRemoved]
        }
    }

    /// Why a CSV file (a roster) cannot be read, without its line.
    public func csvProblem(_ reason: CSV.ParseError.Reason) -> String {
        switch reason {
        case .quoteInUnquotedField: self[.csvQuoteInField]
        case .textAfterClosingQuote: self[.csvTextAfterQuote]
        case .unclosedQuote: self[.csvUnclosedQuote]
        case .emptyRoster: self[.rosterEmpty]
        case .noNameColumn: self[.rosterNoNameColumn]
        case .unknownColumn(let column): format(.rosterUnknownColumn, ["column": column])
        case .tooManyRows(let count): format(.rosterTooManyRows, ["count": String(count)])
        }
    }

    /// Why a CSV file cannot be read: the file's name, the line and the problem.
    public func csvError(_ error: CSV.ParseError, file: String) -> String {
        format(.rosterError, ["file": file, "line": String(error.line), "problem": csvProblem(error.reason)])
    }

    /// Why a roster's row cannot be enrolled.
    public func rosterProblem(_ problem: Roster.Problem) -> String {
        switch problem {
        case .fieldCount(let count, let expected): format(.rosterFieldCount, ["count": String(count), "expected": String(expected)])
        case .nameEmpty: self[.rosterNameEmpty]
        case .nameTooLong: self[.rosterNameTooLong]
        case .loginRule(let login): format(.rosterLoginRule, ["login": login])
        case .loginRepeated(let login, let line): format(.rosterLoginRepeated, ["login": login, "line": String(line)])
        case .administrator(let login): format(.rosterAdminAccount, ["login": login])
        case .disabled(let login): format(.rosterAccountDisabled, ["login": login])
        case .otherTrack(let login, let track, let cohortTrack):
            format(.rosterOtherTrack, ["login": login, "track": track ?? "—", "cohort_track": cohortTrack])
        }
    }
}

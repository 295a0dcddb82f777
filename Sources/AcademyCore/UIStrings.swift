import Foundation

/// The UI strings of one language. Every key in `UIStrings.Key` must exist in every locale file; the
/// build fails otherwise, so a page never shows a raw key.
public struct UIStrings: Sendable, Hashable, Codable {
    public enum Key: String, CaseIterable, Sendable {
        case languageName = "language_name"
        case skipToContent = "skip_to_content"
        case chooseLanguage = "choose_language"
        case home
        case glossary
        case manual
        case search
        case searchLabel = "search_label"
        case searchButton = "search_button"
        case searchNoResults = "search_no_results"
        case searchResults = "search_results"
        case searchNeedsScript = "search_needs_script"
        case breadcrumbs
        case courseNavigation = "course_navigation"
        case tracks
        case modules
        case module
        case lessons
        case objectives
        case minutes
        case duration
        case previous
        case next
        case quiz
        case quizDescription = "quiz_description"
        case quizStart = "quiz_start"
        case quizNeedsServer = "quiz_needs_server"
        case exam
        case fallbackNotice = "fallback_notice"
        case machineAssisted = "machine_assisted"
        case contentNote = "content_note"
        case asideCallout = "aside_callout"
        case asideVignette = "aside_vignette"
        case asideFacilitator = "aside_facilitator"
        case asideKeypoints = "aside_keypoints"
        case sources
        case contentVersion = "content_version"
        case manualIntro = "manual_intro"
        case tableOfContents = "table_of_contents"
        case printManual = "print_manual"
        case glossaryIntro = "glossary_intro"
        case footer
        case studied
        case markStudied = "mark_studied"
        case signIn = "sign_in"
        case signOut = "sign_out"
        case loginLabel = "login_label"
        case passwordLabel = "password_label"
        case currentPassword = "current_password"
        case newPassword = "new_password"
        case repeatPassword = "repeat_password"
        case changePassword = "change_password"
        case mustChangePassword = "must_change_password"
        case passwordChanged = "password_changed"
        case passwordsDiffer = "passwords_differ"
        case passwordTooShort = "password_too_short"
        case wrongPassword = "wrong_password"
        case wrongCredentials = "wrong_credentials"
        case tooManyAttempts = "too_many_attempts"
        case dashboard
        case yourTrack = "your_track"
        case progressSummary = "progress_summary"
        case nextLesson = "next_lesson"
        case allStudied = "all_studied"
        case noTrack = "no_track"
        case accounts
        case createAccount = "create_account"
        case nameLabel = "name_label"
        case roleLabel = "role_label"
        case trackLabel = "track_label"
        case roleTrainee = "role_trainee"
        case roleAdmin = "role_admin"
        case resetPassword = "reset_password"
        case disableAccount = "disable_account"
        case disabled
        case oneTimePassword = "one_time_password"
        case errorTitle = "error_title"
        case signedInAs = "signed_in_as"
        case notFound = "not_found"
        case quizRules = "quiz_rules"
        case startAttempt = "start_attempt"
        case resumeAttempt = "resume_attempt"
        case submitAnswers = "submit_answers"
        case submitBefore = "submit_before"
        case yourScore = "your_score"
        case passed
        case failed
        case expiredNotice = "expired_notice"
        case reviewHeading = "review_heading"
        case reviewNotAvailable = "review_not_available"
        case reviewAfterPass = "review_after_pass"
        case yourAnswer = "your_answer"
        case correctAnswer = "correct_answer"
        case explanation
        case noAnswer = "no_answer"
        case trueLabel = "true_label"
        case falseLabel = "false_label"
        case positionLabel = "position_label"
        case matchLabel = "match_label"
        case chooseLabel = "choose_label"
        case childSaid = "child_said"
        case interviewerSays = "interviewer_says"
        case promptInvitation = "prompt_invitation"
        case promptCuedInvitation = "prompt_cued_invitation"
        case promptDirective = "prompt_directive"
        case promptOptionPosing = "prompt_option_posing"
        case promptSuggestive = "prompt_suggestive"
        case drill
        case drillIntro = "drill_intro"
        case checkAnswer = "check_answer"
        case nextItem = "next_item"
        case rightLabel = "right_label"
        case wrongLabel = "wrong_label"
        case quizResults = "quiz_results"
        case weakestObjectives = "weakest_objectives"
        case bestScore = "best_score"
        case certifications
        case certificate
        case verifyTitle = "verify_title"
        case statusValid = "status_valid"
        case statusExpired = "status_expired"
        case statusRevoked = "status_revoked"
        case issuedOn = "issued_on"
        case expiresOn = "expires_on"
        case neverExpires = "never_expires"
        case holder
        case programmeLabel = "programme_label"
        case verificationCode = "verification_code"
        case verifyAt = "verify_at"
        case assess
        case candidateLogin = "candidate_login"
        case observedOn = "observed_on"
        case placeLabel = "place_label"
        case notesLabel = "notes_label"
        case notApplicable = "not_applicable"
        case trainerPack = "trainer_pack"
        case trainerPackNotice = "trainer_pack_notice"
        case trainerKindSessionPlan = "trainer_kind_session_plan"
        case trainerKindTranscript = "trainer_kind_transcript"
        case trainerKindCards = "trainer_kind_cards"
        case trainerKindSheet = "trainer_kind_sheet"
        case trainerKindForm = "trainer_kind_form"
        case trainerKindTest = "trainer_kind_test"
        case trainerKindKey = "trainer_kind_key"
        case trainerKindRegister = "trainer_kind_register"
        case trainerPrint = "trainer_print"
        case chooseRubric = "choose_rubric"
        case recordButton = "record_button"
        case assessmentPassed = "assessment_passed"
        case assessmentFailed = "assessment_failed"
        case certifiedNow = "certified_now"
        case stillMissing = "still_missing"
        case founding
        case reasonLabel = "reason_label"
        case revoke
        case reviewQueue = "review_queue"
        case keepCertification = "keep_certification"
        case lineage
        case assessedBy = "assessed_by"
        case foundedBy = "founded_by"
        case expiresSoon = "expires_soon"
        case printCertificate = "print_certificate"
        case yourAssessments = "your_assessments"
        case administration
        case cohorts
        case exportTitle = "export_title"
        case kindPreService = "kind_pre_service"
        case kindInService = "kind_in_service"
        case noCohorts = "no_cohorts"
        case cohortKind = "cohort_kind"
        case datesLabel = "dates_label"
        case noCertifiedInstructors = "no_certified_instructors"
        case instructorsLabel = "instructors_label"
        case createCohort = "create_cohort"
        case cohortCode = "cohort_code"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case noMembers = "no_members"
        case moduleProgress = "module_progress"
        case trainees
        case completionOverTime = "completion_over_time"
        case scoreDistribution = "score_distribution"
        case weakestCohortObjectives = "weakest_cohort_objectives"
        case importRoster = "import_roster"
        case importHelp = "import_help"
        case rosterFile = "roster_file"
        case previewButton = "preview_button"
        case enrolOne = "enrol_one"
        case loginOptional = "login_optional"
        case enrolButton = "enrol_button"
        case resultCreate = "result_create"
        case resultEnrol = "result_enrol"
        case resultDuplicate = "result_duplicate"
        case resultRejected = "result_rejected"
        case previewSummary = "preview_summary"
        case nothingToEnrol = "nothing_to_enrol"
        case confirmEnrolment = "confirm_enrolment"
        case previewTitle = "preview_title"
        case rowLine = "row_line"
        case rowResult = "row_result"
        case downloadPasswords = "download_passwords"
        case passwordsNote = "passwords_note"
        case enrolledSummary = "enrolled_summary"
        case cohortDashboard = "cohort_dashboard"
        case traineeRecord = "trainee_record"
        case scoreLabel = "score_label"
        case attemptsLabel = "attempts_label"
        case statusLabel = "status_label"
        case completedOn = "completed_on"
        case exportFormat = "export_format"
        case allCohorts = "all_cohorts"
        case allTracks = "all_tracks"
        case sinceLabel = "since_label"
        case untilLabel = "until_label"
        case bomLabel = "bom_label"
        case exportButton = "export_button"
        case changedSincePreview = "changed_since_preview"
        case oneTimePasswordsTitle = "one_time_passwords_title"
        case statusNotStarted = "status_not_started"
        case statusInProgress = "status_in_progress"
        case statusCompleted = "status_completed"
        case statusCertified = "status_certified"
        case navLabel = "nav_label"
        case navQuizzes = "nav_quizzes"
        case navAssessments = "nav_assessments"
        case navExport = "nav_export"
        case auditTitle = "audit_title"
        case auditIntro = "audit_intro"
        case auditChainOK = "audit_chain_ok"
        case auditChainBroken = "audit_chain_broken"
        case auditActor = "audit_actor"
        case auditAction = "audit_action"
        case auditSubject = "audit_subject"
        case auditDetails = "audit_details"
        case auditWhen = "audit_when"
        case auditAny = "audit_any"
        case auditFilter = "audit_filter"
        case auditNone = "audit_none"
        case auditOlder = "audit_older"
        case auditNewest = "audit_newest"
        case adminSummary = "admin_summary"
        case verifyIntro = "verify_intro"
        case verifyButton = "verify_button"
        case verifyNotFound = "verify_not_found"
        case verifyAnother = "verify_another"
        case verificationAddressMissing = "verification_address_missing"
        case qrCodeLabel = "qr_code_label"
        case noCertificationsYet = "no_certifications_yet"
        case yourProgrammes = "your_programmes"
        case passwordTooLong = "password_too_long"
        case passwordSameAsCurrent = "password_same_as_current"
        case passwordPersonal = "password_personal"
        case passwordCommon = "password_common"
        case passwordHint = "password_hint"
        case attemptsLeft = "attempts_left"
        case waitAfterWrong = "wait_after_wrong"
        case signInPaused = "sign_in_paused"
        case askForReset = "ask_for_reset"
        case durationSecond = "duration_second"
        case durationSeconds = "duration_seconds"
        case durationMinute = "duration_minute"
        case durationMinutes = "duration_minutes"
        case quizTake = "quiz_take"
        case quizNotStarted = "quiz_not_started"
        case trackStep = "track_step"
        case manualModule = "manual_module"
        case examOtherTrack = "exam_other_track"
        case examMissingLessons = "exam_missing_lessons"
        case examMissingQuizzes = "exam_missing_quizzes"
        case examBefore = "exam_before"
        case confirmIncomplete = "confirm_incomplete"
        case submitAnyway = "submit_anyway"
        case unansweredLabel = "unanswered_label"
        case facilitatorSummary = "facilitator_summary"
        case signInRequired = "sign_in_required"
        case resultNameDiffers = "result_name_differs"
        case errorRequired = "error_required"
        case errorNameTooLong = "error_name_too_long"
        case errorCodeRule = "error_code_rule"
        case errorChoose = "error_choose"
        case errorKindTrack = "error_kind_track"
        case errorDate = "error_date"
        case errorEndBeforeStart = "error_end_before_start"
        case errorNotCertified = "error_not_certified"
        case errorCodeTaken = "error_code_taken"
        case errorCheckFields = "error_check_fields"
        case chartEmpty = "chart_empty"
        case confirmDisableTitle = "confirm_disable_title"
        case confirmDisableText = "confirm_disable_text"
        case cancel
        case accountDisabledNotice = "account_disabled_notice"
        case enableAccount = "enable_account"
        case accountEnabledNotice = "account_enabled_notice"
        case lastAdminRefused = "last_admin_refused"
        case selfDisableRefused = "self_disable_refused"
        case confirmFoundTitle = "confirm_found_title"
        case confirmFoundText = "confirm_found_text"
        case confirmFoundButton = "confirm_found_button"
        case foundedNotice = "founded_notice"
        case unknownLogin = "unknown_login"
        case loginTaken = "login_taken"
        case quizAttemptsLeft = "quiz_attempts_left"
        case timeLeft = "time_left"
        case submitBeforeLocal = "submit_before_local"
        case confirmResetTitle = "confirm_reset_title"
        case confirmResetText = "confirm_reset_text"
        case confirmRevokeTitle = "confirm_revoke_title"
        case confirmRevokeText = "confirm_revoke_text"
        case revokedNotice = "revoked_notice"
        case formExpired = "form_expired"
        case errorBodyTooLarge = "error_body_too_large"
        case errorJsonRequired = "error_json_required"
        case errorFormRequired = "error_form_required"
        case errorMultipartRequired = "error_multipart_required"
        case errorUploadMalformed = "error_upload_malformed"
        case errorFieldMissing = "error_field_missing"
        case errorFieldType = "error_field_type"
        case errorFieldInvalid = "error_field_invalid"
        case errorFieldRequired = "error_field_required"
        case errorBodyShape = "error_body_shape"
        case errorBodyNotJson = "error_body_not_json"
        case errorSignInFirst = "error_sign_in_first"
        case errorChangePasswordFirst = "error_change_password_first"
        case errorOtherRolePage = "error_other_role_page"
        case errorOtherRole = "error_other_role"
        case errorCsrfForm = "error_csrf_form"
        case errorCsrfHeader = "error_csrf_header"
        case errorMethodNotAllowed = "error_method_not_allowed"
        case quizAlreadyPassed = "quiz_already_passed"
        case quizNoAttemptsLeft = "quiz_no_attempts_left"
        case quizCoolingDown = "quiz_cooling_down"
        case errorAssessmentRemoved = "error_assessment_removed"
        case errorAttemptNotFound = "error_attempt_not_found"
        case errorAttemptClosed = "error_attempt_closed"
        case errorAnswerNotDrawn = "error_answer_not_drawn"
        case errorAnswerWrongKind = "error_answer_wrong_kind"
        case errorAnswerOutOfRange = "error_answer_out_of_range"
        case errorAnswerInvalid = "error_answer_invalid"
        case errorNoAssessment = "error_no_assessment"
        case errorReviewUnavailable = "error_review_unavailable"
        case errorNoQuiz = "error_no_quiz"
        case errorNoExam = "error_no_exam"
        case errorNoDrillItems = "error_no_drill_items"
        case errorDrillAllHeld = "error_drill_all_held"
        case errorDrillItemHeld = "error_drill_item_held"
        case errorUnknownDrillItem = "error_unknown_drill_item"
        case errorChoosePromptType = "error_choose_prompt_type"
        case errorNoLesson = "error_no_lesson"
        case errorNoTrainerMaterial = "error_no_trainer_material"
        case errorNoActiveAccount = "error_no_active_account"
        case errorSelfAssessment = "error_self_assessment"
        case errorNotAssessorFor = "error_not_assessor_for"
        case errorRubricNotInProgramme = "error_rubric_not_in_programme"
        case errorScoreMissing = "error_score_missing"
        case errorScoreUnknown = "error_score_unknown"
        case errorScoreOutOfScale = "error_score_out_of_scale"
        case errorScoreAlwaysApplies = "error_score_always_applies"
        case errorScoreBoth = "error_score_both"
        case errorNoCertificate = "error_no_certificate"
        case errorNotAssessor = "error_not_assessor"
        case errorChooseProgramme = "error_choose_programme"
        case errorChooseRubric = "error_choose_rubric"
        case errorNoProgramme = "error_no_programme"
        case errorNoRubric = "error_no_rubric"
        case errorNoCertification = "error_no_certification"
        case errorNotInReviewQueue = "error_not_in_review_queue"
        case errorFoundingReason = "error_founding_reason"
        case errorRevocationReason = "error_revocation_reason"
        case errorAlreadyRevoked = "error_already_revoked"
        case requirementLessons = "requirement_lessons"
        case requirementQuizzes = "requirement_quizzes"
        case requirementExamPassed = "requirement_exam_passed"
        case requirementExamNotPassed = "requirement_exam_not_passed"
        case requirementPractical = "requirement_practical"
        case requirementPracticalAssessors = "requirement_practical_assessors"
        case requirementCertificationHeld = "requirement_certification_held"
        case requirementCertificationMissing = "requirement_certification_missing"
        case shortfallCritical = "shortfall_critical"
        case shortfallAverage = "shortfall_average"
        case shortfallEach = "shortfall_each"
        case shortfallCriterion = "shortfall_criterion"
        case errorDownloadGone = "error_download_gone"
        case errorNoCohort = "error_no_cohort"
        case errorExportFormat = "error_export_format"
        case errorNoTrack = "error_no_track"
        case errorRosterMissing = "error_roster_missing"
        case errorRosterNotUtf8 = "error_roster_not_utf8"
        case rosterError = "roster_error"
        case csvQuoteInField = "csv_quote_in_field"
        case csvTextAfterQuote = "csv_text_after_quote"
        case csvUnclosedQuote = "csv_unclosed_quote"
        case rosterEmpty = "roster_empty"
        case rosterNoNameColumn = "roster_no_name_column"
        case rosterUnknownColumn = "roster_unknown_column"
        case rosterTooManyRows = "roster_too_many_rows"
        case rosterFieldCount = "roster_field_count"
        case rosterNameEmpty = "roster_name_empty"
        case rosterNameTooLong = "roster_name_too_long"
        case rosterLoginRule = "roster_login_rule"
        case rosterLoginRepeated = "roster_login_repeated"
        case rosterAdminAccount = "roster_admin_account"
        case rosterAccountDisabled = "roster_account_disabled"
        case rosterOtherTrack = "roster_other_track"
        case errorStorage = "error_storage"
        case errorNoRoute = "error_no_route"
        case formCriterion = "form_criterion"
        case formEvidence = "form_evidence"
        case formCritical = "form_critical"
        case formNotApplicable = "form_not_applicable"
        case formCandidate = "form_candidate"
        case formAssessor = "form_assessor"
        case formDate = "form_date"
        case formProgramme = "form_programme"
        case formPassRule = "form_pass_rule"
        case formResult = "form_result"
        case formSignature = "form_signature"
        case observationFormTitle = "observation_form_title"
        case passRuleCritical = "pass_rule_critical"
        case passRuleEach = "pass_rule_each"
        case passRuleNamed = "pass_rule_named"
        case passRuleAverage = "pass_rule_average"
        case passRuleNone = "pass_rule_none"
        case passRuleSentence = "pass_rule_sentence"
        case testWhichType = "test_which_type"
        case testItemSource = "test_item_source"
        case testAbout = "test_about"
        case testName = "test_name"
        case testCohort = "test_cohort"
        case testInstructions = "test_instructions"
        case testKeyAnswersTo = "test_key_answers_to"
        case testKeyRules = "test_key_rules"
        case testKeyTitle = "test_key_title"
        case testTickEvery = "test_tick_every"
        case testNumberSteps = "test_number_steps"
        case testInOrder = "test_in_order"
        case testWriteLetter = "test_write_letter"
        case testChildSaid = "test_child_said"
        case testInterviewerSays = "test_interviewer_says"
        case translationStale = "translation_stale"
        case translationStaleQuestion = "translation_stale_question"
        case readEnglish = "read_english"
        case errorUnknownLanguage = "error_unknown_language"
        case languageSetting = "language_setting"
        case languageSettingHint = "language_setting_hint"
        case saveLanguage = "save_language"
        case exportColLogin = "export_col_login"
        case exportColName = "export_col_name"
        case exportColCohort = "export_col_cohort"
        case exportColTrack = "export_col_track"
        case exportColKind = "export_col_kind"
        case exportColUnit = "export_col_unit"
        case exportColTitle = "export_col_title"
        case exportColLessonsStudied = "export_col_lessons_studied"
        case exportColLessonsTotal = "export_col_lessons_total"
        case exportColStartedAt = "export_col_started_at"
        case exportColCompletedAt = "export_col_completed_at"
        case exportColScore = "export_col_score"
        case exportColAttempts = "export_col_attempts"
        case exportColStatus = "export_col_status"
        case exportColCertificationCode = "export_col_certification_code"
        case exportColCertificationExpires = "export_col_certification_expires"
        case readReference = "read_reference"
    }

    public var language: String
    public var values: [String: String]

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
    }

    /// The heading of a kind of trainer-pack page in this language.
    public func trainerKind(_ kind: TrainerMaterial.Kind) -> String {
        switch kind {
        case .sessionPlan: self[.trainerKindSessionPlan]
        case .transcript: self[.trainerKindTranscript]
        case .cards: self[.trainerKindCards]
        case .sheet: self[.trainerKindSheet]
        case .form: self[.trainerKindForm]
        case .test: self[.trainerKindTest]
        case .key: self[.trainerKindKey]
        case .register: self[.trainerKindRegister]
        }
    }

    /// The name of a prompt type in this language.
    public func promptType(_ type: PromptType) -> String {
        switch type {
        case .invitation: self[.promptInvitation]
        case .cuedInvitation: self[.promptCuedInvitation]
        case .directive: self[.promptDirective]
        case .optionPosing: self[.promptOptionPosing]
        case .suggestive: self[.promptSuggestive]
        }
    }

    public subscript(_ key: Key) -> String {
        values[key.rawValue] ?? key.rawValue
    }

    /// A string with `{name}` placeholders filled in, in one pass: a value is never searched for
    /// placeholders itself, and a placeholder with no argument stays as it is.
    public func format(_ key: Key, _ arguments: [String: String]) -> String {
        let text = self[key]
        guard text.utf8.contains(0x7B) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = arguments[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }
}


extension UIStrings {
    /// A day as this language writes it ("7 December 2026", "7 декабря 2026 г.").
    public func day(_ date: Date, timeZone: TimeZone = UIStrings.academyTimeZone) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language), timeZone: timeZone)
        style.calendar = Calendar(identifier: .gregorian)
        return date.formatted(style)
    }

    /// A day and time, to the minute, in the Academy's time zone.
    public func dateTime(_ date: Date, timeZone: TimeZone = UIStrings.academyTimeZone) -> String {
        var style = Date.FormatStyle(date: .long, time: .shortened, locale: Locale(identifier: language), timeZone: timeZone)
        style.calendar = Calendar(identifier: .gregorian)
        return date.formatted(style)
    }

    /// A day written `yyyy-MM-dd` (as translations record it), in this language; unchanged if it is not one.
    public func day(iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: parts[0], month: parts[1], day: parts[2], hour: 12
        ).date else { return iso }
        return day(date, timeZone: .gmt)
    }
}

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


import AcademyCore
import Foundation
import Testing

@Suite("Certification policy")
struct CertificationTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static var course: Course {
        let lessons = ["l1", "l2"].map { LessonInfo(id: $0, title: $0, minutes: 10, objectives: [], contentHash: "h", words: 1, translations: []) }
        let module = Module(id: "m1", number: 1, title: "M1", summary: "", duration: 1, tracks: ["in-service"], objectives: [], lessons: lessons)
        let rules = AttemptRules(passMark: 80, timeLimitMinutes: 10, attemptsAllowed: 3, cooldownMinutes: 0, review: .immediately)
        let mock = Rubric(id: "mock-interview", title: "Mock interview", description: "", scaleMinimum: 0, scaleMaximum: 3, scaleLabels: ["0", "1", "2", "3"],
                          criteria: [.init(id: "transition", title: "Transition", description: "", critical: true, levels: ["", "", "", ""]),
                                     .init(id: "balance", title: "Prompt balance", description: "", critical: false, levels: ["", "", "", ""]),
                                     .init(id: "closure", title: "Closure", description: "", critical: false, levels: ["", "", "", ""]),
                                     .init(id: "incidents", title: "Separating incidents", description: "", critical: false, levels: ["", "", "", ""],
                                           notApplicableWhen: "Only one incident was disclosed.")],
                          passRule: .init(criticalMinimum: 1, minimumAverage: 2, minimumEach: nil, minimumScores: ["balance": 2]))
        let teachBack = Rubric(id: "teach-back", title: "Teach-back", description: "", scaleMinimum: 1, scaleMaximum: 4, scaleLabels: ["1", "2", "3", "4"],
                               criteria: [.init(id: "objectives", title: "Objectives", description: "", critical: false, levels: ["", "", "", ""]),
                                          .init(id: "calibration", title: "Calibration", description: "", critical: false, levels: ["", "", "", ""])],
                               passRule: .init(criticalMinimum: nil, minimumAverage: nil, minimumEach: 3, minimumScores: ["calibration": 3]))
        let specialist = Programme(
            id: "specialist", title: "Specialist interviewer", track: "in-service",
            requires: Requirements(lessonsStudied: true, quizzesPassed: true, examsPassed: ["final"],
                                   practicals: [.init(rubric: "mock-interview", passes: 2, distinctAssessors: 1)]),
            assessors: ["instructor"], validityMonths: 24, renewal: Requirements(practicals: [.init(rubric: "mock-interview", passes: 1, distinctAssessors: 1)])
        )
        let instructor = Programme(
            id: "instructor", title: "Instructor", track: "in-service",
            requires: Requirements(practicals: [.init(rubric: "teach-back", passes: 2, distinctAssessors: 2)], certifications: ["specialist"]),
            assessors: ["instructor"], validityMonths: 24, renewal: nil
        )
        return Course(
            title: "", subtitle: "", publisher: "", languages: ["en"], defaultLanguage: "en",
            tracks: [Track(id: "in-service", title: "In-service", summary: "", modules: ["m1"], exam: "final")], modules: [module],
            questionBanks: [QuestionBank(module: "m1", rules: rules, draw: 1, spread: .random, questions: [])],
            exams: [Exam(id: "final", title: "Final examination", track: "in-service", rules: rules, draws: [])],
            rubrics: [mock, teachBack], programmes: [specialist, instructor], strings: [:], contentHash: ""
        )
    }

    static func pass(_ rubric: String, by assessor: Int64, passed: Bool = true) -> PracticalResult {
        PracticalResult(rubric: rubric, assessorID: assessor, passed: passed, date: now)
    }

    static let current = HeldCertification(programme: "specialist", issuedAt: now.addingTimeInterval(-86_400), expiresAt: now.addingTimeInterval(86_400 * 300), revokedAt: nil)

    @Test("each requirement is met or explained", arguments: [
        (CandidateRecord(), "specialist", false, ["lessons studied: 0 of 2", "module quizzes passed: 0 of 1", "Final examination: not passed yet", "Mock interview: 0 of 2 passed"]),
        (CandidateRecord(studiedLessons: ["l1"], passedAssessments: ["quiz:m1"], practicals: [pass("mock-interview", by: 7)]),
         "specialist", false, ["lessons studied: 1 of 2", "Final examination: not passed yet", "Mock interview: 1 of 2 passed"]),
        (CandidateRecord(studiedLessons: ["l1", "l2"], passedAssessments: ["quiz:m1", "exam:final"],
                         practicals: [pass("mock-interview", by: 7), pass("mock-interview", by: 7)]), "specialist", true, []),
        // A failed observation does not count.
        (CandidateRecord(studiedLessons: ["l1", "l2"], passedAssessments: ["quiz:m1", "exam:final"],
                         practicals: [pass("mock-interview", by: 7), pass("mock-interview", by: 8, passed: false)]), "specialist", false, ["Mock interview: 1 of 2 passed"]),
        // Two passes by one instructor are not two distinct instructors.
        (CandidateRecord(practicals: [pass("teach-back", by: 7), pass("teach-back", by: 7)], certifications: [current]), "instructor", false,
         ["Teach-back: 2 of 2 passed, by 1 of 2 distinct certified assessors"]),
        (CandidateRecord(practicals: [pass("teach-back", by: 7), pass("teach-back", by: 8)], certifications: [current]), "instructor", true, []),
        // The specialist certification must be current.
        (CandidateRecord(practicals: [pass("teach-back", by: 7), pass("teach-back", by: 8)],
                         certifications: [HeldCertification(programme: "specialist", issuedAt: now.addingTimeInterval(-900_000), expiresAt: now.addingTimeInterval(-1), revokedAt: nil)]),
         "instructor", false, ["Specialist interviewer: not held or not current"]),
    ])
    func evaluate(candidate: CandidateRecord, programme: String, met: Bool, missing: [String]) throws {
        let course = Self.course
        let evaluation = CertificationPolicy.evaluate(candidate, for: try #require(course.programmes.first { $0.id == programme }), in: course, now: Self.now)
        #expect(evaluation.met == met)
        // In the English of the locale file: the words are the UI strings', the numbers the policy's.
        let english = try LocaleFile.strings("en")
        #expect(evaluation.missing.map(english.requirement) == missing)
    }

    @Test("renewal uses the renewal rule")
    func renewal() throws {
        let course = Self.course
        let specialist = try #require(course.programmes.first { $0.id == "specialist" })
        let evaluation = CertificationPolicy.evaluate(CandidateRecord(practicals: [Self.pass("mock-interview", by: 7)]), for: specialist, in: course, now: Self.now, renewal: true)
        #expect(evaluation.met)
    }

    @Test("only a current certified assessor, never the candidate, may assess", arguments: [
        (Int64(7), [HeldCertification(programme: "instructor", issuedAt: now, expiresAt: now.addingTimeInterval(1000), revokedAt: nil)], Int64(9), true),
        (7, [HeldCertification(programme: "instructor", issuedAt: now, expiresAt: now.addingTimeInterval(1000), revokedAt: nil)], 7, false),
        (7, [HeldCertification(programme: "instructor", issuedAt: now.addingTimeInterval(-9000), expiresAt: now.addingTimeInterval(-1), revokedAt: nil)], 9, false),
        (7, [HeldCertification(programme: "instructor", issuedAt: now, expiresAt: nil, revokedAt: now)], 9, false),
        (7, [HeldCertification(programme: "specialist", issuedAt: now, expiresAt: nil, revokedAt: nil)], 9, false),
        (7, [], 9, false),
    ])
    func mayAssess(assessor: Int64, certifications: [HeldCertification], candidate: Int64, allowed: Bool) throws {
        let programme = try #require(Self.course.programmes.first { $0.id == "specialist" })
        #expect(CertificationPolicy.mayAssess(assessorID: assessor, assessorCertifications: certifications, candidateID: candidate, programme: programme, now: Self.now) == allowed)
    }

    @Test("validity, expiry warning and status")
    func validity() throws {
        let programme = try #require(Self.course.programmes.first { $0.id == "specialist" })
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let expiry = try #require(CertificationPolicy.expiry(of: programme, issuedAt: issued))
        let months = Calendar(identifier: .gregorian).dateComponents([.month], from: issued, to: expiry).month
        #expect(months == 24)
        let held = HeldCertification(programme: "specialist", issuedAt: issued, expiresAt: expiry, revokedAt: nil)
        #expect(!CertificationPolicy.expiresSoon(held, now: expiry.addingTimeInterval(-61 * 86_400)))
        #expect(CertificationPolicy.expiresSoon(held, now: expiry.addingTimeInterval(-59 * 86_400)))
        #expect(held.status(now: expiry) == .expired)
        #expect(HeldCertification(programme: "x", issuedAt: issued, expiresAt: nil, revokedAt: issued).status(now: issued) == .revoked)
    }

    @Test("an assessment that completes a programme issues it on its passed practicals; a holder renews only in the window, on newer ones")
    func decide() throws {
        let course = Self.course
        let specialist = try #require(course.programmes.first { $0.id == "specialist" })
        func practical(_ id: Int64, passed: Bool = true, daysAgo: Double = 1) -> PracticalResult {
            PracticalResult(rubric: "mock-interview", assessorID: 7, passed: passed, date: Self.now.addingTimeInterval(-daysAgo * 86_400), id: id, programme: "specialist")
        }
        var record = CandidateRecord(studiedLessons: ["l1", "l2"], passedAssessments: ["quiz:m1", "exam:final"], practicals: [practical(1), practical(2, passed: false)])
        #expect(CertificationPolicy.decide(record, for: specialist, in: course, now: Self.now).0 == .none)
        record.practicals.append(practical(3))
        let (first, evaluation) = CertificationPolicy.decide(record, for: specialist, in: course, now: Self.now)
        #expect(evaluation.met)
        #expect(first == .issue(expiresAt: CertificationPolicy.expiry(of: specialist, issuedAt: Self.now), basis: [1, 3], renewing: nil))
        // A holder 30 days from expiry renews on an assessment made since, from the old expiry.
        let held = HeldCertification(programme: "specialist", issuedAt: Self.now.addingTimeInterval(-700 * 86_400),
                                     expiresAt: Self.now.addingTimeInterval(30 * 86_400), revokedAt: nil)
        var holder = CandidateRecord(practicals: [practical(4, daysAgo: 800), practical(5)], certifications: [held])
        #expect(CertificationPolicy.decide(holder, for: specialist, in: course, now: Self.now).0
                == .issue(expiresAt: CertificationPolicy.expiry(of: specialist, issuedAt: held.expiresAt!), basis: [5], renewing: held))
        // 300 days from expiry is outside the window: nothing is issued.
        holder.certifications = [HeldCertification(programme: "specialist", issuedAt: Self.now.addingTimeInterval(-400 * 86_400),
                                                   expiresAt: Self.now.addingTimeInterval(300 * 86_400), revokedAt: nil)]
        #expect(CertificationPolicy.decide(holder, for: specialist, in: course, now: Self.now).0 == .none)
    }

    @Test("rubric pass rules", arguments: [
        ("mock-interview", ["transition": 2, "balance": 2, "closure": 2, "incidents": 2], true, [String]()),
        ("mock-interview", ["transition": 0, "balance": 3, "closure": 3, "incidents": 3], false, ["critical criterion 'Transition' scored 0, below 1"]),
        ("mock-interview", ["transition": 1, "balance": 2, "closure": 2, "incidents": 1], false, ["average 1.50, below 2.00"]),
        ("mock-interview", ["transition": 3, "balance": 1, "closure": 3, "incidents": 3], false, ["'Prompt balance' scored 1, below its minimum 2"]),
        ("teach-back", ["objectives": 3, "calibration": 3], true, []),
        ("teach-back", ["objectives": 2, "calibration": 4], false, ["'Objectives' scored 2, below 3"]),
    ])
    func rubric(id: String, scores: [String: Int], passed: Bool, reasons: [String]) throws {
        let rubric = try #require(Self.course.rubrics.first { $0.id == id })
        let outcome = try rubric.outcome(scores: scores)
        #expect(outcome.passed == passed)
        let english = try LocaleFile.strings("en")
        #expect(outcome.shortfalls.map(english.shortfall) == reasons)
    }

    @Test("rubric scores must be complete, known and on the scale")
    func rubricErrors() throws {
        let rubric = try #require(Self.course.rubrics.first { $0.id == "mock-interview" })
        #expect(throws: Rubric.ScoreError.missing(criterion: "closure")) { try rubric.outcome(scores: ["transition": 2, "balance": 2, "incidents": 2]) }
        #expect(throws: Rubric.ScoreError.unknown(criterion: "charm")) { try rubric.outcome(scores: ["transition": 2, "balance": 2, "closure": 2, "incidents": 2, "charm": 1]) }
        #expect(throws: Rubric.ScoreError.outOfScale(criterion: "balance", score: 4)) { try rubric.outcome(scores: ["transition": 2, "balance": 4, "closure": 2, "incidents": 2]) }
    }

    @Test("a criterion marked not applicable is left out of the pass rule; only criteria that say when may be")
    func notApplicable() throws {
        let rubric = try #require(Self.course.rubrics.first { $0.id == "mock-interview" })
        // With "incidents" scored 0 the average is 1.75 and the attempt fails; one incident leaves it out.
        #expect(try rubric.outcome(scores: ["transition": 2, "balance": 2, "closure": 3, "incidents": 0]).passed == false)
        let outcome = try rubric.outcome(scores: ["transition": 2, "balance": 2, "closure": 3], notApplicable: ["incidents"])
        #expect(outcome.passed)
        #expect(abs(outcome.average - 7.0 / 3.0) < 1e-9)
        #expect(throws: Rubric.ScoreError.alwaysApplies(criterion: "closure")) {
            try rubric.outcome(scores: ["transition": 2, "balance": 2, "incidents": 2], notApplicable: ["closure"])
        }
        #expect(throws: Rubric.ScoreError.alwaysApplies(criterion: "transition")) {
            try rubric.outcome(scores: ["balance": 2, "closure": 2, "incidents": 2], notApplicable: ["transition"])
        }
        #expect(throws: Rubric.ScoreError.scoredAndNotApplicable(criterion: "incidents")) {
            try rubric.outcome(scores: ["transition": 2, "balance": 2, "closure": 2, "incidents": 2], notApplicable: ["incidents"])
        }
    }
}

/// An observation rubric for a practical assessment (the mock interview, the teach-back).
public struct Rubric: Codable, Sendable, Hashable, Identifiable {
    public struct Criterion: Codable, Sendable, Hashable, Identifiable {
        public var id: String
        public var title: String
        public var description: String
        /// A critical criterion scored below `PassRule.criticalMinimum` fails the assessment outright.
        public var critical: Bool
        /// One anchor description per scale point, lowest first.
        public var levels: [String]
        /// When the assessor may mark the criterion not applicable (a single incident leaves nothing to
        /// separate); nil when it always applies. A critical criterion always applies.
        public var notApplicableWhen: String?

        public init(id: String, title: String, description: String, critical: Bool, levels: [String], notApplicableWhen: String? = nil) {
            self.id = id
            self.title = title
            self.description = description
            self.critical = critical
            self.levels = levels
            self.notApplicableWhen = notApplicableWhen
        }
    }

    public struct PassRule: Codable, Sendable, Hashable {
        public var criticalMinimum: Int?
        public var minimumAverage: Double?
        public var minimumEach: Int?
        /// Criterion id → its own minimum.
        public var minimumScores: [String: Int]

        public init(criticalMinimum: Int?, minimumAverage: Double?, minimumEach: Int?, minimumScores: [String: Int]) {
            self.criticalMinimum = criticalMinimum
            self.minimumAverage = minimumAverage
            self.minimumEach = minimumEach
            self.minimumScores = minimumScores
        }
    }

    public var id: String
    public var title: String
    public var description: String
    public var scaleMinimum: Int
    public var scaleMaximum: Int
    /// Label of each scale point, lowest first.
    public var scaleLabels: [String]
    public var criteria: [Criterion]
    public var passRule: PassRule

    public init(
        id: String, title: String, description: String, scaleMinimum: Int, scaleMaximum: Int,
        scaleLabels: [String], criteria: [Criterion], passRule: PassRule
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.scaleMinimum = scaleMinimum
        self.scaleMaximum = scaleMaximum
        self.scaleLabels = scaleLabels
        self.criteria = criteria
        self.passRule = passRule
    }
}

/// What a programme asks of a candidate (or of a holder who renews).
public struct Requirements: Codable, Sendable, Hashable {
    public struct Practical: Codable, Sendable, Hashable {
        public var rubric: String
        public var passes: Int
        public var distinctAssessors: Int

        public init(rubric: String, passes: Int, distinctAssessors: Int) {
            self.rubric = rubric
            self.passes = passes
            self.distinctAssessors = distinctAssessors
        }
    }

    /// Every lesson of the programme's track studied.
    public var lessonsStudied: Bool
    /// Every module quiz of the programme's track passed.
    public var quizzesPassed: Bool
    public var examsPassed: [String]
    public var practicals: [Practical]
    /// Programmes whose current certification the candidate must hold.
    public var certifications: [String]

    public init(
        lessonsStudied: Bool = false, quizzesPassed: Bool = false, examsPassed: [String] = [],
        practicals: [Practical] = [], certifications: [String] = []
    ) {
        self.lessonsStudied = lessonsStudied
        self.quizzesPassed = quizzesPassed
        self.examsPassed = examsPassed
        self.practicals = practicals
        self.certifications = certifications
    }
}

/// A certificate the Academy issues: completion of a track, or a certification that expires.
public struct Programme: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var track: String
    public var requires: Requirements
    /// Holders of a current certification in one of these programmes may assess this one's practicals.
    public var assessors: [String]
    /// Nil: never expires.
    public var validityMonths: Int?
    public var renewal: Requirements?

    public init(
        id: String, title: String, track: String, requires: Requirements, assessors: [String],
        validityMonths: Int?, renewal: Requirements?
    ) {
        self.id = id
        self.title = title
        self.track = track
        self.requires = requires
        self.assessors = assessors
        self.validityMonths = validityMonths
        self.renewal = renewal
    }
}

/// How a translated text stands against the English it was made from.
public struct TranslationState: Codable, Sendable, Hashable {
    /// True until a named person has reviewed the translation.
    public var machineAssisted: Bool
    public var reviewedBy: String?
    /// The day the English changed after the translation was made (`yyyy-MM-dd`); nil while the
    /// translation is current.
    public var sourceUpdated: String?

    public init(machineAssisted: Bool, reviewedBy: String? = nil, sourceUpdated: String? = nil) {
        self.machineAssisted = machineAssisted
        self.reviewedBy = reviewedBy
        self.sourceUpdated = sourceUpdated
    }

    public var isStale: Bool { sourceUpdated != nil }
}

/// One language's texts for the course, keyed by id. A translation replaces texts only, never structure,
/// keys or scores: a course shown in any language grades exactly as the English does.
public struct CourseTranslation: Codable, Sendable, Hashable {
    public struct TrackText: Codable, Sendable, Hashable {
        public var title: String?
        public var summary: String?
        public init(title: String?, summary: String?) {
            self.title = title
            self.summary = summary
        }
    }

    public struct ModuleText: Codable, Sendable, Hashable {
        public var title: String?
        public var summary: String?
        /// Objective id → text.
        public var objectives: [String: String]
        /// Lesson id → title.
        public var lessons: [String: String]
        public init(title: String?, summary: String?, objectives: [String: String], lessons: [String: String]) {
            self.title = title
            self.summary = summary
            self.objectives = objectives
            self.lessons = lessons
        }
    }

    /// A question's texts, positionally matching the source's choices, items and pairs.
    public struct QuestionText: Codable, Sendable, Hashable {
        public struct ChoiceText: Codable, Sendable, Hashable {
            public var text: String
            public var feedback: String?
            public init(text: String, feedback: String?) {
                self.text = text
                self.feedback = feedback
            }
        }

        public var prompt: String?
        public var explanation: String?
        public var feedback: String?
        public var context: String?
        public var utterance: String?
        public var choices: [ChoiceText]?
        public var items: [String]?
        public var pairs: [MatchPair]?
        public var state: TranslationState

        public init(state: TranslationState) {
            self.state = state
        }
    }

    public struct RubricText: Codable, Sendable, Hashable {
        public struct CriterionText: Codable, Sendable, Hashable {
            public var title: String?
            public var description: String?
            /// Anchor descriptions, lowest score first, as many as the source's.
            public var levels: [String]?
            public var notApplicableWhen: String?
            public init(title: String?, description: String?, levels: [String]?, notApplicableWhen: String?) {
                self.title = title
                self.description = description
                self.levels = levels
                self.notApplicableWhen = notApplicableWhen
            }
        }

        public var title: String?
        public var description: String?
        public var scaleLabels: [String]?
        public var criteria: [String: CriterionText]
        public init(title: String?, description: String?, scaleLabels: [String]?, criteria: [String: CriterionText]) {
            self.title = title
            self.description = description
            self.scaleLabels = scaleLabels
            self.criteria = criteria
        }
    }

    public var title: String?
    public var subtitle: String?
    public var publisher: String?
    public var tracks: [String: TrackText] = [:]
    public var programmes: [String: String] = [:]
    public var modules: [String: ModuleText] = [:]
    public var questions: [String: QuestionText] = [:]
    public var exams: [String: String] = [:]
    public var rubrics: [String: RubricText] = [:]
    /// The trainer pack in this language: translated pages and the pages made from translated
    /// assessments. A page missing here is shown in English.
    public var trainerMaterials: [TrainerMaterial] = []

    public init() {}
}

extension Course {
    /// The course with every text this language has a translation for; the English where it has none.
    /// Ids, keys, scores and order are the source's, so grading does not depend on the language.
    public func localized(to language: String) -> Course {
        guard language != defaultLanguage, let text = translations[language] else { return self }
        var course = self
        course.title = text.title ?? title
        course.subtitle = text.subtitle ?? subtitle
        course.publisher = text.publisher ?? publisher
        for index in course.tracks.indices {
            guard let track = text.tracks[course.tracks[index].id] else { continue }
            course.tracks[index].title = track.title ?? course.tracks[index].title
            course.tracks[index].summary = track.summary ?? course.tracks[index].summary
        }
        for index in course.programmes.indices {
            course.programmes[index].title = text.programmes[course.programmes[index].id] ?? course.programmes[index].title
        }
        for index in course.modules.indices {
            guard let module = text.modules[course.modules[index].id] else { continue }
            course.modules[index].title = module.title ?? course.modules[index].title
            course.modules[index].summary = module.summary ?? course.modules[index].summary
            for objective in course.modules[index].objectives.indices {
                let id = course.modules[index].objectives[objective].id
                course.modules[index].objectives[objective].text = module.objectives[id] ?? course.modules[index].objectives[objective].text
            }
            for lesson in course.modules[index].lessons.indices {
                let id = course.modules[index].lessons[lesson].id
                course.modules[index].lessons[lesson].title = module.lessons[id] ?? course.modules[index].lessons[lesson].title
            }
        }
        for bank in course.questionBanks.indices {
            for question in course.questionBanks[bank].questions.indices {
                let id = course.questionBanks[bank].questions[question].id
                if let translated = text.questions[id] { course.questionBanks[bank].questions[question].apply(translated) }
            }
        }
        for index in course.exams.indices {
            course.exams[index].title = text.exams[course.exams[index].id] ?? course.exams[index].title
        }
        for index in course.rubrics.indices {
            if let translated = text.rubrics[course.rubrics[index].id] { course.rubrics[index].apply(translated) }
        }
        if !text.trainerMaterials.isEmpty {
            let translated = Dictionary(text.trainerMaterials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            course.trainerMaterials = course.trainerMaterials.map { translated[$0.id] ?? $0 }
        }
        course.translations = [:]
        return course
    }
}

extension Question {
    /// Replaces this question's texts with a translation's, keeping every key.
    mutating func apply(_ text: CourseTranslation.QuestionText) {
        prompt = text.prompt ?? prompt
        explanation = text.explanation ?? explanation
        feedback = text.feedback ?? feedback
        context = text.context ?? context
        utterance = text.utterance ?? utterance
        if let translated = text.choices, let source = choices, translated.count == source.count {
            choices = zip(source, translated).map { Choice(text: $1.text, correct: $0.correct, feedback: $1.feedback ?? $0.feedback) }
        }
        if let translated = text.items, let source = items, translated.count == source.count { items = translated }
        if let translated = text.pairs, let source = pairs, translated.count == source.count { pairs = translated }
        translation = text.state
    }
}

extension Rubric {
    mutating func apply(_ text: CourseTranslation.RubricText) {
        title = text.title ?? title
        description = text.description ?? description
        if let labels = text.scaleLabels, labels.count == scaleLabels.count { scaleLabels = labels }
        for index in criteria.indices {
            guard let criterion = text.criteria[criteria[index].id] else { continue }
            criteria[index].title = criterion.title ?? criteria[index].title
            criteria[index].description = criterion.description ?? criteria[index].description
            if let levels = criterion.levels, levels.count == criteria[index].levels.count { criteria[index].levels = levels }
            criteria[index].notApplicableWhen = criterion.notApplicableWhen ?? criteria[index].notApplicableWhen
        }
    }

}

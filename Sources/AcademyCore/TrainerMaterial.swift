/// A page of the trainer pack (`Curriculum/trainer/`): rendered by the build into `course.json`, never
/// into the public site, and served only to administrators and certified instructors.
public struct TrainerMaterial: Codable, Sendable, Hashable, Identifiable {
    /// What a page is, which decides where the pack's index lists it and how it prints.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case sessionPlan = "session-plan"
        /// An interview transcript: numbered interviewer prompts with the child's answers.
        case transcript
        /// A card set: each top-level numbered item prints in its own cell on A4, with cut marks.
        case cards
        /// Answers to a card set, a sheet or a test; never handed to learners.
        case key
        /// A handout: passages to rewrite, a case file, a coding grid.
        case sheet
        /// A form filled in during a session (an observation form): prints on one A4 page.
        case form
        /// A pre- or post-test form (generated from `Assessments/tests/`).
        case test
        /// A reference list for instructors, such as the legal provisions to confirm.
        case register
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// The page's body as HTML, its links resolved for `/app/trainer/<id>`.
    public var html: String
    /// In a course localized to another language: how this page's translation stands.
    public var translation: TranslationState?

    public init(id: String, title: String, kind: Kind, html: String) {
        self.id = id
        self.title = title
        self.kind = kind
        self.html = html
    }
}

extension Course {
    /// The ids of the trainer pages the build makes from assessments (observation forms, test forms and
    /// their keys): in every language they come from the translated data, never from a page of text.
    public var generatedTrainerMaterialIDs: Set<String> {
        Set(rubrics.map { "observation-" + $0.id } + testForms.flatMap { [$0.id, $0.id + "-key"] })
    }
}

/// The compiled course: what `academy build` writes to `course.json` and what the server grades against.
/// It holds answer keys, so it is never published with the site.
public struct Course: Codable, Sendable, Hashable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var title: String
    public var subtitle: String
    public var publisher: String
    public var languages: [String]
    public var defaultLanguage: String
    public var tracks: [Track]
    public var modules: [Module]
    public var questionBanks: [QuestionBank]
    public var exams: [Exam]
    public var rubrics: [Rubric]
    public var programmes: [Programme]
    /// UI strings: language → key → text.
    public var strings: [String: [String: String]]
    /// The trainer pack, for instructors only.
    public var trainerMaterials: [TrainerMaterial]
    /// The fixed pre- and post-test forms, two parallel forms per track.
    public var testForms: [TestForm]
    /// Language → its texts, for every language but the default (see `localized(to:)`).
    public var translations: [String: CourseTranslation] = [:]
    /// SHA-256 over every source file, in path order: changes whenever any content changes.
    public var contentHash: String

    public init(
        title: String, subtitle: String, publisher: String, languages: [String], defaultLanguage: String,
        tracks: [Track], modules: [Module], questionBanks: [QuestionBank], exams: [Exam], rubrics: [Rubric],
        programmes: [Programme], strings: [String: [String: String]], trainerMaterials: [TrainerMaterial] = [], testForms: [TestForm] = [],
        contentHash: String
    ) {
        self.formatVersion = Self.formatVersion
        self.title = title
        self.subtitle = subtitle
        self.publisher = publisher
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.tracks = tracks
        self.modules = modules
        self.questionBanks = questionBanks
        self.exams = exams
        self.rubrics = rubrics
        self.programmes = programmes
        self.strings = strings
        self.trainerMaterials = trainerMaterials
        self.testForms = testForms
        self.contentHash = contentHash
    }

    public func module(_ id: String) -> Module? { modules.first { $0.id == id } }
    public func track(_ id: String) -> Track? { tracks.first { $0.id == id } }
    public func bank(for module: String) -> QuestionBank? { questionBanks.first { $0.module == module } }
    /// The programmes whose holders are instructors: those some programme names as its assessors.
    public var instructorProgrammes: Set<String> { Set(programmes.flatMap(\.assessors)) }
}

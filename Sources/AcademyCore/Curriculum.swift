/// An ordered list of modules for one audience (cadets, serving investigators, instructors).
public struct Track: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String
    public var modules: [String]
    /// The final examination that closes the track, if any.
    public var exam: String?

    public init(id: String, title: String, summary: String, modules: [String], exam: String?) {
        self.id = id
        self.title = title
        self.summary = summary
        self.modules = modules
        self.exam = exam
    }
}

/// What a trainee will be able to do after a module; questions are tagged with it.
public struct Objective: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

public struct Module: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// Position in the curriculum folder (the NN of `modules/NN-slug`).
    public var number: Int
    public var title: String
    public var summary: String
    /// Minutes, exercises included.
    public var duration: Int
    public var tracks: [String]
    public var objectives: [Objective]
    public var lessons: [LessonInfo]
    /// The trainer-pack pages its facilitator note links, in the note's order (ids).
    public var trainerMaterials: [String]

    public init(
        id: String, number: Int, title: String, summary: String, duration: Int,
        tracks: [String], objectives: [Objective], lessons: [LessonInfo], trainerMaterials: [String] = []
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.summary = summary
        self.duration = duration
        self.tracks = tracks
        self.objectives = objectives
        self.lessons = lessons
        self.trainerMaterials = trainerMaterials
    }
}

/// A lesson as the server needs it: no body, but the hash of what trainees read.
public struct LessonInfo: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var minutes: Int
    public var objectives: [String]
    /// SHA-256 (hex) of the English source; progress records the hash the trainee saw.
    public var contentHash: String
    public var words: Int
    /// Languages with a translation of their own (English is always there).
    public var translations: [String]

    public init(
        id: String, title: String, minutes: Int, objectives: [String], contentHash: String,
        words: Int, translations: [String]
    ) {
        self.id = id
        self.title = title
        self.minutes = minutes
        self.objectives = objectives
        self.contentHash = contentHash
        self.words = words
        self.translations = translations
    }
}

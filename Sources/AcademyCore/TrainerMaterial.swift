/// A page of the trainer pack (`Curriculum/trainer/`): rendered by the build into `course.json`, never
/// into the public site, and served only to administrators and certified instructors.
public struct TrainerMaterial: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    /// The page's body as HTML, its links resolved for `/app/trainer/<id>`.
    public var html: String

    public init(id: String, title: String, html: String) {
        self.id = id
        self.title = title
        self.html = html
    }
}

/// How far a trainee is through a track: per module, in total, and the next lesson to study.
public struct TrackProgress: Sendable, Equatable {
    public struct ModuleProgress: Sendable, Equatable {
        public var module: Module
        public var done: Int
        public var total: Int { module.lessons.count }
    }

    public struct NextLesson: Sendable, Equatable {
        public var module: String
        public var lesson: LessonInfo
    }

    public var modules: [ModuleProgress]
    public var done: Int
    public var total: Int
    /// The first lesson, in track order, not yet studied; nil when all are.
    public var nextLesson: NextLesson?

    /// Whole percent, rounded down, so 100 means every lesson.
    public var percent: Int { total == 0 ? 0 : done * 100 / total }

    public init(course: Course, track: Track, studied: Set<String>) {
        modules = track.modules.compactMap(course.module).map { module in
            ModuleProgress(module: module, done: module.lessons.filter { studied.contains($0.id) }.count)
        }
        done = modules.reduce(0) { $0 + $1.done }
        total = modules.reduce(0) { $0 + $1.total }
        nextLesson = modules.lazy.compactMap { progress in
            progress.module.lessons.first { !studied.contains($0.id) }.map { NextLesson(module: progress.module.id, lesson: $0) }
        }.first
    }
}

import AcademyCore
import Foundation
import Synchronization

/// The figures of a cohort's dashboard, computed from its trainees' activity.
struct CohortDashboard: Sendable {
    struct Cell: Sendable {
        var studied: Int
        var total: Int
        /// Best quiz score, if the trainee took the quiz.
        var best: Int?
        var quizPassed: Bool
    }

    var modules: [Module]
    /// One row per trainee, one cell per module, in `modules` order.
    var rows: [(account: Account, cells: [Cell])]
    /// Day → share (percent) of all the lessons the cohort must study, studied by the end of that day.
    var completion: [(label: String, value: Double)]
    /// Per module: trainees whose best quiz score falls in each band of `bands`.
    var scoreBands: [(label: String, counts: [Int])]
    static let bands = ["0–19", "20–39", "40–59", "60–79", "80–100"]

    init(cohort: Cohort, course: Course, activities: [TraineeActivity], today: Day = Day(Date())) {
        let modules = (course.track(cohort.track)?.modules ?? []).compactMap { course.module($0) }
        self.modules = modules
        // The cells are the completion records an export would write, so the two always agree.
        let now = today.start
        let rows: [(account: Account, cells: [Cell])] = activities.map { activity in
            let records = Dictionary(Completions.records(activity, course: course, now: now).filter { $0.kind == .module }.map { ($0.unit, $0) },
                                     uniquingKeysWith: { first, _ in first })
            return (activity.account, modules.map { module in
                let record = records[module.id]
                return Cell(studied: record?.lessonsStudied ?? 0, total: module.lessons.count, best: record?.score, quizPassed: record?.passedAt != nil)
            })
        }
        scoreBands = modules.enumerated().map { index, module in
            var counts = [0, 0, 0, 0, 0]
            for row in rows {
                guard let best = row.cells[index].best else { continue }
                counts[min(4, max(0, best / 20))] += 1
            }
            return ("\(module.number). \(module.title)", counts)
        }
        self.rows = rows
        // Completion over time: lessons of the track studied per day, cumulative, as a share of all required.
        let lessonIDs = Set(modules.flatMap(\.lessons).map(\.id))
        let required = lessonIDs.count * activities.count
        var perDay: [Int: Int] = [:]
        for activity in activities {
            for (lesson, at) in activity.studied where lessonIDs.contains(lesson) { perDay[Day(at).daysSinceEpoch, default: 0] += 1 }
        }
        var first = Day(cohort.startsOn)?.daysSinceEpoch ?? today.daysSinceEpoch
        if let earliest = perDay.keys.min() { first = min(first, earliest) }
        var last = min(today.daysSinceEpoch, Day(cohort.endsOn)?.daysSinceEpoch ?? today.daysSinceEpoch)
        if let latest = perDay.keys.max() { last = max(last, latest) }
        last = max(last, first)
        // At most about 60 points: a long course is drawn week by week.
        let step = max(1, (last - first + 59) / 60)
        var points: [(String, Double)] = []
        var cumulative = perDay.filter { $0.key < first }.values.reduce(0, +)
        var day = first
        while day <= last {
            let through = min(day + step - 1, last)
            for d in day...through { cumulative += perDay[d] ?? 0 }
            points.append((Day(daysSinceEpoch: through).description, required == 0 ? 0 : 100 * Double(cumulative) / Double(required)))
            day = through + 1
        }
        completion = points
    }
}

/// Files made once for one administrator, such as a list of one-time passwords: kept in memory only
/// (never on disk, never in a log), handed out once, gone after 15 minutes or at restart.
final class OneTimeDownloads: Sendable {
    struct File: Sendable {
        var accountID: Int64
        var filename: String
        var contentType: String
        var body: String
        var expires: Date
    }

    private let files = Mutex<[String: File]>([:])
    static let lifetime: TimeInterval = 15 * 60

    func put(_ file: File) -> String {
        let token = Tokens.random()
        files.withLock { files in
            let now = Date()
            files = files.filter { $0.value.expires > now }
            files[token] = file
        }
        return token
    }

    /// The file, once, to the account it was made for.
    func take(_ token: String, accountID: Int64) -> File? {
        files.withLock { files in
            guard let file = files[token], file.accountID == accountID else { return nil }
            files[token] = nil
            return file.expires > Date() ? file : nil
        }
    }
}

import AcademyCore

/// How far each language is translated, by kind of text: what `academy translations status` prints.
public struct TranslationCoverage: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var kind: TranslationRecord.Kind
        /// Items of this kind in the English.
        public var total: Int
        public var translated: Int
        public var stale: Int
        public var machineAssisted: Int
        public var reviewed: Int
        /// Words of the English, and of the English that has a translation.
        public var words: Int
        public var wordsTranslated: Int

        enum CodingKeys: String, CodingKey {
            case kind, total, translated, stale, reviewed, words
            case machineAssisted = "machine_assisted"
            case wordsTranslated = "words_translated"
        }
    }

    /// Language → one row per kind, in `TranslationRecord.Kind` order.
    public var languages: [String: [Row]]

    /// Some languages' rows, as `--json` prints them.
    public struct Languages: Codable, Sendable {
        public var languages: [String: [Row]]
        public init(languages: [String: [Row]]) {
            self.languages = languages
        }
    }

    init(_ content: Content) {
        let course = content.course
        var totals: [TranslationRecord.Kind: (count: Int, words: Int)] = [:]
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).count }
        totals[.curriculum] = (1, 0)
        totals[.module] = (content.modules.count, content.modules.reduce(0) { $0 + $1.introduction.wordCount })
        let lessons = content.modules.flatMap(\.lessons)
        totals[.lesson] = (lessons.count, lessons.reduce(0) { $0 + $1.body.wordCount })
        totals[.glossary] = (1, content.glossary.body.wordCount)
        // The written pages: the ones made from assessments translate with them.
        totals[.trainer] = (content.trainerWords.count, content.trainerWords.values.reduce(0, +))
        let questions = course.questionBanks.flatMap(\.questions)
        totals[.question] = (questions.count, questions.reduce(0) { $0 + $1.textWords })
        totals[.exam] = (course.exams.count, course.exams.reduce(0) { $0 + words($1.title) })
        totals[.rubric] = (course.rubrics.count + course.rubrics.reduce(0) { $0 + $1.criteria.count }, 0)
        var languages: [String: [Row]] = [:]
        for language in course.languages where language != course.defaultLanguage {
            let records = content.translationRecords.filter { $0.language == language }
            languages[language] = TranslationRecord.Kind.allCases.map { kind in
                let mine = records.filter { $0.kind == kind }
                let total = totals[kind] ?? (0, 0)
                // Kinds whose English words are not counted above take them from the records.
                let englishWords = total.words > 0 ? total.words : mine.reduce(0) { $0 + $1.words }
                return Row(
                    kind: kind, total: total.count, translated: mine.count, stale: mine.filter { $0.sourceUpdated != nil }.count,
                    machineAssisted: mine.filter(\.machineAssisted).count, reviewed: mine.filter { !$0.machineAssisted }.count,
                    words: englishWords, wordsTranslated: mine.reduce(0) { $0 + $1.words }
                )
            }
        }
        self.languages = languages
    }
}

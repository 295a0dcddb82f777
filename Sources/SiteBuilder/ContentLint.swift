import AcademyCore
import Foundation

/// Checks that keep the course fit for learners: no drafting language in what they read, and question
/// banks whose keys cannot be guessed from the form of a question.
///
/// A cadet does not know what "the seed report" or "footnote 48" means, and a bank in which most
/// true/false items are false, or the longest option is usually the key, rewards test-taking tricks
/// instead of knowledge. Each problem is an error at its file and line, so CI holds the line.
struct ContentLint {
    /// The figures `academy check --json` reports.
    struct Figures: Codable, Sendable, Equatable {
        struct Bank: Codable, Sendable, Equatable {
            var trueFalse: Int
            var trueFalseKeyedFalse: Int
            /// How many choices are correct in each select-all item, in bank order.
            var selectAllCorrectCounts: [Int]
            var singleChoice: Int
            var singleChoiceKeyLongest: Int

            enum CodingKeys: String, CodingKey {
                case trueFalse = "true_false"
                case trueFalseKeyedFalse = "true_false_keyed_false"
                case selectAllCorrectCounts = "select_all_correct_counts"
                case singleChoice = "single_choice"
                case singleChoiceKeyLongest = "single_choice_key_longest"
            }
        }

        var draftingLanguage: Int
        var duplicatedQuestionTexts: Int
        /// Bank (module id) → its figures.
        var banks: [String: Bank]

        enum CodingKeys: String, CodingKey {
            case banks
            case draftingLanguage = "drafting_language"
            case duplicatedQuestionTexts = "duplicated_question_texts"
        }
    }

    /// True/false items keyed false must be between these shares of a bank's true/false items.
    static let keyedFalseShare = 0.35...0.65
    /// At most this share of a bank's single-choice items may have the longest option as the key.
    static let keyLongestShare = 0.40

    /// Words that belong to how the text was made, never to what a learner reads: each a lower-case
    /// word or phrase, found on word boundaries.
    static let draftingWords: [(word: String, what: String, inTrainerPack: Bool)] = [
        ("seed", "'seed' (name the source: the 2025 ECPAT report)", false),
        ("seeds", "'seed' (name the source: the 2025 ECPAT report)", false),
        ("footnote", "a footnote reference (state the rule; cite the source in the lesson's sources)", true),
        ("footnotes", "a footnote reference (state the rule; cite the source in the lesson's sources)", true),
        ("ibid", "'Ibid.' (name the source)", true),
        ("check the current text", "'check the current text' (teach the rule; list a doubtful provision in the instructors' register)", false),
    ]

    let root: ContentRoot
    let log: DiagnosticLog

    /// Every Markdown and YAML file of the course that learners or instructors read, line by line.
    func checkDraftingLanguage(files: [String]) -> Int {
        var found = 0
        let words = Self.draftingWords.map { (bytes: Array($0.word.utf8), $0.what, $0.inTrainerPack) }
        // Which bytes start a word, in either case: every other byte is passed over at once.
        var starts = [Bool](repeating: false, count: 256)
        for (bytes, _, _) in words { starts[Int(bytes[0])] = true; starts[Int(bytes[0]) - 0x20] = true }
        for path in files {
            guard let text = root.read(path, log: log) else { continue }
            // The trainer pack (the register among it) may cite the report's footnotes and "Ibid.".
            let isTrainerPack = path.hasPrefix("Curriculum/trainer/")
            var line = 1
            var reported: Set<String> = []
            // One pass over the text, lower-cased on the way; a word is tried where its first letter is.
            let bytes = Array(text.utf8)
            for (index, raw) in bytes.enumerated() {
                if raw == 0x0A { line += 1; continue }
                guard starts[Int(raw)] else { continue }
                let byte = raw >= 0x41 && raw <= 0x5A ? raw + 0x20 : raw
                for (word, what, allowedInPack) in words where word[0] == byte && !(isTrainerPack && allowedInPack) {
                    guard Self.matches(word, in: bytes, at: index), reported.insert("\(line) \(what)").inserted else { continue }
                    log.error(path, line, "drafting language in text for learners: \(what)")
                    found += 1
                }
            }
        }
        return found
    }

    /// Facilitator notes name the trainer pack's materials by link, so a material that does not exist is
    /// a dangling link: a line of a note that mentions the trainer pack must link a page of it (a bold
    /// label alone on its line, or a line ending in a colon, introduces a list of links instead), and
    /// every module's note links its session plan.
    func checkFacilitatorNotes(modules: [ModuleSource], sessionPlans: Set<String>) {
        for module in modules {
            guard let text = root.read(module.path, log: log) else { continue }
            var inNote = false, noteLine = 0, linksPlan = false
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.drop { $0 == " " || $0 == "\t" }
                if !inNote {
                    if line.hasPrefix("```facilitator") { inNote = true; noteLine = number + 1 }
                    continue
                }
                if line.hasPrefix("```") { inNote = false; continue }
                let links = line.contains("](trainer:") ? Self.trainerLinks(in: String(line)) : []
                if links.contains(where: sessionPlans.contains) { linksPlan = true }
                guard links.isEmpty, line.contains("rainer pack") || line.contains("RAINER PACK") else { continue }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let isLabel = trimmed.hasSuffix(":")
                    || trimmed.hasPrefix("**") && trimmed.hasSuffix("**") && trimmed.dropFirst(2).dropLast(2).firstIndex(of: "*") == nil
                if !isLabel {
                    log.error(module.path, number + 1, "the facilitator note names a trainer-pack material without linking it: write [Title (for instructors)](trainer:material-id)")
                }
            }
            if noteLine == 0 {
                log.error(module.path, 1, "module '\(module.module.id)' has no facilitator note: it needs one that links its session plan")
            } else if !linksPlan {
                log.error(module.path, noteLine, "the facilitator note of module '\(module.module.id)' links no session plan: add [Session plan (for instructors)](trainer:session-plan-id)")
            }
        }
    }

    /// The ids of the `trainer:` links in a line of Markdown.
    static func trainerLinks(in line: String) -> [String] {
        line.components(separatedBy: "](trainer:").dropFirst().map { String($0.prefix { $0 != ")" && $0 != "#" }) }
    }

    /// Whether `word` (lower case) stands in `text` at `start`, in any case, with no letter or digit on
    /// either side (a byte beyond ASCII counts as a letter).
    static func matches(_ word: [UInt8], in text: [UInt8], at start: Int) -> Bool {
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        func isWordByte(_ byte: UInt8) -> Bool {
            let byte = lowered(byte)
            return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
        }
        let end = start + word.count
        guard end <= text.count, (0..<word.count).allSatisfy({ lowered(text[start + $0]) == word[$0] }) else { return false }
        return (start == 0 || !isWordByte(text[start - 1])) && (end == text.count || !isWordByte(text[end]))
    }

    /// The banks' cue figures, with an error for each bank that breaks a limit and for each question
    /// text that another question repeats.
    func checkBanks(_ banks: [(bank: QuestionBank, path: String, moduleLine: Int, objectiveLines: [String: Int])]) -> (banks: [String: Figures.Bank], duplicates: Int) {
        var figures: [String: Figures.Bank] = [:]
        var firstSeen: [String: (id: String, path: String)] = [:]
        var duplicates = 0
        for (bank, path, moduleLine, lines) in banks {
            let trueFalse = bank.questions.filter { $0.kind == .trueFalse }
            let keyedFalse = trueFalse.filter { $0.answer == false }
            let selectAll = bank.questions.filter { $0.kind == .multiple }.map { ($0.choices ?? []).filter(\.correct).count }
            let single = bank.questions.filter { $0.kind == .single }
            let keyLongest = single.filter(Self.keyIsLongest)
            figures[bank.module] = Figures.Bank(
                trueFalse: trueFalse.count, trueFalseKeyedFalse: keyedFalse.count, selectAllCorrectCounts: selectAll,
                singleChoice: single.count, singleChoiceKeyLongest: keyLongest.count
            )
            if !trueFalse.isEmpty {
                let share = Double(keyedFalse.count) / Double(trueFalse.count)
                if !Self.keyedFalseShare.contains(share) {
                    log.error(path, moduleLine, "\(keyedFalse.count) of \(trueFalse.count) true/false items are keyed false (\(percent(share))); keep it between 35% and 65%, or the answer can be guessed")
                }
            }
            if selectAll.count > 1, Set(selectAll).count == 1 {
                log.error(path, moduleLine, "every select-all item has exactly \(selectAll[0]) correct choices; vary the number, or the count can be guessed")
            }
            if !single.isEmpty {
                let share = Double(keyLongest.count) / Double(single.count)
                if share > Self.keyLongestShare {
                    let ids = keyLongest.map(\.id).joined(separator: ", ")
                    log.error(path, moduleLine, "in \(keyLongest.count) of \(single.count) single-choice items (\(percent(share))) the key is the longest option (\(ids)); at most 40%")
                }
            }
            for question in bank.questions {
                let text = Self.normalised(question)
                guard !text.isEmpty else { continue }
                if let first = firstSeen[text] {
                    log.error(path, lines[question.id] ?? moduleLine, "question '\(question.id)' repeats the text of '\(first.id)' (\(first.path)): one exam could draw both")
                    duplicates += 1
                } else {
                    firstSeen[text] = (question.id, path)
                }
            }
        }
        return (figures, duplicates)
    }

    /// The key is at least as long as every other option.
    static func keyIsLongest(_ question: Question) -> Bool {
        let choices = question.choices ?? []
        guard let key = choices.first(where: \.correct) else { return false }
        let length = key.text.count
        return choices.allSatisfy { $0.text.count <= length }
    }

    /// What a learner reads as the question, lower-cased, with punctuation and spacing folded; a
    /// classification item is its context and utterance together.
    static func normalised(_ question: Question) -> String {
        let text = question.kind == .classification
            ? (question.context ?? "") + " | " + (question.utterance ?? "")
            : question.prompt
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    private func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}

extension ContentLint {
    /// The glossary is the term base: where a lesson links a glossary term, its translation should use
    /// that term's name in the translated glossary. Word stems are compared (the first letters of each
    /// word, its ending left out), so inflected forms count: Russian and Kyrgyz change word endings.
    func checkTermBase(modules: [ModuleSource], glossary: GlossarySource) {
        for module in modules {
            for lesson in module.lessons {
                let linked = Set(lesson.body.links.compactMap { link -> String? in
                    guard link.destination.hasPrefix("glossary:") else { return nil }
                    return String(link.destination.dropFirst("glossary:".count))
                })
                guard !linked.isEmpty else { continue }
                for (language, translation) in lesson.translations.sorted(by: { $0.key < $1.key }) {
                    guard let terms = glossary.translations[language]?.terms else { continue }
                    let text = Self.folded(translation.body.plainText + " " + translation.title)
                    for anchor in linked.sorted() {
                        guard let term = terms[anchor], !Self.uses(term, in: text) else { continue }
                        log.warning(translation.path, 0, "the English links the glossary term {#\(anchor)}, and this translation never uses its name in the term base, «\(term)»")
                    }
                }
            }
        }
    }

    /// A text folded for finding term names: lower case, ё as е, as UTF-8 bytes.
    static func folded(_ text: String) -> [UInt8] {
        var bytes = Array(text.lowercased().utf8)
        // ё (D1 91) → е (D0 B5): same length, so in place.
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0xD1 && bytes[index + 1] == 0x91 { bytes[index] = 0xD0; bytes[index + 1] = 0xB5 }
            index += 1
        }
        return bytes
    }

    /// True when every word of `term` (its parenthesised part left out) begins, by its stem, a word of the
    /// folded text: the first letters of each word, its ending left out, so inflected forms count.
    static func uses(_ term: String, in text: [UInt8]) -> Bool {
        let main = term.split(separator: "(").first.map(String.init) ?? term
        let lower: String = main.lowercased().replacingOccurrences(of: "ё", with: "е")
        let termWords: [Substring] = lower.split { !$0.isLetter && !$0.isNumber }.filter { $0.count > 2 }
        guard !termWords.isEmpty else { return true }
        return termWords.allSatisfy { word in
            let stem = Array(String(word.prefix(word.count > 5 ? word.count - 2 : max(3, word.count - 1))).utf8)
            return startsWord(stem, in: text)
        }
    }

    /// Whether `stem` occurs in `text` at the start of a word: after the start, ASCII that is not a letter
    /// or digit, or a Latin-1 or general punctuation mark («, —, “).
    static func startsWord(_ stem: [UInt8], in text: [UInt8]) -> Bool {
        guard let first = stem.first, stem.count <= text.count else { return false }
        func isBoundary(before index: Int) -> Bool {
            guard index > 0 else { return true }
            let previous = text[index - 1]
            if previous < 0x80 {
                let isAlphanumeric = (0x30...0x39).contains(previous) || (0x41...0x5A).contains(previous) || (0x61...0x7A).contains(previous)
                return !isAlphanumeric
            }
            if index >= 2 && text[index - 2] == 0xC2 { return true }
            return index >= 3 && text[index - 3] == 0xE2 && text[index - 2] <= 0x81
        }
        var index = 0
        let last = text.count - stem.count
        while index <= last {
            if text[index] == first && isBoundary(before: index) {
                var matched = 1
                while matched < stem.count && text[index + matched] == stem[matched] { matched += 1 }
                if matched == stem.count { return true }
            }
            index += 1
        }
        return false
    }
}

extension ContentLint {
    /// The glossary entry of each prompt type, whose heading in a translated glossary is its one name.
    static let promptTypeAnchors: [(PromptType, String)] = [
        (.invitation, "invitation"), (.cuedInvitation, "cued-invitation"), (.directive, "directive-question"),
        (.optionPosing, "option-posing-question"), (.suggestive, "suggestive-question"),
    ]

    /// One name per prompt type in each language: the UI strings (quizzes, the drill, reviews) must call
    /// each type what the term base calls it.
    func checkPromptTypeNames(glossary: GlossarySource, strings: [String: UIStrings]) {
        for (language, translation) in glossary.translations.sorted(by: { $0.key < $1.key }) {
            guard let labels = strings[language] else { continue }
            for (type, anchor) in Self.promptTypeAnchors {
                guard let term = translation.terms[anchor], labels.promptType(type) != term else { continue }
                log.error("Curriculum/locales/\(language).yaml", 0, "the prompt type '\(type.rawValue)' is «\(labels.promptType(type))» here but «\(term)» in the term base (\(translation.path)): one name per prompt type")
            }
        }
    }
}

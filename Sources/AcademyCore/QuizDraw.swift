/// A small, fast, seedable random number generator (SplitMix64), so that a draw can be reproduced from
/// its seed: the same seed and bank always give the same questions in the same order.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One question as drawn for an attempt: which question, and the order its options are shown in.
public struct DrawnQuestion: Codable, Sendable, Hashable {
    public var id: String
    /// For choice questions: indices into `choices`, in display order. For ordering: indices into
    /// `items`, in the (shuffled) order shown. For matching: indices into `pairs`, giving the order of the
    /// right-hand options. Empty for true/false and classification.
    public var order: [Int]

    public init(id: String, order: [Int]) {
        self.id = id
        self.order = order
    }
}

/// What a quiz or an examination draws from: the questions and how many to take.
public struct DrawPlan: Sendable {
    public struct Part: Sendable {
        public var questions: [Question]
        public var count: Int
        public var spread: DrawSpread

        public init(questions: [Question], count: Int, spread: DrawSpread) {
            self.questions = questions
            self.count = count
            self.spread = spread
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    public init(bank: QuestionBank) {
        parts = [Part(questions: bank.questions, count: bank.draw, spread: bank.spread)]
    }

    /// An examination: each draw from its bank, spread across that bank's objectives.
    public init(exam: Exam, course: Course) {
        parts = exam.draws.compactMap { draw in
            course.bank(for: draw.bank).map { Part(questions: $0.questions, count: draw.count, spread: .objectives) }
        }
    }

    /// Draws the questions and shuffles their options. With `spread: .objectives`, questions are taken
    /// round-robin across the objectives (in a shuffled order), so every objective is tested before any
    /// is tested twice.
    public func draw(seed: UInt64) -> [DrawnQuestion] {
        var generator = SeededGenerator(seed: seed)
        var drawn: [Question] = []
        for part in parts {
            let count = min(part.count, part.questions.count)
            switch part.spread {
            case .fixed:
                drawn += part.questions.prefix(count)
            case .random:
                drawn += part.questions.shuffled(using: &generator).prefix(count)
            case .objectives:
                var groups: [String: [Question]] = [:]
                var objectiveOrder: [String] = []
                for question in part.questions {
                    if groups[question.objective] == nil { objectiveOrder.append(question.objective) }
                    groups[question.objective, default: []].append(question)
                }
                objectiveOrder.shuffle(using: &generator)
                var queues = objectiveOrder.map { groups[$0, default: []].shuffled(using: &generator) }
                var taken: [Question] = []
                while taken.count < count {
                    for index in queues.indices where taken.count < count && !queues[index].isEmpty {
                        taken.append(queues[index].removeFirst())
                    }
                }
                drawn += taken.shuffled(using: &generator)
            }
        }
        return drawn.map { question in
            let size: Int = switch question.kind {
            case .single, .multiple: question.choices?.count ?? 0
            case .ordering: question.items?.count ?? 0
            case .matching: question.pairs?.count ?? 0
            case .trueFalse, .classification: 0
            }
            var order = Array(0..<size)
            if question.kind == .ordering {
                // Never show an ordering question already in the right order.
                repeat { order.shuffle(using: &generator) } while size > 1 && order == Array(0..<size)
            } else {
                order.shuffle(using: &generator)
            }
            return DrawnQuestion(id: question.id, order: order)
        }
    }
}

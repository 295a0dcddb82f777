import AcademyCore
import Testing

@Suite("Programme evaluation: the statistics against values worked out by hand")
struct EvaluationTests {
    /// Four trainees: pre 40, 50, 60, 70; post 60, 65, 80, 75. Gains 20, 15, 20, 5: mean 15; deviations
    /// 5, 0, 5, −10, squares summing to 150, variance 150/3 = 50, SD √50 = 7.0711; d_z = 15/7.0711 = 2.1213;
    /// SE = √(1/4 + 2.1213²/8) = √0.8125 = 0.9014; t(0.975, 3) = 3.182; interval 2.1213 ± 2.8683.
    /// Normalised gain (70 − 55)/(100 − 55) = 0.3333. Post at or above 75: two of four.
    @Test("mean, normalised and paired gains, the interval, and the share reaching the pass level")
    func learningGain() {
        let gain = LearningGain(
            pre: ["a": 40, "b": 50, "c": 60, "d": 70, "e": 30], post: ["a": 60, "b": 65, "c": 80, "d": 75, "f": 90], passMark: { _ in 75 })
        #expect(gain.pairs == 4)
        #expect(gain.preOnly == 1 && gain.postOnly == 1)
        #expect(gain.meanPre == 55 && gain.meanPost == 70 && gain.meanGain == 15)
        #expect(abs((gain.standardDeviationOfGain ?? 0) - 7.0711) < 0.0001)
        #expect(abs((gain.normalisedGain ?? 0) - 0.3333) < 0.0001)
        #expect(abs((gain.effectSize ?? 0) - 2.1213) < 0.0001)
        let interval = try! #require(gain.confidenceInterval)
        #expect(abs(interval.lowerBound - (-0.7470)) < 0.0002)
        #expect(abs(interval.upperBound - 4.9896) < 0.0002)
        #expect(gain.shareReachingPass == 0.5)
    }

    @Test("no effect size from one pair or from gains that do not vary; no normalised gain from a perfect pre-test")
    func degenerate() {
        let one = LearningGain(pre: ["a": 40], post: ["a": 60], passMark: { _ in 70 })
        #expect(one.pairs == 1 && one.meanGain == 20 && one.effectSize == nil && one.confidenceInterval == nil)
        let flat = LearningGain(pre: ["a": 40, "b": 50], post: ["a": 50, "b": 60], passMark: { _ in 70 })
        #expect(flat.standardDeviationOfGain == 0 && flat.effectSize == nil)
        let perfect = LearningGain(pre: ["a": 100, "b": 100], post: ["a": 100, "b": 90], passMark: { _ in 70 })
        #expect(perfect.normalisedGain == nil)
        let none = LearningGain(pre: ["a": 40], post: [:], passMark: { _ in 70 })
        #expect(none.pairs == 0 && none.preOnly == 1 && none.shareReachingPass == 0)
    }

    @Test("the t quantile follows the table, and errs wide between its rows")
    func tQuantile() {
        #expect(LearningGain.tQuantile975(degreesOfFreedom: 1) == 12.706)
        #expect(LearningGain.tQuantile975(degreesOfFreedom: 29) == 2.045)
        #expect(LearningGain.tQuantile975(degreesOfFreedom: 45) == 2.021)
        #expect(LearningGain.tQuantile975(degreesOfFreedom: 5000) == 1.960)
    }

    /// Objective o-1: pre scores 0 + 1 over 2 items (0.5), post 1 + 1 + 0.5 over 3 (0.8333). o-2: pre 1 of 1,
    /// post 1 of 1 (no gain).
    @Test("gain per objective pools the items of both forms")
    func objectiveGain() {
        let gains = ObjectiveGain.compute(pre: ["o-1": (1, 2), "o-2": (1, 1)], post: ["o-1": (2.5, 3), "o-2": (1, 1)])
        #expect(gains.map(\.objective) == ["o-1", "o-2"])
        #expect(gains[0].pre == 0.5 && abs(gains[0].post - 0.8333) < 0.0001 && gains[0].preItems == 2 && gains[0].postItems == 3)
        #expect(gains[1].gain == 0)
    }

    @Test("feedback results are hidden below five answers; counts and means from five; free text sorted")
    func feedback() {
        func answer(_ rating: Int, _ text: String) -> FeedbackSurvey.Answer {
            FeedbackSurvey.Answer(ratings: Dictionary(uniqueKeysWithValues: FeedbackSurvey.ratingItems.map { ($0, rating) }),
                                  texts: ["most-useful": text, "to-change": ""])
        }
        let four = FeedbackSummary([answer(5, "b"), answer(4, "a"), answer(4, ""), answer(2, "c")])
        #expect(four.answered == 4 && !four.shown && four.distributions.isEmpty && four.texts.isEmpty)
        let five = FeedbackSummary([answer(5, "b"), answer(4, "a"), answer(4, " "), answer(2, "c"), answer(1, "d")])
        #expect(five.shown)
        #expect(five.distributions.first?.counts == [1, 1, 0, 2, 1])
        #expect(five.distributions.first?.mean == 3.2)
        #expect(five.texts["most-useful"] == ["a", "b", "c", "d"])
        #expect(five.texts["to-change"] == [])
    }

    @Test("a survey needs every rating, each from 1 to 5, and texts of at most 2,000 characters")
    func surveyProblems() {
        var answer = FeedbackSurvey.Answer(ratings: ["relevance": 5, "clarity": 0, "confidence": 3], texts: ["to-change": String(repeating: "x", count: 2_001)])
        let problems = FeedbackSurvey.problems(answer)
        #expect(problems == ["clarity": .ratingOutOfRange, "instructors": .ratingMissing, "to-change": .textTooLong])
        answer.ratings = ["relevance": 5, "clarity": 1, "confidence": 3, "instructors": 4]
        answer.texts = [:]
        #expect(FeedbackSurvey.problems(answer).isEmpty)
    }

    @Test("form orders balance a cohort, and each phase takes the other form")
    func formOrder() {
        #expect(FormOrder.balancing([]) == .aFirst)
        #expect(FormOrder.balancing([.aFirst]) == .bFirst)
        #expect(FormOrder.balancing([.aFirst, .bFirst, .bFirst]) == .aFirst)
        #expect(FormOrder.aFirst.form(for: .preTest) == "A" && FormOrder.aFirst.form(for: .postTest) == "B")
        #expect(FormOrder.bFirst.form(for: .preTest) == "B" && FormOrder.bFirst.form(for: .postTest) == "A")
    }
}

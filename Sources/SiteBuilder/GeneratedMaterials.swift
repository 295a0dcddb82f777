import AcademyCore
import Foundation
import Pages

/// Trainer-pack pages made from assessment data rather than written by hand, so that they change when the
/// data does: an observation form per rubric, and each pre/post test form with its key. They are in the
/// pack's language, English; they translate with the pack.
enum GeneratedMaterials {
    /// The printable observation form of a rubric: one A4 page with the candidate's details, each
    /// criterion with its anchors as boxes to tick, room for evidence, and the pass rule.
    static func observationForm(_ rubric: Rubric) -> TrainerMaterial {
        let scale = Array(rubric.scaleMinimum...rubric.scaleMaximum)
        let header: HTML = "<tr><th scope=\"col\">Criterion</th>\(scale.map { point -> HTML in "<th scope=\"col\">\(point) \(rubric.scaleLabels[point - rubric.scaleMinimum])</th>" })<th scope=\"col\">Evidence (line or minute)</th></tr>"
        let rows: [HTML] = rubric.criteria.enumerated().map { number, criterion in
            let critical: HTML = criterion.critical ? " <strong>(critical)</strong>" : .empty
            let notApplicable: HTML = criterion.notApplicableWhen.map { "<br><span class=\"form-note\">☐ Not applicable: \($0)</span>" } ?? .empty
            let anchors: [HTML] = criterion.levels.map { "<td><span class=\"tick\" aria-hidden=\"true\">☐</span> \($0)</td>" }
            return "<tr><th scope=\"row\">\(number + 1). \(criterion.title)\(critical)\(notApplicable)</th>\(anchors)<td class=\"evidence\"></td></tr>"
        }
        let html: HTML = """
        <div class="rubric-form">
        <p class="rubric-description">\(rubric.description)</p>
        <table class="form-fields"><tr><td>Candidate:</td><td>Assessor:</td><td>Date:</td><td>Programme:</td></tr></table>
        <div class="table-scroll"><table class="observation-form">\(header)\(rows)</table></div>
        <p><strong>Pass rule.</strong> \(passRule(rubric))</p>
        <table class="form-fields"><tr><td>Result: ☐ pass ☐ not yet</td><td>Assessor's signature:</td></tr></table>
        </div>
        """
        return TrainerMaterial(id: "observation-\(rubric.id)", title: "Observation form: \(rubric.title)", kind: .form, html: html.raw)
    }

    /// The pass rule in words, from the rubric's data.
    static func passRule(_ rubric: Rubric) -> String {
        var parts: [String] = []
        if let minimum = rubric.passRule.criticalMinimum { parts.append("every critical criterion at \(minimum) or above") }
        if let minimum = rubric.passRule.minimumEach { parts.append("every criterion at \(minimum) or above") }
        for criterion in rubric.criteria {
            if let minimum = rubric.passRule.minimumScores[criterion.id] { parts.append("“\(criterion.title)” at \(minimum) or above") }
        }
        if let average = rubric.passRule.minimumAverage {
            parts.append("an average of \(average.formatted(.number.precision(.fractionLength(0...2)))) or above over the criteria that apply")
        }
        let rule = parts.isEmpty ? "no minimum" : parts.joined(separator: "; ")
        return "The candidate passes with \(rule). A criterion marked not applicable is left out of the average."
    }

    /// A test form as two pages: the questions as learners receive them (no answers), and its key.
    static func test(_ form: TestForm, questions: [Question], promptTypes: (PromptType) -> String) -> [TrainerMaterial] {
        var items: [HTML] = []
        var answers: [HTML] = []
        for question in questions {
            let (body, answer) = printed(question, promptTypes: promptTypes)
            items.append("<li class=\"test-item\"><p>\(question.kind == .classification ? "Which type of prompt is this?" : question.prompt)</p>\(body)</li>")
            answers.append("<li><strong>\(answer)</strong> <span class=\"form-note\">(\(question.id), objective \(question.objective))</span></li>")
        }
        let about: HTML = """
        <p class="form-note">Form \(form.form), version \(form.version), \(form.items.count) questions. Fingerprint \(form.fingerprint). \
        Give it unchanged at the start of the course (pre-test) and form \(form.form == "A" ? "B" : "A") at its end (post-test), or the other way round.</p>
        """
        let sheet: HTML = """
        \(about)
        <table class="form-fields"><tr><td>Name:</td><td>Cohort:</td><td>Date:</td></tr></table>
        <p>Answer every question. For each, tick one box unless the question says otherwise.</p>
        <ol class="test-items">\(items)</ol>
        """
        let key: HTML = """
        \(about)
        <p>The answers to <a href="\(form.id)">\(form.title)</a>. Keep this page away from learners. One point per question; \
        a question with several correct choices scores only when exactly those are ticked.</p>
        <ol>\(answers)</ol>
        """
        return [
            TrainerMaterial(id: form.id, title: form.title, kind: .test, html: sheet.raw),
            TrainerMaterial(id: "\(form.id)-key", title: "Key: \(form.title)", kind: .key, html: key.raw),
        ]
    }

    /// One question as printed, and its answer in words. Ordering and matching are printed in a fixed
    /// shuffled order (never the key's), so the paper form is the same every time.
    private static func printed(_ question: Question, promptTypes: (PromptType) -> String) -> (HTML, String) {
        let letters = (0..<26).map { String(UnicodeScalar(UInt8(65 + $0))) }
        switch question.kind {
        case .single, .multiple:
            let choices = question.choices ?? []
            let list: [HTML] = choices.enumerated().map { "<li>☐ \(letters[$0.offset]). \($0.element.text)</li>" }
            let hint: HTML = question.kind == .multiple ? "<p class=\"form-note\">Tick every correct answer.</p>" : .empty
            let key = choices.enumerated().filter(\.element.correct).map { letters[$0.offset] }.joined(separator: ", ")
            return ("\(hint)<ul class=\"choices\">\(list)</ul>", key)
        case .trueFalse:
            return ("<ul class=\"choices\"><li>☐ True</li><li>☐ False</li></ul>", question.answer == true ? "True" : "False")
        case .ordering:
            let items = question.items ?? []
            let order = shuffledOrder(items.count, seed: question.id)
            let list: [HTML] = order.enumerated().map { "<li>___ \(letters[$0.offset]). \(items[$0.element])</li>" }
            let key = (0..<items.count).map { position in letters[order.firstIndex(of: position) ?? 0] }.joined(separator: ", ")
            return ("<p class=\"form-note\">Number the steps in order, 1 first.</p><ul class=\"choices\">\(list)</ul>", "In order: \(key)")
        case .matching:
            let pairs = question.pairs ?? []
            let order = shuffledOrder(pairs.count, seed: question.id)
            let left: [HTML] = pairs.enumerated().map { "<li>\($0.offset + 1). \($0.element.left) ___</li>" }
            let right: [HTML] = order.enumerated().map { "<li>\(letters[$0.offset]). \(pairs[$0.element].right)</li>" }
            let key = pairs.indices.map { "\($0 + 1)–\(letters[order.firstIndex(of: $0) ?? 0])" }.joined(separator: ", ")
            return ("<p class=\"form-note\">Write the letter of the match beside each number.</p><ul class=\"choices\">\(left)</ul><ul class=\"choices\">\(right)</ul>", key)
        case .classification:
            let context: HTML = question.context.map { "<p>The child has said: “\($0)”</p>" } ?? .empty
            let types: [HTML] = PromptType.allCases.map { "<li>☐ \(promptTypes($0))</li>" }
            return ("\(context)<p>The interviewer says: «\(question.utterance ?? "")»</p><ul class=\"choices\">\(types)</ul>", question.promptType.map(promptTypes) ?? "")
        }
    }

    /// A permutation of `0..<count` fixed by `seed`, never the identity when there are two or more.
    static func shuffledOrder(_ count: Int, seed: String) -> [Int] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var generator = SeededGenerator(seed: hash)
        var order = Array(0..<count)
        repeat { order.shuffle(using: &generator) } while count > 1 && order == Array(0..<count)
        return order
    }
}

import AcademyCore
import Foundation
import Pages

/// Trainer-pack pages made from assessment data rather than written by hand, so that they change when the
/// data does: an observation form per rubric, and each pre/post test form with its key, in each language
/// (the rubric and the questions as translated, the labels from the UI strings).
enum GeneratedMaterials {
    /// The printable observation form of a rubric: one A4 page with the candidate's details, each
    /// criterion with its anchors as boxes to tick, room for evidence, and the pass rule.
    static func observationForm(_ rubric: Rubric, strings: UIStrings) -> TrainerMaterial {
        let scale = Array(rubric.scaleMinimum...rubric.scaleMaximum)
        let header: HTML = "<tr><th scope=\"col\">\(strings[.formCriterion])</th>\(scale.map { point -> HTML in "<th scope=\"col\">\(point) \(rubric.scaleLabels[point - rubric.scaleMinimum])</th>" })<th scope=\"col\">\(strings[.formEvidence])</th></tr>"
        let rows: [HTML] = rubric.criteria.enumerated().map { number, criterion in
            let critical: HTML = criterion.critical ? " <strong>\(strings[.formCritical])</strong>" : .empty
            let notApplicable: HTML = criterion.notApplicableWhen.map { "<br><span class=\"form-note\">☐ \(strings.format(.formNotApplicable, ["condition": $0]))</span>" } ?? .empty
            let anchors: [HTML] = criterion.levels.map { "<td><span class=\"tick\" aria-hidden=\"true\">☐</span> \($0)</td>" }
            return "<tr><th scope=\"row\">\(number + 1). \(criterion.title)\(critical)\(notApplicable)</th>\(anchors)<td class=\"evidence\"></td></tr>"
        }
        let html: HTML = """
        <div class="rubric-form">
        <p class="rubric-description">\(rubric.description)</p>
        <table class="form-fields"><tr><td>\(strings[.formCandidate])</td><td>\(strings[.formAssessor])</td><td>\(strings[.formDate])</td><td>\(strings[.formProgramme])</td></tr></table>
        <div class="table-scroll"><table class="observation-form">\(header)\(rows)</table></div>
        <p><strong>\(strings[.formPassRule])</strong> \(passRule(rubric, strings: strings))</p>
        <table class="form-fields"><tr><td>\(strings[.formResult])</td><td>\(strings[.formSignature])</td></tr></table>
        </div>
        """
        return TrainerMaterial(id: "observation-\(rubric.id)", title: strings.format(.observationFormTitle, ["rubric": rubric.title]), kind: .form, html: html.raw)
    }

    /// The pass rule in words, from the rubric's data.
    static func passRule(_ rubric: Rubric, strings: UIStrings) -> String {
        var parts: [String] = []
        if let minimum = rubric.passRule.criticalMinimum { parts.append(strings.format(.passRuleCritical, ["min": String(minimum)])) }
        if let minimum = rubric.passRule.minimumEach { parts.append(strings.format(.passRuleEach, ["min": String(minimum)])) }
        for criterion in rubric.criteria {
            if let minimum = rubric.passRule.minimumScores[criterion.id] {
                parts.append(strings.format(.passRuleNamed, ["criterion": criterion.title, "min": String(minimum)]))
            }
        }
        if let average = rubric.passRule.minimumAverage {
            let number = average.formatted(.number.precision(.fractionLength(0...2)).locale(Locale(identifier: strings.language)))
            parts.append(strings.format(.passRuleAverage, ["average": number]))
        }
        let rule = parts.isEmpty ? strings[.passRuleNone] : parts.joined(separator: "; ")
        return strings.format(.passRuleSentence, ["rule": rule])
    }

    /// A test form as two pages: the questions as learners receive them (no answers), and its key.
    static func test(_ form: TestForm, questions: [Question], strings: UIStrings) -> [TrainerMaterial] {
        var items: [HTML] = []
        var answers: [HTML] = []
        for question in questions {
            let (body, answer) = printed(question, strings: strings)
            items.append("<li class=\"test-item\"><p>\(question.kind == .classification ? strings[.testWhichType] : question.prompt)</p>\(body)</li>")
            answers.append("<li><strong>\(answer)</strong> <span class=\"form-note\">\(strings.format(.testItemSource, ["id": question.id, "objective": question.objective]))</span></li>")
        }
        let about: HTML = """
        <p class="form-note">\(strings.format(.testAbout, [
            "form": form.form, "version": String(form.version), "count": String(form.items.count), "fingerprint": form.fingerprint,
            "other": form.form == "A" ? "B" : "A",
        ]))</p>
        """
        let sheet: HTML = """
        \(about)
        <table class="form-fields"><tr><td>\(strings[.testName])</td><td>\(strings[.testCohort])</td><td>\(strings[.formDate])</td></tr></table>
        <p>\(strings[.testInstructions])</p>
        <ol class="test-items">\(items)</ol>
        """
        let key: HTML = """
        \(about)
        <p>\(strings[.testKeyAnswersTo]) <a href="\(form.id)">\(form.title)</a>. \(strings[.testKeyRules])</p>
        <ol>\(answers)</ol>
        """
        return [
            TrainerMaterial(id: form.id, title: form.title, kind: .test, html: sheet.raw),
            TrainerMaterial(id: "\(form.id)-key", title: strings.format(.testKeyTitle, ["title": form.title]), kind: .key, html: key.raw),
        ]
    }

    /// One question as printed, and its answer in words. Ordering and matching are printed in a fixed
    /// shuffled order (never the key's), so the paper form is the same every time.
    private static func printed(_ question: Question, strings: UIStrings) -> (HTML, String) {
        let letters = (0..<26).map { String(UnicodeScalar(UInt8(65 + $0))) }
        switch question.kind {
        case .single, .multiple:
            let choices = question.choices ?? []
            let list: [HTML] = choices.enumerated().map { "<li>☐ \(letters[$0.offset]). \($0.element.text)</li>" }
            let hint: HTML = question.kind == .multiple ? "<p class=\"form-note\">\(strings[.testTickEvery])</p>" : .empty
            let key = choices.enumerated().filter(\.element.correct).map { letters[$0.offset] }.joined(separator: ", ")
            return ("\(hint)<ul class=\"choices\">\(list)</ul>", key)
        case .trueFalse:
            return ("<ul class=\"choices\"><li>☐ \(strings[.trueLabel])</li><li>☐ \(strings[.falseLabel])</li></ul>", question.answer == true ? strings[.trueLabel] : strings[.falseLabel])
        case .ordering:
            let items = question.items ?? []
            let order = shuffledOrder(items.count, seed: question.id)
            let list: [HTML] = order.enumerated().map { "<li>___ \(letters[$0.offset]). \(items[$0.element])</li>" }
            let key = (0..<items.count).map { position in letters[order.firstIndex(of: position) ?? 0] }.joined(separator: ", ")
            return ("<p class=\"form-note\">\(strings[.testNumberSteps])</p><ul class=\"choices\">\(list)</ul>", strings.format(.testInOrder, ["key": key]))
        case .matching:
            let pairs = question.pairs ?? []
            let order = shuffledOrder(pairs.count, seed: question.id)
            let left: [HTML] = pairs.enumerated().map { "<li>\($0.offset + 1). \($0.element.left) ___</li>" }
            let right: [HTML] = order.enumerated().map { "<li>\(letters[$0.offset]). \(pairs[$0.element].right)</li>" }
            let key = pairs.indices.map { "\($0 + 1)–\(letters[order.firstIndex(of: $0) ?? 0])" }.joined(separator: ", ")
            return ("<p class=\"form-note\">\(strings[.testWriteLetter])</p><ul class=\"choices\">\(left)</ul><ul class=\"choices\">\(right)</ul>", key)
        case .classification:
            let context: HTML = question.context.map { "<p>\(strings.format(.testChildSaid, ["context": $0]))</p>" } ?? .empty
            let types: [HTML] = PromptType.allCases.map { "<li>☐ \(strings.promptType($0))</li>" }
            let utterance = strings.format(.testInterviewerSays, ["utterance": question.utterance ?? ""])
            return ("\(context)<p>\(utterance)</p><ul class=\"choices\">\(types)</ul>", question.promptType.map(strings.promptType) ?? "")
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

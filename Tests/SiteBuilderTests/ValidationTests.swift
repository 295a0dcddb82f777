import AcademyCore
import Foundation
import Testing
@testable import SiteBuilder

/// One kind of content error: how to cause it, and the exact report an author should see.
struct BrokenContent: Sendable, CustomStringConvertible {
    var description: String
    var file: String
    var old: String
    var new: String
    var expected: String
}

@Suite("Content validation")
struct ValidationTests {
    @Test("the fixture course is valid")
    func fixtureIsValid() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        #expect(await course.diagnostics() == [])
    }

    static let cases: [BrokenContent] = [
        .init(description: "unknown key in front matter", file: "Curriculum/modules/01-basics/01-open.md",
              old: "minutes: 12", new: "minutes: 12\nminuets: 3",
              expected: "Curriculum/modules/01-basics/01-open.md:5: unknown key 'minuets' in a lesson's front matter (known keys: content_note, id, minutes, objectives, sources, title)"),
        .init(description: "wrong type", file: "Curriculum/modules/01-basics/01-open.md",
              old: "minutes: 12", new: "minutes: twelve",
              expected: "Curriculum/modules/01-basics/01-open.md:4: 'minutes' must be a whole number"),
        .init(description: "duplicate lesson id", file: "Curriculum/modules/01-basics/02-phases.md",
              old: "id: basics-phases", new: "id: basics-open",
              expected: "Curriculum/modules/01-basics/02-phases.md:2: duplicate lesson id 'basics-open' (also in Curriculum/modules/01-basics/01-open.md)"),
        .init(description: "duplicate question id", file: "Assessments/quizzes/basics.yaml",
              old: "id: basics-q2", new: "id: basics-q1",
              expected: "Assessments/quizzes/basics.yaml:21: duplicate question id 'basics-q1' (also in Assessments/quizzes/basics.yaml)"),
        .init(description: "track naming a missing module", file: "Curriculum/curriculum.yaml",
              old: "modules: [basics]", new: "modules: [basics, advanced]",
              expected: "Curriculum/curriculum.yaml:10: track 'cadets' names module 'advanced', which does not exist"),
        .init(description: "lesson objective the module lacks", file: "Curriculum/modules/01-basics/02-phases.md",
              old: "objectives: [basics-2]", new: "objectives: [basics-9]",
              expected: "Curriculum/modules/01-basics/02-phases.md:5: objective 'basics-9' is not an objective of module 'basics'"),
        .init(description: "broken internal link", file: "Curriculum/modules/01-basics/01-open.md",
              old: "(lesson:basics-phases)", new: "(lesson:basics-missing)",
              expected: "Curriculum/modules/01-basics/01-open.md:12: broken link: no lesson with id 'basics-missing'"),
        .init(description: "broken glossary link", file: "Curriculum/modules/01-basics/01-open.md",
              old: "(glossary:cued-invitation)", new: "(glossary:cued)",
              expected: "Curriculum/modules/01-basics/01-open.md:12: broken link: no glossary term with anchor 'cued'"),
        .init(description: "relative link", file: "Curriculum/modules/01-basics/02-phases.md",
              old: "1. Introduction", new: "1. [Introduction](../other.md)",
              expected: "Curriculum/modules/01-basics/02-phases.md:11: link '../other.md': use lesson:ID, module:ID, glossary:TERM, trainer:ID, #anchor or an https:// address"),
        .init(description: "missing locale key", file: "Curriculum/locales/ru.yaml",
              old: "quiz_start: Начать тест\n", new: "",
              expected: "Curriculum/locales/ru.yaml: missing locale key 'quiz_start'"),
        .init(description: "question without a correct answer", file: "Assessments/quizzes/basics.yaml",
              old: "        correct: true\n      - text: \"Was it red, or", new: "      - text: \"Was it red, or",
              expected: "Assessments/quizzes/basics.yaml:15: question 'basics-q1' has no correct answer"),
        .init(description: "objective tag that does not exist", file: "Assessments/quizzes/basics.yaml",
              old: "objective: basics-2\n    kind: ordering", new: "objective: basics-7\n    kind: ordering",
              expected: "Assessments/quizzes/basics.yaml:29: question 'basics-q3' tests objective 'basics-7', which module 'basics' does not have"),
        .init(description: "pass rule naming a missing criterion", file: "Assessments/practicals/mock.yaml",
              old: "    balance: 2", new: "    balance: 2\n    rapport: 2",
              expected: "Assessments/practicals/mock.yaml:29: the pass rule names criterion 'rapport', which the rubric does not have"),
        .init(description: "quiz for a missing module", file: "Assessments/quizzes/basics.yaml",
              old: "module: basics", new: "module: advanced",
              expected: "Assessments/quizzes/basics.yaml:1: question bank for module 'advanced', which does not exist"),
        .init(description: "YAML syntax error", file: "Assessments/exams/cadets-final.yaml",
              old: "title: Cadet final", new: "title: [Cadet final",
              expected: "Assessments/exams/cadets-final.yaml:3: YAML syntax error: did not find expected ',' or ']'"),
        .init(description: "unknown review policy", file: "Assessments/quizzes/basics.yaml",
              old: "review: immediately", new: "review: sometimes",
              expected: "Assessments/quizzes/basics.yaml:8: 'review' must be one of immediately, after-pass, never, not 'sometimes'"),
        .init(description: "programme requiring a missing exam", file: "Curriculum/curriculum.yaml",
              old: "exams_passed: [cadets-final]", new: "exams_passed: [cadets-final, cadets-oral]",
              expected: "Curriculum/curriculum.yaml:19: programme 'cadet-completion' requires examination 'cadets-oral', which does not exist"),
        .init(description: "a number that is not finite", file: "Assessments/practicals/mock.yaml",
              old: "min_average: 2", new: "min_average: inf",
              expected: "Assessments/practicals/mock.yaml:26: 'min_average' must be a number"),
        .init(description: "drafting language in a lesson", file: "Curriculum/modules/01-basics/01-open.md",
              old: "minutes: 12\n", new: "minutes: 12\ncontent_note: As the seed report says.\n",
              expected: "Curriculum/modules/01-basics/01-open.md:5: drafting language in text for learners: 'seed' (name the source: the 2025 ECPAT report)"),
        .init(description: "a footnote in a question", file: "Assessments/quizzes/basics.yaml",
              old: "Order the phases.", new: "Order the phases (footnote 48).",
              expected: "Assessments/quizzes/basics.yaml:31: drafting language in text for learners: a footnote reference (state the rule; cite the source in the lesson's sources)"),
        .init(description: "true/false items mostly keyed false", file: "Assessments/quizzes/basics.yaml",
              old: "answer: true", new: "answer: false",
              expected: "Assessments/quizzes/basics.yaml:1: 2 of 2 true/false items are keyed false (100%); keep it between 35% and 65%, or the answer can be guessed"),
        .init(description: "the key is the longest option", file: "Assessments/quizzes/basics.yaml",
              old: "Was it red, or was it another colour that you saw?", new: "Was it red?",
              expected: "Assessments/quizzes/basics.yaml:1: in 1 of 1 single-choice items (100%) the key is the longest option (basics-q1); at most 40%"),
        .init(description: "select-all items always with the same number correct", file: "Assessments/quizzes/basics.yaml",
              old: "  - id: basics-q7", new: """
                - id: basics-q8
                  objective: basics-1
                  kind: multiple
                  prompt: "Which prompts are closed?"
                  choices:
                    - text: "Did he hit you?"
                      correct: true
                    - text: "Was it at home or at school?"
                      correct: true
                    - text: "Tell me everything."
                      feedback: "That is an invitation."
                  explanation: "Closed prompts ask for yes, no or a choice."
                - id: basics-q7
              """,
              expected: "Assessments/quizzes/basics.yaml:1: every select-all item has exactly 2 correct choices; vary the number, or the count can be guessed"),
        .init(description: "a question text repeated", file: "Assessments/quizzes/basics.yaml",
              old: "prompt: \"Match.\"", new: "prompt: \"Order  the phases!\"",
              expected: "Assessments/quizzes/basics.yaml:43: question 'basics-q5' repeats the text of 'basics-q3' (Assessments/quizzes/basics.yaml): one exam could draw both"),
        .init(description: "a critical criterion that could be marked not applicable", file: "Assessments/practicals/mock.yaml",
              old: "    critical: true\n", new: "    critical: true\n    not_applicable_when: \"The child said nothing.\"\n",
              expected: "Assessments/practicals/mock.yaml:12: criterion 'transition' is critical: it always applies and cannot name when it is not applicable"),
        .init(description: "a link to a trainer material that does not exist", file: "Curriculum/modules/01-basics/module.md",
              old: "(trainer:card-set)", new: "(trainer:card-sets)",
              expected: "Curriculum/modules/01-basics/module.md:16: broken link: no trainer material with id 'card-sets'"),
        .init(description: "a trainer material of an unknown kind", file: "Curriculum/trainer/card-set.md",
              old: "kind: cards", new: "kind: handout",
              expected: "Curriculum/trainer/card-set.md:4: unknown kind 'handout': a trainer material is one of session-plan, transcript, cards, key, sheet, form, register"),
        .init(description: "a facilitator note naming a trainer-pack material without a link", file: "Curriculum/modules/01-basics/module.md",
              old: "times the session.\n", new: "times the session.\nHand out the role cards from the trainer pack.\n",
              expected: "Curriculum/modules/01-basics/module.md:18: the facilitator note names a trainer-pack material without linking it: write [Title (for instructors)](trainer:material-id)"),
        .init(description: "a facilitator note without its session plan", file: "Curriculum/modules/01-basics/module.md",
              old: "The [session plan (for instructors)](trainer:session-plan-basics) times the session.\n", new: "",
              expected: "Curriculum/modules/01-basics/module.md:15: the facilitator note of module 'basics' links no session plan: add [Session plan (for instructors)](trainer:session-plan-id)"),
        .init(description: "parallel test forms sharing a question", file: "Assessments/tests/cadets-b.yaml",
              old: "  - basics-q6", new: "  - basics-q1",
              expected: "Assessments/tests/cadets-b.yaml:6: the parallel form 'cadets-a' shares basics-q1: parallel forms have no item in common"),
        .init(description: "parallel test forms testing other objectives", file: "Assessments/tests/cadets-b.yaml",
              old: "  - basics-q6", new: "  - basics-q7",
              expected: "Assessments/tests/cadets-a.yaml:6: the parallel form 'cadets-b' tests other objectives: basics-1 1 here, 0 there; basics-2 1 here, 2 there"),
        .init(description: "a test form whose id does not end in its letter", file: "Assessments/tests/cadets-a.yaml",
              old: "form: A", new: "form: B",
              expected: "Assessments/tests/cadets-a.yaml:1: the id of form B must end in '-b', not 'cadets-a'"),
        .init(description: "a test form naming a question that does not exist", file: "Assessments/tests/cadets-a.yaml",
              old: "  - basics-q3", new: "  - basics-q30",
              expected: "Assessments/tests/cadets-a.yaml:10: question 'basics-q30' does not exist in any question bank"),
        .init(description: "unsafe link", file: "Curriculum/modules/01-basics/02-phases.md",
              old: "2. Rapport", new: "2. [Rapport](javascript:alert(1))",
              expected: "Curriculum/modules/01-basics/02-phases.md:12: link with an empty or unsafe destination (javascript:, data: and file: links are not allowed)"),
    ]

    @Test("each kind of error is reported at its file and line", arguments: cases)
    func reportsError(broken: BrokenContent) async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit(broken.file, replacing: broken.old, with: broken.new)
        let found = await course.diagnostics()
        #expect(found.contains(broken.expected), "got: \(found)")
    }

    @Test("check reports each bank's cue figures and the drafting language found, under content_checks")
    func checkFigures() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (report, _) = try await SiteBuilder(root: course.root).check()
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        let checks = try #require(json?["content_checks"] as? [String: Any])
        #expect(checks["drafting_language"] as? Int == 0)
        #expect(checks["duplicated_question_texts"] as? Int == 0)
        let basics = try #require((checks["banks"] as? [String: Any])?["basics"] as? [String: Any])
        #expect(basics["true_false"] as? Int == 2)
        #expect(basics["true_false_keyed_false"] as? Int == 1)
        #expect(basics["select_all_correct_counts"] as? [Int] == [2])
        #expect(basics["single_choice"] as? Int == 1)
        #expect(basics["single_choice_key_longest"] as? Int == 0)
    }

    @Test("check counts the trainer pack: its pages by kind, each card set's cards, each transcript's prompts and each test form's items")
    func packFigures() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/trainer/short-transcript.md", """
        ---
        id: short-transcript
        title: A short transcript
        kind: transcript
        ---
        1. Read it first.

        - **P1.** Interviewer: Tell me everything.\\
          Child: We went to the garage.
        - **P2.** Interviewer: Mm-hm.
        - **Interviewer** (*other*): "Thank you."

        ```callout Not counted
        - **P3.** Interviewer: inside a fenced block.
        ```
        """)
        let (report, _) = try await SiteBuilder(root: course.root).check()
        let pack = report.trainerPack
        #expect(pack.cards == ["card-set": 2])
        #expect(pack.transcriptPrompts == ["short-transcript": 3])
        #expect(pack.testForms == ["cadets-a": 2, "cadets-b": 2])
        // Two written pages and a transcript, an observation form for the one rubric, two test forms and their keys.
        #expect(pack.materials == 8)
        #expect(pack.byKind == ["cards": 1, "session-plan": 1, "transcript": 1, "form": 1, "test": 2, "key": 2])
    }

    @Test("every problem is reported in one run")
    func allProblemsAtOnce() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Curriculum/modules/01-basics/01-open.md", replacing: "minutes: 12", with: "minutes: twelve")
        try course.edit("Assessments/quizzes/basics.yaml", replacing: "review: immediately", with: "review: sometimes")
        try course.edit("Curriculum/curriculum.yaml", replacing: "modules: [basics]", with: "modules: [basics, advanced]")
        let found = await course.diagnostics()
        #expect(found.count == 3, "got: \(found)")
    }

    @Test("YAML that does not parse is reported once, at its line, and not again as a missing mapping")
    func syntaxErrorOnce() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "minutes: 15", with: "minutes: [15")
        let found = await course.diagnostics().filter { $0.hasPrefix("Curriculum/modules/01-basics/02-phases.md") }
        #expect(found == ["Curriculum/modules/01-basics/02-phases.md:5: YAML syntax error: did not find expected ',' or ']'"])
    }

    @Test("a trainer material is checked like a lesson: its front matter, its id, and no other kind of file")
    func trainerMaterials() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/trainer/copy.md", "---\nid: card-set\ntitle: Copy\nkind: sheet\n---\nText.\n")
        try course.write("Curriculum/trainer/kindless.md", "---\nid: kindless\ntitle: No kind\n---\nText.\n")
        try course.write("Curriculum/trainer/plain.md", "No front matter.\n")
        try course.write("Curriculum/trainer/notes.txt", "A stray file.\n")
        let found = await course.diagnostics()
        #expect(found.contains("Curriculum/trainer/copy.md:2: duplicate trainer material id 'card-set' (also in Curriculum/trainer/card-set.md)"), "got: \(found)")
        #expect(found.contains("Curriculum/trainer/plain.md:1: a trainer material must start with front matter between --- lines"), "got: \(found)")
        #expect(found.contains("Curriculum/trainer/kindless.md:2: missing required key 'kind'"), "got: \(found)")
        #expect(found.contains("Curriculum/trainer/notes.txt: unexpected file: trainer materials are .md files"), "got: \(found)")
    }

    @Test("a test form is fixed: when one of its questions changes, the form must take a new version and fingerprint")
    func testFormVersioned() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Assessments/quizzes/basics.yaml", replacing: "Rapport comes before the transition.", with: "Rapport always comes before the transition.")
        let found = await course.diagnostics()
        let report = try #require(found.first { $0.hasPrefix("Assessments/tests/cadets-a.yaml:7: the fingerprint of test form 'cadets-a' is ") }, "got: \(found)")
        #expect(report.contains("it records 509093578f39: its questions have changed since version 1; raise version to 2 and record fingerprint: "))
        // Form B does not use the changed question.
        #expect(!found.contains { $0.hasPrefix("Assessments/tests/cadets-b.yaml") }, "got: \(found)")
    }

    @Test("a lesson without front matter names its file")
    func missingFrontMatter() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/modules/01-basics/03-extra.md", "Just text.\n")
        #expect(await course.diagnostics() == ["Curriculum/modules/01-basics/03-extra.md:1: a lesson must start with front matter between --- lines"])
    }
}

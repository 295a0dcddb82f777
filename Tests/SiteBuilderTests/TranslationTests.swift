import AcademyCore
import Foundation
import Testing
@testable import SiteBuilder

@Suite("Translations: overlays, staleness, the term base and coverage")
struct TranslationTests {
    func build(_ course: FixtureCourse) async throws -> (site: [String: String], course: Course, report: ContentReport) {
        let output = course.url("out")
        let summary = try await SiteBuilder(root: course.root).build(output: output)
        let files = try filesBelow(output.appendingPathComponent("site")).mapValues { String(decoding: $0, as: UTF8.self) }
        let compiled = try JSONDecoder().decode(Course.self, from: Data(contentsOf: output.appendingPathComponent("course.json")))
        return (files, compiled, summary.report)
    }

    static let overlay = """
        machine_assisted: true
        questions:
          - id: basics-q1
            prompt: "Какой вопрос — открытое приглашение?"
            choices:
              - text: "Расскажи мне всё."
              - text: "Он был красный или другого цвета?"
                feedback: "Это закрытый вопрос."
            explanation: "Приглашения просят свободного рассказа."
          - id: basics-q3
            prompt: "Расставьте этапы по порядку."
            items: ["Введение", "Установление контакта", "Переход к теме"]
            feedback: "Контакт устанавливают до перехода к теме."
            explanation: "Порядок протокола."
          - id: basics-q5
            prompt: "Сопоставьте."
            pairs:
              - left: "Открытое приглашение"
                right: "Расскажи мне всё"
              - left: "Уточняющий вопрос"
                right: "Где ты был?"

        """

    @Test("a question overlay translates texts and keeps every key, so grading does not depend on the language")
    func overlayTranslates() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Assessments/quizzes/basics.ru.yaml", Self.overlay)
        let (_, compiled, _) = try await build(course)
        let english = try #require(compiled.bank(for: "basics"))
        let russian = try #require(compiled.localized(to: "ru").bank(for: "basics"))
        let q1 = try #require(russian.questions.first { $0.id == "basics-q1" })
        #expect(q1.prompt == "Какой вопрос — открытое приглашение?")
        #expect(q1.choices?.map(\.correct) == english.questions.first { $0.id == "basics-q1" }?.choices?.map(\.correct))
        #expect(q1.choices?[1].feedback == "Это закрытый вопрос.")
        #expect(russian.questions.first { $0.id == "basics-q3" }?.items == ["Введение", "Установление контакта", "Переход к теме"])
        // Untranslated questions stay English; nothing but texts differ.
        #expect(russian.questions.first { $0.id == "basics-q2" } == english.questions.first { $0.id == "basics-q2" })
        for (en, ru) in zip(english.questions, russian.questions) {
            #expect(en.id == ru.id && en.kind == ru.kind && en.answer == ru.answer && en.promptType == ru.promptType && en.objective == ru.objective)
            for answer in [Answer.choice(0), .choice(1), .order([0, 1, 2]), .order([2, 1, 0]), .truth(false), .promptType(.cuedInvitation)] {
                #expect((try? Grader.score(en, answer: answer)) == (try? Grader.score(ru, answer: answer)), "\(en.id) grades differently in Russian")
            }
        }
        // The English course.json keeps its texts; the translation travels beside it.
        #expect(english.questions.first { $0.id == "basics-q1" }?.prompt.hasPrefix("SECRET-PROMPT-1") == true)
    }

    @Test("an overlay that changes structure is an error at its file and line")
    func overlayStructure() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Assessments/quizzes/basics.ru.yaml", """
            machine_assisted: true
            questions:
              - id: basics-q1
                prompt: "Вопрос"
                choices:
                  - text: "Один"
                    correct: true
                  - text: "Два"
                  - text: "Три"
              - id: basics-q9
                prompt: "Нет такого"
              - id: basics-q3
                items: ["Введение", "Контакт"]
              - id: basics-q4
                answer: true
            """)
        let problems = await course.diagnostics()
        let path = "Assessments/quizzes/basics.ru.yaml"
        #expect(problems.contains { $0.hasPrefix("\(path):7: unknown key 'correct'") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(path):6: question 'basics-q1' has 2 choices in English, not 3") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(path):10: no question 'basics-q9'") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(path):13: question 'basics-q3' has 3 items in English, not 2") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(path):15: unknown key 'answer'") }, "\(problems)")
    }

    @Test("a changed English paragraph marks its translation stale: the page says so with the day and a link, and check lists it")
    func staleness() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Assessments/quizzes/basics.ru.yaml", Self.overlay)
        let stamper = TranslationStamper(root: course.root)
        let lesson = "Curriculum/modules/01-basics/01-open.ru.md"
        for path in stamper.translationFiles() { try stamper.stamp(path) }
        #expect(try course.read(lesson).contains("source_hash: "))
        var (site, compiled, report) = try await build(course)
        #expect(report.stale.isEmpty, "\(report.stale)")
        #expect(site["ru/basics/basics-open/index.html"]?.contains("notice-stale") == false)
        #expect(compiled.localized(to: "ru").bank(for: "basics")?.questions.first?.translation?.isStale == false)

        try course.edit("Curriculum/modules/01-basics/01-open.md", replacing: "Open prompts produce more accurate detail.", with: "Open prompts produce more, and more accurate, detail.")
        // (A question of no test form: changing one on a form would change the form's fingerprint.)
        try course.edit("Assessments/quizzes/basics.yaml", replacing: "right: \"Where were you?\"", with: "right: \"Where were you then?\"")
        (site, compiled, report) = try await build(course)
        let page = try #require(site["ru/basics/basics-open/index.html"])
        #expect(page.contains("notice-stale"))
        #expect(page.contains("href=\"../../../en/basics/basics-open/index.html\""))
        // Still the translation, with the day of the change written in Russian.
        #expect(page.contains("<h1>Открытые вопросы</h1>"))
        let day = UIStrings(language: "ru", values: [:]).day(Date(), timeZone: .gmt)
        #expect(page.contains(day), "the notice does not give today's date (\(day))")
        #expect(Set(report.stale.map(\.item)) == ["basics-open", "basics-q5"])
        #expect(report.stale.allSatisfy { $0.language == "ru" && $0.sourceUpdated != nil })
        let russian = compiled.localized(to: "ru").bank(for: "basics")?.questions
        #expect(russian?.first { $0.id == "basics-q5" }?.translation?.isStale == true)
        #expect(russian?.first { $0.id == "basics-q1" }?.translation?.isStale == false)
        // Stamping again after the update makes both current.
        for path in stamper.translationFiles() { try stamper.stamp(path) }
        #expect(try await build(course).report.stale.isEmpty)
    }

    @Test("module page, glossary and trainer page translate; glossary entries keep their English anchors")
    func markdownTranslations() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/modules/01-basics/module.ru.md", """
            ---
            id: basics
            title: Основы
            summary: Основы постановки вопросов.
            objectives:
              - id: basics-1
                text: Определять тип вопроса.
              - id: basics-2
                text: Называть этапы допроса.
            machine_assisted: true
            ---
            Введение со ссылкой на [первый урок](lesson:basics-open).
            """)
        try course.write("Curriculum/glossary.ru.md", """
            ---
            machine_assisted: true
            ---
            # Глоссарий

            ## Открытое приглашение {#invitation}

            Открытый вопрос, который просит свободного рассказа.

            ## Приглашение с опорой на слова ребёнка {#cued-invitation}

            Открытый вопрос со словами самого ребёнка. См. [основы](module:basics).
            """)
        let (site, compiled, _) = try await build(course)
        let module = try #require(site["ru/basics/index.html"])
        #expect(module.contains("Основы") && module.contains("Определять тип вопроса.") && module.contains("Введение со ссылкой"))
        #expect(module.contains("notice-machine") && !module.contains("notice-fallback"))
        let glossary = try #require(site["ru/glossary/index.html"])
        #expect(glossary.contains("<h2 id=\"invitation\">Открытое приглашение</h2>"))
        #expect(glossary.contains("<h2 id=\"cued-invitation\">Приглашение с опорой на слова ребёнка</h2>"))
        #expect(!glossary.contains("{#"))
        // The server's course in Russian carries the module's texts and the lesson's title.
        let russian = compiled.localized(to: "ru")
        #expect(russian.module("basics")?.title == "Основы")
        #expect(russian.module("basics")?.lessons.first?.title == "Открытые вопросы")
        #expect(russian.module("basics")?.objectives.map(\.text) == ["Определять тип вопроса.", "Называть этапы допроса."])
        // The observation form is made in Russian from the Russian labels.
        #expect(russian.trainerMaterials.first { $0.id == "observation-mock" }?.html.contains("Критерий") == true)
    }

    @Test("a translated glossary heading without its English anchor is an error at its line")
    func glossaryAnchors() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/glossary.ru.md", "---\nmachine_assisted: true\n---\n## Открытое приглашение\n\nТекст.\n")
        let problems = await course.diagnostics()
        #expect(problems.contains { $0.hasPrefix("Curriculum/glossary.ru.md:4: 'Открытое приглашение' needs the anchor of its English entry") }, "\(problems)")
    }

    @Test("the term base: a translation that never uses the glossary's name for a term its English links is warned about")
    func termBase() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/glossary.ru.md", """
            ---
            machine_assisted: true
            ---
            ## Открытое приглашение {#invitation}

            Текст.

            ## Приглашение с опорой на слова ребёнка {#cued-invitation}

            Текст.
            """)
        let lesson = "Curriculum/modules/01-basics/01-open.ru.md"
        var problems = await course.diagnostics()
        #expect(problems.contains { $0.hasPrefix("\(lesson): warning: the English links the glossary term {#cued-invitation}") }, "\(problems)")
        // An inflected use of every word of the term counts.
        try course.edit(lesson, replacing: "Открытые вопросы дают больше точных деталей.", with: "Открытые вопросы, например приглашения с опорой на слова ребёнка, дают больше точных деталей.")
        problems = await course.diagnostics()
        #expect(!problems.contains { $0.contains("{#cued-invitation}") }, "\(problems)")
    }

    @Test("a prompt type named otherwise in the UI strings than in the term base is an error")
    func promptTypeNames() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Curriculum/glossary.ru.md", "---\nmachine_assisted: true\n---\n## Приглашение с опорой на слова ребёнка {#cued-invitation}\n\nТекст.\n")
        try course.edit("Curriculum/locales/ru.yaml", replacing: "prompt_cued_invitation: \"Приглашение с опорой на слова ребёнка\"", with: "prompt_cued_invitation: \"Приглашение с опорой\"")
        let problems = await course.diagnostics()
        #expect(problems.contains { $0.hasPrefix("Curriculum/locales/ru.yaml: the prompt type 'cued-invitation' is «Приглашение с опорой» here but «Приглашение с опорой на слова ребёнка» in the term base") }, "\(problems)")
        try course.edit("Curriculum/locales/ru.yaml", replacing: "prompt_cued_invitation: \"Приглашение с опорой\"", with: "prompt_cued_invitation: \"Приглашение с опорой на слова ребёнка\"")
        #expect(!(await course.diagnostics()).contains { $0.contains("the prompt type") })
    }

    @Test("a language's reference translation is linked from its unreviewed pages; a reference that is no other language is an error")
    func referenceLanguage() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Curriculum/curriculum.yaml", replacing: "default_language: en", with: "default_language: en\nreference_languages: {ru: de}")
        #expect(await course.diagnostics().contains { $0.contains("reference_languages: 'ru: de' must name two other languages") })
        try course.edit("Curriculum/curriculum.yaml", replacing: "{ru: de}", with: "{ru: en}")
        let (site, _, _) = try await build(course)
        let page = try #require(site["ru/basics/basics-open/index.html"])
        #expect(page.contains("<a href=\"../../../en/basics/basics-open/index.html\" hreflang=\"en\" lang=\"ru\">"), "no link to the reference text")
    }

    @Test("coverage counts what is translated, stale, machine-assisted and reviewed, per kind")
    func coverage() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.write("Assessments/quizzes/basics.ru.yaml", Self.overlay)
        let coverage = try await SiteBuilder(root: course.root).translationCoverage()
        let rows = try #require(coverage.languages["ru"])
        let lessons = try #require(rows.first { $0.kind == .lesson })
        #expect(lessons.total == 2 && lessons.translated == 1 && lessons.machineAssisted == 1 && lessons.reviewed == 0)
        // Never stamped: stale until a reviewer records the source it matches.
        #expect(lessons.stale == 1)
        let questions = try #require(rows.first { $0.kind == .question })
        let content = try await course.compile()
        #expect(questions.total == content.course.questionBanks.reduce(0) { $0 + $1.questions.count })
        #expect(questions.translated == 3)
        #expect(questions.wordsTranslated > 0 && questions.wordsTranslated < questions.words)
    }

    @Test("stamping writes one hash per entry and the file's own, and changes no other line")
    func stampYAML() {
        let text = """
            # Russian texts
            machine_assisted: true
            criteria:
              - id: plan
                source_hash: 000000000000
                title: "План"
                levels:
                  0: "Нет"
              - id: other
                title: "Другое"

            """
        let stamped = TranslationStamper.stampYAML(text, fileHash: "aaaaaaaaaaaa", entries: ["plan": "bbbbbbbbbbbb", "other": "cccccccccccc"])
        #expect(stamped == """
            # Russian texts
            machine_assisted: true
            source_hash: aaaaaaaaaaaa
            criteria:
              - id: plan
                source_hash: bbbbbbbbbbbb
                title: "План"
                levels:
                  0: "Нет"
              - id: other
                source_hash: cccccccccccc
                title: "Другое"

            """)
        #expect(TranslationStamper.stampYAML(stamped, fileHash: "aaaaaaaaaaaa", entries: ["plan": "bbbbbbbbbbbb", "other": "cccccccccccc"]) == stamped)
    }
}

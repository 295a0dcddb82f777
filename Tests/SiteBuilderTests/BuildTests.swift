import AcademyCore
import Foundation
import Testing
@testable import SiteBuilder

@Suite("Building the site")
struct BuildTests {
    /// Builds the fixture course and returns the output folder's files.
    func build(_ course: FixtureCourse) async throws -> (site: [String: String], course: Course) {
        let output = course.url("out")
        _ = try await SiteBuilder(root: course.root).build(output: output)
        let files = try filesBelow(output.appendingPathComponent("site")).mapValues { String(decoding: $0, as: UTF8.self) }
        let compiled = try JSONDecoder().decode(Course.self, from: Data(contentsOf: output.appendingPathComponent("course.json")))
        return (files, compiled)
    }

    @Test("writes every page type in every language")
    func pages() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        for path in ["index.html", "assets/academy.css", "assets/academy.js"] {
            #expect(site[path] != nil, "missing \(path)")
        }
        for language in ["en", "ru"] {
            for page in ["index.html", "basics/index.html", "basics/basics-open/index.html", "basics/basics-phases/index.html",
                         "glossary/index.html", "manual/index.html", "search/index.html", "search-index.js"] {
                #expect(site["\(language)/\(page)"] != nil, "missing \(language)/\(page)")
            }
        }
    }

    @Test("every link is relative and reaches an existing file and anchor")
    func linksResolve() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        let pattern = try Regex(#"(?:href|src)="([^"]*)""#)
        var checked = 0
        for (path, html) in site where path.hasSuffix(".html") {
            let folder = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
            for match in html.matches(of: pattern) {
                let link = String(match.output[1].substring ?? "")
                if link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                #expect(!link.hasPrefix("/") && !link.hasPrefix("http:"), "\(path): absolute link \(link)")
                // Links to the application are served by the records server, not the static site.
                if link.contains("app/") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].split(separator: "?").first.map(String.init) ?? ""
                let target = file.isEmpty ? path : String(URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL.path.dropFirst())
                #expect(site[target] != nil, "\(path): broken link \(link)")
                if parts.count == 2, let page = site[target] {
                    #expect(page.contains("id=\"\(parts[1])\""), "\(path): no anchor for \(link)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("no answer key, explanation, feedback or question text reaches the site")
    func noLeakage() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, compiled) = try await build(course)
        var secrets: [String] = []
        for question in compiled.questionBanks.flatMap(\.questions) {
            secrets.append(question.explanation)
            secrets += [question.prompt, question.utterance ?? "", question.feedback ?? ""].filter { !$0.isEmpty }
            secrets += (question.choices ?? []).flatMap { [$0.text] + ($0.feedback.map { [$0] } ?? []) }
            secrets += (question.pairs ?? []).map(\.right)
        }
        #expect(secrets.contains { $0.hasPrefix("SECRET-CORRECT-1") })
        for (path, text) in site {
            for secret in secrets where secret.count > 12 {
                #expect(!text.contains(secret), "\(path) contains assessment text: \(secret)")
            }
            #expect(!text.contains("SECRET-"), "\(path) contains assessment text")
            if path.hasSuffix(".js") || path.hasSuffix(".json") {
                #expect(!text.contains("\"correct\""), "\(path) carries a correct flag")
            }
        }
        // The compiled course keeps them, for the server to grade with.
        let first = compiled.bank(for: "basics")?.questions.first
        #expect(first?.choices?.first?.correct == true)
        #expect(compiled.bank(for: "basics")?.questions.contains { $0.promptType == .cuedInvitation } == true)
    }

    @Test("the trainer pack is built into course.json only, its links resolved for /app/trainer/, and facilitator notes link to it")
    func trainerPack() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, compiled) = try await build(course)
        let material = try #require(compiled.trainerMaterials.first)
        #expect(material.id == "card-set" && material.title == "Classification cards")
        #expect(material.html.contains("SECRET-TRAINER-1"))
        #expect(material.html.contains("href=\"../../en/basics/basics-open/index.html\""))
        // Asides carry their label in the course's language, as on the site, not the kind's code name.
        #expect(!material.html.contains(">callout<"))
        for (path, text) in site { #expect(!text.contains("SECRET-TRAINER"), "\(path) carries the trainer pack") }
        let module = try #require(site["en/basics/index.html"])
        #expect(module.contains("href=\"../../app/trainer/card-set\""))
    }

    @Test("the pack's observation forms and test forms are made from the assessments, into course.json only, each key apart from its form")
    func generatedMaterials() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Assessments/practicals/mock.yaml", replacing: "title: Prompt balance", with: "title: Prompt balance RUBRIC-EDIT")
        // Pages the build makes can be linked like written ones.
        try course.edit("Curriculum/modules/01-basics/module.md", replacing: "times the session.",
                        with: "times the session. Score with the [observation form (for instructors)](trainer:observation-mock).")
        let (site, compiled) = try await build(course)
        let materials = Dictionary(uniqueKeysWithValues: compiled.trainerMaterials.map { ($0.id, $0) })
        // The observation form follows the rubric: a change to a criterion is on the form.
        let form = try #require(materials["observation-mock"])
        #expect(form.kind == .form)
        #expect(form.html.contains("Prompt balance RUBRIC-EDIT") && form.html.contains("Names the suspect.") && form.html.contains("(critical)"))
        #expect(form.html.contains("every critical criterion at 1 or above") && form.html.contains("“Prompt balance RUBRIC-EDIT” at 2 or above"))
        // A test form prints its questions without their key; the key page has the answers.
        let test = try #require(materials["cadets-a"])
        let key = try #require(materials["cadets-a-key"])
        #expect(test.kind == .test && key.kind == .key)
        #expect(test.html.contains("SECRET-PROMPT-1") && !test.html.contains("SECRET-EXPLANATION"))
        #expect(test.html.contains("Introduction") && test.html.contains("Rapport") && test.html.contains("Transition"))
        #expect(key.html.contains("<strong>A</strong>"), "the first choice of basics-q1 is its key")
        #expect(key.html.contains("In order: "))
        #expect(compiled.testForms.map(\.id) == ["cadets-a", "cadets-b"])
        #expect(compiled.testForms.first?.items == ["basics-q1", "basics-q3"])
        for (path, text) in site {
            #expect(!text.contains("RUBRIC-EDIT") && !text.contains("cadets-a-key"), "\(path) carries a generated trainer page")
        }
    }

    @Test("a lesson offers 'mark as studied' before and after its text, the module's last lesson leads to its quiz, and the facilitator's note follows the quiz, folded")
    func pathsThroughAModule() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        let first = try #require(site["en/basics/basics-open/index.html"])
        let last = try #require(site["en/basics/basics-phases/index.html"])
        #expect(first.components(separatedBy: "class=\"progress-slot\"").count - 1 == 2)
        let sources = try #require(first.range(of: "id=\"sources-heading\""))
        #expect(first[sources.upperBound...].contains("class=\"progress-slot\""), "no 'mark as studied' after the text")
        // Only the last lesson of the module carries the quiz, as the next step.
        #expect(!first.contains("app/quiz/basics") && last.contains("href=\"../../../app/quiz/basics?lang=en\""))
        // The quiz block names its module, and carries the dashboard's words for a signed-in trainee's
        // standing, which academy.js asks the server for (GET /api/quizzes/basics).
        #expect(last.contains("<section class=\"quiz\" aria-labelledby=\"quiz-heading\" data-quiz=\"basics\" data-label-not-started=\"not started\""))
        #expect(last.contains("data-label-best=\"best {percent}%\" data-label-attempts=\"{left} of {allowed} attempts left\""))
        // The content version is for print and the page's data, not for the reader.
        #expect(last.contains("class=\"content-version meta print-only\"") && last.contains("data-content-hash="))
        // On the module page the note for instructors comes after the quiz, folded and labelled.
        let module = try #require(site["en/basics/index.html"])
        let quiz = try #require(module.range(of: "class=\"quiz\""))
        let note = try #require(module.range(of: "<details class=\"facilitator-note\"><summary>"))
        #expect(quiz.lowerBound < note.lowerBound)
        #expect(module.components(separatedBy: "aside-facilitator").count - 1 == 1)
        // The header's account link is there for the script to fill in when a server answers.
        #expect(first.contains("class=\"account-link\" hidden href=\"../../../app/sign-in\""))
    }

    @Test("printed ordering and matching items are in a fixed order that is never the key's")
    func printedOrder() {
        for count in 2...6 {
            let order = GeneratedMaterials.shuffledOrder(count, seed: "q-\(count)")
            #expect(order.sorted() == Array(0..<count) && order != Array(0..<count))
            #expect(order == GeneratedMaterials.shuffledOrder(count, seed: "q-\(count)"))
        }
    }

    @Test("an untranslated lesson falls back to English with a notice; a translated one is marked machine-assisted")
    func translations() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        let fallback = try #require(site["ru/basics/basics-phases/index.html"])
        #expect(fallback.contains("notice-fallback"))
        #expect(fallback.contains("Этот текст ещё не переведён"))
        #expect(fallback.contains("<article class=\"lesson\" lang=\"en\">"))
        let translated = try #require(site["ru/basics/basics-open/index.html"])
        #expect(translated.contains("<h1>Открытые вопросы</h1>"))
        #expect(translated.contains("notice-machine"))
        #expect(!translated.contains("notice-fallback"))
        let english = try #require(site["en/basics/basics-phases/index.html"])
        #expect(!english.contains("notice-fallback"))
    }

    @Test("search index is a script with every lesson, and the manual holds every lesson with a table of contents")
    func searchAndManual() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        let index = try #require(site["en/search-index.js"])
        #expect(index.hasPrefix("window.ACADEMY_SEARCH = ["))
        // Read as the browser reads it (an array literal may end with a comma, which JSON may not): one
        // entry per module, lesson and glossary term, each pointing at a page of the site.
        let literal = index.dropFirst("window.ACADEMY_SEARCH = ".count).replacingOccurrences(of: ",\n];\n", with: "]")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(literal.utf8)) as? [[String: String]])
        let content = try await course.compile()
        #expect(entries.count == content.modules.count + content.modules.reduce(0) { $0 + $1.lessons.count } + content.glossary.terms.count)
        for entry in entries {
            let page = entry["u"]?.split(separator: "#").first.map(String.init) ?? ""
            #expect(site["en/" + page] != nil, "search entry \(entry) points nowhere")
        }
        #expect(index.contains("\"t\":\"Open prompts\",\"u\":\"basics/basics-open/index.html\""))
        #expect(index.contains("Open prompts produce more accurate detail"))
        let search = try #require(site["en/search/index.html"])
        #expect(search.contains("<script src=\"../search-index.js\" defer></script>"))
        let manual = try #require(site["en/manual/index.html"])
        #expect(manual.contains("class=\"manual-toc\""))
        #expect(manual.contains("id=\"module-basics\""))
        #expect(manual.contains("id=\"lesson-basics-open\""))
        #expect(manual.contains("id=\"lesson-basics-phases\""))
        #expect(manual.contains("href=\"#lesson-basics-phases\""))
        // Lesson headings sit under the lesson's h3 and stay unique across lessons.
        #expect(manual.contains("<h3 id=\"basics-open-why-open-prompts\">"))
    }

    @Test("every page has one h1, a language, a skip link and no inline script")
    func accessibleShell() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, _) = try await build(course)
        for (path, html) in site where path.hasSuffix(".html") {
            #expect(html.components(separatedBy: "<h1").count == 2, "\(path) must have exactly one h1")
            #expect(html.contains("<html lang=\""), "\(path)")
            #expect(html.contains("class=\"skip-link\" href=\"#main\""), "\(path)")
            #expect(html.contains("<main id=\"main\""), "\(path)")
            #expect(!html.contains("<script>"), "\(path) has inline script")
            #expect(!html.contains(" onclick="), "\(path) has an inline handler")
        }
    }

    @Test("lesson pages carry the SHA-256 of their source")
    func contentHash() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (site, compiled) = try await build(course)
        let source = try course.read("Curriculum/modules/01-basics/02-phases.md")
        let hash = sha256Hex(source)
        #expect(compiled.module("basics")?.lessons.first { $0.id == "basics-phases" }?.contentHash == hash)
        #expect(site["en/basics/basics-phases/index.html"]?.contains("data-content-hash=\"\(hash)\"") == true)
    }

    @Test("course.json carries the course hash the server and export compute, and it moves when a lesson changes")
    func courseHash() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (_, built) = try await build(course)
        #expect(built.contentHash.count == 64)
        #expect(try await ContentCompiler(root: course.root).course().contentHash == built.contentHash)
        // The hash is written into the one encoding of the course: the file is what encoding the course
        // with its hash gives.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try Data(contentsOf: course.url("out/course.json")) == (try encoder.encode(built)))
        try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "title: Phases of the interview", with: "title: Phases of an interview")
        let (_, rebuilt) = try await build(course)
        #expect(rebuilt.contentHash != built.contentHash)
    }

    @Test("titles from content are escaped")
    func escaping() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "title: Phases of the interview", with: "title: \"Phases <script>alert(1)</script>\"")
        let (site, _) = try await build(course)
        let page = try #require(site["en/basics/basics-phases/index.html"])
        #expect(page.contains("<h1>Phases &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(!site.values.contains { $0.contains("<script>alert") })
    }

    /// A problem found while loading (bad YAML), and one found only by the link check, which a build runs
    /// while it writes the pages.
    enum Breakage: String, CaseIterable, Sendable {
        case yaml, brokenLink

        func apply(to course: FixtureCourse) throws -> String {
            switch self {
            case .yaml:
                try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "minutes: 15", with: "minutes: [15")
                return "Curriculum/modules/01-basics/02-phases.md:5: YAML syntax error"
            case .brokenLink:
                try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "## The phases", with: "## The phases\n\nSee [gone](lesson:no-such-lesson).")
                return "Curriculum/modules/01-basics/02-phases.md:11: broken link: no lesson with id 'no-such-lesson'"
            }
        }
    }

    @Test("a failed build reports the problem and leaves the previous site untouched", arguments: Breakage.allCases)
    func failedBuildKeepsPreviousSite(breakage: Breakage) async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let (before, _) = try await build(course)
        let expected = try breakage.apply(to: course)
        do {
            _ = try await SiteBuilder(root: course.root).build(output: course.url("out"))
            Issue.record("the build succeeded")
        } catch let error as ContentError {
            #expect(error.diagnostics.map(\.description).contains { $0.hasPrefix(expected) }, "\(error.diagnostics)")
        }
        let after = try filesBelow(course.url("out/site")).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(after == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: course.root.path).filter { $0.hasPrefix(".out") }
        #expect(leftovers.isEmpty)
    }

    @Test("a rebuild replaces the site: a removed lesson's page is gone")
    func rebuildReplaces() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        _ = try await build(course)
        try course.edit("Curriculum/modules/01-basics/01-open.md", replacing: "and [the next lesson](lesson:basics-phases) ", with: "")
        try course.remove("Curriculum/modules/01-basics/02-phases.md")
        try course.edit("Assessments/quizzes/basics.yaml", replacing: "draw: 3", with: "draw: 2")
        try course.edit("Assessments/exams/cadets-final.yaml", replacing: "count: 4", with: "count: 2")
        let (site, _) = try await build(course)
        #expect(site["en/basics/basics-phases/index.html"] == nil)
        #expect(site["en/basics/basics-open/index.html"] != nil)
    }

    @Test("search index strings cannot end the script, break a line in old parsers, or lose text", arguments: [
        ("plain", "\"plain\""),
        ("say \"hi\" \\ go", "\"say \\\"hi\\\" \\\\ go\""),
        ("</script><b>&", "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\""),
        ("tab\tline\nend", "\"tab\\u0009line\\u000aend\""),
        ("a\u{2028}b\u{2029}c", "\"a\\u2028b\\u2029c\""),
        ("Қыргыз – тил", "\"Қыргыз – тил\""),
        ("", "\"\""),
        // Long enough to be read sixteen bytes at a time, with characters to escape on block boundaries.
        (String(repeating: "a", count: 15) + "\"" + String(repeating: "b", count: 15) + "<" + "c\u{2028}d" + String(repeating: "e", count: 20) + "\\",
         "\"" + String(repeating: "a", count: 15) + "\\\"" + String(repeating: "b", count: 15) + "\\u003c" + "c\\u2028d" + String(repeating: "e", count: 20) + "\\\\\""),
    ])
    func searchStrings(text: String, literal: String) throws {
        #expect(jsString(text) == literal)
        // What the browser reads back is the text itself.
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String
        #expect(decoded == text)
    }
}

import Foundation
import Pages
import Testing
@testable import SiteBuilder

@Suite("Pages written from templates")
struct PageTemplateTests {
    @Test("a lesson page written from its module's template is the page rendered in full, in every language")
    func lessonPagesMatch() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        // Values the page must escape, a content note and a link, so every slot carries something.
        try course.edit("Curriculum/modules/01-basics/02-phases.md", replacing: "title: Phases of the interview",
                        with: "title: \"Phases <b>&amp; \\\"steps\\\"</b> it's\"\ncontent_note: Notes & <more>")
        let content = try await course.compile()
        var compared = 0
        for language in content.course.languages {
            let pages = SitePages(content: content, language: language)
            for (index, module) in content.modules.enumerated() {
                let template = LessonPageTemplate(pages: pages, module: index)
                for (position, lesson) in module.lessons.enumerated() {
                    var written: [UInt8] = []
                    template.write(lesson: position, into: &written)
                    let full = pages.lessonPage(
                        lesson, in: module, previous: position > 0 ? module.lessons[position - 1] : nil,
                        next: position + 1 < module.lessons.count ? module.lessons[position + 1] : nil
                    )
                    #expect(String(decoding: written, as: UTF8.self) == full, "\(language) \(lesson.info.id)")
                    compared += 1
                }
            }
        }
        #expect(compared == 4)
        let page = String(decoding: try Data(contentsOf: try await buildSite(course).appendingPathComponent("en/basics/basics-phases/index.html")), as: UTF8.self)
        #expect(page.contains("<h1>Phases &lt;b&gt;&amp;amp; &quot;steps&quot;&lt;/b&gt; it&#39;s</h1>"))
        #expect(page.contains("<p>Notes &amp; &lt;more&gt;</p>"))
        #expect(!page.contains("\u{E000}"))
    }

    @Test("the manual written part by part as modules finish is the manual rendered in one piece, in every language")
    func manualMatches() async throws {
        let course = try FixtureCourse()
        defer { course.cleanUp() }
        let site = try await buildSite(course)
        let content = try await course.compile()
        for language in content.course.languages {
            let written = String(decoding: try Data(contentsOf: site.appendingPathComponent("\(language)/manual/index.html")), as: UTF8.self)
            #expect(written == SitePages(content: content, language: language).manualPage(), "\(language)")
        }
    }

    func buildSite(_ course: FixtureCourse) async throws -> URL {
        _ = try await SiteBuilder(root: course.root).build(output: course.url("out"))
        return course.url("out/site")
    }

    @Test("a template fills every occurrence of a marker, in page order")
    func filling() throws {
        let page = "<p>\(PageTemplate.marker(1))</p><h1>\(PageTemplate.marker(0))</h1><i>\(PageTemplate.marker(1))</i>"
        let template = try #require(PageTemplate(rendering: page, markers: 2))
        var out: [UInt8] = []
        template.render(into: &out) { slot, out in out.append(contentsOf: (slot == 0 ? "zero" : "one").utf8) }
        #expect(String(decoding: out, as: UTF8.self) == "<p>one</p><h1>zero</h1><i>one</i>")
    }

    /// How a layout might mangle a value: truncate it, drop it, change its case.
    enum Change: String, CaseIterable, Sendable {
        case truncated, missing, uppercased

        func apply(_ text: String) -> String {
            switch self {
            case .truncated: String(text.prefix(4))
            case .missing: ""
            case .uppercased: text.uppercased()
            }
        }
    }

    @Test("a page whose markers were changed gives no template, so the page is rendered in full", arguments: Change.allCases)
    func brokenMarkers(change: Change) {
        let page = "<title>\(change.apply(PageTemplate.marker(0)))</title><main>\(PageTemplate.marker(1))</main>"
        #expect(PageTemplate(rendering: page, markers: 2) == nil)
    }

    @Test("text that looks like a marker but lacks this run's nonce is left as text")
    func foreignMarker() throws {
        let page = "<p>\u{E000}abc-0\u{E001}</p>\(PageTemplate.marker(0))"
        let template = try #require(PageTemplate(rendering: page, markers: 1))
        var out: [UInt8] = []
        template.render(into: &out) { _, out in out.append(contentsOf: "X".utf8) }
        #expect(String(decoding: out, as: UTF8.self) == "<p>\u{E000}abc-0\u{E001}</p>X")
    }
}

import AcademyCore
import Pages
import Testing

@Suite("Pages")
struct PagesTests {
    let strings = UIStrings(language: "en", values: Dictionary(uniqueKeysWithValues: UIStrings.Key.allCases.map { ($0.rawValue, "[\($0.rawValue)]") }))

    @Test("interpolated text is escaped; HTML fragments are not")
    func escaping() {
        let name = "<script>\"x\" & 'y'</script>"
        let fragment: HTML = "<b>\(name)</b>"
        #expect(fragment.raw == "<b>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</b>")
        let outer: HTML = "<p>\(fragment)</p>"
        #expect(outer.raw == "<p><b>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</b></p>")
    }

    @Test("links are relative to the page's depth", arguments: [(0, "", "en/"), (1, "../", ""), (3, "../../../", "../../")])
    func relativeLinks(depth: Int, toRoot: String, toLanguage: String) {
        let context = PageContext(language: "en", strings: strings, depth: depth, courseTitle: "Course",
                                  languages: [("en", "English"), ("ru", "Русский")], pathInLanguage: "m/index.html")
        let page = Layout.page(title: "T", context: context, main: "<h1>T</h1>")
        #expect(page.contains("href=\"\(toRoot)assets/academy.css\""))
        #expect(page.contains("href=\"\(toLanguage)index.html\""))
        #expect(page.contains("href=\"\(toRoot)ru/m/index.html\" lang=\"ru\""))
        #expect(!page.contains("href=\"/"))
    }

    @Test("the frame has a language, a skip link, landmarks and localised labels")
    func frame() {
        let context = PageContext(language: "ru", strings: strings, depth: 1, courseTitle: "Курс <1>",
                                  languages: [("ru", "Русский")], pathInLanguage: nil)
        let page = Layout.page(title: "Главная", context: context, crumbs: [Crumb("Home", "index.html"), Crumb("Here")],
                               sidebar: "<ol></ol>", main: "<h1>x</h1>")
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
        #expect(page.contains("<a class=\"skip-link\" href=\"#main\">[skip_to_content]</a>"))
        #expect(page.contains("<main id=\"main\" tabindex=\"-1\">"))
        #expect(page.contains("<nav class=\"sidebar\" aria-label=\"[course_navigation]\">"))
        #expect(page.contains("<li aria-current=\"page\">Here</li>"))
        #expect(page.contains("<title>Главная · Курс &lt;1&gt;</title>"))
        #expect(!page.contains("<script>"))
    }
}

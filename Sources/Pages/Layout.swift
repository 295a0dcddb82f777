import AcademyCore

/// Where a page sits in the site, so that every link it writes is relative and works from disk.
public struct PageContext: Sendable {
    public var language: String
    public var strings: UIStrings
    /// From this page to the site root, for example `../../` (empty at the root).
    public var toRoot: String
    /// From this page to its language's home, for example `../`.
    public var toLanguage: String
    public var courseTitle: String
    /// Every language's code and name, for the language switcher.
    public var languages: [(code: String, name: String)]
    /// This page's path below a language folder (`legal-framework/index.html`), for the same page in
    /// another language; nil when the page exists in one language only.
    public var pathInLanguage: String?
    /// The language switcher's items when a page makes its own (the server's pages, which stay on the
    /// same page in another language); nil for the static site's links to the other language's page.
    public var switcherItems: [HTML]?

    public init(
        language: String, strings: UIStrings, depth: Int, courseTitle: String,
        languages: [(code: String, name: String)], pathInLanguage: String?
    ) {
        self.language = language
        self.strings = strings
        self.toRoot = String(repeating: "../", count: depth)
        // The root page has no language folder above it; its links go into the page's language.
        self.toLanguage = depth == 0 ? language + "/" : String(repeating: "../", count: depth - 1)
        self.courseTitle = courseTitle
        self.languages = languages
        self.pathInLanguage = pathInLanguage
    }
}

public struct Crumb: Sendable {
    public var title: String
    public var href: String?

    public init(_ title: String, _ href: String? = nil) {
        self.title = title
        self.href = href
    }
}

/// The page frame every page shares: head, header with search and languages, breadcrumbs, sidebar,
/// main content and footer. One stylesheet, one deferred script, no inline script, no external request.
extension PageContext {
    /// A context with explicit relative paths, for pages the server renders outside the site's folders.
    public init(
        language: String, strings: UIStrings, toRoot: String, toLanguage: String, courseTitle: String,
        languages: [(code: String, name: String)]
    ) {
        self.init(language: language, strings: strings, depth: 1, courseTitle: courseTitle, languages: languages, pathInLanguage: nil)
        self.toRoot = toRoot
        self.toLanguage = toLanguage
    }
}

public enum Layout {
    public static func page(
        title: String, context: PageContext, crumbs: [Crumb] = [], sidebar: HTML? = nil, main: HTML,
        pageClass: String = "page", data: [String: String] = [:]
    ) -> String {
        let s = context.strings
        let dataAttributes = data.sorted { $0.key < $1.key }.map { HTML(raw: " data-\($0.key)=\"\(HTMLEscaping.escape($0.value))\"") }
        let html: HTML = """
        <!DOCTYPE html>
        <html lang="\(context.language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(context.courseTitle)</title>
        <link rel="stylesheet" href="\(context.toRoot)assets/academy.css">
        <script src="\(context.toRoot)assets/academy.js" defer></script>
        </head>
        <body class="\(pageClass)" data-root="\(context.toRoot)" data-lang-root="\(context.toLanguage)"\(dataAttributes)>
        <a class="skip-link" href="#main">\(s[.skipToContent])</a>
        <header class="site-header">
        <a class="site-title" href="\(context.toLanguage)index.html">\(context.courseTitle)</a>
        <form class="site-search" role="search" action="\(context.toLanguage)search/index.html" method="get">
        <label for="site-search-q" class="visually-hidden">\(s[.searchLabel])</label>
        <input id="site-search-q" name="q" type="search" placeholder="\(s[.search])">
        <button type="submit">\(s[.searchButton])</button>
        </form>
        \(languageSwitcher(context))
        \(pageClass == "page-app" ? HTML.empty : HTML("<a class=\"account-link\" hidden href=\"\(context.toRoot)app/sign-in\" data-label-sign-in=\"\(s[.signIn])\" data-label-home=\"\(s[.dashboard])\">\(s[.signIn])</a>"))
        </header>
        \(breadcrumbs(crumbs, context: context))
        <div class="layout">
        \(sidebar.map { HTML("<nav class=\"sidebar\" aria-label=\"\(s[.courseNavigation])\">\($0)</nav>") })
        <main id="main" tabindex="-1">
        \(main)
        </main>
        </div>
        <footer class="site-footer"><p>\(s[.footer])</p>
        <p><a href="\(context.toLanguage)glossary/index.html">\(s[.glossary])</a> · <a href="\(context.toLanguage)manual/index.html">\(s[.manual])</a></p></footer>
        </body>
        </html>

        """
        return html.raw
    }

    static func languageSwitcher(_ context: PageContext) -> HTML {
        let items: [HTML] = context.switcherItems ?? context.languages.map { language in
            let href = context.toRoot + language.code + "/" + (context.pathInLanguage ?? "index.html")
            if language.code == context.language {
                return "<li><a href=\"\(href)\" aria-current=\"true\" lang=\"\(language.code)\">\(language.name)</a></li>"
            }
            return "<li><a href=\"\(href)\" lang=\"\(language.code)\" hreflang=\"\(language.code)\">\(language.name)</a></li>"
        }
        return "<nav class=\"languages\" aria-label=\"\(context.strings[.chooseLanguage])\"><ul>\(items)</ul></nav>"
    }

    static func breadcrumbs(_ crumbs: [Crumb], context: PageContext) -> HTML {
        guard !crumbs.isEmpty else { return .empty }
        let items: [HTML] = crumbs.enumerated().map { index, crumb in
            if let href = crumb.href, index < crumbs.count - 1 {
                return "<li><a href=\"\(href)\">\(crumb.title)</a></li>"
            }
            return "<li aria-current=\"page\">\(crumb.title)</li>"
        }
        return "<nav class=\"breadcrumbs\" aria-label=\"\(context.strings[.breadcrumbs])\"><ol>\(items)</ol></nav>"
    }
}

import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// The administrators' home (`/app/admin`) and the audit log (`/app/admin/audit`): read-only, filtered,
/// paged, with the hash chain's verification status.
struct AdminController {
    let services: AcademyServices
    static let auditPageSize = 50

    func addRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        adminRoutes.get("/app/admin") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let accounts = try await services.store.accounts().filter { !$0.disabled }.count
            let cohorts = try await services.store.cohorts().count
            let review = try await services.store.certifications(needingReview: true).count
            return pages.adminHome(
                session: session, accounts: accounts, cohorts: cohorts, review: review, chain: try await services.store.verifyAudit()
            )
        }
        adminRoutes.get("/app/admin/audit") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let query = request.uri.queryParameters
            func value(_ name: String) -> String? {
                guard let text = query.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                return String(text.prefix(200))
            }
            let filter = AuditFilter(actor: value("actor"), action: value("action"), text: value("q"), before: value("before").flatMap { Int64($0) })
            let entries = try await services.store.auditPage(
                actor: filter.actor, action: filter.action, text: filter.text, before: filter.before, limit: Self.auditPageSize + 1
            )
            return pages.audit(
                session: session, filter: filter, entries: Array(entries.prefix(Self.auditPageSize)), more: entries.count > Self.auditPageSize,
                vocabulary: try await services.store.auditVocabulary(), chain: try await services.store.verifyAudit()
            )
        }
    }
}

struct AuditFilter {
    var actor: String?
    var action: String?
    var text: String?
    var before: Int64?
}

extension ServerPages {
    func chainStatus(_ chain: AuditVerification) -> HTML {
        if let broken = chain.firstBroken {
            return message(strings.format(.auditChainBroken, ["id": String(broken), "problem": chain.problem ?? ""]), error: true)
        }
        return "<p class=\"notice\">\(strings.format(.auditChainOK, ["count": String(chain.entries)]))</p>"
    }

    func adminHome(session: AcademyStore.Session, accounts: Int, cohorts: Int, review: Int, chain: AuditVerification) -> Response {
        let main: HTML = """
        <h1>\(strings[.administration])</h1>
        <p>\(strings.format(.adminSummary, ["accounts": String(accounts), "cohorts": String(cohorts), "review": String(review)]))</p>
        \(chainStatus(chain))
        """
        return render(title: strings[.administration], main: main, session: session)
    }

    func audit(
        session: AcademyStore.Session, filter: AuditFilter, entries: [AuditEntry], more: Bool,
        vocabulary: (actions: [String], actors: [String]), chain: AuditVerification
    ) -> Response {
        func options(_ values: [String], selected: String?) -> HTML {
            let any: HTML = "<option value=\"\">\(strings[.auditAny])</option>"
            return any + values.map { value -> HTML in
                "<option value=\"\(value)\"\(value == selected ? HTML(raw: " selected") : .empty)>\(value)</option>"
            }.joined()
        }
        let rows: [HTML] = entries.map { entry in
            let when = entry.at.formatted(Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: false))
            return "<tr><td>\(entry.id)</td><td>\(when)</td><td>\(entry.actor)</td><td>\(entry.action)</td><td>\(entry.subject)</td><td>\(entry.details)</td></tr>"
        }
        let table: HTML = entries.isEmpty ? "<p>\(strings[.auditNone])</p>" : """
            <div class="table-scroll"><table class="data-table audit-table"><thead><tr><th scope="col">#</th><th scope="col">\(strings[.auditWhen])</th>\
            <th scope="col">\(strings[.auditActor])</th><th scope="col">\(strings[.auditAction])</th><th scope="col">\(strings[.auditSubject])</th>\
            <th scope="col">\(strings[.auditDetails])</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        var kept: [String] = []
        if let actor = filter.actor { kept.append("actor=" + Self.queryValue(actor)) }
        if let action = filter.action { kept.append("action=" + Self.queryValue(action)) }
        if let text = filter.text { kept.append("q=" + Self.queryValue(text)) }
        let base = "app/admin/audit?" + kept.joined(separator: "&")
        var paging: [HTML] = []
        if filter.before != nil { paging.append("<a href=\"\(link(base))\">\(strings[.auditNewest])</a>") }
        if more, let last = entries.last { paging.append("<a href=\"\(link(base + (kept.isEmpty ? "" : "&") + "before=\(last.id)"))\">\(strings[.auditOlder])</a>") }
        let main: HTML = """
        <h1>\(strings[.auditTitle])</h1>
        <p>\(strings[.auditIntro])</p>
        \(chainStatus(chain))
        <form class="filter-form" method="get" action="\(link("app/admin/audit"))">
        <label>\(strings[.auditActor]) <select name="actor">\(options(vocabulary.actors, selected: filter.actor))</select></label>
        <label>\(strings[.auditAction]) <select name="action">\(options(vocabulary.actions, selected: filter.action))</select></label>
        <label>\(strings[.auditSubject]) <input name="q" value="\(filter.text ?? "")" maxlength="200"></label>
        <button type="submit">\(strings[.auditFilter])</button>
        </form>
        \(table)
        <p class="paging">\(paging.joined(separator: " · "))</p>
        """
        return render(title: strings[.auditTitle], main: main, session: session)
    }

    /// A value for a query string: letters, digits and `-._~` as they are, everything else percent-encoded.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }
}

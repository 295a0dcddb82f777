import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// The trainer pack at `/app/trainer/`: for administrators and holders of a current instructor
/// certification (`Access.instructor`), never for trainees.
struct TrainerController {
    let services: AcademyServices

    func addRoutes(to routes: Routes) {
        let instructorRoutes = routes.group(.instructor)
        instructorRoutes.get("/app/trainer") { request, context in
            let pages = services.pages(request, context)
            return pages.trainerIndex(session: try context.signedIn)
        }
        instructorRoutes.get("/app/trainer/{id}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            guard let material = pages.course.trainerMaterials.first(where: { $0.id == context.parameters.get("id") }) else {
                throw ClientError(.notFound, .errorNoTrainerMaterial)
            }
            return pages.trainerMaterial(material, session: session)
        }
    }
}

extension ServerPages {
    /// The pack by module (each module's session plan and the materials its facilitator note names, in
    /// the note's order), then what no single module owns, by kind.
    func trainerIndex(session: AcademyStore.Session) -> Response {
        let byID = Dictionary(course.trainerMaterials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func list(_ materials: [TrainerMaterial]) -> HTML {
            let items: [HTML] = materials.map { "<li><a href=\"\(link("app/trainer/\($0.id)"))\">\($0.title)</a></li>" }
            return "<ul>\(items)</ul>"
        }
        var placed: Set<String> = []
        let modules: [HTML] = course.modules.compactMap { module in
            let materials = module.trainerMaterials.compactMap { byID[$0] }.filter { $0.kind != .register }
                .sorted { ($0.kind == .sessionPlan ? 0 : 1) < ($1.kind == .sessionPlan ? 0 : 1) }
            guard !materials.isEmpty else { return nil }
            placed.formUnion(materials.map(\.id))
            return "<section><h3>\(strings[.module]) \(module.number). \(module.title)</h3>\(list(materials))</section>"
        }
        let order: [TrainerMaterial.Kind] = [.register, .test, .form, .transcript, .cards, .sheet, .key, .sessionPlan]
        let rest: [HTML] = order.compactMap { kind in
            let materials = course.trainerMaterials.filter { $0.kind == kind && !placed.contains($0.id) }
            return materials.isEmpty ? nil : "<section><h2>\(strings.trainerKind(kind))</h2>\(list(materials))</section>"
        }
        let main: HTML = """
        <h1>\(strings[.trainerPack])</h1>
        <p class="notice">\(strings[.trainerPackNotice])</p>
        <h2>\(strings[.modules])</h2>
        \(modules)
        \(rest)
        """
        return render(title: strings[.trainerPack], main: main, session: session)
    }

    /// A material's page. Its kind is a class on the body, which the print stylesheet uses: card sets
    /// print one card per cell with cut marks, forms on one page.
    func trainerMaterial(_ material: TrainerMaterial, session: AcademyStore.Session) -> Response {
        // A page in another language says how its translation stands; a page with none is the English.
        var notices: [HTML] = []
        var lang: HTML = .empty
        if let state = material.translation {
            if state.machineAssisted { notices.append("<p class=\"notice notice-machine\">\(strings[.machineAssisted])</p>") }
            if let day = state.sourceUpdated {
                notices.append("""
                    <p class="notice notice-stale" role="note">\(strings.format(.translationStale, ["date": strings.day(iso: day)])) \
                    <a href="\(material.id)?lang=\(course.defaultLanguage)" hreflang="\(course.defaultLanguage)">\(strings[.readEnglish])</a></p>
                    """)
            }
        } else if language != course.defaultLanguage && !course.generatedTrainerMaterialIDs.contains(material.id) {
            notices.append("<p class=\"notice notice-fallback\" role=\"note\">\(strings[.fallbackNotice])</p>")
            lang = " lang=\"\(course.defaultLanguage)\""
        }
        let main: HTML = """
        <p class="notice">\(strings[.trainerPackNotice])</p>
        \(notices)
        <h1\(lang)>\(material.title)</h1>
        <div class="prose trainer-material trainer-\(material.kind.rawValue)"\(lang)>\(HTML(raw: material.html))</div>
        <p class="no-print"><button type="button" class="print-button">\(strings[.trainerPrint])</button> <a href="\(link("app/trainer"))">\(strings[.trainerPack])</a></p>
        """
        return render(title: material.title, main: main, session: session)
    }
}

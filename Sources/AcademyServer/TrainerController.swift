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
        let course = services.course
        let instructorRoutes = routes.group(.instructor)
        instructorRoutes.get("/app/trainer") { request, context in
            let pages = services.pages(request)
            return pages.trainerIndex(session: try context.signedIn)
        }
        instructorRoutes.get("/app/trainer/{id}") { request, context in
            let pages = services.pages(request)
            let session = try context.signedIn
            guard let material = course.trainerMaterials.first(where: { $0.id == context.parameters.get("id") }) else {
                throw ClientError(.notFound, "There is no trainer material with this name.")
            }
            return pages.trainerMaterial(material, session: session)
        }
    }
}

extension ServerPages {
    func trainerIndex(session: AcademyStore.Session) -> Response {
        let items: [HTML] = course.trainerMaterials.map { "<li><a href=\"\(link("app/trainer/\($0.id)"))\">\($0.title)</a></li>" }
        let main: HTML = """
        <h1>\(strings[.trainerPack])</h1>
        <p class="notice">\(strings[.trainerPackNotice])</p>
        <ul>\(items)</ul>
        """
        return render(title: strings[.trainerPack], main: main, session: session)
    }

    func trainerMaterial(_ material: TrainerMaterial, session: AcademyStore.Session) -> Response {
        let main: HTML = """
        <p class="notice">\(strings[.trainerPackNotice])</p>
        <h1>\(material.title)</h1>
        <div class="prose">\(HTML(raw: material.html))</div>
        <p class="no-print"><a href="\(link("app/trainer"))">\(strings[.trainerPack])</a></p>
        """
        return render(title: material.title, main: main, session: session)
    }
}

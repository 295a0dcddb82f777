import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// The trainer pack at `/app/trainer/`: for administrators and holders of a current instructor
/// certification (a programme that some programme names as its assessors), never for trainees.
struct TrainerController {
    let services: AcademyServices

    /// The signed-in instructor or administrator, or the refusal a trainee sees.
    func authorizeInstructor(_ context: AppRequestContext, pages: ServerPages) async throws -> AcademyStore.Session {
        let session = try context.authorize(.signedIn, page: pages)
        if session.account.role == .admin { return session }
        let instructorProgrammes = Set(services.course.programmes.flatMap(\.assessors))
        let now = Date()
        let held = try await services.store.certifications(accountID: session.account.id)
        guard held.contains(where: { instructorProgrammes.contains($0.programme) && $0.held.status(now: now) == .valid }) else {
            throw PageError(status: .forbidden, message: "This page is for another role.", pages: pages, session: session)
        }
        return session
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let course = services.course
        router.get("/app/trainer") { request, context in
            let pages = ServerPages(course: course, request: request)
            let session = try await authorizeInstructor(context, pages: pages)
            return pages.trainerIndex(session: session)
        }
        router.get("/app/trainer/{id}") { request, context in
            let pages = ServerPages(course: course, request: request)
            let session = try await authorizeInstructor(context, pages: pages)
            guard let material = course.trainerMaterials.first(where: { $0.id == context.parameters.get("id") }) else {
                throw PageError(status: .notFound, message: "There is no trainer material with this name.", pages: pages, session: session)
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

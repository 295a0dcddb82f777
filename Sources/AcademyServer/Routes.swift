import Hummingbird

/// Where controllers register their routes: each route through the group of its access rule.
struct Routes {
    let router: Router<AppRequestContext>
    let table: AccessTable
    let services: AcademyServices

    func group(_ access: Access) -> AccessGroup {
        AccessGroup(access, router: router, table: table, services: services)
    }
}

import AcademyStore
import Hummingbird
import Pages

/// A form as the person left it, and what is wrong with it, field by field: a refused form comes back
/// with every value kept and each message beside its field, never as an empty form or a bare error page.
struct FormState: Sendable {
    var fields: FormFields?
    /// Field name → message, in the person's language.
    var errors: [String: String] = [:]

    func value(_ name: String) -> String { fields?[name] ?? "" }
    func contains(_ name: String, _ value: String) -> Bool { fields?.all(name).contains(value) == true }
}

/// Every problem of a submitted form, by field; nothing was written.
struct FieldErrors: Error {
    var errors: [String: String]
}

extension ServerPages {
    /// A field's message (before its control, announced) and the attributes that tie the control to it.
    func fieldError(_ state: FormState, _ name: String, id: String) -> (message: HTML, attributes: HTML) {
        guard let error = state.errors[name] else { return (.empty, .empty) }
        return ("<p class=\"field-error\" id=\"\(id)-error\">\(error)</p>", " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"")
    }

    /// The notice above a refused form.
    func formSummary(_ state: FormState) -> HTML {
        state.errors.isEmpty ? .empty : message(strings[.errorCheckFields], error: true)
    }

    /// The page before a consequential action: what it will do, restated, a button that posts `fields`
    /// (with `confirm=yes`) to `action`, and a way back to `back`. Nothing is done until it is pressed.
    func confirmation(
        session: AcademyStore.Session, title: String, text: String, action: String, fields: [(String, String)] = [], button: String, back: String
    ) -> Response {
        let hidden: [HTML] = (fields + [("confirm", "yes")]).map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" }
        let main: HTML = """
        <h1>\(title)</h1>
        <p>\(text)</p>
        <form method="post" action="\(link(action))">\(csrfField(session))\(hidden)
        <p><button type="submit">\(button)</button> <a href="\(link(back))">\(strings[.cancel])</a></p></form>
        """
        return render(title: title, main: main, session: session)
    }

    /// `selected` when the form chose this value.
    func selected(_ state: FormState, _ name: String, _ value: String) -> HTML {
        state.contains(name, value) ? " selected" : .empty
    }
}

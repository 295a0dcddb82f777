@testable import SiteBuilder

/// Stops the run when the YAML subset reader accepts `text` but reads it otherwise than Yams does: a
/// wrong value, a wrong line in a diagnostic, or text Yams refuses as invalid.
public func checkSimpleYAML(_ text: String) {
    guard let simple = SimpleYAML.parse(text) else { return }
    let reference = try? YAMLValue.composedByYams(text)
    if simple != reference {
        fatalError("oracle: SimpleYAML read \(simple), Yams \(reference.map { "\($0)" } ?? "an error")")
    }
}

import Yams

/// A YAML node as the loaders read it: every scalar left as text (`YAMLObject` types it), each node with
/// the line of the file it starts on (1-based, counted from the YAML's first line).
indirect enum YAMLValue: Equatable, Sendable {
    /// `plain` is false for quoted and block scalars: `"15"` is text where `15` may be a number.
    case scalar(String, plain: Bool, line: Int)
    case sequence([YAMLValue], line: Int)
    /// Pairs in document order; Yams refuses a repeated key.
    case mapping([Pair], line: Int)
    /// Anything else (an alias): never a valid value here.
    case other(line: Int)

    struct Pair: Equatable, Sendable {
        var key: YAMLValue
        var value: YAMLValue
    }

    var line: Int {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line), .other(let line): line
        }
    }

    /// The text of a scalar.
    var text: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    var pairs: [Pair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    var items: [YAMLValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The value of the pair whose key is the text `key`.
    subscript(key: String) -> YAMLValue? {
        pairs?.first { $0.key.text == key }?.value
    }
}

extension YAMLValue {
    /// Parses YAML with Yams (libyaml) and the basic resolver: every scalar is left as text.
    static func parse(_ text: String) throws(YamlError) -> YAMLValue? {
        do {
            return try Yams.compose(yaml: text, .basic, .default, .utf8).map(YAMLValue.init)
        } catch let error as YamlError {
            throw error
        } catch {
            throw YamlError.no
        }
    }

    /// Converts a node composed by Yams. A scalar's tag is ignored: the loaders type every value themselves.
    init(_ node: Node) {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            self = .scalar(scalar.string, plain: scalar.style == .plain, line: line)
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLValue.init), line: line)
        case .mapping(let mapping):
            self = .mapping(mapping.map { Pair(key: YAMLValue($0.key), value: YAMLValue($0.value)) }, line: line)
        default:
            self = .other(line: line)
        }
    }
}

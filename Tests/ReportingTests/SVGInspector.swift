import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed SVG document: the element tree as Foundation's `XMLParser` reads it. Parsing fails (nil) on any
/// well-formedness error, so a successful parse is itself the XML validity check.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and all descendants, depth first.
    var all: [SVGNode] { [self] + children.flatMap(\.all) }

    /// Descendants (and self) with element `name` and, if given, class `className`.
    func elements(_ name: String, class className: String? = nil) -> [SVGNode] {
        all.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    /// The text of this element and its `tspan` children.
    var fullText: String { text + children.map(\.fullText).joined() }

    static func parse(_ svg: String) -> SVGNode? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = builder
        guard parser.parse(), builder.root != nil else { return nil }
        return builder.root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: SVGNode?
        var stack: [SVGNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let node = SVGNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

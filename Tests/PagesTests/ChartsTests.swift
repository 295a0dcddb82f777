import Testing
@testable import Pages

@Suite("Charts on a phone")
struct ChartsTests {
    @Test("charts are drawn at phone width so their labels stay legible, and long labels wrap instead of being cut")
    func legibleLabels() {
        let name = "Question types and the structure of the NICHD protocol"
        let bars = Charts.bars(id: "b", title: "Weakest", items: [(label: name, percent: 40)], empty: "none").raw
        #expect(bars.contains("viewBox=\"0 0 320 "))
        // Every word of the label is drawn, over two lines.
        #expect(bars.components(separatedBy: "<tspan").count - 1 == 2)
        for word in name.split(separator: " ") { #expect(bars.contains(word), "\(word) was cut") }
        let histograms = Charts.histograms(id: "h", title: "Scores", bands: ["0-49", "50-79", "80-100"],
                                           groups: [(label: name, counts: [1, 2, 3]), (label: "Evidence", counts: [0, 1, 0])], empty: "none").raw
        #expect(histograms.contains("viewBox=\"0 0 320 "))
        // The full name stays in the image's title for screen readers.
        #expect(histograms.contains("<title id=\"h-title\">Scores: \(name)"))
    }

    @Test("a chart with nothing to draw says so instead of drawing empty axes")
    func emptyState() {
        #expect(Charts.line(id: "l", title: "Completion", points: [("1 May", 0), ("2 May", 0)], maximum: 100, unit: "%", empty: "nothing yet").raw
            == "<p class=\"chart-empty\"><strong>Completion</strong>: nothing yet</p>")
        #expect(Charts.histograms(id: "h", title: "Scores", bands: ["a", "b"], groups: [(label: "M", counts: [0, 0])], empty: "nothing yet").raw
            .hasPrefix("<p class=\"chart-empty\">"))
        #expect(Charts.bars(id: "b", title: "Weakest", items: [], empty: "nothing yet").raw.hasPrefix("<p class=\"chart-empty\">"))
        #expect(Charts.line(id: "l", title: "Completion", points: [("1 May", 10)], maximum: 100, unit: "%", empty: "nothing yet").raw.hasPrefix("<figure"))
    }
}

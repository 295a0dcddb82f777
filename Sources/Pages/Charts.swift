import Foundation

/// Charts drawn as SVG on the server: no script, readable offline, printable. Each chart is an image with
/// a title for screen readers, and the figures it shows are also in a table or list next to it.
///
/// Drawn 320 units wide, about the width of a phone's screen, so that their 11-unit labels stay
/// legible there; labels wrap rather than being cut. An empty chart says so in words.
public enum Charts {
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The words of `text` in lines of at most `width` characters (a longer word has a line of its own).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for word in text.split(separator: " ") {
            if let last = lines.last, last.count + 1 + word.count <= width { lines[lines.count - 1] = last + " " + word } else { lines.append(String(word)) }
        }
        return lines.isEmpty ? [""] : lines
    }

    /// A label of one or more lines from (x, y), each line `lineHeight` below the one before.
    static func label(_ text: String, x: Double, y: Double, width: Int, lineHeight: Double = 13) -> (HTML, lines: Int) {
        let lines = wrapped(text, width: width)
        let spans: [HTML] = lines.enumerated().map { "<tspan x=\"\(number(x))\" dy=\"\($0.offset == 0 ? "0" : number(lineHeight))\">\($0.element)</tspan>" }
        return ("<text x=\"\(number(x))\" y=\"\(number(y))\" class=\"chart-label\">\(spans)</text>", lines.count)
    }

    /// What an empty chart shows instead: its title and why there is nothing to draw.
    static func empty(_ title: String, _ message: String) -> HTML {
        "<p class=\"chart-empty\"><strong>\(title)</strong>: \(message)</p>"
    }

    /// A line over time, for example the share of a cohort's lessons studied by each day.
    /// - Parameters:
    ///   - points: in time order; values from 0 to `maximum`.
    public static func line(
        id: String, title: String, points: [(label: String, value: Double)], maximum: Double, unit: String, empty message: String
    ) -> HTML {
        let width = 320.0, height = 180.0, left = 38.0, right = 10.0, top = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        guard !points.isEmpty, maximum > 0, points.contains(where: { $0.value > 0 }) else { return empty(title, message) }
        func x(_ index: Int) -> Double { points.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(max(value, 0), maximum) / maximum) }
        var grid: [HTML] = []
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            grid.append("""
                <line x1="\(number(left))" x2="\(number(width - right))" y1="\(number(y(value)))" y2="\(number(y(value)))" class="chart-grid"/>\
                <text x="\(number(left - 6))" y="\(number(y(value) + 4))" text-anchor="end" class="chart-label">\(String(Int(value.rounded())))\(unit)</text>
                """)
        }
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(number(x($0.offset))),\(number(y($0.element.value)))" }.joined(separator: " ")
        let last = points[points.count - 1]
        let ticks: [HTML] = [0, points.count - 1].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }.map { index in
            "<text x=\"\(number(x(index)))\" y=\"\(number(height - 8))\" text-anchor=\"\(index == 0 ? "start" : "end")\" class=\"chart-label\">\(points[index].label)</text>"
        }
        let summary = "\(title): \(points[0].label) \(number(points[0].value))\(unit), \(last.label) \(number(last.value))\(unit)"
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(summary)</title>\(grid)\
            <path d="\(path)" class="chart-line" fill="none"/>\
            <circle cx="\(number(x(points.count - 1)))" cy="\(number(y(last.value)))" r="3.5" class="chart-point"/>\(ticks)</svg>\
            <figcaption>\(title)</figcaption></figure>
            """
    }

    /// Small histograms side by side, one per group, for example best quiz scores per module in bands.
    public static func histograms(id: String, title: String, bands: [String], groups: [(label: String, counts: [Int])], empty message: String) -> HTML {
        guard !groups.isEmpty, !bands.isEmpty, groups.contains(where: { $0.counts.contains { $0 > 0 } }) else { return empty(title, message) }
        let cell = 148.0, gap = 24.0, barArea = 64.0, labelArea = 30.0, height = 136.0
        let columns = min(groups.count, 2)
        let rows = (groups.count + columns - 1) / columns
        let width = Double(columns) * cell + Double(columns - 1) * gap
        let biggest = max(1, groups.flatMap(\.counts).max() ?? 1)
        var parts: [HTML] = []
        for (index, group) in groups.enumerated() {
            let originX = Double(index % columns) * (cell + gap)
            let originY = Double(index / columns) * height
            let barWidth = cell / Double(bands.count)
            let top = originY + labelArea
            var bars: [HTML] = []
            for (band, count) in group.counts.enumerated() {
                let barHeight = barArea * Double(count) / Double(biggest)
                bars.append("""
                    <rect x="\(number(originX + Double(band) * barWidth + 1))" y="\(number(top + barArea - barHeight))" \
                    width="\(number(barWidth - 2))" height="\(number(max(barHeight, count > 0 ? 1 : 0)))" class="chart-bar band-\(band)"/>
                    """)
            }
            // Two lines of about 24 characters fit over a histogram; a longer name is cut there, whole in the title.
            let lines = wrapped(group.label, width: 24)
            let shown = lines.count > 2 ? [lines[0], lines[1] + "…"] : lines
            let label: HTML = shown.enumerated().map {
                "<text x=\"\(number(originX))\" y=\"\(number(originY + 11 + 13 * Double($0.offset)))\" class=\"chart-label\">\($0.element)</text>"
            }.joined()
            parts.append("""
                \(label)\(bars)\
                <line x1="\(number(originX))" x2="\(number(originX + cell))" y1="\(number(top + barArea))" y2="\(number(top + barArea))" class="chart-axis"/>\
                <text x="\(number(originX))" y="\(number(top + barArea + 14))" class="chart-label">\(bands.first ?? "")</text>\
                <text x="\(number(originX + cell))" y="\(number(top + barArea + 14))" text-anchor="end" class="chart-label">\(bands.last ?? "")</text>
                """)
        }
        let summary = title + ": " + groups.map { "\($0.label) " + zip(bands, $0.counts).map { "\($0) \($1)" }.joined(separator: ", ") }.joined(separator: "; ")
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(Double(rows) * height))" role="img" aria-labelledby="\(id)-title" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(summary)</title>\(parts)</svg><figcaption>\(title)</figcaption></figure>
            """
    }

    /// Horizontal bars from 0 to 100 %, for example the mean score on each of the weakest objectives.
    public static func bars(id: String, title: String, items: [(label: String, percent: Int)], empty message: String) -> HTML {
        guard !items.isEmpty else { return empty(title, message) }
        let width = 320.0, lineHeight = 13.0
        var parts: [HTML] = []
        var y = 0.0
        for item in items {
            // The whole label, over as many lines as it takes, then its bar.
            let (label, lines) = Self.label(item.label, x: 0, y: y + 11, width: 52, lineHeight: lineHeight)
            let barY = y + 6 + Double(lines) * lineHeight
            let length = (width - 44) * Double(min(max(item.percent, 0), 100)) / 100
            parts.append("""
                \(label)\
                <rect x="0" y="\(number(barY))" width="\(number(width - 44))" height="12" class="chart-track"/>\
                <rect x="0" y="\(number(barY))" width="\(number(max(length, 1)))" height="12" class="chart-bar"/>\
                <text x="\(number(width))" y="\(number(barY + 11))" text-anchor="end" class="chart-label">\(item.percent)%</text>
                """)
            y = barY + 22
        }
        let summary = title + ": " + items.map { "\($0.label) \($0.percent)%" }.joined(separator: "; ")
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(y))" role="img" aria-labelledby="\(id)-title" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(summary)</title>\(parts)</svg><figcaption>\(title)</figcaption></figure>
            """
    }
}

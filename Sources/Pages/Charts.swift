import Foundation

/// Charts drawn as SVG on the server: no script, readable offline, printable. Each chart is an image with
/// a title for screen readers, and the figures it shows are also in a table or list next to it.
public enum Charts {
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A line over time, for example the share of a cohort's lessons studied by each day.
    /// - Parameters:
    ///   - points: in time order; values from 0 to `maximum`.
    public static func line(id: String, title: String, points: [(label: String, value: Double)], maximum: Double, unit: String) -> HTML {
        let width = 480.0, height = 200.0, left = 44.0, right = 12.0, top = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        guard !points.isEmpty, maximum > 0 else {
            return "<p class=\"meta\">\(title): —</p>"
        }
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
    public static func histograms(id: String, title: String, bands: [String], groups: [(label: String, counts: [Int])]) -> HTML {
        guard !groups.isEmpty, !bands.isEmpty else { return "<p class=\"meta\">\(title): —</p>" }
        let cell = 120.0, gap = 16.0, barArea = 70.0, height = 124.0
        let columns = min(groups.count, 3)
        let rows = (groups.count + columns - 1) / columns
        let width = Double(columns) * cell + Double(columns - 1) * gap
        let biggest = max(1, groups.flatMap(\.counts).max() ?? 1)
        var parts: [HTML] = []
        for (index, group) in groups.enumerated() {
            let originX = Double(index % columns) * (cell + gap)
            let originY = Double(index / columns) * height
            let barWidth = cell / Double(bands.count)
            var bars: [HTML] = []
            for (band, count) in group.counts.enumerated() {
                let barHeight = barArea * Double(count) / Double(biggest)
                bars.append("""
                    <rect x="\(number(originX + Double(band) * barWidth + 1))" y="\(number(originY + 20 + barArea - barHeight))" \
                    width="\(number(barWidth - 2))" height="\(number(max(barHeight, count > 0 ? 1 : 0)))" class="chart-bar band-\(band)"/>
                    """)
            }
            let label = group.label.count > 22 ? String(group.label.prefix(21)) + "…" : group.label
            parts.append("""
                <text x="\(number(originX))" y="\(number(originY + 12))" class="chart-label">\(label)</text>\(bars)\
                <line x1="\(number(originX))" x2="\(number(originX + cell))" y1="\(number(originY + 20 + barArea))" y2="\(number(originY + 20 + barArea))" class="chart-axis"/>\
                <text x="\(number(originX))" y="\(number(originY + 20 + barArea + 14))" class="chart-label">\(bands.first ?? "")</text>\
                <text x="\(number(originX + cell))" y="\(number(originY + 20 + barArea + 14))" text-anchor="end" class="chart-label">\(bands.last ?? "")</text>
                """)
        }
        let summary = title + ": " + groups.map { "\($0.label) " + zip(bands, $0.counts).map { "\($0) \($1)" }.joined(separator: ", ") }.joined(separator: "; ")
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(Double(rows) * height))" role="img" aria-labelledby="\(id)-title" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(summary)</title>\(parts)</svg><figcaption>\(title)</figcaption></figure>
            """
    }

    /// Horizontal bars from 0 to 100 %, for example the mean score on each of the weakest objectives.
    public static func bars(id: String, title: String, items: [(label: String, percent: Int)]) -> HTML {
        guard !items.isEmpty else { return "<p class=\"meta\">\(title): —</p>" }
        let width = 480.0, labelWidth = 0.0, row = 40.0
        var parts: [HTML] = []
        for (index, item) in items.enumerated() {
            let y = Double(index) * row
            let length = (width - labelWidth - 50) * Double(min(max(item.percent, 0), 100)) / 100
            let label = item.label.count > 75 ? String(item.label.prefix(74)) + "…" : item.label
            parts.append("""
                <text x="0" y="\(number(y + 12))" class="chart-label">\(label)</text>\
                <rect x="\(number(labelWidth))" y="\(number(y + 17))" width="\(number(width - labelWidth - 50))" height="14" class="chart-track"/>\
                <rect x="\(number(labelWidth))" y="\(number(y + 17))" width="\(number(max(length, 1)))" height="14" class="chart-bar"/>\
                <text x="\(number(width))" y="\(number(y + 29))" text-anchor="end" class="chart-label">\(item.percent)%</text>
                """)
        }
        let summary = title + ": " + items.map { "\($0.label) \($0.percent)%" }.joined(separator: "; ")
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(Double(items.count) * row))" role="img" aria-labelledby="\(id)-title" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(summary)</title>\(parts)</svg><figcaption>\(title)</figcaption></figure>
            """
    }
}

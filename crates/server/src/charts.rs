//! Charts drawn on the server as SVG: stacked columns over time and horizontal bars. No script,
//! so they obey the content security policy, print, and load with the page; each carries a
//! title and a text description for screen readers, and the page beside it gives the same
//! figures as a table.

use std::fmt::Write;

/// Colours that stay distinguishable for the common kinds of colour blindness (Okabe–Ito).
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step for an axis running up to `max`.
fn step_for(max: u64) -> u64 {
    let rough = (max as f64 / 4.0).max(1.0);
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    step.max(1.0) as u64
}

/// Columns over `columns` (e.g. weeks), each stacked from the series' values in order, with a
/// legend. `series` is `(label, value per column)`.
pub fn stacked_columns(
    title: &str,
    description: &str,
    columns: &[String],
    series: &[(String, Vec<u64>)],
) -> String {
    let (w, h) = (760.0, 260.0);
    let (left, right, top, bottom) = (44.0, 8.0, 10.0, 44.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let totals: Vec<u64> = (0..columns.len())
        .map(|i| {
            series
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let step = step_for(max);
    let top_value = max.div_ceil(step) * step;
    let y = |v: f64| top + plot_h - v / top_value as f64 * plot_h;
    let slot = plot_w / columns.len().max(1) as f64;
    let bar = (slot * 0.75).max(1.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
        id = escape(&slug(title)),
        t = escape(title),
        d = escape(description),
    );
    let mut tick = 0;
    while tick <= top_value {
        let ty = y(tick as f64);
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{x2}" y1="{ty:.1}" y2="{ty:.1}" stroke="#d6dbe1"/><text x="{tx}" y="{ly:.1}" text-anchor="end" font-size="11" fill="#5b6470">{tick}</text>"##,
            x2 = w - right,
            tx = left - 4.0,
            ly = ty + 4.0,
        );
        tick += step;
    }
    for (i, label) in columns.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = 0u64;
        for (s, (name, values)) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let (y1, y0) = (y((base + v) as f64), y(base as f64));
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y1:.1}" width="{bar:.1}" height="{hgt:.1}" fill="{c}"><title>{l}: {v} ({n})</title></rect>"#,
                hgt = (y0 - y1).max(0.5),
                c = PALETTE[s % PALETTE.len()],
                l = escape(label),
                n = escape(name),
            );
            base += v;
        }
        // Every fourth label, and the last, fit under the axis.
        if i % 4 == 0 || i + 1 == columns.len() {
            let _ = write!(
                svg,
                r##"<text x="{cx:.1}" y="{ly}" text-anchor="middle" font-size="11" fill="#5b6470">{l}</text>"##,
                cx = x + bar / 2.0,
                ly = h - bottom + 14.0,
                l = escape(label),
            );
        }
    }
    // Legend.
    let mut lx = left;
    for (s, (name, _)) in series.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<rect x="{lx:.1}" y="{ly}" width="10" height="10" fill="{c}"/><text x="{tx:.1}" y="{ty}" font-size="11">{n}</text>"#,
            ly = h - 16.0,
            c = PALETTE[s % PALETTE.len()],
            tx = lx + 14.0,
            ty = h - 7.0,
            n = escape(name),
        );
        lx += 22.0 + name.chars().count() as f64 * 6.2;
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one per `(label, value)`, largest first as given.
pub fn bars(title: &str, description: &str, items: &[(String, u64)], colour: &str) -> String {
    let row = 22.0;
    let (w, label_w, right) = (760.0, 250.0, 60.0);
    let h = row * items.len().max(1) as f64 + 8.0;
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let plot = w - label_w - right;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
        id = escape(&slug(title)),
        t = escape(title),
        d = escape(description),
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let width = (*v as f64 / max * plot).max(if *v > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            svg,
            r##"<text x="{lx}" y="{ty:.1}" text-anchor="end" font-size="12">{l}</text><rect x="{label_w}" y="{y:.1}" width="{width:.1}" height="{bh}" fill="{colour}"/><text x="{vx:.1}" y="{ty:.1}" font-size="12" fill="#1b1f24">{v}</text>"##,
            lx = label_w - 6.0,
            ty = y + 13.0,
            l = escape(label),
            bh = row - 6.0,
            vx = label_w + width + 4.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(step_for(1), 1);
        assert_eq!(step_for(7), 2);
        assert_eq!(step_for(40), 10);
        assert_eq!(step_for(95), 25);
        assert_eq!(step_for(1234), 500);
    }

    #[test]
    fn labels_are_escaped_and_every_value_drawn() {
        let svg = stacked_columns(
            "Reports <by> week",
            "desc",
            &["w1".into(), "w2".into()],
            &[
                ("officer".into(), vec![3, 0]),
                ("partner & council".into(), vec![1, 2]),
            ],
        );
        assert!(svg.contains("Reports &lt;by&gt; week"));
        assert!(svg.contains("partner &amp; council"));
        assert!(!svg.contains("<by>"));
        assert_eq!(
            svg.matches("<rect x=").count(),
            3 + 2,
            "three bars and two legend keys"
        );
        let b = bars("t", "d", &[("a".into(), 10), ("b".into(), 0)], "#000");
        assert_eq!(b.matches("<rect").count(), 2);
        assert!(b.contains(">10</text>"));
    }
}

//! The sequence diagram as a standalone SVG file, for slides and handouts:
//! the whole run (as if the playhead were at the end), light colours, styles
//! inline so it looks the same in any viewer. Pure string building, shared by
//! the page's export buttons, `window.synack.svg` and the `synack` command;
//! arrows and their markers are written by the same code as the page's.

use crate::components::segment_arrow::{escape_into as escape, write_arrow, ArrowLook, DEFS};
use crate::geometry::{Frame, Layout, Progress, MARK_LINE, SETUP_Y};
use crate::i18n::{self, Lang};
use crate::number::{px, Fixed};
use std::fmt::Write;
use synack_sim::Side;

const STYLE: &str = "\
text{font-family:system-ui,'Segoe UI',Roboto,'Noto Sans','WenQuanYi Micro Hei',sans-serif;font-size:12px;fill:#1b1f24}\
.title{font-weight:700;font-size:14px}.caption{font-weight:700;font-size:13px}.legend{fill:#57606a;font-size:11px}\
.lane-name{font-weight:700;font-size:13px}.lane-line{stroke:#57606a;stroke-width:2}\
.tick{fill:#57606a;font-size:11px}.time-break line{stroke:#d0d7de;stroke-dasharray:2 6}\
.time-break text{fill:#57606a;font-size:11px;font-style:italic}\
.segment{stroke-width:2.2}.segment.c2s{stroke:#1d4ed8}.segment.s2c{stroke:#b45309}\
.segment.lost{stroke-dasharray:6 4}.segment.rtx{stroke-dasharray:2 3}.segment.lost.rtx{stroke-dasharray:6 4}\
.segment.unknown{stroke-dasharray:1 4}.spoofed .segment{stroke:#57606a;stroke-dasharray:3 3;opacity:.7}\
.label{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;paint-order:stroke;stroke:#fff;stroke-width:4px}\
.label.c2s,.fate-unknown.c2s{fill:#1d4ed8}.label.s2c,.fate-unknown.s2c{fill:#b45309}.spoofed .label{fill:#57606a}\
.mark.state{font-weight:700;fill:#047857}.mark.call{fill:#6d28d9;font-style:italic;font-size:11px}\
.mark.error{fill:#b91c1c;font-weight:700;font-size:11px}\
#head-c2s path{fill:#1d4ed8}#head-s2c path{fill:#b45309}#cross path{stroke:#b91c1c;stroke-width:3;fill:none}";

/// One run of a figure: its layout, and what it is when two are compared.
pub struct Run<'a> {
    pub caption: Option<&'a str>,
    pub layout: &'a Layout,
}

/// Room above the runs for the title (and captions), and below for the legend.
const HEAD: f64 = 30.0;
const CAPTION: f64 = 22.0;
const FOOT: f64 = 34.0;

/// The whole figure as an SVG document: a title, the runs side by side
/// (each as if the playhead were at its end, a flood's sampled spoofed SYNs
/// too) and a legend. The one writer of exported diagrams: the page's
/// download buttons, `window.synack.svg` and the `synack --svg` command.
pub fn svg(title: &str, runs: &[Run], lang: Lang) -> String {
    let (top, (w, h)) = (top(runs), size(runs));
    let h0 = h;
    let (w, h) = (Fixed(w, 0), Fixed(h, 0));
    let mut out = String::with_capacity(8192);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <style>{STYLE}</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{DEFS}\n\
         <text class=\"title\" x=\"12\" y=\"20\">"
    );
    escape(&mut out, title);
    out.push_str("</text>\n");
    let mut x0 = 0.0;
    for run in runs {
        let f = run.layout.frame;
        if let Some(caption) = run.caption {
            let _ = write!(
                out,
                "<text class=\"caption\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">",
                px(x0 + f.width / 2.0),
                px(HEAD + 14.0)
            );
            escape(&mut out, caption);
            out.push_str("</text>\n");
        }
        let _ = writeln!(out, "<g transform=\"translate({} {})\">", px(x0), px(top));
        write_run(&mut out, run.layout, lang);
        out.push_str("</g>\n");
        x0 += f.width;
    }
    write_legend(&mut out, runs, h0 - 12.0, lang);
    out.push_str("</svg>\n");
    out
}

/// Where the runs begin below the title (and their captions).
fn top(runs: &[Run]) -> f64 {
    HEAD + if runs.iter().any(|r| r.caption.is_some()) {
        CAPTION
    } else {
        0.0
    }
}

/// The figure's width and height.
pub fn size(runs: &[Run]) -> (f64, f64) {
    let w: f64 = runs.iter().map(|r| r.layout.frame.width).sum();
    let h = runs.iter().map(|r| r.layout.height).fold(0.0, f64::max) + top(runs) + FOOT;
    (w, h)
}

/// The lanes and their names. The page's diagram and the exported figure
/// are written by these same functions (`SequenceDiagram` keeps only what
/// the playhead has reached and what is near the view).
pub fn write_lanes(out: &mut String, f: Frame, height: f64, lang: Lang) {
    for side in [Side::Client, Side::Server] {
        let x = f.lane_x(side);
        out.push_str("<text class=\"lane-name\" text-anchor=\"middle\" ");
        let x = px(x);
        let _ = write!(out, "x=\"{x}\" y=\"18\">");
        escape(out, i18n::side(lang, side));
        let _ = writeln!(
            out,
            "</text><line class=\"lane-line\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            px(SETUP_Y - 12.0),
            px(height - 20.0)
        );
    }
}

/// The time column and the breaks of long waits, those at `y` where `keep(y)`.
pub fn write_times(out: &mut String, layout: &Layout, lang: Lang, keep: impl Fn(f64) -> bool) {
    let f = layout.frame;
    if f.ticks {
        for t in layout.ticks.iter().filter(|t| keep(t.y)) {
            let _ = write!(out, "<text class=\"tick\" x=\"8\" y=\"{}\">", px(t.y + 4.0));
            escape(out, &i18n::clock(lang, t.us));
            out.push_str("</text>\n");
        }
    }
    for b in layout.breaks.iter().filter(|b| keep(b.y)) {
        let _ = write!(
            out,
            "<g class=\"time-break\"><line x1=\"8\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">",
            px(f.width - 8.0),
            px((f.client_x + f.server_x) / 2.0),
            px(b.y - 3.0),
            y = px(b.y)
        );
        escape(out, &i18n::later(lang, b.us));
        out.push_str("</text></g>\n");
    }
}

/// The states and socket calls beside the lanes, those where `keep(y)`.
pub fn write_marks(out: &mut String, layout: &Layout, lang: Lang, keep: impl Fn(f64) -> bool) {
    for m in layout.marks.iter().filter(|m| keep(m.y)) {
        let p = m.place(layout.frame);
        for (k, line) in i18n::mark_lines(lang, &m.text, !layout.frame.ticks)
            .iter()
            .enumerate()
        {
            let _ = write!(
                out,
                "<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">",
                p.class,
                px(p.x),
                px(p.y + k as f64 * MARK_LINE),
                p.anchor
            );
            escape(out, line);
            out.push_str("</text>\n");
        }
    }
}

/// One run's lanes, time column, breaks, arrows and marks.
fn write_run(out: &mut String, layout: &Layout, lang: Lang) {
    write_lanes(out, layout.frame, layout.height, lang);
    write_times(out, layout, lang, |_| true);
    let look = ArrowLook {
        lang,
        ..ArrowLook::default()
    };
    if !layout.spoofed.is_empty() {
        out.push_str("<g class=\"spoofed\">");
        for a in &layout.spoofed {
            write_arrow(out, a, Progress::Done, look);
        }
        out.push_str("</g>\n");
    }
    for a in &layout.arrows {
        write_arrow(out, a, Progress::Done, look);
        out.push('\n');
    }
    write_marks(out, layout, lang, |_| true);
}

/// What each kind of line means, for the kinds the figure shows.
fn write_legend(out: &mut String, runs: &[Run], y: f64, lang: Lang) {
    let arrows = || runs.iter().flat_map(|r| r.layout.arrows.iter());
    let s = lang.s();
    let mut items: Vec<(&str, &str)> = vec![("c2s", s.legend_c2s), ("s2c", s.legend_s2c)];
    if arrows().any(|a| a.lost) {
        items.push(("c2s lost", s.legend_lost));
    }
    if arrows().any(|a| a.retransmission) {
        items.push(("c2s rtx", s.legend_rtx));
    }
    if arrows().any(|a| a.unknown) {
        items.push(("c2s unknown", s.legend_unknown));
    }
    let mut x = 12.0;
    for (class, text) in items {
        let _ = write!(
            out,
            "<line class=\"segment {class}\" x1=\"{}\" y1=\"{y0}\" x2=\"{}\" y2=\"{y0}\"/>\
             <text class=\"legend\" x=\"{}\" y=\"{}\">",
            px(x),
            px(x + 28.0),
            px(x + 34.0),
            px(y),
            y0 = px(y - 4.0)
        );
        escape(out, text);
        out.push_str("</text>\n");
        x += 44.0 + i18n::cells(text) as f64 * 6.4;
    }
}

/// The figure of what the page or a caller has on show: one run, or a
/// scenario's two runs side by side on one clock, with a title naming the
/// scenario and its settings. Returns the SVG and its size.
pub fn of_run(
    trace: &synack_sim::Trace,
    config: &synack_sim::Config,
    scenario: Option<&str>,
    capture: Option<&str>,
    relative: bool,
    lang: Lang,
) -> (String, f64, f64) {
    use crate::geometry::{layout_beside, Frame};
    // A capture's figure is its file's; a scenario's compares if it does.
    let found = scenario
        .filter(|_| capture.is_none())
        .and_then(crate::scenarios::find);
    let title = match capture {
        Some(file) => format!("synack · {file}"),
        None => i18n::figure_title(
            lang,
            found.map(|s| crate::scenarios::say(lang, s.title)),
            config,
        ),
    };
    let compare = found.and_then(|s| s.compare.as_ref());
    let other = compare.and_then(|c| synack_sim::simulate(&(c.config)()).ok());
    match (compare, &other) {
        (Some(c), Some(other)) => {
            let frame = Frame::COMPARE;
            let a = layout_beside(trace, relative, frame, Some(other));
            let b = layout_beside(other, relative, frame, Some(trace));
            let runs = [
                Run {
                    caption: Some(crate::scenarios::say(lang, c.this)),
                    layout: &a,
                },
                Run {
                    caption: Some(crate::scenarios::say(lang, c.other)),
                    layout: &b,
                },
            ];
            let (w, h) = size(&runs);
            (svg(&title, &runs, lang), w, h)
        }
        _ => {
            let l = crate::geometry::layout(trace, relative, Frame::WIDE);
            let runs = [Run {
                caption: None,
                layout: &l,
            }];
            let (w, h) = size(&runs);
            (svg(&title, &runs, lang), w, h)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    fn figure(json: &str, scenario: Option<&str>, lang: Lang) -> (String, synack_sim::Trace) {
        let cfg: Config = match scenario.and_then(crate::scenarios::find) {
            Some(s) => (s.config)(),
            None => serde_json::from_str(json).unwrap(),
        };
        let t = simulate(&cfg).unwrap();
        (of_run(&t, &cfg, scenario, None, true, lang).0, t)
    }

    #[test]
    fn the_figure_is_a_whole_svg_with_every_segment_state_title_and_legend() {
        let (s, t) = figure(r#"{"drop":[{"dir":"s2c","nth":1}]}"#, None, Lang::En);
        assert!(s.starts_with("<?xml") && s.trim_end().ends_with("</svg>"));
        assert_eq!(
            s.matches("<line class=\"segment").count(),
            t.segments.len() + 4,
            "and 4 legend lines"
        );
        assert_eq!(s.matches("url(#cross)").count(), 1, "the lost SYN-ACK");
        assert!(s.contains(">[Retransmission] SYN seq=0</text>"));
        assert!(s.contains(">ESTABLISHED</text>"));
        assert!(s.contains(">Client</text>") && s.contains(">Server</text>"));
        assert!(!s.contains("var(--"), "no page styles needed");
        // Heads in their arrow's colour, defined once with the page's.
        assert!(s.contains("url(#head-c2s)") && s.contains("url(#head-s2c)"));
        assert!(s.contains("#head-s2c path{fill:#b45309}"));
        assert!(s.contains(
            ">synack · seed 1 · client→server 50 ms · server→client 50 ms · Linux timers</text>"
        ));
        assert!(s.contains(">lost (✕)</text>") && s.contains(">retransmission</text>"));
        let (zh, _) = figure(r#"{"drop":[{"dir":"s2c","nth":1}]}"#, None, Lang::Zh);
        assert!(
            zh.contains(">客户端</text>"),
            "lane names follow the language"
        );
        assert!(zh.contains(">客户端 → 服务器</text>"), "and the legend");
    }

    #[test]
    fn a_flood_and_both_halves_of_a_comparison_are_exported() {
        let (flood, _) = figure("", Some("syn-flood"), Lang::En);
        assert!(flood.contains("<g class=\"spoofed\">"));
        assert!(flood.contains(">spoofed SYN</text>"));
        let (pair, t) = figure("", Some("two-way-syn-ack-lost"), Lang::En);
        assert!(
            pair.contains(">Two-way (hypothetical)</text>")
                && pair.contains(">Three-way (TCP)</text>")
        );
        assert_eq!(pair.matches(">Client</text>").count(), 2);
        assert!(pair.matches("<line class=\"segment").count() > t.segments.len() + 2);
        assert!(pair.contains("Why not two: a lost SYN-ACK deadlocks · seed"));
    }
}

//! The sequence diagram as a standalone SVG file, for slides and handouts:
//! the whole run (as if the playhead were at the end), light colours, styles
//! inline so it looks the same in any viewer. Pure string building, shared by
//! the page's export button and the native `synack` command.

use crate::components::segment_arrow::{covers, escape_into as escape, write_arrow, ArrowLook};
use crate::geometry::{Arrow, Layout, Progress, SETUP_Y};
use crate::i18n::{self, Lang};
use std::fmt::Write;
use synack_sim::Side;

const STYLE: &str = "\
text{font-family:system-ui,'Segoe UI',Roboto,'Noto Sans','WenQuanYi Micro Hei',sans-serif;font-size:12px;fill:#1b1f24}\
.lane-name{font-weight:700;font-size:13px}.lane-line{stroke:#57606a;stroke-width:2}\
.tick{fill:#57606a;font-size:11px}.time-break line{stroke:#d0d7de;stroke-dasharray:2 6}\
.time-break text{fill:#57606a;font-size:11px;font-style:italic}\
.segment{stroke-width:2.2}.segment.c2s{stroke:#1d4ed8}.segment.s2c{stroke:#b45309}\
.segment.lost{stroke-dasharray:6 4}.segment.rtx{stroke-dasharray:2 3}.segment.lost.rtx{stroke-dasharray:6 4}\
.label{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;paint-order:stroke;stroke:#fff;stroke-width:4px}\
.label.c2s{fill:#1d4ed8}.label.s2c{fill:#b45309}\
.mark.state{font-weight:700;fill:#047857}.mark.call{fill:#6d28d9;font-style:italic;font-size:11px}\
.mark.error{fill:#b91c1c;font-weight:700;font-size:11px}\
#arrowhead path{fill:#1b1f24}#cross path{stroke:#b91c1c;stroke-width:3;fill:none}";

/// The complete diagram of `layout` as an SVG document.
pub fn svg(layout: &Layout, lang: Lang) -> String {
    let f = layout.frame;
    let (w, h) = (f.width, layout.height);
    let mut out = String::with_capacity(4096 + layout.arrows.len() * 200);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">\n\
         <style>{STYLE}</style>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"14\" markerHeight=\"14\" \
         markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>\
         <marker id=\"cross\" viewBox=\"-8 -8 16 16\" markerWidth=\"16\" markerHeight=\"16\" markerUnits=\"userSpaceOnUse\">\
         <path d=\"M -7 -7 L 7 7 M -7 7 L 7 -7\"/></marker></defs>\n"
    );
    for side in [Side::Client, Side::Server] {
        let x = f.lane_x(side);
        out.push_str("<text class=\"lane-name\" text-anchor=\"middle\" ");
        let _ = write!(out, "x=\"{x:.1}\" y=\"18\">");
        escape(&mut out, i18n::side(lang, side));
        let _ = writeln!(
            out,
            "</text><line class=\"lane-line\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
            SETUP_Y - 12.0,
            h - 20.0
        );
    }
    if f.ticks {
        for t in &layout.ticks {
            let _ = write!(out, "<text class=\"tick\" x=\"8\" y=\"{:.1}\">", t.y + 4.0);
            escape(&mut out, &i18n::clock(lang, t.us));
            out.push_str("</text>\n");
        }
    }
    for b in &layout.breaks {
        let _ = write!(
            out,
            "<g class=\"time-break\"><line x1=\"8\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">",
            w - 8.0,
            (f.client_x + f.server_x) / 2.0,
            b.y - 3.0,
            y = b.y
        );
        escape(&mut out, &i18n::later(lang, b.us));
        out.push_str("</text></g>\n");
    }
    let mut last: Option<&Arrow> = None;
    for a in &layout.arrows {
        if last.is_some_and(|l| covers(l, a)) {
            continue;
        }
        let look = ArrowLook {
            lang,
            ..ArrowLook::default()
        };
        write_arrow(&mut out, a, Progress::Done, look);
        out.push('\n');
        last = Some(a);
    }
    for m in &layout.marks {
        let p = m.place(f);
        let _ = write!(
            out,
            "<text class=\"{}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\">",
            p.class, p.x, p.y, p.anchor
        );
        escape(&mut out, &i18n::mark(lang, &m.text));
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{layout, Frame};
    use synack_sim::{simulate, Config};

    #[test]
    fn the_figure_is_a_whole_svg_with_every_segment_and_state() {
        let cfg: Config = serde_json::from_str(r#"{"drop":[{"dir":"s2c","nth":1}]}"#).unwrap();
        let t = simulate(&cfg).unwrap();
        let l = layout(&t, true, Frame::WIDE);
        let s = svg(&l, Lang::En);
        assert!(s.starts_with("<?xml") && s.trim_end().ends_with("</svg>"));
        assert_eq!(s.matches("<line class=\"segment").count(), t.segments.len());
        assert_eq!(s.matches("url(#cross)").count(), 1, "the lost SYN-ACK");
        assert!(s.contains(">[Retransmission] SYN seq=0</text>"));
        assert!(s.contains(">ESTABLISHED</text>"));
        assert!(s.contains(">Client</text>") && s.contains(">Server</text>"));
        assert!(!s.contains("var(--"), "no page styles needed");
        let zh = svg(&l, Lang::Zh);
        assert!(
            zh.contains(">客户端</text>"),
            "lane names follow the language"
        );
    }
}

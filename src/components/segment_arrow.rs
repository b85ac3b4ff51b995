//! One segment's arrow, written as SVG markup rather than as a Yew tree.
//!
//! A dense run has hundreds of arrows. Diffing them as virtual DOM, several
//! nodes each, cost most of a frame on every edit; so an arrow is a single
//! `<line>` (its cross and head are markers, its label the only other node),
//! and a block of arrows is one string the browser parses in a single call.
//! Clicks are hit-tested against the layout (`Layout::arrow_at`), and the
//! arrow under the pointer gets its tooltip from one hover overlay, so no
//! arrow needs hit areas or titles of its own. The event log is the
//! keyboard's and the screen reader's way to the same segments.

use crate::geometry::{Arrow, Progress};
use crate::i18n::Lang;
use crate::number::{px, Fixed};
use crate::state::Veil;
use std::fmt::Write;
use synack_sim::trace::Blanks;
use synack_sim::Side;

/// How an arrow is drawn beyond its geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrowLook {
    pub selected: bool,
    /// What of its label is a question (the quiz's, an exercise's), so hidden.
    pub veil: Veil,
    /// The language of its tag.
    pub lang: Lang,
}

impl Default for ArrowLook {
    fn default() -> Self {
        ArrowLook {
            selected: false,
            veil: Veil::Open,
            lang: Lang::default(),
        }
    }
}

/// The CSS classes that tell direction, loss and retransmission apart. Loss
/// is never told by colour alone: a lost segment is dashed and ends in a
/// cross, a retransmission is dotted and its label marked ↻.
pub fn arrow_class(a: &Arrow) -> &'static str {
    match (a.from, a.lost, a.retransmission) {
        (Side::Client, false, false) => "c2s",
        (Side::Client, true, false) => "c2s lost",
        (Side::Client, false, true) => "c2s rtx",
        (Side::Client, true, true) => "c2s lost rtx",
        (Side::Server, false, false) => "s2c",
        (Side::Server, true, false) => "s2c lost",
        (Side::Server, false, true) => "s2c rtx",
        (Side::Server, true, true) => "s2c lost rtx",
    }
}

/// Where the arrow's head is at `progress`, or None before it is sent.
pub fn head(a: &Arrow, progress: Progress) -> Option<(f64, f64)> {
    let f = match progress {
        Progress::NotSent => return None,
        Progress::Travelling(f) => f,
        Progress::Done => 1.0,
    };
    Some((a.x1 + (a.x2 - a.x1) * f, a.y1 + (a.y2 - a.y1) * f))
}

/// Append one arrow at `progress` to `out`; nothing for a segment not yet sent.
pub fn write_arrow(out: &mut String, a: &Arrow, progress: Progress, look: ArrowLook) {
    let Some((hx0, hy0)) = head(a, progress) else {
        return;
    };
    let (hx, hy) = (px(hx0), px(hy0));
    let done = progress == Progress::Done;
    let class = arrow_class(a);
    let class = match (a.unknown, a.from) {
        (false, _) => class,
        (true, Side::Client) => "c2s unknown",
        (true, Side::Server) => "s2c unknown",
    };
    let _ = write!(
        out,
        "<line class=\"segment {class}{}{}\" data-segment=\"{}\" \
         x1=\"{}\" y1=\"{}\" x2=\"{hx}\" y2=\"{hy}\"",
        if look.selected { " selected" } else { "" },
        if done { "" } else { " travelling" },
        a.id,
        px(a.x1),
        px(a.y1),
    );
    match (done, a.lost, a.unknown, a.from) {
        (true, true, _, _) => out.push_str(" marker-end=\"url(#cross)\""),
        // A head in its arrow's own colour, in any SVG viewer.
        (true, false, false, Side::Client) => out.push_str(" marker-end=\"url(#head-c2s)\""),
        (true, false, false, Side::Server) => out.push_str(" marker-end=\"url(#head-s2c)\""),
        _ => {}
    }
    out.push_str("/>");
    // A capture that cannot show it arrived: an open end and a question mark.
    if done && a.unknown {
        let _ = write!(
            out,
            "<text class=\"fate-unknown {class}\" x=\"{hx}\" y=\"{}\" text-anchor=\"middle\">?</text>",
            px(hy0 + 4.0)
        );
    }
    if !done {
        let _ = write!(
            out,
            "<circle class=\"packet {class}\" cx=\"{hx}\" cy=\"{hy}\" r=\"5\"/>"
        );
    }
    if a.label_shown || look.selected {
        let ((lx, ly), (rx, ry), angle) = a.label_at.anchor(a);
        let spoofed = matches!(a.text, crate::geometry::ArrowText::Spoofed { .. });
        // Wireshark's tag, or at least the retransmission mark: never by the
        // dotted line alone.
        let mut first = String::new();
        match a.tag {
            Some(tag) => {
                first.push('[');
                first.push_str(crate::i18n::tag(look.lang, tag));
                first.push_str("] ");
            }
            None if a.retransmission => first.push_str("↻ "),
            None => {}
        }
        let blanks = match look.veil {
            Veil::Fields(b) => b,
            _ => Blanks::NONE,
        };
        let lines: Vec<String> = if look.veil == Veil::Whole {
            vec!["?".into()]
        } else if spoofed {
            vec![crate::i18n::spoofed(look.lang).into()]
        } else if a.label_at.split {
            let (flags, numbers) = a.label_lines(blanks);
            vec![first + &flags, numbers]
        } else {
            vec![first + &a.label_blanked(blanks)]
        };
        for (k, line) in lines.iter().enumerate() {
            let y = ly + k as f64 * crate::geometry::SPLIT_LINE;
            let _ = write!(
                out,
                "<text class=\"label {class}{}\" data-segment=\"{}\" x=\"{}\" y=\"{}\" \
                 text-anchor=\"middle\"",
                if look.selected { " selected" } else { "" },
                a.id,
                px(lx),
                px(y),
            );
            if angle != 0.0 {
                let _ = write!(
                    out,
                    " transform=\"rotate({} {} {})\"",
                    Fixed(angle, 2),
                    Fixed(rx, 2),
                    Fixed(ry, 2)
                );
            }
            out.push('>');
            escape_into(out, line);
            out.push_str("</text>");
        }
    }
}

/// The markers arrows end in: a head per direction and a cross. One
/// definition for the page and the exported figure.
pub const DEFS: &str = "<defs>\
<marker id=\"head-c2s\" class=\"c2s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"14\" markerHeight=\"14\" \
markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>\
<marker id=\"head-s2c\" class=\"s2c\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"14\" markerHeight=\"14\" \
markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>\
<marker id=\"cross\" viewBox=\"-8 -8 16 16\" markerWidth=\"16\" markerHeight=\"16\" markerUnits=\"userSpaceOnUse\">\
<path d=\"M -7 -7 L 7 7 M -7 7 L 7 -7\"/></marker></defs>";

/// Text is escaped: labels come from the trace.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::ArrowText;
    use synack_sim::why::Why;
    use synack_sim::Flags;

    fn arrow(lost: bool, retransmission: bool) -> Arrow {
        Arrow {
            id: 3,
            from: Side::Server,
            x1: 560.0,
            y1: 100.0,
            x2: 230.0,
            y2: 150.0,
            lost,
            unknown: false,
            retransmission,
            tag: None,
            label_at: crate::geometry::LabelPlace::MIDDLE,
            text: ArrowText::Segment {
                flags: Flags::SYN | Flags::ACK,
                seq: 0,
                ack: 1,
                len: 0,
                sent_us: 50_000,
                arrive_us: Some(100_000),
                reason: Why::SynInListen,
            },
            label_shown: true,
            angle: 171.4,
        }
    }

    fn draw(a: &Arrow, p: Progress, look: ArrowLook) -> String {
        let mut s = String::new();
        write_arrow(&mut s, a, p, look);
        s
    }

    #[test]
    fn unsent_segment_draws_nothing() {
        assert_eq!(
            draw(
                &arrow(false, false),
                Progress::NotSent,
                ArrowLook::default()
            ),
            ""
        );
    }

    #[test]
    fn markup_characters_in_text_are_escaped() {
        let mut s = String::new();
        escape_into(&mut s, "a<b & \"c\">");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn settled_arrow_has_a_head_and_a_label() {
        let s = draw(&arrow(false, false), Progress::Done, ArrowLook::default());
        assert!(
            s.starts_with("<line class=\"segment s2c\" data-segment=\"3\""),
            "{s}"
        );
        assert!(s.contains("x2=\"230.0\" y2=\"150.0\" marker-end=\"url(#head-s2c)\""));
        assert!(s.contains(">SYN, ACK seq=0 ack=1</text>"));
        assert!(!s.contains("packet"));
    }

    #[test]
    fn travelling_arrow_stops_at_its_head() {
        let s = draw(
            &arrow(false, false),
            Progress::Travelling(0.5),
            ArrowLook::default(),
        );
        assert!(s.contains("segment s2c travelling"));
        assert!(s.contains("x2=\"395.0\" y2=\"125.0\"/>"), "{s}");
        assert!(s.contains("<circle class=\"packet s2c\" cx=\"395.0\" cy=\"125.0\""));
        assert!(!s.contains("marker-end"));
    }

    #[test]
    fn lost_retransmission_ends_in_a_cross_and_is_marked() {
        let s = draw(&arrow(true, true), Progress::Done, ArrowLook::default());
        assert!(s.contains("segment s2c lost rtx"));
        assert!(s.contains("marker-end=\"url(#cross)\""));
        assert!(s.contains(">↻ SYN, ACK"));
    }

    #[test]
    fn masked_and_selected_arrow_hides_its_numbers() {
        let look = ArrowLook {
            veil: Veil::Whole,
            selected: true,
            ..ArrowLook::default()
        };
        let mut a = arrow(false, false);
        a.label_shown = false;
        let s = draw(&a, Progress::Done, look);
        assert!(s.contains("segment s2c selected"));
        assert!(
            s.contains(">?</text>"),
            "a selected arrow shows its label: {s}"
        );
        assert!(!s.contains("seq="));
    }
}

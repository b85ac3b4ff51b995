use super::SvgMarkup;
use crate::i18n::{self, Lang};
use crate::shared::Shared;
use std::fmt::Write;
use synack_sim::etherparse::TcpHeader;
use synack_sim::wire;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct SegmentInspectorProps {
    pub trace: Shared<Trace>,
    pub selected: Option<usize>,
    pub relative: bool,
    pub lang: Lang,
    /// The selected segment's TCP header bytes, when it came from a capture file.
    #[prop_or_default]
    pub captured: Option<std::rc::Rc<Vec<u8>>>,
}

/// Writes the inspector's markup: one string, set in one DOM call. As Yew
/// markup its fifty-odd nodes were the biggest component of the page's wasm.
struct Out(String);

impl Out {
    fn text(&mut self, s: &str) -> &mut Self {
        super::segment_arrow::escape_into(&mut self.0, s);
        self
    }

    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// One cell of the 32-bit-wide header drawing; span classes rather than
    /// a style attribute, which a strict CSP allows.
    fn cell(&mut self, bits: u32, name: &str, value: &str, class: &str) {
        let _ = write!(
            self.0,
            "<div class=\"cell {class} span-{bits}\"><span class=\"cell-name\">"
        );
        self.text(name)
            .raw("</span><span class=\"cell-value\">")
            .text(value)
            .raw("</span></div>");
    }

    fn row(&mut self, name: &str, value: &str, meaning: &str) {
        self.raw("<tr><th scope=\"row\">")
            .text(name)
            .raw("</th><td><code>")
            .text(value);
        self.raw("</code></td><td>").text(meaning).raw("</td></tr>");
    }
}

/// The options as a header lists them: `MSS 1460, SACK_PERM, TS val 1 ecr 0, NOP, WS 7`.
/// SACK blocks are in the peer's numbers: relative, as the ACK is, when
/// `relative` (as Wireshark shows them).
fn options_text(
    seg: &synack_sim::trace::SegmentRecord,
    h: &TcpHeader,
    captured: bool,
    relative: bool,
) -> String {
    let base = if relative {
        seg.ack.wrapping_sub(seg.rel_ack)
    } else {
        0
    };
    let block = |a: u32, b: u32| format!("{}-{}", a.wrapping_sub(base), b.wrapping_sub(base));
    let mut options = Vec::new();
    if captured {
        use synack_sim::etherparse::TcpOptionElement::*;
        for o in h.options_iterator() {
            options.push(match o {
                Ok(Noop) => "NOP".to_string(),
                Ok(MaximumSegmentSize(m)) => format!("MSS {m}"),
                Ok(WindowScale(w)) => format!("WS {w}"),
                Ok(SelectiveAcknowledgementPermitted) => "SACK_PERM".into(),
                Ok(SelectiveAcknowledgement(first, rest)) => {
                    let blocks = std::iter::once(first).chain(rest.into_iter().flatten());
                    let blocks: Vec<String> = blocks.map(|(a, b)| block(a, b)).collect();
                    format!("SACK {}", blocks.join(" "))
                }
                Ok(Timestamp(v, e)) => format!("TS val {v} ecr {e}"),
                Err(_) => "…".into(),
            });
        }
        return options.join(", ");
    }
    if let Some(o) = seg.options {
        options.push(format!("MSS {}", o.mss));
        if o.sack_permitted {
            options.push("SACK_PERM".into());
        }
    }
    if let Some(ts) = seg.timestamps {
        if seg.options.is_none() {
            // After the handshake Linux pads the 10-byte timestamps with two NOPs.
            options.push("NOP, NOP".into());
        }
        options.push(format!("TS val {} ecr {}", ts.tsval, ts.tsecr));
    }
    if let Some(o) = seg.options {
        options.push(format!("NOP, WS {}", o.window_scale));
    }
    if !seg.sack.is_empty() {
        let blocks: Vec<String> = seg
            .sack
            .as_slice()
            .iter()
            .map(|b| block(b.left, b.right))
            .collect();
        options.push(format!("NOP, NOP, SACK {}", blocks.join(" ")));
    }
    options.join(", ")
}

/// The selected segment's whole TCP header, drawn as the classic 32-bit-wide
/// diagram with the set flag bits lit, and each field's value and meaning.
#[component]
pub fn SegmentInspector(p: &SegmentInspectorProps) -> Html {
    let s = p.lang.s();
    let Some(seg) = p.selected.and_then(|id| p.trace.segments.get(id)) else {
        return html! { <p class="muted">{ s.select_segment }</p> };
    };
    // A captured segment shows its own header; a simulated one, the header
    // synack would send (wire.rs).
    let captured = p
        .captured
        .as_ref()
        .and_then(|b| TcpHeader::from_slice(b).ok())
        .map(|(h, _)| h);
    let from_capture = captured.is_some();
    let h = captured.unwrap_or_else(|| wire::tcp_header(seg));
    let data_offset = h.header_len() / 4;
    let absolute = |rel: u32, abs: u32| {
        if p.relative {
            format!("{rel} ({abs} {})", s.absolute.to_ascii_lowercase())
        } else {
            abs.to_string()
        }
    };
    let (seq, ack) = (
        absolute(seg.rel_seq, seg.seq),
        absolute(seg.rel_ack, seg.ack),
    );
    let flags = [
        ("CWR", h.cwr),
        ("ECE", h.ece),
        ("URG", h.urg),
        ("ACK", h.ack),
        ("PSH", h.psh),
        ("RST", h.rst),
        ("SYN", h.syn),
        ("FIN", h.fin),
    ];
    let options = options_text(seg, &h, from_capture, p.relative);
    let [src, dst, seq_name, ack_name, offset, reserved, window, checksum, urgent, options_name, flags_name] =
        s.header_names;
    let (ports, window_text) = (
        [h.source_port.to_string(), h.destination_port.to_string()],
        h.window_size.to_string(),
    );
    let (checksum_text, urgent_text) = (
        format!("0x{:04x}", h.checksum),
        h.urgent_pointer.to_string(),
    );
    let mut o = Out(String::with_capacity(4096));
    o.raw("<p class=\"inspector-title\"><strong>");
    let title = format!(
        "#{} {} → {} {}",
        seg.id + 1,
        i18n::side(p.lang, seg.from),
        i18n::side(p.lang, seg.from.peer()),
        seg.flags
    );
    o.text(&title)
        .raw("</strong>")
        .text(&format!(" · len {}", seg.len));
    o.raw("<br><span class=\"muted\">")
        .text(&format!("{}: {}", s.reason, i18n::why(p.lang, seg)));
    o.raw("</span></p><div class=\"header-grid\" role=\"group\" aria-label=\"")
        .text(s.header_grid);
    o.raw("\"><div class=\"bit-ruler\" aria-hidden=\"true\">");
    for b in 0..32 {
        let _ = if b % 8 == 0 {
            write!(o.0, "<span>{b}</span>")
        } else {
            write!(o.0, "<span></span>")
        };
    }
    o.raw("</div>");
    o.cell(16, src, &ports[0], "");
    o.cell(16, dst, &ports[1], "");
    o.cell(32, seq_name, &seq, "");
    o.cell(32, ack_name, &ack, "");
    o.cell(4, offset, &data_offset.to_string(), "");
    o.cell(4, reserved, "0", "muted");
    for (name, on) in flags {
        let (class, bit) = if on { (" on", 1) } else { ("", 0) };
        let _ = write!(
            o.0,
            "<div class=\"cell flag span-1{class}\" title=\"{name}\" aria-label=\"{name} {bit}\">\
             <span class=\"flag-name\">{name}</span><span class=\"cell-value\">{bit}</span></div>"
        );
    }
    o.cell(16, window, &window_text, "");
    o.cell(16, checksum, &checksum_text, "");
    o.cell(16, urgent, &urgent_text, "");
    if !options.is_empty() {
        o.cell(32, options_name, &options, "options");
    }
    o.raw("</div><table class=\"fields\"><thead><tr><th>")
        .text(s.field);
    o.raw("</th><th>")
        .text(s.value)
        .raw("</th><th>")
        .text(s.meaning)
        .raw("</th></tr></thead><tbody>");
    let f = &s.header_fields;
    let ack_value = if h.ack {
        ack.clone()
    } else {
        format!("{} (ACK = 0)", h.acknowledgment_number)
    };
    let offset_value = format!("{data_offset} ({} {})", h.header_len(), s.bytes);
    let options_value = if options.is_empty() { "—" } else { &options };
    for (name, value, meaning) in [
        (src, ports[0].as_str(), f[0]),
        (dst, ports[1].as_str(), f[1]),
        (seq_name, seq.as_str(), f[2]),
        (ack_name, ack_value.as_str(), f[3]),
        (offset, offset_value.as_str(), f[4]),
        (window, window_text.as_str(), f[6]),
        (checksum, checksum_text.as_str(), f[7]),
        (urgent, urgent_text.as_str(), f[8]),
        (options_name, options_value, f[9]),
    ] {
        o.row(name, value, meaning);
    }
    let set_flags: Vec<&str> = flags
        .iter()
        .enumerate()
        .filter(|(_, (_, on))| *on)
        .map(|(i, _)| s.flag_meanings[i])
        .collect();
    o.row(flags_name, &seg.flags.to_string(), &set_flags.join(" · "));
    o.raw("</tbody></table>");
    html! { <SvgMarkup div="inspector" markup={o.0} /> }
}

// The inspector's code arrives when a segment is first selected.
crate::part!(inspector: INSPECTOR, fetch_inspector, SegmentInspectorProps => SegmentInspector);

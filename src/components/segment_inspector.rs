use crate::i18n::{self, Lang};
use crate::shared::Shared;
use synack_sim::wire;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SegmentInspectorProps {
    pub trace: Shared<Trace>,
    pub selected: Option<usize>,
    pub relative: bool,
    pub lang: Lang,
    /// The selected segment's TCP header bytes, when it came from a capture file.
    #[prop_or_default]
    pub captured: Option<std::rc::Rc<Vec<u8>>>,
}

/// One cell of the 32-bit-wide header drawing.
fn cell(bits: u32, name: &str, value: String, class: &'static str) -> Html {
    html! {
        // Span classes rather than a style attribute: a strict CSP allows them.
        <div class={classes!("cell", class, format!("span-{bits}"))}>
            <span class="cell-name">{ name.to_string() }</span>
            <span class="cell-value">{ value }</span>
        </div>
    }
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
        .and_then(|b| synack_sim::etherparse::TcpHeader::from_slice(b).ok())
        .map(|(h, _)| h);
    let from_capture = captured.is_some();
    let h = captured.unwrap_or_else(|| wire::tcp_header(seg));
    let data_offset = h.header_len() / 4;
    let (seq, ack) = if p.relative {
        (
            format!(
                "{} ({} {})",
                seg.rel_seq,
                seg.seq,
                s.absolute.to_ascii_lowercase()
            ),
            format!(
                "{} ({} {})",
                seg.rel_ack,
                seg.ack,
                s.absolute.to_ascii_lowercase()
            ),
        )
    } else {
        (seg.seq.to_string(), seg.ack.to_string())
    };
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
    let mut options = Vec::new();
    if from_capture {
        use synack_sim::etherparse::TcpOptionElement::*;
        for o in h.options_iterator() {
            options.push(match o {
                Ok(Noop) => "NOP".to_string(),
                Ok(MaximumSegmentSize(m)) => format!("MSS {m}"),
                Ok(WindowScale(w)) => format!("WS {w}"),
                Ok(SelectiveAcknowledgementPermitted) => "SACK_PERM".into(),
                Ok(SelectiveAcknowledgement(first, rest)) => {
                    let blocks = std::iter::once(first).chain(rest.into_iter().flatten());
                    format!(
                        "SACK {}",
                        blocks
                            .map(|(a, b)| format!("{a}-{b}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                }
                Ok(Timestamp(v, e)) => format!("TS val {v} ecr {e}"),
                Err(_) => "…".into(),
            });
        }
    } else if let Some(o) = seg.options {
        options.push(format!("MSS {}", o.mss));
        if o.sack_permitted {
            options.push("SACK_PERM".into());
        }
    }
    if let Some(ts) = seg.timestamps.filter(|_| !from_capture) {
        if seg.options.is_none() {
            // After the handshake Linux pads the 10-byte timestamps with two NOPs.
            options.push("NOP, NOP".into());
        }
        options.push(format!("TS val {} ecr {}", ts.tsval, ts.tsecr));
    }
    if let Some(o) = seg.options.filter(|_| !from_capture) {
        options.push(format!("NOP, WS {}", o.window_scale));
    }
    let options = options.join(", ");
    let flag_cells = flags.iter().map(|(name, on)| {
        html! {
            <div class={classes!("cell", "flag", "span-1", on.then_some("on"))}
                 title={name.to_string()} aria-label={format!("{name} {}", if *on { 1 } else { 0 })}>
                <span class="flag-name">{ *name }</span>
                <span class="cell-value">{ if *on { "1" } else { "0" } }</span>
            </div>
        }
    });
    let f = &s.header_fields;
    let rows: Vec<(&str, String, &str)> = vec![
        ("Source port", h.source_port.to_string(), f[0]),
        ("Destination port", h.destination_port.to_string(), f[1]),
        ("Sequence number", seq.clone(), f[2]),
        (
            "Acknowledgment number",
            if h.ack {
                ack.clone()
            } else {
                format!("{} (ACK = 0)", h.acknowledgment_number)
            },
            f[3],
        ),
        (
            "Data offset",
            format!("{data_offset} ({} bytes)", h.header_len()),
            f[4],
        ),
        ("Window", h.window_size.to_string(), f[6]),
        ("Checksum", format!("0x{:04x}", h.checksum), f[7]),
        ("Urgent pointer", h.urgent_pointer.to_string(), f[8]),
        (
            "Options",
            if options.is_empty() {
                "—".into()
            } else {
                options.clone()
            },
            f[9],
        ),
    ];
    let set_flags: Vec<&str> = flags
        .iter()
        .enumerate()
        .filter(|(_, (_, on))| *on)
        .map(|(i, _)| s.flag_meanings[i])
        .collect();
    html! {
        <div class="inspector">
            <p class="inspector-title">
                <strong>{ format!("#{} {} → {} {}", seg.id + 1, i18n::side(p.lang, seg.from), i18n::side(p.lang, seg.from.peer()), seg.flags) }</strong>
                { format!(" · len {}", seg.len) }
                <br /><span class="muted">{ format!("{}: {}", s.reason, i18n::why(p.lang, seg)) }</span>
            </p>
            <div class="header-grid" role="group" aria-label="TCP header, 32 bits per row">
                <div class="bit-ruler" aria-hidden="true">{ for (0..32).map(|b| html! { <span>{ if b % 8 == 0 { b.to_string() } else { String::new() } }</span> }) }</div>
                { cell(16, "Source port", h.source_port.to_string(), "") }
                { cell(16, "Destination port", h.destination_port.to_string(), "") }
                { cell(32, "Sequence number", seq, "") }
                { cell(32, "Acknowledgment number", ack, "") }
                { cell(4, "Offset", data_offset.to_string(), "") }
                { cell(4, "Rsvd", "0".into(), "muted") }
                { for flag_cells }
                { cell(16, "Window", h.window_size.to_string(), "") }
                { cell(16, "Checksum", format!("0x{:04x}", h.checksum), "") }
                { cell(16, "Urgent pointer", h.urgent_pointer.to_string(), "") }
                if !options.is_empty() { { cell(32, "Options", options.clone(), "options") } }
            </div>
            <table class="fields">
                <thead><tr><th>{ s.field }</th><th>{ s.value }</th><th>{ s.meaning }</th></tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(name, value, meaning)| html! {
                        <tr><th scope="row">{ name }</th><td><code>{ value }</code></td><td>{ meaning }</td></tr>
                    }) }
                    <tr><th scope="row">{ "Flags" }</th><td><code>{ seg.flags.to_string() }</code></td>
                        <td>{ set_flags.join(" · ") }</td></tr>
                </tbody>
            </table>
        </div>
    }
}

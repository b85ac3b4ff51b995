use super::segment_arrow::{arrow_class, head, write_arrow, ArrowLook};
use super::settled_arrows::{SettledArrows, BLOCK};
use super::{SvgMarkup, TimerBars};
use crate::geometry::{Arrow, Layout, Progress};
use crate::i18n::{self, Lang};
use crate::number::{px, Fixed};
use crate::shared::Shared;
use crate::state::Veil;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequenceDiagramProps {
    pub layout: Shared<Layout>,
    /// The playhead's display position; everything below it has not happened yet.
    pub pos: f64,
    #[prop_or_default]
    pub selected: Option<usize>,
    pub lang: Lang,
    pub on_segment: Callback<usize>,
    /// What of each segment's label is hidden (the quiz, an exercise, or
    /// numbers switched off), by id; empty: nothing.
    #[prop_or_default]
    pub veils: Shared<Vec<Veil>>,
    /// The part of the diagram in view (top, bottom); only it and a margin are drawn.
    #[prop_or((f64::NEG_INFINITY, f64::INFINITY))]
    pub view: (f64, f64),
}

/// A segment's veil in a list of them (open where the list has none).
pub fn veil_of(veils: &[Veil], id: usize) -> Veil {
    veils.get(id).copied().unwrap_or(Veil::Open)
}

/// How far beyond the visible part the diagram is still drawn.
const MARGIN: f64 = 300.0;

/// The arrows of one list near the view: settled ones as blocks that only
/// change when one of their arrows lands, travelling ones as one piece of
/// markup redrawn each frame (there are few at a time).
struct ArrowLayer {
    blocks: Vec<Html>,
    travelling: String,
}

fn arrow_layer(
    props: &SequenceDiagramProps,
    list: &[Rc<Arrow>],
    spoofed: bool,
    (top, bottom): (f64, f64),
) -> ArrowLayer {
    let pos = props.pos;
    let mut layer = ArrowLayer {
        blocks: Vec::new(),
        travelling: String::new(),
    };
    for (k, block) in list.chunks(BLOCK).enumerate() {
        let start = k * BLOCK;
        let first_sent = block.iter().map(|a| a.y1).fold(f64::INFINITY, f64::min);
        let last_end = block
            .iter()
            .map(|a| a.y1.max(a.y2))
            .fold(f64::NEG_INFINITY, f64::max);
        if first_sent > pos || first_sent > bottom || last_end < top {
            continue;
        }
        let mut settled = 0u64;
        for (i, a) in block.iter().enumerate() {
            match a.progress(pos) {
                Progress::Done => settled |= 1 << i,
                Progress::NotSent => {}
                travelling => {
                    let look = ArrowLook {
                        selected: props.selected == Some(a.id),
                        veil: veil_of(&props.veils, a.id),
                        lang: props.lang,
                    };
                    write_arrow(&mut layer.travelling, a, travelling, look);
                }
            }
        }
        if settled != 0 {
            // Only the block holding the selection sees it, so selecting
            // redraws that block alone.
            let selected = props
                .selected
                .filter(|&id| block.iter().any(|a| a.id == id));
            layer.blocks.push(html! {
                <SettledArrows key={k} layout={props.layout.clone()} {spoofed} {start} {settled}
                               {selected} veils={props.veils.clone()} lang={props.lang} />
            });
        }
    }
    layer
}

/// How far from an arrow a click or tap still hits it, in diagram units.
const REACH: f64 = 10.0;

/// The segment an event on the diagram points at: the arrow element itself
/// when the event names one, else the arrow nearest the pointer.
fn segment_at(e: &MouseEvent, l: &Layout, pos: f64, svg: &NodeRef) -> Option<usize> {
    let named = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.get_attribute("data-segment"))
        .and_then(|id| id.parse().ok())
        .filter(|&id| id < l.arrows.len());
    if named.is_some() {
        return named;
    }
    let rect = svg.cast::<web_sys::Element>()?.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let x = (f64::from(e.client_x()) - rect.left()) * l.frame.width / rect.width();
    let y = (f64::from(e.client_y()) - rect.top()) * l.height / rect.height();
    l.arrow_at(x, y, pos, REACH)
}

/// The textbook figure, drawn as far as the playhead: two lanes, one arrow
/// per segment travelling at its simulated timing, states and socket calls at
/// the side, timers beside the lanes, and a line for "now".
#[component]
pub fn SequenceDiagram(props: &SequenceDiagramProps) -> Html {
    let svg = use_node_ref();
    // The arrow under the pointer: highlighted, with its tooltip.
    let hovered = use_state_eq(|| None::<usize>);
    let onclick = {
        let (cb, svg, layout, pos) = (
            props.on_segment.clone(),
            svg.clone(),
            props.layout.clone(),
            props.pos,
        );
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = segment_at(&e, &layout, pos, &svg) {
                cb.emit(id);
            }
        })
    };
    let onmousemove = {
        let (hovered, svg, layout, pos) = (
            hovered.clone(),
            svg.clone(),
            props.layout.clone(),
            props.pos,
        );
        Callback::from(move |e: MouseEvent| hovered.set(segment_at(&e, &layout, pos, &svg)))
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };

    let l = &props.layout;
    let frame = l.frame;
    let h = l.height;
    let pos = props.pos;
    let (top, bottom) = (props.view.0 - MARGIN, props.view.1 + MARGIN);
    let in_view = |y: f64| y >= top && y <= bottom;
    // Lanes, times and marks as the exported figure writes them: only what
    // the playhead has reached and what is near the view. Each group is set
    // in one DOM call, and only when its text changes.
    let reached = |y: f64| y <= pos + 1e-6 && in_view(y);
    let mut times = String::new();
    crate::figure::write_times(&mut times, l, props.lang, reached);
    let mut marks = String::new();
    crate::figure::write_marks(&mut marks, l, props.lang, reached);
    let lanes = use_memo(
        (frame.width, frame.client_x, h as i64, props.lang),
        |&(_, _, _, lang)| {
            let mut out = String::new();
            crate::figure::write_lanes(&mut out, frame, h, lang);
            AttrValue::from(out)
        },
    );
    let arrows = arrow_layer(props, &l.arrows, false, (top, bottom));
    let spoofed = arrow_layer(props, &l.spoofed, true, (top, bottom));
    // The hovered arrow again, on top: thicker, with a wide hit area, and the
    // reason it was sent as its tooltip.
    let hover = hovered.and_then(|id| {
        let a = l.arrows.get(id)?;
        let (hx, hy) = head(a, a.progress(pos))?;
        let title = match veil_of(&props.veils, id) {
            Veil::Open => i18n::tooltip(props.lang, a),
            Veil::Fields(b) => a.label_blanked(b),
            Veil::Whole => "?".to_string(),
        };
        Some(html! {
            <g class={classes!("hover", arrow_class(a))} data-segment={id.to_string()}>
                <title>{ title }</title>
                <line class="hit" x1={px(a.x1).to_string()} y1={px(a.y1).to_string()}
                      x2={px(hx).to_string()} y2={px(hy).to_string()} />
                <line class="shaft" x1={px(a.x1).to_string()} y1={px(a.y1).to_string()}
                      x2={px(hx).to_string()} y2={px(hy).to_string()} />
            </g>
        })
    });
    let now_y = pos.max(0.0);
    // The lanes' names, kept in sight at the top of the scrolled figure
    // (the figure's own names, at its top, are what an export shows). An
    // SVG of the figure's width: placed by attributes, which a strict
    // Content-Security-Policy allows where it refuses style attributes.
    let head = |side: synack_sim::Side| {
        html! {
            <text class="lane-name" x={px(frame.lane_x(side)).to_string()} y="18" text-anchor="middle">
                { i18n::side(props.lang, side) }
            </text>
        }
    };
    html! {
        <div class="figure">
        <div class="lane-heads" aria-hidden="true">
            <svg viewBox={format!("0 0 {} 24", Fixed(frame.width, 0))} xmlns="http://www.w3.org/2000/svg">
                { head(synack_sim::Side::Client) }{ head(synack_sim::Side::Server) }
            </svg>
        </div>
        <svg ref={svg} class={classes!("sequence", (!frame.ticks).then_some("compact"), hovered.is_some().then_some("pointing"))}
             viewBox={format!("0 0 {} {}", Fixed(frame.width, 0), Fixed(h, 0))} role="group"
             aria-label={props.lang.s().diagram} xmlns="http://www.w3.org/2000/svg"
             {onclick} {onmousemove} {onmouseleave}>
            <SvgMarkup markup={super::segment_arrow::DEFS} />
            // Lists whose length changes go in as one node each: `{ for .. }`
            // would splice them into this list, and Yew pairs unkeyed
            // siblings from the end, so one more mark would shift every
            // element before it onto another's and rebuild the whole figure.
            <SvgMarkup markup={times} />
            <SvgMarkup markup={(*lanes).clone()} />
            <TimerBars layout={props.layout.clone()} {pos} lang={props.lang} />
            <line class="now" x1="0" x2={Fixed(frame.width, 0).to_string()}
                  y1={px(now_y).to_string()} y2={px(now_y).to_string()} />
            <g class="spoofed">
                <g>{ for spoofed.blocks }</g>
                <SvgMarkup markup={spoofed.travelling} />
            </g>
            <g class="arrows">
                <g>{ for arrows.blocks }</g>
                <SvgMarkup markup={arrows.travelling} />
                { hover }
            </g>
            <SvgMarkup markup={marks} />
        </svg>
        </div>
    }
}

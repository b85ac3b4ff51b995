use super::SvgMarkup;
use crate::i18n::{self, Lang};
use crate::number::{px, Fixed};
use synack_sim::trace::StateChange;
use synack_sim::{Side, State};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StateDiagramProps {
    pub side: Side,
    pub state: State,
    /// The most recent transition of this endpoint at the playhead.
    pub last: Option<StateChange>,
    /// A student plays this side: it has no state but what they make of it.
    #[prop_or_default]
    pub played: bool,
    pub lang: Lang,
}

const W: f64 = 320.0;
const BOX_W: f64 = 100.0;
const BOX_H: f64 = 22.0;

/// Where each state stands in the figure (RFC 9293 Fig. 5, simplified).
fn at(s: State) -> (f64, f64) {
    match s {
        State::Closed => (160.0, 18.0),
        State::Listen => (60.0, 66.0),
        State::SynSent => (260.0, 66.0),
        State::SynReceived => (60.0, 114.0),
        State::Established => (160.0, 162.0),
        State::FinWait1 => (60.0, 210.0),
        State::CloseWait => (260.0, 210.0),
        State::FinWait2 => (55.0, 258.0),
        State::Closing => (160.0, 258.0),
        State::LastAck => (265.0, 258.0),
        State::TimeWait => (105.0, 306.0),
    }
}

/// The arrows of the figure: the ordinary paths through the states.
const EDGES: [(State, State); 16] = [
    (State::Closed, State::Listen),
    (State::Closed, State::SynSent),
    (State::Listen, State::SynReceived),
    (State::Listen, State::SynSent),
    (State::SynSent, State::SynReceived),
    (State::SynSent, State::Established),
    (State::SynReceived, State::Established),
    (State::SynReceived, State::FinWait1),
    (State::Established, State::FinWait1),
    (State::Established, State::CloseWait),
    (State::FinWait1, State::FinWait2),
    (State::FinWait1, State::Closing),
    (State::FinWait1, State::TimeWait),
    (State::FinWait2, State::TimeWait),
    (State::Closing, State::TimeWait),
    (State::CloseWait, State::LastAck),
];

/// A line between two boxes, trimmed to their borders.
fn edge(from: State, to: State) -> (f64, f64, f64, f64) {
    let ((x1, y1), (x2, y2)) = (at(from), at(to));
    let (dx, dy) = (x2 - x1, y2 - y1);
    // The fraction of the line inside a box (plus a 3 px gap), at most half of it.
    let tx = if dx.abs() > 1e-9 {
        (BOX_W / 2.0 + 3.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        (BOX_H / 2.0 + 3.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty).min(0.5);
    (x1 + dx * t, y1 + dy * t, x2 - dx * t, y2 - dy * t)
}

/// The figure's inside as markup: the edges, the last transition bold, and
/// the boxes with the current state lit. One string, set in one DOM call
/// when the state or the transition changes.
/// `state: None` lights no state (a side a student plays).
fn figure_markup(side: Side, state: Option<State>, last: Option<(State, State)>) -> String {
    use std::fmt::Write;
    let side = side.name();
    let mut out = String::with_capacity(4096);
    let line = |out: &mut String, (a, b): (State, State), class: &str, head: &str| {
        let (x1, y1, x2, y2) = edge(a, b);
        let (x1, y1, x2, y2) = (px(x1), px(y1), px(x2), px(y2));
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" \
             marker-end=\"url(#{head}-{side})\"/>"
        );
    };
    for &e in &EDGES {
        line(&mut out, e, "edge", "state-arrow");
    }
    if let Some(e) = last {
        line(&mut out, e, "edge last", "state-arrow-last");
    }
    for &s in State::ALL.iter() {
        let (x, y) = at(s);
        let current = Some(s) == state;
        let _ = write!(
            out,
            "<g class=\"state-node{}\"{}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            if current { " current" } else { "" },
            if current { " aria-current=\"true\"" } else { "" },
            px(x - BOX_W / 2.0),
            px(y - BOX_H / 2.0),
            px(BOX_W),
            px(BOX_H),
            px(x),
            px(y + 4.0),
            s.name()
        );
    }
    out
}

/// The RFC 9293 state diagram for one endpoint: the current state lit, the
/// last transition drawn bold, and its rule written underneath.
#[component]
pub fn StateDiagram(p: &StateDiagramProps) -> Html {
    let last = p.last.as_ref().map(|c| (c.from, c.to));
    let state = (!p.played).then_some(p.state);
    let inside = use_memo((p.side, state, last), |&(side, state, last)| {
        AttrValue::from(figure_markup(side, state, last))
    });
    let caption = match &p.last {
        _ if p.played => html! { <p class="transition muted">{ p.lang.s().played_by_you }</p> },
        Some(c) => html! {
            <p class="transition">
                <span class="muted">{ format!("{}: ", p.lang.s().last_transition) }</span>
                <strong>{ format!("{} → {}", c.from, c.to) }</strong>
                <br />{ i18n::rule(p.lang, c) }
            </p>
        },
        None => html! { <p class="transition muted">{ p.lang.s().nothing_yet }</p> },
    };
    html! {
        <figure class="state-diagram">
            <figcaption>{ i18n::side(p.lang, p.side) }</figcaption>
            <svg viewBox={format!("0 0 {} 322", Fixed(W, 0))} role="img"
                 aria-label={format!("{}: {}", i18n::side(p.lang, p.side), p.state.name())}>
                <SvgMarkup markup={defs(p.side)} />
                <SvgMarkup markup={(*inside).clone()} />
            </svg>
            { caption }
        </figure>
    }
}

/// The two arrowheads of the state figure: plain, and the last transition's.
/// Ids of each side's own: a page has both figures.
fn defs(side: Side) -> AttrValue {
    AttrValue::Static(match side {
        Side::Client => STATE_DEFS_CLIENT,
        Side::Server => STATE_DEFS_SERVER,
    })
}

macro_rules! state_defs {
    ($side:literal) => {
        concat!(
            "<defs><marker id=\"state-arrow-",
            $side,
            "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\">\
             <path class=\"edge-head\" d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>\
             <marker id=\"state-arrow-last-",
            $side,
            "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\">\
             <path class=\"edge-head last\" d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>"
        )
    };
}
const STATE_DEFS_CLIENT: &str = state_defs!("client");
const STATE_DEFS_SERVER: &str = state_defs!("server");

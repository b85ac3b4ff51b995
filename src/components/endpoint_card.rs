use crate::geometry::Layout;
use crate::i18n::{self, Lang};
use crate::number::px;
use crate::shared::Shared;
use synack_sim::why::{Call, CallResult};
use synack_sim::{Duration, Side, State, Trace};
use yew::prelude::*;

pub struct EndpointCardProps {
    pub side: Side,
    pub trace: Shared<Trace>,
    pub layout: Shared<Layout>,
    pub pos: f64,
    pub time: u64,
    pub lang: Lang,
    /// While a quiz question is open its timers stay hidden.
    pub hide_timers: bool,
}

/// State of one endpoint at the playhead's display position.
pub fn state_at(trace: &Trace, layout: &Layout, side: Side, pos: f64) -> State {
    trace
        .states_of(side)
        .filter(|c| layout.state_y(c) <= pos + 1e-6)
        .last()
        .map_or(State::Closed, |c| c.to)
}

/// What the application above the endpoint is doing: `connect() … blocking`, `accept() returned`.
fn app_status(trace: &Trace, layout: &Layout, side: Side, pos: f64, lang: Lang) -> String {
    // The latest call reached, skipping the instant "returned" halves of listen/close.
    let last = trace.calls.iter().rfind(|c| {
        c.endpoint == side
            && layout.call_y(c) <= pos + 1e-6
            && !matches!(
                (c.call, c.result),
                (Call::Listen | Call::Close, CallResult::Returned)
                    | (Call::Send, CallResult::Called)
            )
    });
    let Some(c) = last else { return "—".into() };
    match (c.call, c.result) {
        (Call::Listen, _) => "listen()".into(),
        (Call::Connect, CallResult::Called) => format!("connect() … {}", lang.s().blocking),
        (Call::Connect, CallResult::Returned) => "connect() = 0".into(),
        (Call::Accept, _) => "accept() = fd".into(),
        (Call::Recv, CallResult::Returned) => format!("read() = {}", c.bytes),
        (Call::Send, _) => format!("send({}) = {}", c.bytes, c.bytes),
        (Call::Close, _) => "close()".into(),
        (call, CallResult::Failed) => format!(
            "{}() → {}",
            call.c_name(),
            c.errno.map(|e| e.name()).unwrap_or("error")
        ),
        _ => "—".into(),
    }
}

/// One endpoint above its lane: its state, what its application is doing,
/// and the timers it has armed, counting down.
///
/// A view function, not a component: its props change with every frame
/// anyway, and a component of its own costs the page ~0.5 KB of wasm.
pub fn endpoint_card(p: EndpointCardProps) -> Html {
    let state = state_at(&p.trace, &p.layout, p.side, p.pos);
    let app = app_status(&p.trace, &p.layout, p.side, p.pos, p.lang);
    let timers = p.layout.timers.iter().filter(|s| {
        !p.hide_timers
            && s.side == p.side
            && p.layout.axis.y(s.start_us) <= p.pos
            && p.pos < p.layout.axis.y(s.end_us)
    });
    let timers = timers.map(|s| {
        let left = Duration(s.expires_us.saturating_sub(p.time));
        let frac = left.micros() as f64 / s.rto().micros().max(1) as f64;
        html! {
            <div class="countdown" role="timer">
                <span class="countdown-label">
                    { format!("{} · {} · {} {}", i18n::timer(p.lang, s.kind),
                              i18n::timer_length(p.lang, s.kind, s.rto()),
                              i18n::clock(p.lang, left.micros()), p.lang.s().left) }
                </span>
                <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="fill" height="6" width={px(frac * 100.0).to_string()} /></svg>
            </div>
        }
    });
    html! {
        <section class={classes!("endpoint-card", p.side.name())} aria-label={i18n::side(p.lang, p.side)}>
            <h3>{ i18n::side(p.lang, p.side) }</h3>
            // A side a student plays has no state but what they make of it.
            if p.trace.play.as_ref().is_some_and(|g| g.side == p.side) {
                <div class="state-badge played">{ p.lang.s().played_by_you }</div>
            } else {
                <div class="state-badge" data-state={state.name()}>{ state.name() }</div>
            }
            <div class="app"><span class="muted">{ format!("{}: ", p.lang.s().app) }</span><code>{ app }</code></div>
            // One node however many (see SequenceDiagram).
            { timers.collect::<Html>() }
        </section>
    }
}

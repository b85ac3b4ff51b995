use crate::i18n::Lang;
use crate::number::{trimmed, Fixed};
use crate::state::{Action, SPEEDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub struct PlaybackProps {
    pub playing: bool,
    pub speed: f64,
    pub pos: f64,
    pub start: f64,
    pub end: f64,
    pub time: u64,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// A small icon drawn in SVG: symbol fonts are not everywhere.
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={path} /></svg>
    }
}

const RESTART: &str = "M2 2h2v12H2zM14 2v12L5 8z";
const BACK: &str = "M12 2v12L3 8zM13 2h2v12h-2z";
const FORWARD: &str = "M4 2v12l9-6zM1 2h2v12H1z";
const PLAY: &str = "M4 2v12l10-6z";
const PAUSE: &str = "M3 2h4v12H3zM9 2h4v12H9z";

/// Play, pause, step, scrub, speed, restart, and the simulated clock.
///
/// A view function, not a component: its props change with every frame
/// anyway, and a component of its own costs the page ~0.5 KB of wasm.
pub fn playback(p: PlaybackProps) -> Html {
    let s = p.lang.s();
    let act = |a: Action| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let d = p.dispatch.clone();
    let on_scrub = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let v = input.value_as_number();
        if v.is_finite() {
            d.emit(Action::Seek(v));
        }
    });
    let d = p.dispatch.clone();
    let on_speed = Callback::from(move |e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        let i = usize::try_from(sel.selected_index()).ok();
        if let Some(&v) = i.and_then(|i| SPEEDS.get(i)) {
            d.emit(Action::SetSpeed(v));
        }
    });
    let play_label = if p.playing { s.pause } else { s.play };
    html! {
        <div class="playback" role="toolbar" aria-label={s.timeline}>
            <button type="button" onclick={act(Action::Restart)} title={s.restart} aria-label={s.restart}>{ icon(RESTART) }</button>
            <button type="button" onclick={act(Action::StepBack)} title={s.step_back} aria-label={s.step_back}>{ icon(BACK) }</button>
            <button type="button" class="play" onclick={act(Action::TogglePlay)} aria-pressed={p.playing.to_string()}>
                { icon(if p.playing { PAUSE } else { PLAY }) }{ play_label }
            </button>
            <button type="button" onclick={act(Action::StepForward)} title={s.step_forward} aria-label={s.step_forward}>{ icon(FORWARD) }</button>
            <input class="scrubber" type="range" aria-label={s.timeline}
                   min={Fixed(p.start, 2).to_string()} max={Fixed(p.end, 2).to_string()} step="any"
                   value={Fixed(p.pos, 2).to_string()} oninput={on_scrub}
                   aria-valuetext={crate::i18n::clock(p.lang, p.time)} />
            <label class="speed">
                <span>{ s.speed }</span>
                <select onchange={on_speed}>
                    { for SPEEDS.iter().map(|&v| html! {
                        <option value={trimmed(v, 3)} selected={(v - p.speed).abs() < 1e-9}>{ format!("{}×", trimmed(v, 3)) }</option>
                    }) }
                </select>
            </label>
            <output class="clock" aria-label={s.clock}>{ format!("t = {}", crate::i18n::clock(p.lang, p.time)) }</output>
        </div>
    }
}

//! The page: playback bar, the animated sequence diagram with an endpoint card
//! above each lane, and the panels (explanation, controls, state diagrams,
//! header inspector, event log). All state lives in one reducer (state.rs).

use crate::components::{
    score, state_at, Controls, EndpointCard, EventLog, Explanation, FloodPanel, Masthead,
    Narrative, Playback, QuizPanel, SegmentInspector, SequenceDiagram, StateDiagram,
};
use crate::geometry::Frame;
use crate::i18n::Lang;
use crate::scenarios::{self, pick};
use crate::shared::Shared;
use crate::state::{Action, Model};
use std::cell::RefCell;
use std::rc::Rc;
use synack_sim::{Config, Side};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Below this width the diagram uses the compact frame.
const COMPACT_BELOW_PX: f64 = 640.0;
/// What is drawn before the scroll box has been measured (diagram units).
const INITIAL_VIEW: (f64, f64) = (0.0, 900.0);
/// Scrolls smaller than this do not redraw the diagram.
const VIEW_STEP: f64 = 120.0;

/// The scroll box's visible part in diagram coordinates (the first diagram in it).
fn visible_part(scroller: &NodeRef, frame_width: f64) -> Option<(f64, f64)> {
    let el = scroller.cast::<web_sys::HtmlElement>()?;
    let svg = el.query_selector("svg.sequence").ok()??;
    let scale = svg.client_width() as f64 / frame_width;
    if scale <= 0.0 {
        return None;
    }
    let top = el.scroll_top() as f64 / scale;
    Some((top, top + el.client_height() as f64 / scale))
}

fn window_frame() -> Frame {
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    if width < COMPACT_BELOW_PX {
        Frame::COMPACT
    } else {
        Frame::WIDE
    }
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub config: Config,
    /// None: follow the browser.
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// Start from this scenario (its URL name) rather than `config`.
    #[prop_or_default]
    pub scenario: Option<&'static str>,
    /// Problems with the page's URL parameters, shown in a dismissible notice.
    #[prop_or_default]
    pub notices: Vec<String>,
}

/// Drive playback with requestAnimationFrame while playing. With reduced
/// motion, playback jumps from event to event instead of gliding.
#[hook]
fn use_playback_clock(playing: bool, reduced: bool, speed: f64, dispatch: Callback<Action>) {
    use_effect_with(
        (playing, reduced, speed),
        move |&(playing, reduced, speed)| {
            type Frame = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
            let handle: Rc<RefCell<Option<i32>>> = Rc::default();
            let callback: Frame = Rc::default();
            if playing {
                let (handle2, callback2) = (handle.clone(), callback.clone());
                let mut last: Option<f64> = None;
                let mut since_step = 0.0;
                *callback.borrow_mut() = Some(Closure::new(move |now: f64| {
                    let dt = last.map_or(0.0, |l| now - l);
                    last = Some(now);
                    if reduced {
                        since_step += dt;
                        if since_step >= 900.0 / speed.max(0.1) {
                            since_step = 0.0;
                            dispatch.emit(Action::StepForward);
                        }
                    } else {
                        dispatch.emit(Action::Tick { dt_ms: dt });
                    }
                    if let (Some(w), Some(cb)) = (web_sys::window(), callback2.borrow().as_ref()) {
                        *handle2.borrow_mut() =
                            w.request_animation_frame(cb.as_ref().unchecked_ref()).ok();
                    }
                }));
                if let (Some(w), Some(cb)) = (web_sys::window(), callback.borrow().as_ref()) {
                    *handle.borrow_mut() =
                        w.request_animation_frame(cb.as_ref().unchecked_ref()).ok();
                }
            }
            move || {
                if let (Some(w), Some(h)) = (web_sys::window(), handle.borrow_mut().take()) {
                    let _ = w.cancel_animation_frame(h);
                }
                // Dropping the closure breaks the Rc cycle it sits in.
                callback.borrow_mut().take();
            }
        },
    );
}

/// A document-level listener that lives as long as the component.
#[hook]
fn use_window_listener(event: &'static str, handler: Callback<web_sys::Event>) {
    use_effect_with((), move |_| {
        let closure =
            Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| handler.emit(e));
        let target: Option<web_sys::EventTarget> = web_sys::window().map(Into::into);
        if let Some(t) = &target {
            let _ = t.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        move || {
            if let Some(t) = &target {
                let _ =
                    t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
    });
}

/// Keyboard: Space plays or pauses, arrows step, Home restarts; ignored while typing.
fn key_action(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let typing = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().as_str(),
                "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"
            )
        });
    if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    match e.key().as_str() {
        " " => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::Restart),
        _ => None,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let model = {
        let (config, lang, scenario) = (props.config.clone(), props.lang, props.scenario);
        use_reducer(move || {
            let lang = lang.unwrap_or_else(Lang::from_browser);
            let (frame, reduced) = (window_frame(), prefers_reduced_motion());
            match scenario.and_then(scenarios::find) {
                Some(s) => Model::with_scenario(s, lang, frame, reduced),
                None => Model::new(config, lang, frame, reduced),
            }
        })
    };
    let notices = use_state(|| props.notices.clone());
    // Callbacks must be the same from frame to frame, or every child's props
    // would differ on every tick and nothing could skip re-rendering.
    let dispatch: Callback<Action> = {
        let d = model.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a| d.dispatch(a)))).clone()
    };
    let on_segment = {
        let d = dispatch.clone();
        (*use_memo((), move |_| d.reform(Action::ToggleDrop))).clone()
    };
    let on_select = {
        let d = dispatch.clone();
        (*use_memo((), move |_| d.reform(Action::Inspect))).clone()
    };
    let ignore_click: Callback<usize> = (*use_memo((), |_| Callback::noop())).clone();
    // A scenario may draw a second run beside the first (two-way beside three-way).
    let comparison = use_memo((model.scenario, model.relative), |&(name, relative)| {
        let compare = name.and_then(scenarios::find)?.compare.as_ref()?;
        let trace = synack_sim::simulate(&(compare.config)()).ok()?;
        let layout = crate::geometry::layout(&trace, relative, Frame::COMPACT);
        Some((compare, Shared::from(std::rc::Rc::new(layout))))
    });
    use_playback_clock(
        model.playing,
        model.reduced_motion,
        model.speed,
        dispatch.clone(),
    );
    {
        let d = dispatch.clone();
        use_window_listener(
            "keydown",
            Callback::from(move |e: web_sys::Event| {
                if let Some(a) = e.dyn_ref::<web_sys::KeyboardEvent>().and_then(key_action) {
                    e.prevent_default();
                    d.emit(a);
                }
            }),
        );
        let d = dispatch.clone();
        use_window_listener(
            "resize",
            Callback::from(move |_| d.emit(Action::SetFrame(window_frame()))),
        );
    }
    let scroller = use_node_ref();
    // The part of the diagram the scroll box shows, in diagram coordinates:
    // only that (and a margin) is drawn, however long the run.
    let view = use_state(|| INITIAL_VIEW);
    let on_scroll = {
        let (scroller, view) = (scroller.clone(), view.clone());
        let width = model.layout.frame.width;
        Callback::from(move |_: Event| {
            if let Some(v) = visible_part(&scroller, width) {
                // Only a real move redraws: small scrolls stay inside the margin.
                if (v.0 - view.0).abs() > VIEW_STEP || (v.1 - view.1).abs() > VIEW_STEP {
                    view.set(v);
                }
            }
        })
    };
    {
        // Measure what the scroll box really shows, once it is on the page.
        let (scroller, view) = (scroller.clone(), view.clone());
        use_effect_with(model.layout.frame.width, move |&width| {
            if let Some(v) = visible_part(&scroller, width) {
                view.set(v);
            }
        });
    }
    // Keep the playhead in view while it moves.
    {
        let scroller = scroller.clone();
        let (pos, width, playing) = (model.pos, model.layout.frame.width, model.playing);
        use_effect_with((pos as i64, playing), move |_| {
            // Reading sizes forces a layout: do it only while playing.
            if !playing {
                return;
            }
            if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                let scale = el.client_width() as f64 / width;
                let y = pos * scale;
                let (top, h) = (el.scroll_top() as f64, el.client_height() as f64);
                if playing && (y < top + h * 0.15 || y > top + h * 0.8) {
                    el.set_scroll_top((y - h * 0.4).max(0.0) as i32);
                }
            }
        });
    }

    let m = &*model;
    let lang = m.lang;
    let s = lang.s();
    let trace: Shared<_> = m.trace.clone().into();
    let layout: Shared<_> = m.layout.clone().into();
    let time = m.time();
    let moment = m.moment().map(|i| m.layout.axis.moments()[i]);
    let current_segment = m
        .trace
        .segments
        .iter()
        .rposition(|seg| m.reached(m.layout.axis.y(seg.sent_us)));
    let dismiss = {
        let notices = notices.clone();
        Callback::from(move |_: MouseEvent| notices.set(Vec::new()))
    };
    // In quiz mode, numbers of segments not yet predicted or arrived stay hidden.
    let masked: Shared<Vec<bool>> = std::rc::Rc::new(if m.quiz {
        (0..m.trace.segments.len()).map(|id| m.masked(id)).collect()
    } else {
        Vec::new()
    })
    .into();
    let quiz_target = m.quiz_target();
    let state_of = |side| state_at(&m.trace, &m.layout, side, m.pos);
    let last_change = |side| {
        m.trace
            .states_of(side)
            .take_while(|c| m.reached(m.layout.axis.y(c.at_us)))
            .last()
            .cloned()
    };
    html! {
        <div class="app" lang={lang.tag()}>
            <Masthead scenario={m.scenario} relative={m.relative} quiz={m.quiz}
                      score={score(&m.grades)} {lang} dispatch={dispatch.clone()} />
            if !notices.is_empty() {
                <div class="notice" role="status">
                    <ul>{ for notices.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    <button type="button" onclick={dismiss} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <Playback playing={m.playing} speed={m.speed} pos={m.pos} start={m.start_pos()}
                      end={m.end_pos()} {time} {lang} dispatch={dispatch.clone()} />
            <div class="workspace">
                <section class="stage">
                    if m.quiz_pending().is_none() {
                        <Narrative scenario={m.scenario} trace={trace.clone()} {moment} {lang} />
                    }
                    if let Some(target) = quiz_target {
                        <QuizPanel trace={trace.clone()} {target} grades={Shared::from(m.grades.clone())}
                                   relative={m.relative} {lang} dispatch={dispatch.clone()} />
                    } else {
                        <Explanation trace={trace.clone()} {moment} {lang} relative={m.relative} />
                    }
                    <FloodPanel trace={trace.clone()} {time} {lang} />
                    <div class="cards">
                        <EndpointCard side={Side::Client} trace={trace.clone()} layout={layout.clone()} pos={m.pos} {time} {lang} />
                        <EndpointCard side={Side::Server} trace={trace.clone()} layout={layout.clone()} pos={m.pos} {time} {lang} />
                    </div>
                    if let Some((compare, other)) = comparison.as_ref() {
                        <div class="compare diagram-scroll" ref={scroller} onscroll={on_scroll.clone()}>
                            <div>
                                <h3 class="compare-label">{ pick(lang, &compare.this) }</h3>
                                <SequenceDiagram layout={layout.clone()} pos={m.pos} selected={m.selected} {lang} on_segment={on_segment.clone()} view={*view} masked={masked.clone()} />
                            </div>
                            <div>
                                <h3 class="compare-label">{ pick(lang, &compare.other) }</h3>
                                <SequenceDiagram layout={other.clone()} {lang} on_segment={ignore_click.clone()} view={*view}
                                    pos={if m.moment().is_some() { other.axis.y(time) } else { other.axis.first_y() - 24.0 }} />
                            </div>
                        </div>
                    } else {
                        <div class="diagram-scroll" ref={scroller} onscroll={on_scroll.clone()}>
                            <SequenceDiagram layout={layout.clone()} pos={m.pos} selected={m.selected} {lang} on_segment={on_segment.clone()} view={*view} masked={masked.clone()} />
                        </div>
                    }
                    <p class="hint">{ s.keys_hint }</p>
                </section>
                <aside class="panels">
                    <details open=true class="panel">
                        <summary>{ s.controls }</summary>
                        <Controls config={m.config.clone()} drafts={m.drafts.clone()} {lang} relative={m.relative} dispatch={dispatch.clone()} />
                    </details>
                    <details open=true class="panel">
                        <summary>{ s.states }</summary>
                        <div class="state-diagrams">
                            <StateDiagram side={Side::Client} state={state_of(Side::Client)} last={last_change(Side::Client)} {lang} />
                            <StateDiagram side={Side::Server} state={state_of(Side::Server)} last={last_change(Side::Server)} {lang} />
                        </div>
                    </details>
                    <details open=true class="panel">
                        <summary>{ s.inspector }</summary>
                        <SegmentInspector trace={trace.clone()} selected={m.selected} relative={m.relative} {lang} />
                    </details>
                    <details open=true class="panel">
                        <summary>{ s.event_log }</summary>
                        <EventLog trace={trace.clone()} relative={m.relative} {lang} current={current_segment}
                                  selected={m.selected} {on_select} on_toggle={on_segment.clone()} masked={masked.clone()} />
                    </details>
                </aside>
            </div>
            <footer>
                { format!("synack {} · window.synack.simulate(config) · docs/api.md", synack_sim::VERSION) }
            </footer>
        </div>
    }
}

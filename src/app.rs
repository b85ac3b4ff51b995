//! The page: playback bar, the animated sequence diagram with an endpoint card
//! above each lane, and the panels (explanation, controls, state diagrams,
//! header inspector, event log). All state lives in one reducer (state.rs).

use crate::components::veil_of;
use crate::components::{
    endpoint_card, explanation, flood_panel, open_file, playback, score, state_at,
    AuthorPanelProps, CaptureBar, Controls, EndpointCardProps, EventLog, ExplanationProps,
    FillPanelProps, FloodPanelProps, Masthead, Narrative, OrderPanelProps, PlayPanelProps,
    PlaybackProps, QuizPanelProps, QuizSummaryProps, SegmentInspectorProps, SequenceDiagram,
    SharePanel, StateDiagram, StudentFormProps, AUTHOR, FILL_PANEL, INSPECTOR, ORDER_PANEL,
    PLAY_PANEL, QUIZ_PANEL, QUIZ_SUMMARY, STUDENT_FORM,
};
use crate::exercise::Kind;
use crate::geometry::Frame;
use crate::hooks::{use_event_emitter, use_playback_clock, use_score_emitter, use_window_listener};
use crate::i18n::Lang;
use crate::later::later;
use crate::shared::Shared;
use crate::state::{Action, Model, Veil};
use crate::url::{Notice, Settings};
use std::cell::RefCell;
use std::rc::Rc;
use synack_sim::trace::Blanks;
use synack_sim::Side;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Below this width the diagram uses the compact frame (and so does the
/// first frame's stylesheet: static/style.css, `.first-compact`).
#[cfg(target_arch = "wasm32")]
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

/// The frame for this page: an embed's diagram has half of a small iframe.
fn page_frame(embed: bool) -> Frame {
    if embed {
        Frame::COMPACT
    } else {
        window_frame()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn window_frame() -> Frame {
    crate::first_frame::frame()
}

#[cfg(target_arch = "wasm32")]
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

#[cfg(not(target_arch = "wasm32"))]
fn prefers_reduced_motion() -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

#[derive(Properties, Default)]
pub struct AppProps {
    /// Where to start: scenario, config, view and playhead (from the URL or `synack.mount`).
    #[prop_or_default]
    pub settings: Settings,
    /// Problems with the page's URL parameters, shown in a dismissible notice.
    #[prop_or_default]
    pub notices: Vec<Notice>,
    /// Set by `synack.mount`: the host page's handle on this instance.
    #[prop_or_default]
    pub remote: Option<Remote>,
    /// Set by the page itself: the app is drawn in parts, a task each, and
    /// this hears when the last is drawn (see `Part`).
    #[prop_or_default]
    pub on_drawn: Option<Callback<()>>,
    /// The app's state made beforehand (`first_model`), in a task of its own.
    #[prop_or_default]
    pub model: RefCell<Option<Model>>,
}

/// What the app draws, in order, when it starts drawn in parts: a short
/// task each rather than one long one, so that a phone's page answers
/// while it starts. The page shows its first frame meanwhile (lib.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// Nothing yet: the run is simulated and laid out (the app's state).
    Run,
    /// The masthead, the playback bar and the diagram.
    Stage,
    /// The lesson, the explanation, the endpoints and the log.
    Story,
    /// The controls, the states, the header and sharing.
    Panels,
}

/// An app's props never change: a new mount is a new app (keyed by
/// generation, in `api::instances`). So props are equal only to
/// themselves, which also spares the page a field-by-field comparison.
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// What a host page's script holds of a mounted instance: a way to send it
/// actions, and its latest trace. Equal only to itself.
#[derive(Clone, Default)]
pub struct Remote {
    pub dispatch: Rc<RefCell<Option<Callback<Action>>>>,
    /// Actions sent before the app was ready for them.
    pub pending: Rc<RefCell<Vec<Action>>>,
    pub trace: Rc<RefCell<Option<Rc<synack_sim::Trace>>>>,
}

impl Remote {
    pub fn send(&self, action: Action) {
        match &*self.dispatch.borrow() {
            Some(d) => d.emit(action),
            None => self.pending.borrow_mut().push(action),
        }
    }
}

impl PartialEq for Remote {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dispatch, &other.dispatch)
    }
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
    action_for_key(&e.key())
}

/// What a key (a `KeyboardEvent.key`) does to playback, if anything.
fn action_for_key(key: &str) -> Option<Action> {
    match key {
        " " => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::Restart),
        "End" => Some(Action::ToEnd),
        "p" | "P" => Some(Action::TogglePresentation),
        "Escape" => Some(Action::StopPresenting),
        _ => None,
    }
}

/// Keys pressed while the page showed its first frame, which static/
/// first-frame.js kept for the app (and stops keeping now).
#[cfg(target_arch = "wasm32")]
fn early_keys() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    js_sys::Reflect::get(&window, &"synackEarlyKeys".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .map(|keys| {
            js_sys::Array::from(&keys)
                .iter()
                .filter_map(|k| k.as_string())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn early_keys() -> Vec<String> {
    Vec::new()
}

/// Show the page in `lang`: at once if its words are here, else once they
/// have been fetched; `failed` hears why they could not be.
/// The panel of the exercise on show, by its kind (their code arrives
/// together, the first time one is shown).
fn exercise_panel(
    m: &Model,
    exercise: Rc<crate::exercise::Exercise>,
    trace: Shared<synack_sim::Trace>,
    dispatch: Callback<Action>,
) -> Html {
    let (lang, relative, checked) = (m.lang, m.relative(), m.checked.clone());
    match exercise.kind {
        Kind::Fill => later(
            &FILL_PANEL,
            FillPanelProps {
                trace,
                exercise,
                checked,
                relative,
                lang,
                dispatch,
            },
            lang,
        ),
        Kind::Order => later(
            &ORDER_PANEL,
            OrderPanelProps {
                trace,
                exercise,
                checked,
                seed: m.config().seed,
                relative,
                lang,
                dispatch,
            },
            lang,
        ),
        // The quiz's own panel asks; this says whose numbers they are.
        Kind::Predict => later(
            &STUDENT_FORM,
            StudentFormProps {
                exercise,
                lang,
                dispatch,
            },
            lang,
        ),
        Kind::Play => later(
            &PLAY_PANEL,
            PlayPanelProps {
                trace,
                exercise,
                checked,
                relative,
                at_end: m.at_end(),
                lang,
                dispatch,
            },
            lang,
        ),
    }
}

pub fn choose_language(lang: Lang, dispatch: Callback<Action>, failed: Callback<String>) {
    if crate::i18n::catalog::installed(lang).is_some() {
        return dispatch.emit(Action::SetLang(lang));
    }
    wasm_bindgen_futures::spawn_local(async move {
        match crate::i18n::catalog::load(lang).await {
            Ok(()) => dispatch.emit(Action::SetLang(lang)),
            Err(e) => failed.emit(e),
        }
    });
}

/// The app's state as it starts from `settings`: its run simulated and laid
/// out, in the reader's language if its words are here (English till then).
pub fn first_model(settings: &Settings) -> Model {
    let wanted = settings.lang.unwrap_or_else(Lang::from_browser);
    let lang = match crate::i18n::catalog::installed(wanted) {
        Some(_) => wanted,
        None => Lang::En,
    };
    let embed = settings.embed.is_some();
    let (frame, reduced) = (page_frame(embed), prefers_reduced_motion());
    Model::from_settings(settings, lang, frame, reduced)
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // The reader's language, shown once its words are here (English till then).
    let wanted = props.settings.lang.unwrap_or_else(Lang::from_browser);
    let model = {
        let settings = props.settings.clone();
        let made = props.model.take();
        use_reducer(move || made.unwrap_or_else(|| first_model(&settings)))
    };
    let notices = use_state(|| props.notices.clone());
    let words_failed = use_state(|| None::<String>);
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
    let on_words_failed = {
        let failed = words_failed.clone();
        (*use_memo((), move |_| {
            Callback::from(move |e: String| failed.set(Some(e)))
        }))
        .clone()
    };
    {
        let (d, failed) = (dispatch.clone(), on_words_failed.clone());
        use_effect_with((), move |_| {
            if wanted != Lang::En {
                choose_language(wanted, d, failed);
            }
        });
    }
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
        // From here the app hears the keyboard: what the reader pressed
        // while the first frame was on show is answered now, once.
        let (d, page) = (dispatch.clone(), props.on_drawn.is_some());
        use_effect_with((), move |_| {
            if page {
                for action in early_keys().iter().filter_map(|k| action_for_key(k)) {
                    d.emit(action);
                }
            }
        });
        let (d, embed) = (dispatch.clone(), props.settings.embed.is_some());
        use_window_listener(
            "resize",
            Callback::from(move |_| d.emit(Action::SetFrame(page_frame(embed)))),
        );
    }
    // A host page's script (synack.mount) drives this instance through `remote`.
    {
        let (remote, d) = (props.remote.clone(), dispatch.clone());
        use_effect_with((), move |_| {
            if let Some(r) = remote {
                for a in r.pending.borrow_mut().drain(..) {
                    d.emit(a);
                }
                *r.dispatch.borrow_mut() = Some(d);
            }
        });
        if let Some(r) = &props.remote {
            *r.trace.borrow_mut() = Some(model.trace().clone());
        }
    }
    // Embeds may start playing at once.
    {
        let (d, autoplay) = (
            dispatch.clone(),
            props.settings.embed.is_some_and(|e| e.autoplay),
        );
        use_effect_with((), move |_| {
            if autoplay {
                d.emit(Action::TogglePlay);
            }
        });
    }
    // Drawn in parts only when the page asks (natively, for the first
    // frame, all at once: there are no tasks).
    let drawn = use_state(|| match props.on_drawn {
        Some(_) if cfg!(target_arch = "wasm32") => Part::Run,
        _ => Part::Panels,
    });
    {
        let (next, on_drawn) = (drawn.clone(), props.on_drawn.clone());
        use_effect_with(*drawn, move |&part| {
            let after = match part {
                Part::Run => Some(Part::Stage),
                Part::Stage => Some(Part::Story),
                Part::Story => Some(Part::Panels),
                Part::Panels => None,
            };
            match after {
                Some(p) => {
                    gloo_timers::callback::Timeout::new(0, move || next.set(p)).forget();
                }
                None => {
                    if let Some(cb) = on_drawn {
                        cb.emit(());
                    }
                }
            }
        });
    }
    let root = use_node_ref();
    use_event_emitter(&root, &model);
    use_score_emitter(&root, &model);
    // The document speaks the page's language too: `<html lang>` (screen
    // readers, fonts) and the title, unless synack is mounted in a host page.
    {
        let standalone = props.remote.is_none();
        use_effect_with(model.lang, move |&lang| {
            let doc = web_sys::window().and_then(|w| w.document());
            if let (true, Some(doc)) = (standalone, doc) {
                if let Some(html) = doc.document_element() {
                    let _ = html.set_attribute("lang", lang.tag());
                }
                doc.set_title(lang.s().page_title);
            }
        });
    }
    // Capture files, from the picker or dropped anywhere on the page.
    let file_status = use_state(|| None);
    let files_chosen = use_memo((), |_| Rc::new(std::cell::Cell::new(0u64)));
    let on_file = {
        let (d, status, root) = (dispatch.clone(), file_status.clone(), root.clone());
        let latest = (*files_chosen).clone();
        Callback::from(move |file: web_sys::File| {
            status.set(None);
            open_file(file, d.clone(), status.clone(), latest.clone(), root.cast());
        })
    };
    // Stop: the worker ends, and whatever it would still answer is not shown.
    let on_stop = {
        let (status, latest) = (file_status.clone(), (*files_chosen).clone());
        Callback::from(move |_| {
            latest.set(latest.get() + 1);
            crate::assets::cancel_capture();
            status.set(None);
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_file = on_file.clone();
        Callback::from(move |e: DragEvent| {
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                e.prevent_default();
                on_file.emit(file);
            }
        })
    };
    // What "Copy link" would carry right now (links always name the language).
    let current_settings: Shared<RefCell<Settings>> =
        (*use_memo((), |_| Rc::new(RefCell::new(Settings::default()))))
            .clone()
            .into();
    *current_settings.borrow_mut() = model.settings(true, None);
    let author_open = use_state(|| false);
    let on_author_toggle = {
        let author_open = author_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|d| d.has_attribute("open"));
            author_open.set(open);
        })
    };
    let scroller = use_node_ref();
    // The part of the diagram the scroll box shows, in diagram coordinates:
    // only that (and a margin) is drawn, however long the run.
    let view = use_state(|| INITIAL_VIEW);
    let on_scroll = {
        let (scroller, view) = (scroller.clone(), view.clone());
        let width = model.layout().frame.width;
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
        use_effect_with(model.layout().frame.width, move |&width| {
            if let Some(v) = visible_part(&scroller, width) {
                view.set(v);
            }
        });
    }
    // Keep the playhead in view while it moves.
    {
        let scroller = scroller.clone();
        let (pos, width, playing) = (model.pos, model.layout().frame.width, model.playing);
        // Whole pixels while playing (a frame moves less than that at slow
        // speeds); a jump (End, a step, the scrubber) is followed too.
        // Reading sizes forces a layout, once per such change.
        use_effect_with((pos as i64, playing), move |_| {
            if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                let scale = el.client_width() as f64 / width;
                let y = pos * scale;
                let (top, h) = (el.scroll_top() as f64, el.client_height() as f64);
                if y < top + h * 0.15 || y > top + h * 0.8 {
                    el.set_scroll_top((y - h * 0.4).max(0.0) as i32);
                }
            }
        });
    }

    // What stays hidden (in quiz mode, segments not yet predicted or
    // arrived; in an exercise, the fields asked until they are checked),
    // kept while it is the same: the diagram's settled
    // blocks redraw only when their props change, and playback renders the
    // page every frame.
    let veils: Shared<Vec<Veil>> = (*use_memo(model.veils(), |v| Rc::new(v.clone())))
        .clone()
        .into();
    // The diagram also hides seq and ack everywhere if numbers are off.
    let figure_veils: Shared<Vec<Veil>> = (*use_memo(
        (veils.clone(), model.labels, model.trace().segments.len()),
        |(veils, labels, segments)| {
            if *labels {
                return veils.0.clone();
            }
            let numbers = |b: Blanks| Blanks {
                seq: true,
                ack: true,
                ..b
            };
            Rc::new(
                (0..*segments)
                    .map(|id| match veil_of(veils, id) {
                        Veil::Open => Veil::Fields(numbers(Blanks::NONE)),
                        Veil::Fields(b) => Veil::Fields(numbers(b)),
                        Veil::Whole => Veil::Whole,
                    })
                    .collect(),
            )
        },
    ))
    .clone()
    .into();

    if *drawn == Part::Run {
        return Html::default();
    }
    let m = &*model;
    let lang = m.lang;
    let embed = props.settings.embed;
    let show_panels = embed.is_none_or(|e| e.panels);
    let show_controls = embed.is_none_or(|e| e.controls);
    let s = lang.s();
    let trace: Shared<_> = m.trace().clone().into();
    let layout: Shared<_> = m.layout().clone().into();
    let time = m.time();
    let moment = m.moment().map(|i| m.layout().axis.moments()[i]);
    let current_segment = m.trace().segments.iter().rposition(|seg| {
        m.layout()
            .arrows
            .get(seg.id)
            .is_some_and(|a| m.reached(a.y1))
    });
    let dismiss = {
        let (notices, words_failed) = (notices.clone(), words_failed.clone());
        Callback::from(move |_: MouseEvent| {
            notices.set(Vec::new());
            words_failed.set(None);
        })
    };
    let exercise_open = m.exercise_open();
    let order_open = m.order_open();
    let quiz_target = m.quiz_target();
    let state_of = |side| state_at(m.trace(), m.layout(), side, m.pos);
    let last_change = |side| {
        m.trace()
            .states_of(side)
            .filter(|c| m.reached(m.layout().state_y(c)))
            .last()
            .cloned()
    };
    html! {
        <div class={classes!("app", embed.is_some().then_some("embed"), m.presenting.then_some("presenting"))} lang={lang.tag()} ref={root}
             ondragover={embed.is_none().then_some(ondragover)} ondrop={embed.is_none().then_some(ondrop)}>
            if embed.is_none() {
                <Masthead scenario={m.scenario()} relative={m.relative()} quiz={m.quiz} labels={m.labels}
                          score={score(&m.grades)} {lang} dispatch={dispatch.clone()}
                          words_failed={on_words_failed.clone()} />
                <CaptureBar imported={m.imported().cloned()} {lang} dispatch={dispatch.clone()}
                            status={(*file_status).clone()} {on_file} {on_stop} />
            }
            if !notices.is_empty() || words_failed.is_some() {
                <div class="notice" role="status">
                    <ul>
                        { for notices.iter().map(|n| html! { <li>{ n.text(lang) }</li> }) }
                        if let Some(why) = &*words_failed {
                            <li>{ crate::i18n::fill(s.words_failed, &[("why", why)]) }</li>
                        }
                    </ul>
                    <button type="button" onclick={dismiss} aria-label={s.dismiss}>{ "×" }</button>
                </div>
            }
            // Segments to put in order: the run is the answer, not shown yet.
            if !order_open {
                { playback(PlaybackProps { playing: m.playing, speed: m.speed, pos: m.pos, start: m.start_pos(),
                                           end: m.end_pos(), time, lang, dispatch: dispatch.clone() }) }
            }
            <div class={classes!("workspace", m.compared().is_some().then_some("comparing"), order_open.then_some("ordering"))}>
                // The figure first, where nothing above it changes height
                // while it plays: the lesson and the log sit beside it on
                // wide screens and below it on narrow ones.
                <section class="stage" aria-label={s.diagram}>
                    if order_open {
                        <p class="hint order-hidden">{ s.order_hidden }</p>
                    } else if let Some(compared) = m.compared().as_ref() {
                        // Both runs on one axis: one playhead, rows side by side.
                        <div class="compare diagram-scroll" ref={scroller} onscroll={on_scroll.clone()} tabindex="0">
                            <div>
                                <h3 class="compare-label">{ crate::scenarios::say(lang, compared.this) }</h3>
                                <SequenceDiagram layout={layout.clone()} pos={m.pos} selected={m.selected} {lang} on_segment={on_segment.clone()} view={*view} veils={figure_veils.clone()} />
                            </div>
                            <div>
                                <h3 class="compare-label">{ crate::scenarios::say(lang, compared.other) }</h3>
                                <SequenceDiagram layout={Shared::from(compared.layout.clone())} {lang} on_segment={ignore_click.clone()} view={*view} pos={m.pos} />
                            </div>
                        </div>
                    } else {
                        <div class="diagram-scroll" ref={scroller} onscroll={on_scroll.clone()} tabindex="0">
                            <SequenceDiagram layout={layout.clone()} pos={m.pos} selected={m.selected} {lang} on_segment={on_segment.clone()} view={*view} veils={figure_veils.clone()} />
                        </div>
                    }
                    if trace.truncated {
                        <p class="hint run-cut" role="note">{ crate::i18n::fill(s.run_cut, &[
                            ("segments", &crate::i18n::grouped(synack_sim::config::MAX_SEGMENTS as u64)),
                        ]) }</p>
                    }
                    if embed.is_none() && !order_open {
                        <p class="hint">
                            <button type="button" class="present" aria-pressed={m.presenting.to_string()}
                                    onclick={{ let d = dispatch.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::TogglePresentation)) }}>
                                { if m.presenting { s.present_exit } else { s.present } }
                            </button>
                            <span class="keys">{ " " }{ s.keys_hint }</span>
                        </p>
                    }
                </section>
                if *drawn >= Part::Story {
                <section class="story">
                    if let Some(exercise) = m.exercise.clone() {
                        { exercise_panel(m, exercise, trace.clone(), dispatch.clone()) }
                    }
                    // The story tells the numbers: it waits for the answers.
                    if m.quiz_pending().is_none() && !exercise_open {
                        <Narrative scenario={m.scenario()} trace={trace.clone()} {moment} {lang} relative={m.relative()} />
                    }
                    if let Some(target) = quiz_target {
                        { later(&QUIZ_PANEL, QuizPanelProps { trace: trace.clone(), target, grades: Shared::from(m.grades.clone()),
                                   relative: m.relative(), lang, dispatch: dispatch.clone() }, lang) }
                    } else if !exercise_open {
                        { explanation(ExplanationProps { trace: trace.clone(), moment, lang, relative: m.relative() }) }
                    }
                    if m.quiz && m.at_end() {
                        { later(&QUIZ_SUMMARY, QuizSummaryProps { trace: trace.clone(), grades: Shared::from(m.grades.clone()), lang, dispatch: dispatch.clone() }, lang) }
                    }
                    { flood_panel(FloodPanelProps { trace: trace.clone(), time, lang }) }
                    <div class="cards">
                        // A timer named for the segment just sent would give the question away.
                        { for [Side::Client, Side::Server].map(|side| endpoint_card(EndpointCardProps {
                            side, trace: trace.clone(), layout: layout.clone(), pos: m.pos, time, lang,
                            hide_timers: m.quiz_pending().is_some(),
                        })) }
                    </div>
                    if show_panels && !order_open {
                        <details open=true class="panel log-panel">
                            <summary>{ s.event_log }</summary>
                            <EventLog trace={trace.clone()} layout={layout.clone()} relative={m.relative()} {lang} current={current_segment}
                                      selected={m.selected} {on_select} on_toggle={on_segment.clone()} veils={veils.clone()}
                                      fixed={m.imported().is_some() || exercise_open} />
                        </details>
                    }
                </section>
                }
                if show_panels && *drawn >= Part::Panels {
                <aside class="panels">
                    if show_controls && m.imported().is_none() && !exercise_open {
                        <details open=true class="panel">
                            <summary>{ s.controls }</summary>
                            <Controls config={crate::shared::Shared::from(m.shared_config())} drafts={m.drafts.clone()} {lang} relative={m.relative()} dispatch={dispatch.clone()} />
                        </details>
                    }
                    <details open=true class="panel">
                        <summary>{ s.states }</summary>
                        <div class="state-diagrams">
                            { for [Side::Client, Side::Server].map(|side| html! {
                                <StateDiagram {side} state={state_of(side)} last={last_change(side)} {lang}
                                              played={m.trace().play.as_ref().is_some_and(|g| g.side == side)} />
                            }) }
                        </div>
                    </details>
                    <details open=true class="panel">
                        <summary>{ s.inspector }</summary>
                        if m.selected.is_some_and(|id| veil_of(&veils, id) != Veil::Open) {
                            <p class="muted">{ s.fill_hidden }</p>
                        } else if m.selected.is_some() {
                            { later(&INSPECTOR, SegmentInspectorProps { trace: trace.clone(), selected: m.selected, relative: m.relative(), lang,
                                          captured: m.imported().as_ref().zip(m.selected.and_then(|id| m.trace().segments.get(id))).and_then(|(imp, seg)| imp.header_of(seg)) }, lang) }
                        } else {
                            <p class="muted">{ s.select_segment }</p>
                        }
                    </details>
                    <details open={embed.is_none()} class="panel">
                        <summary>{ s.share }</summary>
                        // Its exports would give the answers away: not while they are open.
                        <SharePanel settings={current_settings.clone()} trace={trace.clone()} relative={m.relative()} {lang}
                                    capture_file={m.imported().as_ref().map(|i| i.file.clone())} answers_open={exercise_open} />
                    </details>
                    // A teacher makes an exercise of the run on show; its
                    // code comes when the panel is first opened.
                    if embed.is_none() && m.imported().is_none() {
                        <details class="panel author-panel" ontoggle={on_author_toggle}>
                            <summary>{ s.author_title }</summary>
                            if *author_open {
                                { later(&AUTHOR, AuthorPanelProps { settings: current_settings.clone(), trace: trace.clone(), lang }, lang) }
                            }
                        </details>
                    }
                </aside>
                }
            </div>
            if embed.is_none() {
                <footer>
                    { format!("synack {} · window.synack.simulate(config) · docs/api.md", synack_sim::VERSION) }
                </footer>
            }
        </div>
    }
}

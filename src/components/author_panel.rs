//! Making an exercise without code: the run on show, the fields to hide,
//! the segments to ask about and what differs per student, chosen with
//! boxes; out come the exercise's link, its embed code and its SCORM
//! packages, and a way to try it as a student. Its code is fetched the
//! first time the panel is opened (`part!` below).

use super::share_panel::{copy_link, link_to};
use crate::exercise::{Exercise, Kind, Vary, MAX_ASKED};
use crate::export;
use crate::i18n::{self, Lang};
use crate::package::Scorm;
use crate::shared::Shared;
use crate::url::{self, Settings};
use std::cell::RefCell;
use synack_sim::trace::Blanks;
use synack_sim::{Side, Trace};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AuthorPanelProps {
    /// The page's settings now: the exercise's run.
    pub settings: Shared<RefCell<Settings>>,
    pub trace: Shared<Trace>,
    pub lang: Lang,
}

/// The exercise of `settings` as a teacher hands it out: no student's
/// numbers or answers, from the start.
fn handed_out(settings: &Settings) -> Settings {
    let mut s = settings.clone();
    s.t_us = None;
    if let Some(e) = &mut s.exercise {
        e.student = None;
        e.answers.clear();
        e.order.clear();
        e.predicted.clear();
        e.checked = false;
    }
    if let Some(p) = &mut s.config.play {
        p.moves.clear();
    }
    s
}

/// Makes a SCORM package of the page's own files in the browser.
async fn make_package(
    version: crate::package::Scorm,
    settings: Settings,
    title: String,
) -> Result<Vec<u8>, String> {
    let files = wasm_bindgen_futures::JsFuture::from(crate::assets::fetch_app_files())
        .await
        .map_err(|e| export::describe(&e))?;
    let files: Vec<(String, Vec<u8>)> = js_sys::Array::from(&files)
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            let bytes = js_sys::Uint8Array::new(&pair.get(1)).to_vec();
            (pair.get(0).as_string().unwrap_or_default(), bytes)
        })
        .collect();
    let query = url::to_query(&handed_out(&settings));
    crate::package::package_later(version, title, query, files)
        .await
        .map_err(|_| String::new())
}

/// What the teacher has chosen.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    kind: Kind,
    /// The side played, for [`Kind::Play`].
    side: Side,
    hide: Blanks,
    /// Segment numbers from 1; empty: every segment.
    ask: Vec<u32>,
    vary: Vary,
    absolute: bool,
    labels: bool,
}

impl Default for Choice {
    fn default() -> Self {
        let e = Exercise::default();
        Choice {
            kind: e.kind,
            side: e.side,
            hide: e.hide,
            ask: Vec::new(),
            vary: e.vary,
            absolute: true,
            labels: true,
        }
    }
}

impl Choice {
    /// What a page that already shows an exercise starts with: its own
    /// choices (a teacher reopening their link), else the defaults.
    fn of(now: &Settings) -> Choice {
        let Some(e) = &now.exercise else {
            return Choice::default();
        };
        let scenario_absolute = now
            .scenario
            .and_then(crate::scenarios::find)
            .is_some_and(|s| s.absolute);
        Choice {
            kind: e.kind,
            side: e.side,
            hide: e.hide,
            ask: e.ask.clone(),
            vary: e.vary,
            absolute: now.relative.map_or(scenario_absolute, |r| !r),
            labels: now.labels,
        }
    }
}

/// The exercise's settings: the run on show, from its start, with the choice.
fn exercise_settings(now: &Settings, c: &Choice) -> Settings {
    let mut s = now.clone();
    s.t_us = None;
    s.quiz = c.kind == Kind::Predict;
    s.relative = Some(!c.absolute);
    s.labels = c.labels;
    // Fields are hidden and segments asked only where the kind asks them.
    let asks = matches!(c.kind, Kind::Fill | Kind::Order);
    s.exercise = Some(Exercise {
        kind: c.kind,
        side: c.side,
        hide: c.hide,
        ask: if asks { c.ask.clone() } else { Vec::new() },
        vary: c.vary,
        ..Exercise::default()
    });
    // The run as the teacher set it, played from its start.
    s.config.play = (c.kind == Kind::Play).then(|| synack_sim::play::Play {
        side: c.side,
        moves: Vec::new(),
    });
    s
}

/// A choice among a few, as radio buttons named `name`.
fn radios<T: Copy + PartialEq + 'static>(
    name: &'static str,
    legend: &str,
    options: &[(T, &str)],
    now: T,
    choice: &UseStateHandle<Choice>,
    set: fn(&mut Choice, T),
) -> Html {
    let items = options.iter().map(|&(value, label)| {
        let choice = choice.clone();
        let onchange = Callback::from(move |_: Event| {
            let mut c = (*choice).clone();
            set(&mut c, value);
            choice.set(c);
        });
        html! {
            <label class="choice"><input type="radio" {name} checked={value == now} {onchange} />{ label.to_string() }</label>
        }
    });
    html! { <fieldset class="quiz-flags"><legend>{ legend.to_string() }</legend>{ for items }</fieldset> }
}

/// A check box that changes one part of the choice.
fn check(
    label: String,
    on: bool,
    choice: &UseStateHandle<Choice>,
    set: fn(&mut Choice, bool),
) -> Html {
    let choice = choice.clone();
    let onchange = Callback::from(move |e: Event| {
        let mut c = (*choice).clone();
        set(
            &mut c,
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        );
        choice.set(c);
    });
    // Header names and flags in the code font, as elsewhere; words not.
    let class = if label.is_ascii() && label.len() <= 5 {
        "flag-choice"
    } else {
        "choice"
    };
    html! { <label {class}><input type="checkbox" checked={on} {onchange} />{ label }</label> }
}

#[component]
pub fn AuthorPanel(p: &AuthorPanelProps) -> Html {
    let (s, w) = (p.lang.s(), i18n::exercise_words(p.lang));
    let choice = use_state(|| Choice::of(&p.settings.borrow()));
    let copied = use_state(|| None::<(String, Option<bool>)>);
    let making = use_state(|| false);
    let preview = use_state(|| false);
    let error = use_state(|| None::<String>);
    let settings = exercise_settings(&p.settings.borrow(), &choice);
    let link = link_to(&settings);
    let c = (*choice).clone();
    let fields = html! {
        <fieldset class="quiz-flags"><legend>{ w.author_hide }</legend>
            { check("flags".into(), c.hide.flags, &choice, |c, on| c.hide.flags = on) }
            { check("seq".into(), c.hide.seq, &choice, |c, on| c.hide.seq = on) }
            { check("ack".into(), c.hide.ack, &choice, |c, on| c.hide.ack = on) }
        </fieldset>
    };
    // Each segment of the run, by number as the log has it.
    let segments = p.trace.segments.iter().take(MAX_ASKED).map(|seg| {
        let n = seg.id as u32 + 1;
        let on = c.ask.is_empty() || c.ask.contains(&n);
        let choice = choice.clone();
        let count = p.trace.segments.len().min(MAX_ASKED) as u32;
        let onchange = Callback::from(move |e: Event| {
            let mut c = (*choice).clone();
            let mut ask: Vec<u32> = if c.ask.is_empty() { (1..=count).collect() } else { c.ask.clone() };
            ask.retain(|&k| k != n);
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                ask.push(n);
                ask.sort_unstable();
            }
            // All of them is the default (and never none: at least one is asked).
            if ask.len() == count as usize {
                ask.clear();
            }
            if !ask.is_empty() || count == 0 {
                c.ask = ask;
            }
            choice.set(c);
        });
        let label = format!("#{n} {} {}", i18n::side(p.lang, seg.from), seg.flags);
        html! { <label class="flag-choice"><input type="checkbox" checked={on} {onchange} />{ label }</label> }
    });
    let vary = html! {
        <fieldset class="quiz-flags"><legend>{ w.author_vary }</legend>
            { check(w.vary_isn.into(), c.vary.isn, &choice, |c, on| c.vary.isn = on) }
            { check(w.vary_delay.into(), c.vary.delay, &choice, |c, on| c.vary.delay = on) }
            { check(w.vary_data.into(), c.vary.data, &choice, |c, on| c.vary.data = on) }
            { check(w.vary_loss.into(), c.vary.loss, &choice, |c, on| c.vary.loss = on) }
        </fieldset>
    };
    let copy = |embed: bool| {
        let (copied, settings, lang) = (copied.clone(), settings.clone(), p.lang);
        Callback::from(move |_: MouseEvent| {
            copy_link(settings.clone(), embed, lang, copied.clone())
        })
    };
    let scorm = |version: Scorm| {
        let (settings, making, error, lang) =
            (settings.clone(), making.clone(), error.clone(), p.lang);
        Callback::from(move |_: MouseEvent| {
            let title = settings
                .scenario
                .and_then(crate::scenarios::find)
                .map_or("synack".into(), |s| {
                    crate::scenarios::say(lang, s.title).to_string()
                });
            let (settings, making, error) = (settings.clone(), making.clone(), error.clone());
            making.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = make_package(version, settings, title)
                    .await
                    .and_then(|zip| {
                        let name = format!("synack-scorm-{}.zip", version.name());
                        export::download(&name, "application/zip", &zip)
                            .map_err(|e| export::describe(&e))
                    });
                making.set(false);
                error.set(result.err().map(|why| {
                    let s = lang.s();
                    if why.is_empty() {
                        s.part_not_loaded.to_string()
                    } else {
                        i18n::fill(s.scorm_failed, &[("why", &why)])
                    }
                }));
            });
        })
    };
    let kinds = [
        (Kind::Fill, w.kind_fill),
        (Kind::Order, w.kind_order),
        (Kind::Play, w.kind_play),
        (Kind::Predict, w.kind_predict),
    ];
    let sides = [
        (Side::Client, i18n::side(p.lang, Side::Client)),
        (Side::Server, i18n::side(p.lang, Side::Server)),
    ];
    let show_preview = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| preview.set(!*preview))
    };
    html! {
        <div class="author">
            <p class="hint">{ w.author_hint }</p>
            { radios("exercise-kind", w.author_kind, &kinds, c.kind, &choice, |c, k| c.kind = k) }
            if c.kind == Kind::Fill {
                { fields }
            }
            if matches!(c.kind, Kind::Fill | Kind::Order) {
                <fieldset class="quiz-flags ask"><legend>{ w.author_ask }</legend>{ for segments }</fieldset>
            }
            if c.kind == Kind::Play {
                { radios("exercise-side", w.author_side, &sides, c.side, &choice, |c, side| c.side = side) }
            }
            { vary }
            <div class="quiz-flags">
                { check(w.author_absolute.into(), c.absolute, &choice, |c, on| c.absolute = on) }
                { check(w.author_no_labels.into(), !c.labels, &choice, |c, on| c.labels = !on) }
            </div>
            <div class="share-row">
                <a class="button primary try" href={link.clone()}>{ w.author_try }</a>
                <button type="button" class="preview" aria-pressed={preview.to_string()} onclick={show_preview.clone()}>{ w.author_preview }</button>
                <button type="button" class="copy-exercise-link" onclick={copy(false)}>{ s.copy_link }</button>
                <button type="button" class="copy-exercise-embed" onclick={copy(true)}>{ s.copy_embed }</button>
            </div>
            <div class="share-row scorm">
                <span>{ s.scorm_package }</span>
                <button type="button" class="scorm-12" onclick={scorm(Scorm::V12)} disabled={*making}>{ "SCORM 1.2" }</button>
                <button type="button" class="scorm-2004" onclick={scorm(Scorm::V2004)} disabled={*making}>{ "SCORM 2004" }</button>
                if *making { <span class="hint" role="status">{ s.scorm_making }</span> }
            </div>
            <label class="author-link">{ w.author_link }
                <textarea readonly=true rows="3" value={copied.as_ref().map_or(link.clone(), |(t, _)| t.clone())} />
            </label>
            if let Some((_, Some(ok))) = &*copied {
                <p class="hint" role="status">{ if *ok { s.copied } else { s.copy_by_hand } }</p>
            }
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{ e.clone() }</p>
            }
            // The student's view, in a frame over this page: this page,
            // its run and the choices made stay as they are.
            if *preview {
                <div class="author-preview" role="dialog" aria-label={w.author_preview_title}>
                    <div class="author-preview-bar">
                        <strong>{ w.author_preview_title }</strong>
                        <button type="button" class="close-preview" onclick={show_preview}>{ w.author_preview_close }</button>
                    </div>
                    <iframe title={w.author_preview_title} src={link.clone()}></iframe>
                </div>
            }
        </div>
    }
}

// The authoring code arrives the first time the panel is opened.
crate::part!(author: AUTHOR, fetch_author_panel, AuthorPanelProps => AuthorPanel);

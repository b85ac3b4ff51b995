//! Playing an endpoint: each move graded beside what Linux sends and why,
//! then a form for the next one (flags, seq, ack, data), or the score once
//! the run is over. The move goes into the run's config and the page runs
//! again from it (`Action::Move`); the other side answers what was sent.
//! Its code arrives with the other exercises' (`part!` below).

use super::fill_panel::StudentForm;
use crate::exercise::play::{self, Bases, MoveField, MoveGrade, Refused};
use crate::exercise::why::taken;
use crate::exercise::{Checked, Exercise};
use crate::i18n::{self, fill as fill_in, Lang};
use crate::quiz::FLAGS;
use crate::shared::Shared;
use crate::state::{Action, Given};
use std::rc::Rc;
use synack_sim::play::Decision;
use synack_sim::{Duration, Flags, Side, Trace};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PlayPanelProps {
    pub trace: Shared<Trace>,
    pub exercise: Rc<Exercise>,
    pub checked: Option<Rc<Checked>>,
    pub relative: bool,
    /// Whether the playhead has reached the run's end, where the next move is due.
    pub at_end: bool,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// The move form as typed.
#[derive(Default, Clone)]
struct Draft {
    flags: Flags,
    seq: String,
    ack: String,
    len: String,
}

/// A segment's header as the student reads it.
fn header(flags: Flags, seq: u32, ack: Option<u32>, len: u32) -> String {
    let ack = ack.map(|a| format!(" ack {a}")).unwrap_or_default();
    format!("{flags} seq {seq}{ack} len {len}")
}

fn field_name(lang: Lang, f: MoveField) -> &'static str {
    match f {
        MoveField::Flags => lang.s().quiz_flags,
        MoveField::Seq => "seq",
        MoveField::Ack => "ack",
        MoveField::Len => i18n::exercise_words(lang).play_len,
    }
}

/// Why the right move is what it is.
fn why_text(lang: Lang, trace: &Trace, d: &Decision) -> String {
    let w = i18n::exercise_words(lang);
    match (&d.right, d.prompt) {
        (Some(r), _) => format!("{}: {}", lang.s().reason, i18n::reason(lang, r.reason)),
        (None, Some(id)) if taken(&trace.segments[id]) == 0 => {
            fill_in(w.play_due_none, &[("n", &(id + 1).to_string())])
        }
        (None, _) => w.play_due_later.into(),
    }
}

#[component]
pub fn PlayPanel(p: &PlayPanelProps) -> Html {
    let (s, w) = (p.lang.s(), i18n::exercise_words(p.lang));
    let draft = use_mut_ref(Draft::default);
    let refused = use_state(|| None::<Refused>);
    {
        // Each run (each move) starts the form afresh.
        let (draft, refused) = (draft.clone(), refused.clone());
        use_effect_with(p.trace.clone(), move |_| {
            *draft.borrow_mut() = Draft::default();
            refused.set(None);
        });
    }
    let Some(game) = p.trace.play.as_ref() else {
        return Html::default();
    };
    let graded = play::grade(&p.trace, p.relative);
    let over = game.waiting.is_none() && !graded.moves.is_empty();
    {
        // The run is over: the moves are graded, and the score goes out.
        let (d, shown) = (p.dispatch.clone(), p.checked.is_some());
        let graded = graded.clone();
        use_effect_with((p.trace.clone(), over, shown), move |_| {
            if over && !shown {
                d.emit(Action::Checked(
                    Rc::new(Checked::Play(graded)),
                    Given::Moves,
                ));
            }
        });
    }
    let b = Bases::of(&p.trace, p.relative);
    let side = i18n::side(p.lang, game.side);
    let title = match game.side {
        Side::Client => w.play_title_client,
        Side::Server => w.play_title_server,
    };
    let row = |k: usize, m: &MoveGrade| {
        let t = i18n::duration(p.lang, Duration(m.decision.at_us));
        let said = |v: &Option<String>| v.clone().unwrap_or_else(|| w.play_nothing_sent.into());
        html! {
            <tbody data-move={k.to_string()} class={classes!(if m.right() { "right" } else { "wrong" })}>
                <tr><th colspan="4" scope="rowgroup">{ fill_in(w.play_move, &[("n", &(k + 1).to_string()), ("t", &t)]) }</th></tr>
                { for m.marks.iter().map(|f| html! {
                    <tr class={classes!(if f.right { "right" } else { "wrong" })}>
                        <th scope="row">{ field_name(p.lang, f.field) }</th>
                        <td><code>{ said(&f.said) }</code></td>
                        <td><code>{ said(&f.value) }</code></td>
                        <td>{ if f.right { s.quiz_mark_right } else { s.quiz_mark_wrong } }</td>
                    </tr>
                }) }
                <tr class="why"><td colspan="4">{ why_text(p.lang, &p.trace, &m.decision) }</td></tr>
            </tbody>
        }
    };
    let table = html! {
        if !graded.moves.is_empty() {
            <table class="fields fill-results play-results">
                <thead><tr><th></th><th>{ w.play_you }</th><th>{ w.play_linux }</th><th></th></tr></thead>
                { for graded.moves.iter().enumerate().map(|(k, m)| row(k, m)) }
            </table>
        }
    };
    let head = html! {
        <>
            <h3>{ title }</h3>
            <StudentForm exercise={p.exercise.clone()} lang={p.lang} dispatch={p.dispatch.clone()} />
            <p>{ fill_in(w.play_prompt, &[("side", side)]) }</p>
            if game.isn != 0 || game.decisions.iter().any(|d| d.chosen.is_some()) {
                <p class="muted">{ fill_in(w.play_isn, &[("isn", &game.isn.wrapping_sub(b.seq).to_string())]) }</p>
            }
        </>
    };
    if over {
        let (right, total) = graded.score();
        return html! {
            <section class="exercise play checked" aria-live="polite">
                { head }
                <p class={classes!("verdict", (right == total).then_some("right"))}>
                    { fill_in(w.play_score, &[("right", &right.to_string()), ("total", &total.to_string())]) }
                </p>
                { table }
                <button type="button" onclick={p.dispatch.reform(|_: MouseEvent| Action::Retry)}>{ w.play_again }</button>
            </section>
        };
    }
    let Some(turn) = &game.waiting else {
        return html! { <section class="exercise play">{ head }</section> };
    };
    // The other side's answer plays first; the form waits for it.
    if !p.at_end {
        return html! {
            <section class="exercise play">
                { head }
                { table }
                <p class="play-watch">{ w.play_watch }{ " " }
                    <button type="button" onclick={p.dispatch.reform(|_: MouseEvent| Action::ToEnd)}>{ w.play_watch_skip }</button>
                </p>
            </section>
        };
    }
    let prompt = match turn.prompt.and_then(|id| p.trace.segments.get(id)) {
        Some(seg) => {
            let (seq, ack) = if p.relative {
                (seg.rel_seq, seg.rel_ack)
            } else {
                (seg.seq, seg.ack)
            };
            let text = header(
                seg.flags,
                seq,
                seg.flags.contains(Flags::ACK).then_some(ack),
                seg.len,
            );
            fill_in(
                w.play_arrived,
                &[("n", &(seg.id + 1).to_string()), ("segment", &text)],
            )
        }
        None => w.play_own.into(),
    };
    let edit = |change: fn(&mut Draft, &HtmlInputElement)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            change(
                &mut draft.borrow_mut(),
                &e.target_unchecked_into::<HtmlInputElement>(),
            );
        })
    };
    let flag_boxes = FLAGS.iter().map(|&f| {
        let name = f.names()[0];
        let draft = draft.clone();
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut d = draft.borrow_mut();
            d.flags = if on { d.flags | f } else { d.flags - f };
        });
        html! {
            <label class="flag-choice"><input type="checkbox" value={name} {onchange} />{ name }</label>
        }
    });
    let send = {
        let (draft, refused, d) = (draft.clone(), refused.clone(), p.dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let dr = draft.borrow().clone();
            match play::read_move(dr.flags, &dr.seq, &dr.ack, &dr.len, b) {
                Ok(m) => d.emit(Action::Move(Some(m))),
                Err(r) => refused.set(Some(r)),
            }
        })
    };
    let nothing = p.dispatch.reform(|_: MouseEvent| Action::Move(None));
    let refusal = refused.map(|r| match r {
        Refused::NoFlags => w.play_no_flags.to_string(),
        Refused::Number(f) => fill_in(w.play_bad_number, &[("field", field_name(p.lang, f))]),
    });
    html! {
        <section class="exercise play">
            { head }
            { table }
            // Keyed by the run: each move's form starts empty.
            <form class="play-move" onsubmit={send} key={Rc::as_ptr(&p.trace.0) as usize}>
                <p class="play-turn"><strong>{ prompt }</strong></p>
                <fieldset class="quiz-flags" aria-label={s.quiz_flags}>{ for flag_boxes }</fieldset>
                <div class="play-numbers">
                    <label>{ "seq " }<input type="text" inputmode="numeric" name="seq" autocomplete="off"
                        oninput={edit(|d, i| d.seq = i.value())} /></label>
                    <label>{ "ack " }<input type="text" inputmode="numeric" name="ack" autocomplete="off"
                        oninput={edit(|d, i| d.ack = i.value())} /></label>
                    <label>{ w.play_len }{ " " }<input type="text" inputmode="numeric" name="len" autocomplete="off" placeholder="0"
                        oninput={edit(|d, i| d.len = i.value())} /></label>
                </div>
                if let Some(text) = refusal {
                    <p class="error" role="alert">{ text }</p>
                }
                <button type="submit" class="primary">{ w.play_send }</button>
                { " " }
                <button type="button" class="play-nothing" onclick={nothing}>{ w.play_nothing }</button>
            </form>
        </section>
    }
}

crate::part!(exercise: PLAY_PANEL, fetch_play_panel, PlayPanelProps => PlayPanel);

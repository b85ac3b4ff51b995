//! Putting shuffled segments in order: a card per asked segment (who sends
//! it, its flags and numbers; never its time or number), moved up and
//! down; once checked, each place marked with what ties the right segment
//! there. Its code arrives with the other exercises' (`part!` below).

use super::fill_panel::StudentForm;
use crate::exercise::order::{self, Tie};
use crate::exercise::{Checked, Exercise};
use crate::i18n::{self, fill as fill_in, Lang};
use crate::shared::Shared;
use crate::state::{Action, Given};
use std::rc::Rc;
use synack_sim::trace::SegmentRecord;
use synack_sim::{Flags, Trace};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct OrderPanelProps {
    pub trace: Shared<Trace>,
    pub exercise: Rc<Exercise>,
    pub checked: Option<Rc<Checked>>,
    /// The run's seed: the cards' start order without a student.
    pub seed: u64,
    pub relative: bool,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// A card's words: who sends to whom, the flags, the numbers.
fn card_text(lang: Lang, seg: &SegmentRecord, relative: bool) -> String {
    let (seq, ack) = if relative {
        (seg.rel_seq, seg.rel_ack)
    } else {
        (seg.seq, seg.ack)
    };
    let ack = if seg.flags.contains(Flags::ACK) {
        format!(" ack {ack}")
    } else {
        String::new()
    };
    format!(
        "{} → {}  {}  seq {seq}{ack}  len {}",
        i18n::side(lang, seg.from),
        i18n::side(lang, seg.from.peer()),
        seg.flags,
        seg.len
    )
}

/// A card's letter: its place in the shuffled start (A, B, …).
fn letter(start: &[usize], id: usize) -> String {
    let k = start.iter().position(|&s| s == id).unwrap_or(0);
    char::from(b'A' + (k as u8 % 26)).to_string()
}

fn checked(trace: &Trace, ex: &Exercise, order: &[usize]) -> Action {
    let g = order::grade(trace, ex, order);
    Action::Checked(
        Rc::new(Checked::Order(g)),
        Given::Order(order.iter().map(|&id| id as u32 + 1).collect()),
    )
}

#[component]
pub fn OrderPanel(p: &OrderPanelProps) -> Html {
    let w = i18n::exercise_words(p.lang);
    let s = p.lang.s();
    let n = p.trace.segments.len();
    let start = order::shuffled(&p.exercise, n, p.seed);
    let cards = {
        let (ex, seed) = (p.exercise.clone(), p.seed);
        use_state(move || order::current(&ex, n, seed))
    };
    {
        // A new run (another student) deals its own cards.
        let (cards, fresh) = (cards.clone(), order::current(&p.exercise, n, p.seed));
        use_effect_with(p.trace.clone(), move |_| cards.set(fresh));
    }
    {
        // Checked before (a link, an LMS's suspend data): graded again here.
        let (ex, trace, d, cards) = (
            p.exercise.clone(),
            p.trace.clone(),
            p.dispatch.clone(),
            cards.clone(),
        );
        let shown = p.checked.is_some();
        use_effect_with((), move |_| {
            if ex.checked && !shown {
                d.emit(checked(&trace, &ex, &cards));
            }
        });
    }
    let who = html! { <StudentForm exercise={p.exercise.clone()} lang={p.lang} dispatch={p.dispatch.clone()} /> };
    if let Some(Checked::Order(g)) = p.checked.as_deref() {
        let (right, total) = g.score();
        let tie = |t: Tie, id: usize| {
            let n = (id + 1).to_string();
            match t {
                Tie::First => fill_in(w.order_tie_first, &[("n", &n)]),
                Tie::Answers { of } => fill_in(
                    w.order_tie_answers,
                    &[("n", &n), ("of", &(of + 1).to_string())],
                ),
                Tie::After { of } => fill_in(
                    w.order_tie_after,
                    &[("n", &n), ("of", &(of + 1).to_string())],
                ),
            }
        };
        let seg_text = |id: usize| match p.trace.segments.get(id) {
            Some(seg) => format!("#{} {}", id + 1, card_text(p.lang, seg, p.relative)),
            None => "–".into(),
        };
        return html! {
            <section class="exercise order checked" aria-live="polite">
                <h3>{ w.order_title }</h3>
                { who }
                <p class={classes!("verdict", (right == total).then_some("right"))}>
                    { fill_in(w.order_score, &[("right", &right.to_string()), ("total", &total.to_string())]) }
                </p>
                <table class="fields fill-results order-results">
                    <thead><tr><th></th><th>{ s.quiz_yours }</th><th>{ s.quiz_answer }</th><th></th></tr></thead>
                    { for g.places.iter().enumerate().map(|(k, place)| html! {
                        <tbody data-place={k.to_string()}>
                            <tr class={classes!(if place.is_right() { "right" } else { "wrong" })}>
                                <th scope="row">{ fill_in(w.order_place, &[("n", &(k + 1).to_string())]) }</th>
                                <td><code>{ seg_text(place.said) }</code></td>
                                <td><code>{ seg_text(place.right) }</code></td>
                                <td>{ if place.is_right() { s.quiz_mark_right } else { s.quiz_mark_wrong } }</td>
                            </tr>
                            <tr class="why"><td colspan="4">{ tie(place.tie, place.right) }</td></tr>
                        </tbody>
                    }) }
                </table>
                <button type="button" onclick={p.dispatch.reform(|_: MouseEvent| Action::Retry)}>{ w.fill_again }</button>
            </section>
        };
    }
    let shift = |k: usize, up: bool| {
        let cards = cards.clone();
        Callback::from(move |_: MouseEvent| {
            let mut v = (*cards).clone();
            let other = if up { k.checked_sub(1) } else { Some(k + 1) };
            if let Some(o) = other.filter(|&o| o < v.len()) {
                v.swap(k, o);
                cards.set(v);
            }
        })
    };
    let last = cards.len().saturating_sub(1);
    let items = cards.iter().enumerate().map(|(k, &id)| {
        let card = letter(&start, id);
        html! {
            <li data-card={card.clone()}>
                <span class="card-letter" aria-hidden="true">{ card.clone() }</span>
                <code>{ p.trace.segments.get(id).map(|seg| card_text(p.lang, seg, p.relative)).unwrap_or_default() }</code>
                <span class="card-moves">
                    <button type="button" class="up" disabled={k == 0} onclick={shift(k, true)}
                            aria-label={fill_in(w.order_up, &[("card", &card)])}>{ "↑" }</button>
                    <button type="button" class="down" disabled={k == last} onclick={shift(k, false)}
                            aria-label={fill_in(w.order_down, &[("card", &card)])}>{ "↓" }</button>
                </span>
            </li>
        }
    });
    let check = {
        let (trace, ex, d, cards) = (
            p.trace.clone(),
            p.exercise.clone(),
            p.dispatch.clone(),
            cards.clone(),
        );
        Callback::from(move |_: MouseEvent| d.emit(checked(&trace, &ex, &cards)))
    };
    html! {
        <section class="exercise order">
            <h3>{ w.order_title }</h3>
            { who }
            <p>{ w.order_prompt }</p>
            <ol class="order-cards">{ for items }</ol>
            <button type="button" class="primary check-order" onclick={check}>{ w.order_check }</button>
        </section>
    }
}

crate::part!(exercise: ORDER_PANEL, fetch_order_panel, OrderPanelProps => OrderPanel);

//! The fill-in exercise: a row per asked segment, a box per hidden field;
//! once checked, each field's mark, the right value and the rule behind it.
//! Its code is fetched the first time an exercise is shown (`part!` below).

use crate::exercise::fill::{self, Answer, Field};
use crate::exercise::why::NumberWhy;
use crate::exercise::{Checked, Exercise};
use crate::i18n::{self, fill as fill_in, Lang};
use crate::quiz::FLAGS;
use crate::shared::Shared;
use crate::state::{Action, Given};
use std::rc::Rc;
use synack_sim::{Flags, Trace};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FillPanelProps {
    pub trace: Shared<Trace>,
    pub exercise: Rc<Exercise>,
    pub checked: Option<Rc<Checked>>,
    pub relative: bool,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// How a box's new value changes an answer.
type Edit = dyn Fn(&mut Answer, &HtmlInputElement);

/// The words for why a number is what it is.
fn why_text(lang: Lang, why: NumberWhy, field: Field, relative: bool) -> String {
    let s = i18n::exercise_words(lang);
    match why {
        NumberWhy::Isn if relative => s.why_isn_relative.into(),
        NumberWhy::Isn => s.why_isn.into(),
        NumberWhy::Follows { of, base, taken } => fill_in(
            if field == Field::Ack {
                s.why_follows_ack
            } else {
                s.why_follows_seq
            },
            &[
                ("base", &base.to_string()),
                ("taken", &taken.to_string()),
                ("n", &(of + 1).to_string()),
            ],
        ),
        NumberWhy::Repeats { of } => fill_in(s.why_repeats, &[("n", &(of + 1).to_string())]),
        NumberWhy::Given => s.why_given.into(),
    }
}

fn field_name(lang: Lang, f: Field) -> &'static str {
    match f {
        Field::Flags => lang.s().quiz_flags,
        Field::Seq => "seq",
        Field::Ack => "ack",
    }
}

/// The answers (by place among the asked segments), graded.
fn checked(trace: &Trace, exercise: &Exercise, answers: &[Answer], relative: bool) -> Action {
    let given: Vec<(usize, Answer)> = exercise
        .asked(trace.segments.len())
        .into_iter()
        .zip(answers.iter().cloned())
        .collect();
    let graded = fill::grade(trace, exercise, &given, relative);
    Action::Checked(
        Rc::new(Checked::Fill(graded)),
        Given::Answers(given.into_iter().map(|(_, a)| a).collect()),
    )
}

/// Fill in the hidden fields, then see each one graded.
#[component]
pub fn FillPanel(p: &FillPanelProps) -> Html {
    let s = p.lang.s();
    let w = i18n::exercise_words(p.lang);
    let asked = p.exercise.asked(p.trace.segments.len());
    // The student's answers, by place in `asked`, kept while they retry.
    // Held in a cell, not state: typing redraws nothing, and Check reads
    // what was typed last, whatever was drawn.
    // They start as the exercise gives them: a link or an LMS may bring
    // the answers a student gave before.
    let given = |n: usize| {
        let mut a = p.exercise.answers.clone();
        a.resize(n, Answer::default());
        a
    };
    let answers = use_mut_ref(|| given(asked.len()));
    {
        // A new run (another student, another scenario) starts afresh.
        let (answers, fresh) = (answers.clone(), given(asked.len()));
        use_effect_with(p.trace.clone(), move |_| *answers.borrow_mut() = fresh);
    }
    {
        // Checked before (the link says so): graded again here, where the
        // grading's code is.
        let (exercise, trace, relative, d) = (
            p.exercise.clone(),
            p.trace.clone(),
            p.relative,
            p.dispatch.clone(),
        );
        let (was_checked, shown) = (p.exercise.checked, p.checked.is_some());
        let answers = answers.clone();
        use_effect_with((), move |_| {
            if was_checked && !shown {
                d.emit(checked(&trace, &exercise, &answers.borrow(), relative));
            }
        });
    }
    let who = html! { <StudentForm exercise={p.exercise.clone()} lang={p.lang} dispatch={p.dispatch.clone()} /> };
    let heading = |id: usize| {
        let seg = &p.trace.segments[id];
        fill_in(
            w.fill_segment,
            &[
                ("n", &(id + 1).to_string()),
                ("from", i18n::side(p.lang, seg.from)),
                ("to", i18n::side(p.lang, seg.from.peer())),
            ],
        )
    };
    if let Some(Checked::Fill(graded)) = p.checked.as_deref() {
        let (right, total) = graded.score();
        let retry = p.dispatch.reform(|_: MouseEvent| Action::Retry);
        return html! {
            <section class="exercise fill checked" aria-live="polite">
                <h3>{ w.fill_title }</h3>
                { who }
                <p class={classes!("verdict", (right == total).then_some("right"))}>
                    { fill_in(w.fill_score, &[("right", &right.to_string()), ("total", &total.to_string())]) }
                </p>
                <table class="fields fill-results">
                    <thead><tr><th></th><th>{ s.quiz_yours }</th><th>{ s.quiz_answer }</th><th></th></tr></thead>
                    { for graded.segments.iter().map(|sg| html! {
                        <tbody data-segment={sg.id.to_string()}>
                            <tr><th colspan="4" scope="rowgroup">{ heading(sg.id) }</th></tr>
                            { for sg.fields.iter().map(|f| html! {
                                <>
                                <tr class={classes!(if f.right { "right" } else { "wrong" })}>
                                    <th scope="row">{ field_name(p.lang, f.field) }</th>
                                    <td><code>{ f.said.clone() }</code></td>
                                    <td><code>{ f.value.clone() }</code></td>
                                    <td>{ if f.right { s.quiz_mark_right } else { s.quiz_mark_wrong } }</td>
                                </tr>
                                if let Some(why) = f.why {
                                    <tr class="why"><td colspan="4">{ why_text(p.lang, why, f.field, graded.relative) }</td></tr>
                                } else if f.field == Field::Ack {
                                    <tr class="why"><td colspan="4">{ w.why_no_ack }</td></tr>
                                } else {
                                    <tr class="why"><td colspan="4">{ format!("{}: {}", s.reason, i18n::why(p.lang, &p.trace.segments[sg.id])) }</td></tr>
                                }
                                </>
                            }) }
                        </tbody>
                    }) }
                </table>
                <button type="button" onclick={retry}>{ w.fill_again }</button>
            </section>
        };
    }
    let set = |k: usize, change: Rc<Edit>| {
        let answers = answers.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(a) = answers.borrow_mut().get_mut(k) {
                change(a, &input);
            }
        })
    };
    let rows = asked.iter().enumerate().map(|(k, &id)| {
        let seg = &p.trace.segments[id];
        let a = answers.borrow().get(k).cloned().unwrap_or_default();
        let asked_fields = fill::fields(seg, p.exercise.hide);
        let (seq, ack) = if p.relative {
            (seg.rel_seq, seg.rel_ack)
        } else {
            (seg.seq, seg.ack)
        };
        let flags_cell = if asked_fields.contains(&Field::Flags) {
            let boxes = FLAGS.iter().map(|&f| {
                let name = f.names()[0];
                let onchange = set(k, Rc::new(move |a: &mut Answer, i: &HtmlInputElement| {
                    a.flags = if i.checked() { a.flags | f } else { a.flags - f };
                }));
                html! {
                    <label class="flag-choice">
                        <input type="checkbox" checked={a.flags.contains(f)} {onchange} value={name} />{ name }
                    </label>
                }
            });
            html! { <fieldset class="quiz-flags" aria-label={format!("{} {}", heading(id), s.quiz_flags)}>{ for boxes }</fieldset> }
        } else {
            html! { <code>{ seg.flags.to_string() }</code> }
        };
        let number = |field: Field, shown: Option<u32>, value: String| {
            if asked_fields.contains(&field) {
                let label = format!("{} {}", heading(id), field_name(p.lang, field));
                let onchange = set(k, Rc::new(move |a: &mut Answer, i: &HtmlInputElement| {
                    match field {
                        Field::Seq => a.seq = i.value(),
                        _ => a.ack = i.value(),
                    }
                }));
                let placeholder = (field == Field::Ack && p.exercise.hide.flags).then_some(w.fill_no_ack);
                // `input` as well as `change`: Check may come before the box is left.
                let oninput = onchange.reform(|e: InputEvent| Event::from(e));
                html! {
                    <input type="text" inputmode="numeric" name={format!("{}-{}", field_name(p.lang, field), id + 1)}
                           aria-label={label} {value} {onchange} {oninput} {placeholder} />
                }
            } else {
                html! { <code>{ shown.map(|n| n.to_string()).unwrap_or_default() }</code> }
            }
        };
        html! {
            <tr data-segment={id.to_string()}>
                <th scope="row">{ heading(id) }</th>
                // Named again in each cell for a phone, where the cells wrap.
                <td data-label={s.quiz_flags}>{ flags_cell }</td>
                <td data-label="seq">{ number(Field::Seq, Some(seq), a.seq.clone()) }</td>
                <td data-label="ack">{ number(Field::Ack, seg.flags.contains(Flags::ACK).then_some(ack), a.ack.clone()) }</td>
            </tr>
        }
    });
    let check = {
        let (answers, d) = (answers.clone(), p.dispatch.clone());
        let (trace, exercise, relative) = (p.trace.clone(), p.exercise.clone(), p.relative);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(checked(&trace, &exercise, &answers.borrow(), relative));
        })
    };
    html! {
        <section class="exercise fill">
            <h3>{ w.fill_title }</h3>
            { who }
            <p>{ w.fill_prompt }</p>
            // Keyed by the run: a new run's boxes start empty.
            <form onsubmit={check} key={Rc::as_ptr(&p.trace.0) as usize}>
                <div class="fill-scroll">
                    <table class="fill-grid">
                        <thead><tr><th></th><th>{ s.quiz_flags }</th><th>{ "seq" }</th><th>{ "ack" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                <button type="submit" class="primary">{ w.fill_check }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct StudentFormProps {
    pub exercise: Rc<Exercise>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// Whose numbers these are: the student's identifier, or a box to give it
/// where the exercise varies per student and no link or LMS named them.
#[component]
pub fn StudentForm(p: &StudentFormProps) -> Html {
    let w = i18n::exercise_words(p.lang);
    let student = use_state(String::new);
    let vary = p.exercise.vary;
    let varies = vary.isn || vary.delay || vary.data || vary.loss;
    html! {
        if varies {
            if let Some(id) = &p.exercise.student {
                <p class="muted student">{ format!("{}: {id}", w.fill_student) }</p>
            } else {
                <form class="student" onsubmit={{
                    let (student, d) = (student.clone(), p.dispatch.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        d.emit(Action::SetStudent((*student).clone()));
                    })
                }}>
                    <label>{ w.fill_student }
                        <input type="text" name="student" maxlength="64" autocomplete="off"
                               value={(*student).clone()}
                               oninput={{
                                   let student = student.clone();
                                   Callback::from(move |e: InputEvent| student.set(e.target_unchecked_into::<HtmlInputElement>().value()))
                               }} />
                    </label>
                    <button type="submit">{ w.fill_student_use }</button>
                    <span class="muted">{ w.fill_student_hint }</span>
                </form>
            }
        }
    }
}

// The exercise's code arrives when an exercise is first shown.
crate::part!(exercise: FILL_PANEL, fetch_fill_panel, FillPanelProps => FillPanel);
// Predicting (the quiz) asks for the student's identifier this way.
crate::part!(exercise: STUDENT_FORM, fetch_student_form, StudentFormProps => StudentForm);

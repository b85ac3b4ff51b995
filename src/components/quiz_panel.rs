use crate::i18n::{self, Lang};
use crate::quiz::{read_form, receiver_state_after, Grades, Missing, FLAGS};
use crate::shared::Shared;
use crate::state::Action;
use synack_sim::{Flags, State, Trace};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct QuizPanelProps {
    pub trace: Shared<Trace>,
    /// The segment in flight the quiz is about.
    pub target: usize,
    pub grades: Shared<Grades>,
    pub relative: bool,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

fn mark(ok: bool, lang: Lang) -> &'static str {
    if ok {
        lang.s().quiz_mark_right
    } else {
        lang.s().quiz_mark_wrong
    }
}

/// Predict the segment in flight, then see what was right and why.
#[component]
pub fn QuizPanel(p: &QuizPanelProps) -> Html {
    let s = p.lang.s();
    let flags = use_state(Flags::empty);
    let seq = use_state(String::new);
    let ack = use_state(String::new);
    // No state is chosen until the student chooses one: a preset choice
    // would be a hint, right or wrong.
    let state = use_state(|| None::<State>);
    let problem = use_state(|| None::<Missing>);
    {
        // A new question starts blank.
        let (flags, seq, ack, state, problem) = (
            flags.clone(),
            seq.clone(),
            ack.clone(),
            state.clone(),
            problem.clone(),
        );
        use_effect_with(p.target, move |_| {
            flags.set(Flags::empty());
            seq.set(String::new());
            ack.set(String::new());
            state.set(None);
            problem.set(None);
        });
    }
    let seg = &p.trace.segments[p.target];
    let receiver = seg.from.peer();
    let id = p.target;
    let header = format!(
        "#{}: {} → {}",
        id + 1,
        i18n::side(p.lang, seg.from),
        i18n::side(p.lang, receiver)
    );
    if let Some(result) = p.grades.get(&id) {
        let (rseq, rack) = if p.relative {
            (seg.rel_seq, seg.rel_ack)
        } else {
            (seg.seq, seg.ack)
        };
        let after = receiver_state_after(&p.trace, id);
        let rule = p
            .trace
            .states
            .iter()
            .find(|c| c.segment == Some(id))
            .map(|c| i18n::rule(p.lang, c));
        let continue_ = p.dispatch.reform(|_: MouseEvent| Action::TogglePlay);
        let answer = result.map(|g| g.answer);
        let number = |n: Option<u32>| n.map_or_else(|| "—".to_string(), |n| n.to_string());
        // Each field: what the student said beside what was right.
        let row = |label: &str, said: Option<String>, value: String, ok: Option<bool>| {
            html! {
                <tr>
                    <th scope="row">{ label.to_string() }</th>
                    if answer.is_some() { <td><code>{ said.unwrap_or_default() }</code></td> }
                    <td><code>{ value }</code></td>
                    <td>{ ok.map(|ok| mark(ok, p.lang)).unwrap_or("") }</td>
                </tr>
            }
        };
        return html! {
            <section class="quiz answered" aria-live="polite">
                <h3>{ format!("{} · {header}", s.quiz_answer) }</h3>
                if let Some(g) = result {
                    <p class={classes!("verdict", g.all_right().then_some("right"))}>
                        { if g.all_right() { s.quiz_right } else { s.quiz_wrong } }
                    </p>
                }
                <table class="fields">
                    <thead><tr><th></th>
                        if answer.is_some() { <th>{ s.quiz_yours }</th> }
                        <th>{ s.quiz_answer }</th><th></th></tr></thead>
                    { row(s.quiz_flags, answer.map(|a| a.flags.to_string()), seg.flags.to_string(), result.map(|g| g.flags)) }
                    { row("seq", answer.map(|a| number(a.seq)), rseq.to_string(), result.map(|g| g.seq)) }
                    if seg.flags.contains(Flags::ACK) {
                        { row("ack", answer.map(|a| number(a.ack)), rack.to_string(), result.map(|g| g.ack)) }
                    }
                    { row(s.quiz_next_state, answer.map(|a| a.state.map_or("—", |st| st.name()).to_string()), after.name().to_string(), result.map(|g| g.state)) }
                </table>
                <p>{ format!("{}: {}", s.reason, i18n::why(p.lang, seg)) }</p>
                if seg.lost { <p>{ s.quiz_lost }</p> }
                if let Some(rule) = rule { <p>{ rule }</p> }
                <button type="button" class="primary" onclick={continue_}>{ s.quiz_continue }</button>
            </section>
        };
    }
    let toggles = FLAGS.iter().map(|&f| {
        let checked = flags.contains(f);
        let flags = flags.clone();
        let name = f.names()[0];
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            flags.set(if on { *flags | f } else { *flags - f });
        });
        html! {
            <label class="flag-choice">
                <input type="checkbox" {checked} {onchange} value={name} />{ name }
            </label>
        }
    });
    let text_input = |h: &UseStateHandle<String>, label: &'static str| {
        let h2 = h.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            h2.set(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! {
            <label class="quiz-number">{ label }
                <input type="text" inputmode="numeric" value={(**h).clone()} {oninput} name={label} />
            </label>
        }
    };
    let on_state = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            state.set(State::ALL.iter().find(|st| st.name() == v).copied());
        })
    };
    let check = {
        let (flags, seq, ack, state, problem, d) = (
            flags.clone(),
            seq.clone(),
            ack.clone(),
            state.clone(),
            problem.clone(),
            p.dispatch.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match read_form(*flags, &seq, &ack, *state) {
                Ok(prediction) => {
                    problem.set(None);
                    d.emit(Action::Answer(id, prediction));
                }
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    let skip = p.dispatch.reform(move |_: MouseEvent| Action::Skip(id));
    html! {
        <section class="quiz">
            <h3>{ format!("{} · {header}", s.quiz) }</h3>
            <p>{ s.quiz_prompt }</p>
            <form onsubmit={check}>
                <fieldset class="quiz-flags"><legend>{ s.quiz_flags }</legend>{ for toggles }</fieldset>
                <div class="quiz-numbers">
                    { text_input(&seq, "seq") }
                    { text_input(&ack, "ack") }
                    <label class="quiz-number">{ s.quiz_next_state }
                        <select onchange={on_state} name="state">
                            <option value="" selected={state.is_none()}>{ "—" }</option>
                            { for State::ALL.iter().map(|st| html! {
                                <option value={st.name()} selected={Some(*st) == *state}>{ st.name() }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if let Some(why) = *problem {
                    <p class="field-error" role="alert">{ match why {
                        Missing::Number(field) => s.quiz_need_number.replace("{field}", field),
                        Missing::State => s.quiz_need_state.to_string(),
                    } }</p>
                }
                <div class="quiz-buttons">
                    <button type="submit" class="primary">{ s.quiz_check }</button>
                    <button type="button" onclick={skip}>{ s.quiz_skip }</button>
                </div>
            </form>
        </section>
    }
}

/// "Score 3/5" over the graded predictions.
pub fn score(grades: &Grades) -> (usize, usize) {
    let graded: Vec<_> = grades.values().flatten().collect();
    (
        graded.iter().filter(|g| g.all_right()).count(),
        graded.len(),
    )
}

#[derive(Properties, PartialEq, Clone)]
pub struct QuizSummaryProps {
    pub trace: Shared<Trace>,
    pub grades: Shared<Grades>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// At the end of a quiz: the score, each question right or not, and a way
/// back to each one to review it.
#[component]
pub fn QuizSummary(p: &QuizSummaryProps) -> Html {
    let s = p.lang.s();
    let (right, total) = score(&p.grades);
    let items = p.trace.segments.iter().filter_map(|seg| {
        let grade = p.grades.get(&seg.id)?;
        let verdict = match grade {
            Some(g) if g.all_right() => s.quiz_mark_right,
            Some(_) => s.quiz_mark_wrong,
            None => s.quiz_skipped,
        };
        let review = p.dispatch.reform({
            let id = seg.id;
            move |_: MouseEvent| Action::Inspect(id)
        });
        Some(html! {
            <li>
                <code>{ format!("#{} {} → {} {}", seg.id + 1, i18n::side(p.lang, seg.from), i18n::side(p.lang, seg.from.peer()), seg.flags) }</code>
                { " " }<span class={classes!("verdict", grade.is_some_and(|g| g.all_right()).then_some("right"))}>{ verdict }</span>
                { " " }<button type="button" onclick={review}>{ s.quiz_review }</button>
            </li>
        })
    });
    html! {
        <section class="quiz summary" aria-live="polite">
            <h3>{ format!("{} · {} {right}/{total}", s.quiz_summary, s.quiz_score) }</h3>
            <ol class="quiz-results">{ for items }</ol>
        </section>
    }
}

// The quiz's code arrives when a quiz is first shown.
crate::part!(quiz: QUIZ_PANEL, fetch_quiz_panel, QuizPanelProps => QuizPanel);
crate::part!(quiz: QUIZ_SUMMARY, fetch_quiz_summary, QuizSummaryProps => QuizSummary);

use crate::i18n::Lang;
use crate::scenarios::{self, say};
use crate::state::Action;
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub scenario: Option<&'static str>,
    pub relative: bool,
    pub quiz: bool,
    /// Whether the diagram's labels show seq and ack.
    pub labels: bool,
    /// (right, graded) in quiz mode.
    pub score: (usize, usize),
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// Why another language's words could not be fetched.
    pub words_failed: Callback<String>,
}

/// Put the scenario's name in the address bar, so the page can be shared.
fn show_scenario_in_url(name: &str) {
    let Some(w) = web_sys::window() else { return };
    let (Ok(search), Ok(history)) = (w.location().search(), w.history()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    params.set("scenario", name);
    let url = format!("?{}", String::from(params.to_string()));
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

/// The title and the page-wide choices: scenario, numbers, quiz, labels, language.
#[component]
pub fn Masthead(p: &MastheadProps) -> Html {
    let (lang, s) = (p.lang, p.lang.s());
    let set_scenario = p.dispatch.reform(|e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        let name = scenarios::find(&sel.value()).map_or("handshake", |s| s.name);
        show_scenario_in_url(name);
        Action::LoadScenario(name)
    });
    let set_relative = p.dispatch.reform(|e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        Action::SetRelative(sel.value() == "relative")
    });
    let set_quiz = p.dispatch.reform(|e: Event| {
        Action::SetQuiz(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let hide_numbers = p.dispatch.reform(|e: Event| {
        Action::SetLabels(!e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let set_lang = {
        let (d, failed) = (p.dispatch.clone(), p.words_failed.clone());
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            let lang = Lang::parse(&sel.value()).unwrap_or_default();
            crate::app::choose_language(lang, d.clone(), failed.clone());
        })
    };
    let (right, total) = p.score;
    html! {
        <header class="masthead">
            <h1><span class="logo">{ "synack" }</span>{ format!(" · {}", s.title) }</h1>
            <div class="view-options">
                <label>{ format!("{} ", s.scenario) }
                    <select id="scenario" onchange={set_scenario} aria-label={s.scenario}>
                        if p.scenario.is_none() {
                            <option value="" selected=true>{ "—" }</option>
                        }
                        { for scenarios::ALL.iter().map(|sc| html! {
                            <option value={sc.name} selected={p.scenario == Some(sc.name)}>{ say(lang, sc.title) }</option>
                        }) }
                    </select>
                </label>
                <label>{ format!("{} ", s.numbers) }
                    <select onchange={set_relative} aria-label={s.numbers}>
                        <option value="relative" selected={p.relative}>{ s.relative }</option>
                        <option value="absolute" selected={!p.relative}>{ s.absolute }</option>
                    </select>
                </label>
                <label class="quiz-toggle">
                    <input type="checkbox" checked={p.quiz} onchange={set_quiz} id="quiz" />
                    { format!(" {}", s.quiz) }
                    if p.quiz { { format!(" · {} {right}/{total}", s.quiz_score) } }
                </label>
                <label class="quiz-toggle">
                    <input type="checkbox" checked={!p.labels} onchange={hide_numbers} id="hide-numbers" />
                    { format!(" {}", s.hide_numbers) }
                </label>
                <label>{ "语言 / Language " }
                    <select onchange={set_lang} aria-label="语言 / Language" id="lang">
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                        <option value="zh" selected={lang == Lang::Zh}>{ "中文" }</option>
                    </select>
                </label>
            </div>
            <p class="subtitle">{ s.subtitle }</p>
        </header>
    }
}

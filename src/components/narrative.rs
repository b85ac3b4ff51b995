use crate::i18n::Lang;
use crate::lesson;
use crate::scenarios;
use crate::shared::Shared;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrativeProps {
    pub scenario: Option<&'static str>,
    pub trace: Shared<Trace>,
    /// The time of the latest event at or before the playhead.
    pub moment: Option<u64>,
    pub lang: Lang,
    /// The numbers the page shows, for the ones in the text.
    pub relative: bool,
}

/// The scenario's story, one beat at a time as the run plays, and its
/// "注意 / Note" where the article is imprecise. The lesson's text is
/// fetched when its scenario is first shown (`crate::lesson`).
#[component]
pub fn Narrative(p: &NarrativeProps) -> Html {
    let refresh = use_force_update();
    // The scenario whose lesson failed to load, and why.
    let failed = use_state(|| None::<(&'static str, String)>);
    {
        let failed = failed.clone();
        use_effect_with((p.scenario, p.lang), move |&(name, lang)| {
            if let Some(name) = name {
                if lesson::loaded(name, lang).is_none() {
                    wasm_bindgen_futures::spawn_local(async move {
                        match lesson::load(name, lang).await {
                            Ok(_) => refresh.force_update(),
                            Err(why) => failed.set(Some((name, why))),
                        }
                    });
                }
            }
        });
    }
    // The run the lesson was written for: the scenario's own preset.
    let script = use_memo(p.scenario, |name| {
        let s = name.and_then(scenarios::find)?;
        synack_sim::simulate(&(s.config)()).ok()
    });
    let Some(s) = p.scenario.and_then(scenarios::find) else {
        return html! {};
    };
    let title = scenarios::say(p.lang, s.title);
    // While another language's lesson is on its way, the English one stays.
    let lesson = lesson::loaded(s.name, p.lang).or_else(|| lesson::loaded(s.name, Lang::En));
    let Some(lesson) = lesson else {
        let why = failed
            .as_ref()
            .filter(|(n, _)| *n == s.name)
            .map(|(_, why)| why);
        return html! {
            <section class="narrative" aria-label={title}>
                <h2>{ title }</h2>
                if let Some(why) = why {
                    <p class="beat muted">{ p.lang.s().lesson_unavailable.replace("{why}", why) }</p>
                } else {
                    <p class="beat muted" aria-busy="true">{ "…" }</p>
                }
            </section>
        };
    };
    let beat = lesson.beat_at(&p.trace, p.moment);
    // A beat about a segment the edited run no longer has (or no longer
    // sends as the lesson tells) would contradict the picture: say so, and
    // leave the moment to the explanation, which is made from the trace.
    let left = script
        .as_ref()
        .as_ref()
        .and_then(|script| lesson::left_script(script, &p.trace));
    let off_script = |at: lesson::At| match (left, at) {
        (Some(k), lesson::At::End) => Some(k),
        (Some(k), at) => at.segment().filter(|&n| n >= k).map(|_| k),
        (None, _) => None,
    };
    html! {
        <section class="narrative" aria-label={title}>
            <h2>{ title }</h2>
            if let Some((i, b)) = beat {
                if let Some(k) = off_script(b.at) {
                    <p class="beat off-script" role="status"><span class="beat-no">{ "⚠" }</span>
                       { p.lang.s().off_script.replace("{n}", &(k + 1).to_string()) }</p>
                } else {
                    <p class="beat"><span class="beat-no">{ format!("{}/{}", i + 1, lesson.beats.len()) }</span>
                       { lesson::fill(&b.text, &p.trace, p.relative) }</p>
                }
            } else {
                <p class="beat muted">{ p.lang.s().start }</p>
            }
            if let Some(note) = &lesson.note {
                <aside class="note" role="note"><strong>{ "注意 / Note: " }</strong>{ note.as_str() }</aside>
            }
        </section>
    }
}

use crate::i18n::Lang;
use crate::lesson::{self, pick};
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
        use_effect_with(p.scenario, move |name| {
            if let Some(name) = *name {
                if lesson::loaded(name).is_none() {
                    wasm_bindgen_futures::spawn_local(async move {
                        match lesson::load(name).await {
                            Ok(_) => refresh.force_update(),
                            Err(why) => failed.set(Some((name, why))),
                        }
                    });
                }
            }
        });
    }
    let Some(s) = p.scenario.and_then(scenarios::find) else {
        return html! {};
    };
    let title = scenarios::pick(p.lang, &s.title);
    let Some(lesson) = lesson::loaded(s.name) else {
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
    html! {
        <section class="narrative" aria-label={title}>
            <h2>{ title }</h2>
            if let Some((i, b)) = beat {
                <p class="beat"><span class="beat-no">{ format!("{}/{}", i + 1, lesson.beats.len()) }</span>
                   { pick(p.lang, &b.text) }</p>
            } else {
                <p class="beat muted">{ p.lang.s().start }</p>
            }
            if let Some(note) = &lesson.note {
                <aside class="note" role="note"><strong>{ "注意 / Note: " }</strong>{ pick(p.lang, note) }</aside>
            }
        </section>
    }
}

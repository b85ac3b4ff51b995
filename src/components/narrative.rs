use crate::i18n::Lang;
use crate::scenarios::{self, pick};
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
/// "注意 / Note" where the article is imprecise.
#[component]
pub fn Narrative(p: &NarrativeProps) -> Html {
    let Some(s) = p.scenario.and_then(scenarios::find) else {
        return html! {};
    };
    let beat = s.beat_at(&p.trace, p.moment.or(Some(0)));
    let index = beat.and_then(|b| s.beats.iter().position(|x| std::ptr::eq(x, b)));
    html! {
        <section class="narrative" aria-label={pick(p.lang, &s.title)}>
            <h2>{ pick(p.lang, &s.title) }</h2>
            if let (Some(b), Some(i)) = (beat, index) {
                <p class="beat"><span class="beat-no">{ format!("{}/{}", i + 1, s.beats.len()) }</span>
                   { pick(p.lang, &b.text) }</p>
            } else {
                <p class="beat muted">{ p.lang.s().start }</p>
            }
            if let Some(note) = s.note {
                <aside class="note" role="note"><strong>{ "注意 / Note: " }</strong>{ pick(p.lang, &note) }</aside>
            }
        </section>
    }
}

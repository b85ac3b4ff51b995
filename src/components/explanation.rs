use crate::explain;
use crate::i18n::Lang;
use crate::shared::Shared;
use synack_sim::Trace;
use yew::prelude::*;

pub struct ExplanationProps {
    pub trace: Shared<Trace>,
    /// The time of the latest event at or before the playhead.
    pub moment: Option<u64>,
    pub lang: Lang,
    pub relative: bool,
}

/// One or two sentences on what just happened and why, in the reader's
/// language. It is also the ARIA live region that narrates the run. A view
/// function, not a component: a component of its own costs the page ~1 KB
/// of wasm, and yew leaves the DOM alone while the sentences are the same.
pub fn explanation(p: ExplanationProps) -> Html {
    let sentences = match p.moment {
        Some(t) => explain::moment(&p.trace, t, p.lang, p.relative),
        None => vec![p.lang.s().start.to_string()],
    };
    html! {
        <div class="explanation" aria-live="polite" aria-atomic="true">
            if let Some(t) = p.moment {
                <span class="at">{ crate::i18n::clock(p.lang, t) }</span>
            }
            // One node however many (see SequenceDiagram).
            { sentences.into_iter().map(|s| html! { <p>{ s }</p> }).collect::<Html>() }
        </div>
    }
}

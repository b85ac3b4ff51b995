use std::rc::Rc;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub trace: Rc<Trace>,
    #[prop_or(true)]
    pub relative: bool,
}

/// The run as tcpdump would print it, with each segment's fate and reason.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    html! {
        <ol class="event-log">
            { for props.trace.segments.iter().map(|s| {
                let fate = if s.lost { "✕ lost" } else { "✓ delivered" };
                html! {
                    <li class={classes!(s.lost.then_some("lost"))}>
                        <code>{ s.tcpdump(props.relative) }</code>
                        <span class="fate">{ fate }</span>
                        <span class="reason">{ s.reason.to_string() }</span>
                    </li>
                }
            }) }
        </ol>
    }
}

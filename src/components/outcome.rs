use std::rc::Rc;
use synack_sim::trace::EndpointOutcome;
use synack_sim::Trace;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeSummaryProps {
    pub trace: Rc<Trace>,
}

fn describe(o: &EndpointOutcome) -> String {
    match o.error {
        Some(e) => format!("{} ({e})", o.state),
        None => o.state.to_string(),
    }
}

/// Where each endpoint ended up, and the error its application saw.
#[component]
pub fn OutcomeSummary(props: &OutcomeSummaryProps) -> Html {
    let o = &props.trace.outcome;
    html! {
        <dl class="outcome">
            <dt>{ "Client" }</dt><dd data-endpoint="client">{ describe(&o.client) }</dd>
            <dt>{ "Server" }</dt><dd data-endpoint="server">{ describe(&o.server) }</dd>
            <dt>{ "Segments" }</dt>
            <dd>{ format!("{} sent, {} lost", props.trace.segments.len(),
                          props.trace.segments.iter().filter(|s| s.lost).count()) }</dd>
        </dl>
    }
}

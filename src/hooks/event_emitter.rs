use crate::shared::Shared;
use crate::state::Model;
use synack_sim::Trace;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// As the playhead moves forward, tell the host page what happened, as DOM
/// events that bubble from the app: `synack:state` for each state change and
/// `synack:segment` for each segment arriving, with the trace's records as
/// `detail`. Seeking back, or a new run, moves the mark without events.
#[hook]
pub fn use_event_emitter(root: &NodeRef, m: &Model) {
    let last = use_mut_ref(|| None::<(Shared<Trace>, Option<u64>)>);
    let now = m.moment().map(|i| m.layout().axis.moments()[i]);
    let trace: Shared<Trace> = m.trace().clone().into();
    let root = root.clone();
    use_effect_with((trace, now), move |(trace, now)| {
        let before = last.borrow_mut().replace((trace.clone(), *now));
        let Some((was_trace, was)) = before else {
            return;
        };
        let (Some(now), Some(el)) = (*now, root.cast::<web_sys::Element>()) else {
            return;
        };
        if was_trace != *trace || was.is_some_and(|w| w >= now) {
            return;
        }
        let after = |t: u64| was.is_none_or(|w| t > w) && t <= now;
        let mut events: Vec<(u64, &str, JsValue)> = Vec::new();
        for c in trace.states.iter().filter(|c| after(c.at_us)) {
            events.push((
                c.at_us,
                "synack:state",
                crate::api::to_js(c).unwrap_or(JsValue::NULL),
            ));
        }
        for seg in trace
            .segments
            .iter()
            .filter(|seg| seg.arrive_us.is_some_and(after) && !seg.lost)
        {
            let at = seg.arrive_us.unwrap_or_default();
            events.push((
                at,
                "synack:segment",
                crate::api::to_js(seg).unwrap_or(JsValue::NULL),
            ));
        }
        // Stable sort by time: at one instant, a segment arrives before the
        // state change it causes.
        synack_sim::sort::sort_stable_by_key(&mut events, |e| {
            synack_sim::sort::pair(e.0, e.1 == "synack:state")
        });
        for (_, kind, detail) in events {
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_detail(&detail);
            if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(kind, &init) {
                let _ = el.dispatch_event(&e);
            }
        }
    });
}

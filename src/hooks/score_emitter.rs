//! `synack:score`: the event an exercise's result goes out as, for the
//! page around the app (the SCORM adapter, a course page, `app.on`).

use crate::shared::Shared;
use crate::state::Model;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Fires `synack:score` from the app's root each time an exercise is
/// checked: `{ exercise, right, total, scaled, student, progress }`, where
/// `progress` is the query (`answers=…&checked=1`) that opens the exercise
/// where the student left off.
#[hook]
pub fn use_score_emitter(root: &NodeRef, m: &Model) {
    let checked = m.checked.clone().map(Shared::from);
    let exercise = m.exercise.clone();
    let config = m.shared_config();
    let root = root.clone();
    use_effect_with(checked, move |checked| {
        let (Some(graded), Some(ex), Some(el)) =
            (checked, exercise, root.cast::<web_sys::Element>())
        else {
            return;
        };
        let (right, total) = graded.score();
        let detail = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&detail, &k.into(), &v);
        };
        set("exercise", ex.kind.name().into());
        set("right", (right as f64).into());
        set("total", (total as f64).into());
        let scaled = if total == 0 {
            1.0
        } else {
            right as f64 / total as f64
        };
        set("scaled", scaled.into());
        set(
            "student",
            ex.student.as_deref().map_or(JsValue::NULL, JsValue::from),
        );
        set("progress", crate::url::progress_query(&ex, &config).into());
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("synack:score", &init) {
            let _ = el.dispatch_event(&e);
        }
    });
}

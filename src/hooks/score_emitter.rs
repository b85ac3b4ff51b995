//! `synack:score` and `synack:progress`: the events an exercise's result
//! and progress go out as, for the page around the app (the SCORM
//! adapter, the postMessage bridge, a course page, `app.on`).

use crate::shared::Shared;
use crate::state::Model;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Fires `name` with `detail` from the app's root, bubbling to the window.
fn fire(root: &NodeRef, name: &str, detail: &js_sys::Object) {
    let Some(el) = root.cast::<web_sys::Element>() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = el.dispatch_event(&e);
    }
}

fn set(detail: &js_sys::Object, k: &str, v: JsValue) {
    let _ = js_sys::Reflect::set(detail, &k.into(), &v);
}

/// Fires `synack:score` each time an exercise is checked: `{ exercise,
/// right, total, scaled, student, progress }`, where `progress` is the
/// query (`answers=…&checked=1`) that opens the exercise where the student
/// left off; and `synack:progress` (`{ exercise, progress }`) each time
/// that query changes, a move played for instance, so a host can keep it
/// before the end.
#[hook]
pub fn use_score_emitter(root: &NodeRef, m: &Model) {
    let checked = m.checked.clone().map(Shared::from);
    let exercise = m.exercise.clone();
    let config = m.shared_config();
    let progress = exercise
        .as_ref()
        .map(|ex| (ex.kind.name(), crate::url::progress_query(ex, &config)));
    {
        let root = root.clone();
        use_effect_with(progress, move |progress| {
            if let Some((kind, query)) = progress {
                let detail = js_sys::Object::new();
                set(&detail, "exercise", (*kind).into());
                set(&detail, "progress", query.into());
                fire(&root, "synack:progress", &detail);
            }
        });
    }
    let root = root.clone();
    use_effect_with(checked, move |checked| {
        let (Some(graded), Some(ex)) = (checked, exercise) else {
            return;
        };
        let (right, total) = graded.score();
        let detail = js_sys::Object::new();
        set(&detail, "exercise", ex.kind.name().into());
        set(&detail, "right", (right as f64).into());
        set(&detail, "total", (total as f64).into());
        let scaled = if total == 0 {
            1.0
        } else {
            right as f64 / total as f64
        };
        set(&detail, "scaled", scaled.into());
        set(
            &detail,
            "student",
            ex.student.as_deref().map_or(JsValue::NULL, JsValue::from),
        );
        set(
            &detail,
            "progress",
            crate::url::progress_query(&ex, &config).into(),
        );
        fire(&root, "synack:score", &detail);
    });
}

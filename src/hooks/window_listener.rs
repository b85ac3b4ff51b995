use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A document-level listener that lives as long as the component.
#[hook]
pub fn use_window_listener(event: &'static str, handler: Callback<web_sys::Event>) {
    use_effect_with((), move |_| {
        let closure =
            Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| handler.emit(e));
        let target: Option<web_sys::EventTarget> = web_sys::window().map(Into::into);
        if let Some(t) = &target {
            let _ = t.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        move || {
            if let Some(t) = &target {
                let _ =
                    t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
    });
}

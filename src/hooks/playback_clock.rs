use crate::state::Action;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Drive playback with requestAnimationFrame while playing. With reduced
/// motion, playback jumps from event to event instead of gliding.
#[hook]
pub fn use_playback_clock(playing: bool, reduced: bool, speed: f64, dispatch: Callback<Action>) {
    use_effect_with(
        (playing, reduced, speed),
        move |&(playing, reduced, speed)| {
            type Frame = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
            let handle: Rc<RefCell<Option<i32>>> = Rc::default();
            let callback: Frame = Rc::default();
            if playing {
                let (handle2, callback2) = (handle.clone(), callback.clone());
                let mut last: Option<f64> = None;
                let mut since_step = 0.0;
                *callback.borrow_mut() = Some(Closure::new(move |now: f64| {
                    let dt = last.map_or(0.0, |l| now - l);
                    last = Some(now);
                    if reduced {
                        since_step += dt;
                        if since_step >= 900.0 / speed.max(0.1) {
                            since_step = 0.0;
                            dispatch.emit(Action::StepForward);
                        }
                    } else {
                        dispatch.emit(Action::Tick { dt_ms: dt });
                    }
                    if let (Some(w), Some(cb)) = (web_sys::window(), callback2.borrow().as_ref()) {
                        *handle2.borrow_mut() =
                            w.request_animation_frame(cb.as_ref().unchecked_ref()).ok();
                    }
                }));
                if let (Some(w), Some(cb)) = (web_sys::window(), callback.borrow().as_ref()) {
                    *handle.borrow_mut() =
                        w.request_animation_frame(cb.as_ref().unchecked_ref()).ok();
                }
            }
            move || {
                if let (Some(w), Some(h)) = (web_sys::window(), handle.borrow_mut().take()) {
                    let _ = w.cancel_animation_frame(h);
                }
                // Dropping the closure breaks the Rc cycle it sits in.
                callback.borrow_mut().take();
            }
        },
    );
}

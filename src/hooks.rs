//! The app's own hooks: the animation clock, listeners on the window, and
//! the events a host page follows. Each has its effects and their cleanup in
//! one place, away from the page's markup.

mod event_emitter;
mod playback_clock;
mod score_emitter;
mod window_listener;

pub use event_emitter::use_event_emitter;
pub use playback_clock::use_playback_clock;
pub use score_emitter::use_score_emitter;
pub use window_listener::use_window_listener;

//! One component per thing the page shows.

mod capture_bar;
mod controls;
mod endpoint_card;
mod event_log;
mod explanation;
mod flood_panel;
mod markup_list;
mod masthead;
mod narrative;
mod playback;
mod quiz_panel;
pub mod segment_arrow;
mod segment_inspector;
mod sequence_diagram;
mod settled_arrows;
mod share_panel;
mod state_diagram;
mod svg_markup;
mod timer_bars;

pub use capture_bar::{open_file, CaptureBar};
pub use controls::Controls;
pub use endpoint_card::{endpoint_card, state_at, EndpointCardProps};
pub use event_log::EventLog;
pub use explanation::{explanation, ExplanationProps};
pub use flood_panel::{flood_panel, FloodPanelProps};
pub use masthead::Masthead;
pub use narrative::Narrative;
pub use playback::{playback, PlaybackProps};
pub use quiz_panel::{score, QuizPanelProps, QuizSummaryProps};
pub use segment_inspector::SegmentInspectorProps;
pub use sequence_diagram::SequenceDiagram;
pub use share_panel::SharePanel;
pub use state_diagram::StateDiagram;
pub use svg_markup::SvgMarkup;
pub use timer_bars::TimerBars;

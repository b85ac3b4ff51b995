//! One component per thing the page shows.

mod event_log;
mod lane;
mod outcome;
mod segment_arrow;
mod sequence_diagram;

pub use event_log::EventLog;
pub use lane::Lane;
pub use outcome::OutcomeSummary;
pub use segment_arrow::SegmentArrow;
pub use sequence_diagram::SequenceDiagram;

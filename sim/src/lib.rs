//! synack-sim: a deterministic, sans-IO simulation of two TCP endpoints and
//! the network between them, producing a trace of everything that happened.
//!
//! The core never reads a clock, touches the network or the DOM: time is a
//! number of simulated microseconds, randomness comes from the seed. Same
//! config, same trace, natively and in WebAssembly.
//!
//! ```
//! let trace = synack_sim::simulate(&synack_sim::Config::default()).unwrap();
//! let flags: Vec<_> = trace.segments.iter().map(|s| s.flags.to_string()).collect();
//! assert_eq!(flags, ["[SYN]", "[SYN, ACK]", "[ACK]"]);
//! ```

pub mod analysis;
pub mod assembler;
pub mod config;
pub mod decimal;
pub mod differential;
pub mod endpoint;
pub mod english;
pub mod import;
pub mod isn;
pub mod network;
pub mod pcap;
pub mod play;
pub mod rtt;
mod run_rng;
pub mod segment;
pub mod seq;
pub mod side;
pub mod sim;
pub mod sort;
pub mod state;
pub mod syn_queue;
pub mod syncookie;
mod tcb;
pub mod time;
pub mod timer;
pub mod timer_table;
pub mod trace;
pub mod why;
pub mod wire;

pub use config::{Config, ConfigError, Dir};
/// The packet crate the core builds and parses headers with, for the app's header inspector.
pub use etherparse;
pub use pcap::Capture;
pub use segment::Flags;
pub use side::Side;
pub use sim::simulate;
pub use state::State;
pub use time::{Duration, Instant};
pub use timer::Preset;
pub use trace::Trace;

/// The simulator's version, as `window.synack.version` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

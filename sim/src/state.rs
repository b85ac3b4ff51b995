//! RFC 9293 §3.3.2 connection states.

use core::fmt;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

/// How a TCB reached SYN-RECEIVED; an RST takes the two to different places (MUST-11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    Passive,
    Active,
}

impl State {
    pub const ALL: [State; 11] = [
        State::Closed,
        State::Listen,
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::FinWait2,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ];

    /// The RFC spelling, which is also what the trace and the UI show.
    pub const fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN-SENT",
            State::SynReceived => "SYN-RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN-WAIT-1",
            State::FinWait2 => "FIN-WAIT-2",
            State::CloseWait => "CLOSE-WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST-ACK",
            State::TimeWait => "TIME-WAIT",
        }
    }

    /// Both ISNs known and acknowledged (RFC 9293 "synchronized states").
    pub const fn is_synchronized(self) -> bool {
        matches!(
            self,
            State::Established
                | State::FinWait1
                | State::FinWait2
                | State::CloseWait
                | State::Closing
                | State::LastAck
                | State::TimeWait
        )
    }

    /// The transitions RFC 9293 allows (Fig. 5 plus the RST, abort and
    /// timeout arrows of §3.10), used by the property tests and by the UI's
    /// state diagram.
    pub fn can_move_to(self, to: State) -> bool {
        use State::*;
        match (self, to) {
            // Abort, RST, user timeout or host crash: any state may drop to CLOSED.
            (_, Closed) => true,
            (Closed, Listen | SynSent) => true,
            (Listen, SynReceived | SynSent) => true,
            // A valid SYN cookie in an ACK (Linux cookie_v4_check): the listener
            // builds the connection straight into ESTABLISHED. The two-way
            // thought experiment also goes this way.
            (Listen, Established) => true,
            (SynSent, SynReceived | Established) => true,
            // RST against a passive SYN-RECEIVED, or the request timing out.
            (SynReceived, Listen | Established | FinWait1 | CloseWait) => true,
            (Established, FinWait1 | CloseWait) => true,
            (FinWait1, FinWait2 | Closing | TimeWait) => true,
            (FinWait2, TimeWait) => true,
            (CloseWait, LastAck) => true,
            (Closing, TimeWait) => true,
            _ => false,
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

//! One connection's variables: RFC 9293 §3.3.1's transmission control
//! block. A connection that ends is replaced by a fresh `Tcb` whole, so no
//! variable of an old connection can leak into the next one.

use crate::assembler::Assembler;
use crate::endpoint::EndpointConfig;
use crate::rtt::RttEstimator;
use crate::seq::SeqNum;
use crate::state::Opener;
use crate::time::Instant;
use std::collections::VecDeque;

/// A segment sent and not yet acknowledged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InFlight {
    pub seq: SeqNum,
    pub len: u32,
    pub syn: bool,
    pub fin: bool,
    pub last_sent: Instant,
    pub retransmitted: bool,
}

impl InFlight {
    pub fn end(&self) -> SeqNum {
        self.seq + self.len + u32::from(self.syn) + u32::from(self.fin)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tcb {
    /// Which side opened it: decides where a reset SYN-RECEIVED returns.
    pub opener: Option<Opener>,

    pub iss: SeqNum,
    pub snd_una: SeqNum,
    pub snd_nxt: SeqNum,
    /// The peer's receive window in bytes (SND.WND): data in flight stays
    /// within it. The peer's application reads at once, so it never shrinks.
    pub snd_wnd: u32,
    pub irs: SeqNum,
    pub rcv_nxt: SeqNum,
    pub rcv_wnd: u32,
    /// What arrived ahead of a gap (RFC 9293 §3.10.7.4: such segments
    /// SHOULD be held; Linux's out-of-order queue), and its SACK blocks.
    pub rx: Assembler,

    /// The peer's timestamps option, once both SYNs carried it.
    pub ts_ok: bool,
    pub ts_recent: u32,
    pub peer_offered_ts: bool,
    /// Both SYNs offered SACK (RFC 2018): ACKs may carry SACK blocks.
    pub sack_ok: bool,

    pub in_flight: VecDeque<InFlight>,
    /// Expirations of the retransmission timer since the last new ACK.
    pub timeouts: u32,
    pub rtt: RttEstimator,

    /// Bytes the application wrote that are not yet sent.
    pub unsent: u64,
    /// close() was called; the FIN goes after the queued data.
    pub fin_queued: bool,
    pub fin_sent: bool,

    pub probes_out: u32,
    /// When the last rate-limited ACK went (RFC 5961, `tcp_oow_rate_limited`).
    pub last_oow_ack: Option<Instant>,
    /// accept() has returned for this connection (early, with Fast Open).
    pub accepted: bool,
}

impl Tcb {
    pub fn new(cfg: &EndpointConfig) -> Tcb {
        Tcb {
            opener: None,
            iss: SeqNum(0),
            snd_una: SeqNum(0),
            snd_nxt: SeqNum(0),
            // Until the peer's SYN says otherwise: the largest unscaled window.
            snd_wnd: u32::from(u16::MAX),
            irs: SeqNum(0),
            rcv_nxt: SeqNum(0),
            rcv_wnd: u32::from(cfg.syn_window),
            rx: Assembler::default(),
            ts_ok: false,
            ts_recent: 0,
            peer_offered_ts: false,
            sack_ok: false,
            in_flight: VecDeque::new(),
            timeouts: 0,
            rtt: RttEstimator::default(),
            unsent: 0,
            fin_queued: false,
            fin_sent: false,
            probes_out: 0,
            last_oow_ack: None,
            accepted: false,
        }
    }
}

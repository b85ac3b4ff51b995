//! One TCP endpoint: the RFC 9293 state machine for a single connection.
//!
//! Sans-IO, in the manner of quinn-proto and smoltcp: feed it application
//! calls (`listen`, `connect`, `send`, `close`), arriving segments
//! (`handle_segment`) and expired timers (`handle_timeout`), each with the
//! current simulated time; then drain what it did with `poll_event` (segments
//! to transmit, state changes, timers, socket results) and ask `poll_timeout`
//! when it next needs to be woken.

use crate::config::SynCookies;
use crate::isn::IsnKey;
use crate::segment::{Flags, SackList, Segment, SynOptions, Timestamps};
use crate::seq::SeqNum;
use crate::side::{Addr, Side};
use crate::state::{Opener, State};
use crate::syn_queue::SynQueue;
use crate::syncookie::CookieJar;
use crate::tcb::{InFlight, Tcb};
use crate::time::{Duration, Instant};
use crate::timer::{Armed, Keepalive, Preset, TimerKind, TimerProfile, DELAYED_ACK};
use crate::timer_table::{Slot, TimerTable};
use crate::why::{Call, CallResult, Errno, Rule, Why};
use std::collections::VecDeque;

#[derive(Debug, Clone)]
pub struct EndpointConfig {
    pub side: Side,
    pub local: Addr,
    pub remote: Addr,
    pub timers: &'static TimerProfile,
    pub keepalive: Option<Keepalive>,
    /// The "why not two" thought experiment instead of TCP's three-way handshake.
    pub two_way: bool,
    /// Client: holds a Fast Open cookie for the server. Server: accepts Fast Open.
    pub fast_open: bool,
    /// How many half-open connections the listener's SYN queue holds.
    pub backlog: u32,
    /// When to answer a SYN with a cookie.
    pub syncookies: SynCookies,
    pub cookie_jar: CookieJar,
    /// The window field of our SYN or SYN-ACK (64240 = 44·1460 for a Linux client).
    pub syn_window: u16,
    pub mss: u16,
    /// Offset of this host's RFC 7323 timestamp clock.
    pub ts_offset: u32,
}

/// Something the endpoint did, for the simulator to carry out or record.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Transmit {
        segment: Segment,
        retransmission: bool,
        why: Why,
    },
    State {
        from: State,
        to: State,
        rule: Rule,
    },
    Timer {
        kind: TimerKind,
        action: TimerAction,
        expires_at: Instant,
    },
    Socket {
        call: Call,
        result: CallResult,
        errno: Option<Errno>,
        /// Bytes for send() and recv(); 0 for recv() means end of file.
        bytes: u64,
    },
    /// The listener's SYN queue now holds `len` half-open connections.
    SynQueue {
        len: u32,
    },
    /// The arriving segment was thrown away without an answer.
    Discarded {
        reason: Discard,
    },
}

/// Why a segment was thrown away without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Discard {
    /// The listener's SYN queue is full and SYN cookies are off.
    SynQueueFull,
    /// An RST where there is no connection is never answered (§3.10.7.1).
    RstNoConnection,
    /// A listening socket ignores an RST (§3.10.7.2).
    RstInListen,
    /// A listening socket takes only a SYN (and Linux drops SYN+FIN).
    NotSynInListen,
    /// An RST that does not fit the connection's numbers: in SYN-SENT
    /// without an ACK of our SYN, else outside the window (§3.10.7.3-4).
    RstUnacceptable,
    /// In SYN-SENT only a SYN or SYN-ACK counts (Linux discard_and_undo).
    NoSynInSynSent,
    /// A segment without the ACK bit, once synchronized (§3.10.7.4).
    NoAck,
    /// A SYN-ACK whose ACK acknowledges nothing we sent.
    BadAck,
    /// The answer it called for was held back: at most one per 500 ms
    /// (RFC 5961, Linux tcp_invalid_ratelimit).
    RateLimited,
}

/// What became of a spoofed SYN at the listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpoofedSyn {
    /// It took a place in the SYN queue (its SYN-ACKs go to a forged address).
    Queued,
    /// The queue was full: dropped.
    Dropped,
    /// The queue was full: answered with a SYN cookie, no state kept.
    Cookie,
    /// Nobody is listening.
    Ignored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimerAction {
    Armed,
    Fired,
    Cancelled,
}

/// RFC 5961 / Linux `tcp_invalid_ratelimit`: at most one such ACK per 500 ms.
const OOW_RATE_LIMIT: Duration = Duration::from_millis(500);
/// Linux wscale 7: after the handshake the window field is the window >> 7.
const WINDOW_SCALE: u8 = 7;

pub struct Endpoint {
    cfg: EndpointConfig,
    isn_key: IsnKey,
    state: State,
    /// The host has crashed and is not answering at all.
    down: bool,
    /// listen() was called: when a passive connection has closed, the
    /// listening socket is still there for the next SYN.
    listener: bool,
    /// The connection's variables, replaced whole when it ends.
    tcb: Tcb,
    /// The ISN of the latest connection, kept after it ends (the outcome's).
    last_iss: SeqNum,
    timers: TimerTable,
    /// The listener's half-open connections from spoofed SYNs.
    syn_queue: SynQueue,
    connect_pending: bool,
    error: Option<Errno>,
    events: VecDeque<(Instant, Event)>,
}

impl Endpoint {
    #[inline(always)]
    pub fn new(cfg: EndpointConfig, isn_key: IsnKey) -> Endpoint {
        Endpoint {
            tcb: Tcb::new(&cfg),
            syn_queue: SynQueue::new(cfg.backlog),
            cfg,
            isn_key,
            state: State::Closed,
            down: false,
            listener: false,
            last_iss: SeqNum(0),
            timers: TimerTable::default(),
            connect_pending: false,
            error: None,
            events: VecDeque::with_capacity(8),
        }
    }

    pub fn state(&self) -> State {
        self.state
    }
    pub fn error(&self) -> Option<Errno> {
        self.error
    }
    pub fn side(&self) -> Side {
        self.cfg.side
    }
    /// The ISN of the latest connection (kept after it has ended).
    pub fn iss(&self) -> SeqNum {
        self.last_iss
    }
    pub fn is_down(&self) -> bool {
        self.down
    }

    /// The next event, with the time it happened.
    pub fn poll_event(&mut self) -> Option<(Instant, Event)> {
        self.events.pop_front()
    }

    /// Its timer that expires first (not the SYN queue's expiries).
    pub fn next_timer(&self) -> Option<Armed> {
        self.timers.next()
    }

    /// Whether its timers run on Linux's timer wheel (the `linux` preset).
    pub fn on_timer_wheel(&self) -> bool {
        self.cfg.timers.preset == Preset::Linux
    }

    /// When the endpoint must next be woken by `handle_timeout`.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timers
            .next_expiry()
            .into_iter()
            .chain(self.syn_queue.next_expiry())
            .min()
    }

    /// A SYN from a forged address reaches this host (a SYN flood). Its
    /// SYN-ACKs go nowhere, so only its place in the SYN queue matters: it
    /// holds one until the SYN-ACK retries run out (63 s on Linux).
    pub fn handle_spoofed_syn(&mut self, now: Instant) -> SpoofedSyn {
        if self.down || !(self.listener || self.state == State::Listen) {
            return SpoofedSyn::Ignored;
        }
        self.expire_spoofed(now);
        if self.cfg.syncookies == SynCookies::Always {
            return SpoofedSyn::Cookie;
        }
        if self.syn_queue.is_full() {
            return if self.cfg.syncookies != SynCookies::Off {
                SpoofedSyn::Cookie
            } else {
                SpoofedSyn::Dropped
            };
        }
        let b = self.cfg.timers.syn_ack;
        let lifetime = (0..=b.retries).fold(Duration::ZERO, |acc, t| acc + b.gap(t));
        self.syn_queue.push(now + lifetime);
        self.queue_changed(now);
        SpoofedSyn::Queued
    }

    fn expire_spoofed(&mut self, now: Instant) {
        if self.syn_queue.expire(now) {
            self.queue_changed(now);
        }
    }

    fn queue_changed(&mut self, now: Instant) {
        let len = self.syn_queue.len();
        self.events.push_back((now, Event::SynQueue { len }));
    }

    // ----------------------------------------------------------------
    // Application calls
    // ----------------------------------------------------------------

    /// listen(): passive OPEN.
    pub fn listen(&mut self, now: Instant) {
        self.socket(now, Call::Listen, CallResult::Called, None, 0);
        if self.state == State::Closed && !self.down {
            self.listener = true;
            self.set_state(now, State::Listen, Rule::PassiveOpen);
            self.socket(now, Call::Listen, CallResult::Returned, None, 0);
        }
    }

    /// connect(): active OPEN. Blocks (in the trace) until ESTABLISHED or an error.
    pub fn connect(&mut self, now: Instant) {
        self.connect_with_data(now, 0);
    }

    /// connect() with data on the SYN (sendto with MSG_FASTOPEN).
    pub fn connect_with_data(&mut self, now: Instant, syn_data: u32) {
        self.socket(now, Call::Connect, CallResult::Called, None, 0);
        if self.down || !matches!(self.state, State::Closed | State::Listen) {
            return;
        }
        self.reset_tcb();
        self.connect_pending = true;
        self.choose_iss(now);
        if syn_data > 0 {
            // The SYN carries the data: one segment in flight, SYN first.
            self.tcb.in_flight.clear();
            self.tcb.snd_nxt = self.tcb.iss;
            self.track_sent(now, syn_data, true, false);
            self.socket(
                now,
                Call::Send,
                CallResult::Returned,
                None,
                u64::from(syn_data),
            );
        }
        self.set_state(now, State::SynSent, Rule::ActiveOpen);
        let syn = self.syn_segment(now, Flags::SYN);
        self.transmit(now, syn, false, Why::Connect);
        self.arm_rtx(now, TimerKind::SynRetransmit);
    }

    /// send(): queue bytes. Before ESTABLISHED they wait and ride on the third segment.
    pub fn send(&mut self, now: Instant, bytes: u64) {
        if self.down || bytes == 0 {
            return;
        }
        self.socket(now, Call::Send, CallResult::Called, None, bytes);
        match self.state {
            State::SynSent | State::SynReceived | State::Established | State::CloseWait
                if !self.tcb.fin_queued =>
            {
                self.tcb.unsent += bytes;
                self.socket(now, Call::Send, CallResult::Returned, None, bytes);
                self.push_data(now);
            }
            _ => {
                let errno = self.error.unwrap_or(Errno::EPIPE);
                self.socket(now, Call::Send, CallResult::Failed, Some(errno), bytes);
            }
        }
    }

    /// close(): FIN after the queued data, or abort before the handshake.
    pub fn close(&mut self, now: Instant) {
        if self.down {
            return;
        }
        self.socket(now, Call::Close, CallResult::Called, None, 0);
        match self.state {
            State::Listen | State::SynSent => {
                self.listener = false;
                self.clear_timers(now);
                self.set_state(now, State::Closed, Rule::CloseAbort);
            }
            State::SynReceived => self.tcb.fin_queued = true,
            State::Established => {
                self.tcb.fin_queued = true;
                self.set_state(now, State::FinWait1, Rule::CloseEstablished);
                self.push_data(now);
            }
            State::CloseWait => {
                self.tcb.fin_queued = true;
                self.set_state(now, State::LastAck, Rule::CloseInCloseWait);
                self.push_data(now);
            }
            _ => {}
        }
        self.socket(now, Call::Close, CallResult::Returned, None, 0);
    }

    /// The host dies: every TCB is lost at once, and nothing is sent.
    /// With `reboot` it comes straight back with no TCB, so it answers with RSTs.
    pub fn crash(&mut self, now: Instant, reboot: bool) {
        self.clear_timers(now);
        if self.state != State::Closed {
            self.set_state(now, State::Closed, Rule::HostCrash);
        }
        self.reset_tcb();
        self.listener = false;
        self.down = !reboot;
    }

    // ----------------------------------------------------------------
    // Timers
    // ----------------------------------------------------------------

    /// Run every timer that has expired at `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.expire_spoofed(now);
        for slot in Slot::ALL {
            let Some(t) = self.timers.take_expired(slot, now) else {
                continue;
            };
            self.timer_event(now, t.kind, TimerAction::Fired, t.expires_at);
            match slot {
                Slot::TimeWait => {
                    self.set_state(now, State::Closed, Rule::TimeWaitExpired);
                    self.clear_timers(now);
                    self.reset_tcb();
                }
                Slot::DelayedAck => self.send_ack(now, Why::AckFin),
                Slot::Retransmit => self.on_rtx_timeout(now, t),
                Slot::Keepalive => self.on_keepalive_timeout(now),
            }
        }
    }

    fn on_rtx_timeout(&mut self, now: Instant, timer: Armed) {
        let kind = timer.kind;
        let backoff = match kind {
            TimerKind::SynRetransmit => self.cfg.timers.syn,
            TimerKind::SynAckRetransmit => self.cfg.timers.syn_ack,
            _ => self.cfg.timers.data,
        };
        if self.tcb.timeouts >= backoff.retries {
            return self.give_up(now, kind);
        }
        let rto = timer.interval();
        self.tcb.timeouts += 1;
        self.retransmit_head(now, Why::Retransmit { timer: kind, rto });
        self.arm_rtx(now, kind);
    }

    fn give_up(&mut self, now: Instant, kind: TimerKind) {
        self.clear_timers(now);
        match kind {
            // Linux drops the request sock silently; the listener stays LISTEN.
            TimerKind::SynAckRetransmit if self.tcb.opener == Some(Opener::Passive) => {
                self.reset_tcb();
                self.set_state(now, State::Listen, Rule::SynAckTimeout);
            }
            TimerKind::SynRetransmit | TimerKind::SynAckRetransmit => {
                self.fail(now, Errno::ETIMEDOUT, Rule::SynTimeout)
            }
            _ => self.fail(now, Errno::ETIMEDOUT, Rule::RetransmitTimeout),
        }
    }

    fn on_keepalive_timeout(&mut self, now: Instant) {
        let Some(ka) = self.cfg.keepalive else { return };
        if !self.state.is_synchronized() {
            return;
        }
        if self.tcb.probes_out >= ka.probes {
            // tcp_keepalive_timer: tcp_send_active_reset() then tcp_write_err().
            // A socket's RST, built like its other segments: its window, and
            // NOP, NOP, TS when timestamps were agreed (seen on Linux 6.18).
            let rst = self.segment(now, Flags::RST | Flags::ACK, self.tcb.snd_nxt, 0);
            self.transmit(now, rst, false, Why::KeepaliveGiveUp);
            return self.fail(now, Errno::ETIMEDOUT, Rule::KeepaliveTimeout);
        }
        self.tcb.probes_out += 1;
        // tcp_xmit_probe_skb: a zero-length ACK one below SND.UNA, so the peer must answer.
        let probe = self.segment(now, Flags::ACK, self.tcb.snd_una - 1, 0);
        let why = Why::KeepaliveProbe {
            n: self.tcb.probes_out,
            of: ka.probes,
        };
        self.transmit(now, probe, false, why);
        self.arm(now, TimerKind::Keepalive, ka.interval);
    }

    // ----------------------------------------------------------------
    // Arriving segments (RFC 9293 §3.10.7)
    // ----------------------------------------------------------------

    pub fn handle_segment(&mut self, now: Instant, seg: &Segment) {
        if self.down {
            return;
        }
        match self.state {
            // Linux's listening socket is separate from the connections it
            // spawned: a new SYN finds it even after a connection has closed.
            State::Closed if self.listener && seg.flags == Flags::SYN => {
                self.set_state(now, State::Listen, Rule::ListenerTakesSyn);
                self.on_listen(now, seg);
            }
            State::Closed => self.on_closed(now, seg),
            State::Listen => self.on_listen(now, seg),
            State::SynSent => self.on_syn_sent(now, seg),
            _ => self.on_synchronized(now, seg),
        }
    }

    /// §3.10.7.1: no TCB. Answer anything but an RST with an RST.
    fn on_closed(&mut self, now: Instant, seg: &Segment) {
        if seg.rst() {
            return self.discard(now, Discard::RstNoConnection);
        }
        self.transmit(now, seg.reset_reply(), false, Why::ResetClosed);
    }

    /// §3.10.7.2.
    fn on_listen(&mut self, now: Instant, seg: &Segment) {
        if seg.rst() {
            return self.discard(now, Discard::RstInListen);
        }
        if seg.has_ack() {
            if !seg.syn() && self.cfg.syncookies != SynCookies::Off && self.cookie_ack(now, seg) {
                return;
            }
            return self.transmit(now, seg.reset_reply(), false, Why::ResetListenAck);
        }
        if !seg.syn() || seg.fin() {
            // Linux discards SYN+FIN (tcp_rcv_state_process).
            return self.discard(now, Discard::NotSynInListen);
        }
        self.expire_spoofed(now);
        // tcp_conn_request: a cookie when the queue is full, or always.
        if self.syn_queue.is_full() || self.cfg.syncookies == SynCookies::Always {
            if self.cfg.syncookies == SynCookies::Off {
                // tcp_conn_request: no room and no cookies, the SYN is dropped
                // silently; the client's SYN timer will try again.
                return self.discard(now, Discard::SynQueueFull);
            }
            // The cookie is our ISN; no TCB, no timer: we stay in LISTEN.
            let cookie =
                self.cfg
                    .cookie_jar
                    .make(now, self.cfg.local, self.cfg.remote, seg.seq, 1460);
            let mut syn_ack = Segment::new(Flags::SYN | Flags::ACK, cookie, seg.seq + 1);
            syn_ack.window = self.cfg.syn_window;
            syn_ack.syn_options = Some(SynOptions {
                mss: self.cfg.mss,
                sack_permitted: true,
                window_scale: WINDOW_SCALE,
                fast_open: false,
            });
            // Like any SYN-ACK it carries timestamps when the SYN did: Linux
            // keeps the window scale and SACK in TSval's low bits
            // (cookie_init_timestamp), so nothing is lost (seen on 6.18).
            syn_ack.timestamps = seg.timestamps.map(|ts| Timestamps {
                tsval: self.tsval(now),
                tsecr: ts.tsval,
            });
            let why = match self.cfg.syncookies {
                SynCookies::Always => Why::SynCookieAlways,
                _ => Why::SynCookie,
            };
            return self.transmit(now, syn_ack, false, why);
        }
        self.tcb.irs = seg.seq;
        // Linux discards data on a SYN without a valid Fast Open cookie: the
        // SYN-ACK acks ISN+1 only. With one, the data is taken at once.
        let fast_open =
            seg.len > 0 && self.cfg.fast_open && seg.syn_options.is_some_and(|o| o.fast_open);
        self.tcb.rcv_nxt = seg.seq + 1 + if fast_open { seg.len } else { 0 };
        self.take_peer_timestamps(seg);
        self.tcb.snd_wnd = u32::from(seg.window);
        self.tcb.ts_ok = self.tcb.peer_offered_ts;
        self.choose_iss(now);
        self.tcb.opener = Some(Opener::Passive);
        let syn_ack = self.syn_segment(now, Flags::SYN | Flags::ACK);
        if self.cfg.two_way {
            // Nothing will acknowledge our SYN in a two-way scheme: count it as
            // delivered, and the connection as open, the moment it is sent.
            self.transmit(now, syn_ack, false, Why::TwoWaySynAck);
            self.tcb.in_flight.clear();
            self.tcb.snd_una = self.tcb.snd_nxt;
            self.set_state(now, State::Established, Rule::TwoWayOpen);
            self.connected(now);
            self.push_data(now);
            return;
        }
        self.set_state(now, State::SynReceived, Rule::SynInListen);
        let why = match (seg.len > 0, fast_open) {
            (false, _) => Why::SynInListen,
            (true, false) => Why::SynAckDataDropped,
            (true, true) => Why::SynAckFastOpen,
        };
        self.transmit(now, syn_ack, false, why);
        if fast_open {
            // RFC 7413: the application may accept() and read before the handshake ends.
            self.tcb.accepted = true;
            self.socket(now, Call::Accept, CallResult::Returned, None, 0);
            self.delivered(now, seg.len);
        }
        self.arm_rtx(now, TimerKind::SynAckRetransmit);
    }

    /// An ACK in LISTEN may return one of our SYN cookies (Linux cookie_v4_check):
    /// if so, rebuild the connection from it and go straight to ESTABLISHED.
    fn cookie_ack(&mut self, now: Instant, seg: &Segment) -> bool {
        let client_isn = seg.seq - 1;
        let cookie = seg.ack - 1;
        let jar = self.cfg.cookie_jar;
        if jar
            .check(now, self.cfg.local, self.cfg.remote, client_isn, cookie)
            .is_none()
        {
            return false;
        }
        self.tcb.irs = client_isn;
        self.tcb.rcv_nxt = seg.seq;
        self.tcb.iss = cookie;
        self.last_iss = cookie;
        // The options the cookie kept: timestamps go on if the ACK has them.
        self.tcb.ts_ok = seg.timestamps.is_some();
        self.tcb.peer_offered_ts = self.tcb.ts_ok;
        // SACK rides in TSval's low bits (cookie_timestamp_decode): without
        // timestamps the cookie could not keep it.
        self.tcb.sack_ok = self.tcb.ts_ok;
        self.take_peer_timestamps(seg);
        self.tcb.snd_una = seg.ack;
        self.tcb.snd_nxt = seg.ack;
        self.tcb.in_flight.clear();
        self.tcb.opener = Some(Opener::Passive);
        self.error = None;
        self.set_state(now, State::Established, Rule::SynCookieAck);
        self.connected(now);
        // An ACK that carries data completes the connection and delivers it (reference §7).
        if seg.len > 0 {
            self.tcb.rcv_nxt = self.tcb.rcv_nxt + seg.len;
            self.delivered(now, seg.len);
            self.send_ack(now, Why::AckData);
        }
        true
    }

    /// §3.10.7.3.
    fn on_syn_sent(&mut self, now: Instant, seg: &Segment) {
        // First: the ACK must acknowledge our SYN and nothing more.
        if seg.has_ack() && (seg.ack <= self.tcb.iss || seg.ack > self.tcb.snd_nxt) {
            if !seg.rst() {
                self.transmit(now, seg.reset_reply(), false, Why::ResetBadAckSynSent);
                // Linux: "Previous FIN/ACK or RST/ACK might be ignored", so retry
                // the SYN at TCP_TIMEOUT_MIN if it has not been retransmitted yet.
                if let Some(soon) = self.cfg.timers.syn_sent_bad_ack_rearm {
                    if self.tcb.timeouts == 0 {
                        self.arm(now, TimerKind::SynRetransmit, soon);
                    }
                }
                return;
            }
            return self.discard(now, Discard::RstUnacceptable);
        }
        // Second: an RST counts only if it acknowledges our SYN.
        if seg.rst() {
            if !seg.has_ack() {
                return self.discard(now, Discard::RstUnacceptable);
            }
            self.clear_timers(now);
            return self.fail(now, Errno::ECONNREFUSED, Rule::RstInSynSent);
        }
        // Fourth: the SYN.
        if !seg.syn() {
            // An ACK without SYN, or plain data: drop (Linux discard_and_undo).
            return self.discard(now, Discard::NoSynInSynSent);
        }
        self.tcb.irs = seg.seq;
        self.tcb.rcv_nxt = seg.seq + 1;
        self.take_peer_timestamps(seg);
        self.tcb.snd_wnd = u32::from(seg.window);
        if seg.has_ack() {
            self.on_new_ack(now, seg.ack);
            self.tcb.ts_ok = seg.timestamps.is_some();
            let rule = if self.cfg.two_way {
                Rule::TwoWaySynAckInSynSent
            } else {
                Rule::SynAckInSynSent
            };
            self.set_state(now, State::Established, rule);
            self.connected(now);
            if !self.tcb.in_flight.is_empty() {
                // The SYN's data was not taken (no Fast Open): Linux sends it
                // again at once (tcp_rcv_fastopen_synack).
                self.retransmit_head(now, Why::SynDataAgain);
                self.arm_rtx(now, TimerKind::Retransmit);
            // The third segment: carries queued data if the application wrote
            // some. A two-way scheme has no third segment.
            } else if !self.push_data_first(now, Why::CompleteHandshakeWithData)
                && !self.cfg.two_way
            {
                let ack = self.segment(now, Flags::ACK, self.tcb.snd_nxt, 0);
                self.transmit(now, ack, false, Why::CompleteHandshake);
            }
            self.push_data(now);
        } else {
            // Crossed SYNs (Fig. 7): SYN-ACK with the same ISS; the SYN timer keeps running.
            self.tcb.opener = Some(Opener::Active);
            self.set_state(now, State::SynReceived, Rule::SynInSynSent);
            let syn_ack = self.syn_segment(now, Flags::SYN | Flags::ACK);
            self.transmit(now, syn_ack, false, Why::SimultaneousOpen);
        }
    }

    /// §3.10.7.4: SYN-RECEIVED and the synchronized states.
    fn on_synchronized(&mut self, now: Instant, seg: &Segment) {
        let passive_syn_rcvd =
            self.state == State::SynReceived && self.tcb.opener == Some(Opener::Passive);

        // Linux tcp_check_req: a retransmitted SYN (SEG.SEQ = IRS) re-sends the SYN-ACK
        // and restarts the timer. (RFC 9293 would send a bare ACK, which the client drops.)
        if passive_syn_rcvd
            && self.cfg.timers.preset == Preset::Linux
            && seg.flags == Flags::SYN
            && seg.seq == self.tcb.irs
        {
            if self.oow_rate_limited(now) {
                return self.discard(now, Discard::RateLimited);
            }
            self.retransmit_head(now, Why::SynAckForRetransmittedSyn);
            return self.arm_rtx(now, TimerKind::SynAckRetransmit);
        }

        // Simultaneous open: the peer's SYN-ACK repeats a SYN we already have.
        // Linux accepts it directly (tcp_validate_incoming "goto pass").
        if self.state == State::SynReceived
            && self.tcb.opener == Some(Opener::Active)
            && seg.syn()
            && seg.has_ack()
            && !seg.rst()
            && seg.seq == self.tcb.irs
        {
            if self.tcb.snd_una < seg.ack && seg.ack <= self.tcb.snd_nxt {
                self.on_new_ack(now, seg.ack);
                self.tcb.ts_ok = seg.timestamps.is_some();
                self.set_state(now, State::Established, Rule::SynAckInSynReceived);
                self.connected(now);
                // tcp_data_queue finds the repeated SYN old and reports it
                // as a D-SACK block (RFC 2883), when both offered SACK.
                let irs = self.tcb.irs;
                self.report_duplicate(irs, irs + 1);
                let ack = self.segment(now, Flags::ACK, self.tcb.snd_nxt, 0);
                self.transmit(now, ack, false, Why::AckDuplicateSyn);
                return self.push_data(now);
            }
            return self.discard(now, Discard::BadAck);
        }

        self.heard_from_peer(now);

        // First: sequence number acceptability.
        if !self.acceptable(seg) {
            if seg.rst() {
                return self.discard(now, Discard::RstUnacceptable);
            }
            let why = if seg.syn() && self.state.is_synchronized() {
                Why::ChallengeAckSyn
            } else if seg.seg_len() == 0 && seg.seq + 1 == self.tcb.rcv_nxt {
                Why::KeepaliveAck
            } else {
                Why::OutOfWindow
            };
            // tcp_send_dupack: old data (or FIN) comes back as a D-SACK.
            if seg.seg_len() > 0 && seg.seq < self.tcb.rcv_nxt && !seg.syn() {
                let end = seg.seq + seg.seg_len();
                let rcv_nxt = self.tcb.rcv_nxt;
                self.report_duplicate(seg.seq, end.min(rcv_nxt));
            }
            // Linux rate-limits these ACKs for SYNs and pure ACKs, not for data.
            if (seg.syn() || seg.len == 0) && self.oow_rate_limited(now) {
                return self.discard(now, Discard::RateLimited);
            }
            return self.send_ack(now, why);
        }

        // Second: RST (RFC 5961: exactly RCV.NXT resets, else challenge).
        if seg.rst() {
            if seg.seq != self.tcb.rcv_nxt {
                if self.oow_rate_limited(now) {
                    return self.discard(now, Discard::RateLimited);
                }
                return self.send_ack(now, Why::ChallengeAckRst);
            }
            self.clear_timers(now);
            return match (self.state, self.tcb.opener) {
                (State::SynReceived, Some(Opener::Passive)) => {
                    self.reset_tcb();
                    self.set_state(now, State::Listen, Rule::RstInPassiveSynReceived);
                }
                (State::SynReceived, _) => {
                    self.fail(now, Errno::ECONNREFUSED, Rule::RstInActiveSynReceived)
                }
                (State::CloseWait, _) => self.fail(now, Errno::EPIPE, Rule::RstInSynchronized),
                (State::Closing | State::LastAck | State::TimeWait, _) => {
                    self.reset_tcb();
                    self.set_state(now, State::Closed, Rule::RstInSynchronized);
                }
                _ => self.fail(now, Errno::ECONNRESET, Rule::RstInSynchronized),
            };
        }

        // Fourth: a SYN in the window.
        if seg.syn() {
            if passive_syn_rcvd {
                self.clear_timers(now);
                self.reset_tcb();
                self.set_state(now, State::Listen, Rule::SynInPassiveSynReceived);
            } else if self.oow_rate_limited(now) {
                self.discard(now, Discard::RateLimited);
            } else {
                self.send_ack(now, Why::ChallengeAckSyn);
            }
            return;
        }

        // Fifth: the ACK field.
        if !seg.has_ack() {
            return self.discard(now, Discard::NoAck);
        }
        // RFC 7323 §4.3 (Linux tcp_replace_ts_recent, from tcp_ack): an ACK
        // that is not old, on a segment that starts at or before RCV.NXT,
        // gives the TSval our next segments echo.
        if let Some(ts) = seg.timestamps {
            let ack_ok = seg.ack >= self.tcb.snd_una && seg.ack <= self.tcb.snd_nxt;
            let newer = ts.tsval.wrapping_sub(self.tcb.ts_recent) as i32 >= 0;
            if ack_ok && newer && seg.seq <= self.tcb.rcv_nxt {
                self.tcb.ts_recent = ts.tsval;
            }
        }
        // Both sides offer window scaling 7 (Linux): after the SYNs the
        // window field counts units of 128 bytes.
        self.tcb.snd_wnd = u32::from(seg.window) << WINDOW_SCALE;
        if self.state == State::SynReceived {
            if !(self.tcb.snd_una < seg.ack && seg.ack <= self.tcb.snd_nxt) {
                return self.transmit(now, seg.reset_reply(), false, Why::ResetBadAckSynReceived);
            }
            self.on_new_ack(now, seg.ack);
            self.set_state(now, State::Established, Rule::AckInSynReceived);
            self.connected(now);
            if self.tcb.fin_queued {
                self.set_state(now, State::FinWait1, Rule::CloseEstablished);
            }
            self.push_data(now);
        } else if seg.ack > self.tcb.snd_nxt {
            return self.send_ack(now, Why::AckOfUnsent);
        } else if seg.ack > self.tcb.snd_una {
            self.on_new_ack(now, seg.ack);
            // The window has room again for data still queued.
            self.push_data(now);
        }
        let fin_acked = self.tcb.fin_sent && self.tcb.snd_una == self.tcb.snd_nxt;
        match self.state {
            State::FinWait1 if fin_acked => {
                self.set_state(now, State::FinWait2, Rule::FinAckedInFinWait1)
            }
            State::Closing if fin_acked => {
                self.enter_time_wait(now, Rule::AckInClosing);
            }
            State::LastAck if fin_acked => {
                self.clear_timers(now);
                self.reset_tcb();
                self.set_state(now, State::Closed, Rule::AckInLastAck);
                return;
            }
            _ => {}
        }

        // Seventh: segment text. A segment ahead of a gap is held and
        // answered with a duplicate ACK; when the gap fills, what was held
        // is delivered too and one ACK covers all of it.
        let mut ack_why = None;
        // Where a FIN that has been reached in order sits.
        let mut fin_at = seg.fin().then_some(seg.seq + seg.len);
        let receiving = matches!(
            self.state,
            State::Established | State::FinWait1 | State::FinWait2
        );
        if receiving && (seg.len > 0 || seg.fin()) && seg.seq > self.tcb.rcv_nxt {
            self.tcb.rx.hold(seg.seq, seg.len, seg.fin());
            fin_at = None;
            ack_why = Some(Why::AckOutOfOrder);
        } else if seg.len > 0 {
            let end = seg.seq + seg.len;
            let rcv_nxt = self.tcb.rcv_nxt;
            if seg.seq < rcv_nxt {
                // What we had already: reported as a D-SACK (tcp_data_queue).
                self.report_duplicate(seg.seq, end.min(rcv_nxt));
            }
            if receiving && end > rcv_nxt {
                // One read() returns this segment and all it made contiguous.
                let (nxt, held, fin) = self.tcb.rx.advance(end);
                self.tcb.rcv_nxt = nxt;
                self.delivered(now, (end - rcv_nxt) as u32 + held);
                fin_at = fin.or(fin_at);
            } else {
                // A duplicate: ACK what we have.
                fin_at = None;
            }
            ack_why = Some(Why::AckData);
        }

        // Eighth: FIN.
        let mut delay_ack = false;
        if fin_at == Some(self.tcb.rcv_nxt) {
            self.tcb.rcv_nxt = self.tcb.rcv_nxt + 1;
            ack_why = Some(Why::AckFin);
            match self.state {
                State::Established => {
                    self.set_state(now, State::CloseWait, Rule::FinReceived);
                    self.socket(now, Call::Recv, CallResult::Returned, None, 0);
                    // tcp_fin enters pingpong mode: the ACK waits for the
                    // delayed-ACK timer, and an application that closes
                    // first sends it on its own FIN (3 segments, not 4).
                    delay_ack = self.cfg.timers.preset == Preset::Linux;
                }
                State::FinWait1 => self.set_state(now, State::Closing, Rule::FinInFinWait1),
                State::FinWait2 => self.enter_time_wait(now, Rule::FinInFinWait2),
                State::TimeWait => self.enter_time_wait(now, Rule::FinInFinWait2),
                _ => {}
            }
        }
        match ack_why {
            Some(_) if delay_ack => self.arm(now, TimerKind::DelayedAck, DELAYED_ACK),
            Some(why) => self.send_ack(now, why),
            None => {}
        }
    }

    // ----------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------

    /// Something that arrived again is reported by the next segment's
    /// D-SACK block (RFC 2883), when SACK was agreed.
    fn report_duplicate(&mut self, start: SeqNum, end: SeqNum) {
        if self.tcb.sack_ok && self.state != State::TimeWait {
            self.tcb.rx.duplicate(start, end);
        }
    }

    /// RFC 9293 §3.4 Table 5.
    fn acceptable(&self, seg: &Segment) -> bool {
        let wnd = self.tcb.rcv_wnd;
        let in_window = |s: SeqNum| {
            let off = s - self.tcb.rcv_nxt;
            off >= 0 && (off as u32) < wnd
        };
        match (seg.seg_len(), wnd) {
            (0, 0) => seg.seq == self.tcb.rcv_nxt,
            (0, _) => in_window(seg.seq),
            (_, 0) => false,
            (n, _) => in_window(seg.seq) || in_window(seg.seq + (n - 1)),
        }
    }

    fn oow_rate_limited(&mut self, now: Instant) -> bool {
        if let Some(last) = self.tcb.last_oow_ack {
            if now.since(last) < OOW_RATE_LIMIT {
                return true;
            }
        }
        self.tcb.last_oow_ack = Some(now);
        false
    }

    /// SND.UNA advances: drop what is acknowledged, take an RTT sample, restart the timer.
    fn on_new_ack(&mut self, now: Instant, ack: SeqNum) {
        self.tcb.snd_una = ack;
        let mut sample = None;
        while let Some(head) = self.tcb.in_flight.front_mut() {
            if head.end() > ack {
                // Part of it is acknowledged (a SYN whose data was not taken):
                // what is left goes on as plain data.
                if ack > head.seq {
                    let mut acked = (ack - head.seq) as u32;
                    if head.syn {
                        head.syn = false;
                        acked -= 1;
                    }
                    head.seq = ack;
                    head.len -= acked.min(head.len);
                }
                break;
            }
            // Karn: no sample from a retransmitted segment, unless timestamps
            // identify the transmission (Linux, RFC 7323).
            if !head.retransmitted || self.cfg.timers.preset == Preset::Linux {
                sample = Some(now.since(head.last_sent));
            }
            self.tcb.in_flight.pop_front();
        }
        if let Some(rtt) = sample {
            self.tcb.rtt.sample(rtt, self.cfg.timers);
        }
        self.tcb.timeouts = 0;
        if let Some(t) = self.timers.cancel(Slot::Retransmit) {
            self.timer_event(now, t.kind, TimerAction::Cancelled, t.expires_at);
        }
        if !self.tcb.in_flight.is_empty() {
            self.arm_rtx(now, TimerKind::Retransmit);
        }
    }

    fn current_rto(&self, kind: TimerKind) -> Duration {
        match kind {
            TimerKind::SynRetransmit => self.cfg.timers.syn.gap(self.tcb.timeouts),
            TimerKind::SynAckRetransmit => self.cfg.timers.syn_ack.gap(self.tcb.timeouts),
            _ => self.tcb.rtt.rto(self.tcb.timeouts, self.cfg.timers),
        }
    }

    fn arm_rtx(&mut self, now: Instant, kind: TimerKind) {
        let rto = self.current_rto(kind);
        self.arm(now, kind, rto);
    }

    fn arm(&mut self, now: Instant, kind: TimerKind, after: Duration) {
        let armed = Armed {
            kind,
            armed_at: now,
            expires_at: now + after,
        };
        self.timers.arm(armed);
        self.timer_event(now, kind, TimerAction::Armed, armed.expires_at);
    }

    fn clear_timers(&mut self, now: Instant) {
        for t in self.timers.take_all() {
            self.timer_event(now, t.kind, TimerAction::Cancelled, t.expires_at);
        }
    }

    fn heard_from_peer(&mut self, now: Instant) {
        self.tcb.probes_out = 0;
        if let Some(ka) = self.cfg.keepalive {
            if self.state.is_synchronized() && self.timers.is_armed(Slot::Keepalive) {
                self.arm(now, TimerKind::Keepalive, ka.idle);
            }
        }
    }

    fn enter_time_wait(&mut self, now: Instant, rule: Rule) {
        for slot in [Slot::Retransmit, Slot::Keepalive] {
            if let Some(t) = self.timers.cancel(slot) {
                self.timer_event(now, t.kind, TimerAction::Cancelled, t.expires_at);
            }
        }
        if self.state != State::TimeWait {
            self.set_state(now, State::TimeWait, rule);
        }
        self.arm(now, TimerKind::TimeWait, self.cfg.timers.time_wait);
    }

    /// connect() returns, or accept() does, and keepalive starts counting.
    fn connected(&mut self, now: Instant) {
        if self.connect_pending {
            self.connect_pending = false;
            self.socket(now, Call::Connect, CallResult::Returned, None, 0);
        } else if !self.tcb.accepted {
            self.socket(now, Call::Accept, CallResult::Returned, None, 0);
        }
        if let Some(ka) = self.cfg.keepalive {
            self.arm(now, TimerKind::Keepalive, ka.idle);
        }
    }

    /// The socket fails: record the errno, fail a blocked connect(), go to CLOSED.
    fn fail(&mut self, now: Instant, errno: Errno, rule: Rule) {
        self.clear_timers(now);
        self.error = Some(errno);
        let call = if self.connect_pending {
            Call::Connect
        } else {
            Call::Recv
        };
        self.connect_pending = false;
        self.socket(now, call, CallResult::Failed, Some(errno), 0);
        self.reset_tcb();
        self.set_state(now, State::Closed, rule);
    }

    /// The connection is over: its variables go, whole.
    fn reset_tcb(&mut self) {
        self.tcb = Tcb::new(&self.cfg);
    }

    /// Choose our ISN (RFC 9293 §3.4.1) and put our SYN in flight.
    fn choose_iss(&mut self, now: Instant) {
        // A new connection: the last one's error belonged to its own socket.
        self.error = None;
        self.tcb.iss = self.isn_key.isn(now, self.cfg.local, self.cfg.remote);
        self.last_iss = self.tcb.iss;
        self.tcb.snd_una = self.tcb.iss;
        self.tcb.snd_nxt = self.tcb.iss;
        self.track_sent(now, 0, true, false);
    }

    /// A new segment at SND.NXT goes in flight; SND.NXT moves past it
    /// (payload, plus one each for SYN and FIN).
    fn track_sent(&mut self, now: Instant, len: u32, syn: bool, fin: bool) {
        let sent = InFlight {
            seq: self.tcb.snd_nxt,
            len,
            syn,
            fin,
            last_sent: now,
            retransmitted: false,
        };
        self.tcb.snd_nxt = sent.end();
        self.tcb.in_flight.push_back(sent);
    }

    /// Send queued data (and then a queued FIN) while the state allows it.
    fn push_data(&mut self, now: Instant) {
        if !matches!(
            self.state,
            State::Established | State::CloseWait | State::FinWait1 | State::LastAck
        ) {
            return;
        }
        while self.push_data_first(now, Why::Data) {}
        if self.tcb.fin_queued && !self.tcb.fin_sent && self.tcb.unsent == 0 {
            self.tcb.fin_sent = true;
            let fin = self.segment(now, Flags::FIN | Flags::ACK, self.tcb.snd_nxt, 0);
            self.track_sent(now, 0, false, true);
            self.transmit(now, fin, false, Why::Fin);
            if !self.timers.is_armed(Slot::Retransmit) {
                self.arm_rtx(now, TimerKind::Retransmit);
            }
        }
    }

    /// Send one MSS of queued data, if any and if the peer's window has
    /// room for it. Returns whether it sent.
    fn push_data_first(&mut self, now: Instant, why: Why) -> bool {
        if self.tcb.unsent == 0 {
            return false;
        }
        let len = self.tcb.unsent.min(u64::from(self.cfg.mss)) as u32;
        let in_flight = (self.tcb.snd_nxt - self.tcb.snd_una).max(0) as u32;
        // A whole segment or none (sender silly window avoidance, RFC 9293
        // §3.8.6.2.1); with nothing in flight it goes anyway, as a probe would.
        if in_flight > 0 && in_flight.saturating_add(len) > self.tcb.snd_wnd {
            return false;
        }
        self.tcb.unsent -= u64::from(len);
        let seg = self.segment(now, Flags::PSH | Flags::ACK, self.tcb.snd_nxt, len);
        self.track_sent(now, len, false, false);
        self.transmit(now, seg, false, why);
        if !self.timers.is_armed(Slot::Retransmit) {
            self.arm_rtx(now, TimerKind::Retransmit);
        }
        true
    }

    /// Retransmit the oldest unacknowledged segment.
    fn retransmit_head(&mut self, now: Instant, why: Why) {
        let Some(head) = self.tcb.in_flight.front_mut() else {
            return;
        };
        head.last_sent = now;
        head.retransmitted = true;
        let head = *head;
        let seg = if head.syn {
            let flags = if self.state == State::SynReceived {
                Flags::SYN | Flags::ACK
            } else {
                Flags::SYN
            };
            self.syn_segment(now, flags)
        } else {
            let mut flags = Flags::ACK;
            if head.fin {
                flags |= Flags::FIN;
            }
            if head.len > 0 {
                flags |= Flags::PSH;
            }
            self.segment(now, flags, head.seq, head.len)
        };
        self.transmit(now, seg, true, why);
    }

    fn send_ack(&mut self, now: Instant, why: Why) {
        let ack = self.segment(now, Flags::ACK, self.tcb.snd_nxt, 0);
        self.transmit(now, ack, false, why);
    }

    /// What the peer's segment says of timestamps, and its SYN of SACK.
    fn take_peer_timestamps(&mut self, seg: &Segment) {
        if seg.syn() {
            self.tcb.peer_offered_ts = seg.timestamps.is_some();
            // Our SYNs always offer SACK.
            self.tcb.sack_ok = seg.syn_options.is_some_and(|o| o.sack_permitted);
        }
        if let Some(ts) = seg.timestamps {
            self.tcb.ts_recent = ts.tsval;
        }
    }

    fn tsval(&self, now: Instant) -> u32 {
        (now.millis() as u32).wrapping_add(self.cfg.ts_offset)
    }

    fn window_field(&self) -> u16 {
        (self.tcb.rcv_wnd >> WINDOW_SCALE).min(u32::from(u16::MAX)) as u16
    }

    /// A non-SYN segment from this endpoint with the current ACK and window.
    fn segment(&mut self, now: Instant, flags: Flags, seq: SeqNum, len: u32) -> Segment {
        let mut seg = Segment::new(flags, seq, self.tcb.rcv_nxt);
        seg.len = len;
        seg.window = self.window_field();
        if self.tcb.ts_ok {
            seg.timestamps = Some(Timestamps {
                tsval: self.tsval(now),
                tsecr: self.tcb.ts_recent,
            });
        }
        // SACK blocks, as many as fit beside timestamps (tcp_established_options).
        if self.tcb.sack_ok && self.state != State::TimeWait {
            let room = if self.tcb.ts_ok { 3 } else { SackList::MAX };
            seg.sack = self.tcb.rx.take_blocks(room);
        }
        seg
    }

    /// A SYN or SYN-ACK: seq = ISS, unscaled window, Linux's options.
    fn syn_segment(&mut self, now: Instant, flags: Flags) -> Segment {
        let ack = if flags.contains(Flags::ACK) {
            self.tcb.rcv_nxt
        } else {
            SeqNum(0)
        };
        let mut seg = Segment::new(flags, self.tcb.iss, ack);
        seg.window = self.cfg.syn_window;
        // A client's SYN that carries data presents its Fast Open cookie, if it has one.
        let syn_data = self
            .tcb
            .in_flight
            .front()
            .filter(|f| f.syn)
            .map_or(0, |f| f.len);
        seg.len = if flags.contains(Flags::ACK) {
            0
        } else {
            syn_data
        };
        seg.syn_options = Some(SynOptions {
            mss: self.cfg.mss,
            sack_permitted: true,
            window_scale: WINDOW_SCALE,
            fast_open: self.cfg.fast_open && seg.len > 0,
        });
        // A SYN-ACK carries timestamps only if the SYN did (RFC 7323 §3.2).
        if !flags.contains(Flags::ACK) || self.tcb.peer_offered_ts {
            seg.timestamps = Some(Timestamps {
                tsval: self.tsval(now),
                tsecr: if flags.contains(Flags::ACK) {
                    self.tcb.ts_recent
                } else {
                    0
                },
            });
        }
        seg
    }

    fn transmit(&mut self, now: Instant, segment: Segment, retransmission: bool, why: Why) {
        // Whatever goes out acknowledges all we have: a held-back ACK is sent.
        if segment.flags.contains(Flags::ACK) {
            if let Some(t) = self.timers.cancel(Slot::DelayedAck) {
                self.timer_event(now, t.kind, TimerAction::Cancelled, t.expires_at);
            }
        }
        self.events.push_back((
            now,
            Event::Transmit {
                segment,
                retransmission,
                why,
            },
        ));
    }

    /// The arriving segment goes no further, and nothing answers it.
    fn discard(&mut self, now: Instant, reason: Discard) {
        self.events.push_back((now, Event::Discarded { reason }));
    }

    /// Every state change goes through here, so none goes unrecorded.
    fn set_state(&mut self, now: Instant, to: State, rule: Rule) {
        let from = self.state;
        self.state = to;
        if to == State::Closed || to == State::Listen {
            self.tcb.opener = None;
        }
        self.events
            .push_back((now, Event::State { from, to, rule }));
    }

    fn timer_event(
        &mut self,
        now: Instant,
        kind: TimerKind,
        action: TimerAction,
        expires_at: Instant,
    ) {
        self.events.push_back((
            now,
            Event::Timer {
                kind,
                action,
                expires_at,
            },
        ));
    }

    /// The application reads `bytes` of data.
    fn delivered(&mut self, now: Instant, bytes: u32) {
        self.socket(
            now,
            Call::Recv,
            CallResult::Returned,
            None,
            u64::from(bytes),
        );
    }

    fn socket(
        &mut self,
        now: Instant,
        call: Call,
        result: CallResult,
        errno: Option<Errno>,
        bytes: u64,
    ) {
        self.events.push_back((
            now,
            Event::Socket {
                call,
                result,
                errno,
                bytes,
            },
        ));
    }
}

//! Why things happen: the reason behind each segment and the RFC rule behind
//! each state change. `code()` is a stable key (the UI translates by it);
//! `Display` is the English sentence the trace carries.

use crate::time::Duration;
use crate::timer::TimerKind;
use core::fmt;
use serde::Serialize;

/// Why a segment was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// connect(): the active OPEN's SYN.
    Connect,
    /// A retransmission timer expired.
    Retransmit { timer: TimerKind, rto: Duration },
    /// SYN arrived in LISTEN.
    SynInListen,
    /// Linux re-sends the SYN-ACK when the SYN arrives again (tcp_check_req).
    SynAckForRetransmittedSyn,
    /// Crossed SYNs: SYN-ACK with our own ISN again (RFC 9293 Fig. 7).
    SimultaneousOpen,
    /// The third segment of the handshake.
    CompleteHandshake,
    /// The third segment, carrying data the application wrote before the handshake finished.
    CompleteHandshakeWithData,
    /// Acknowledging a SYN-ACK whose SYN we already had (simultaneous open).
    AckDuplicateSyn,
    /// The application wrote data.
    Data,
    /// Acknowledging data received.
    AckData,
    /// Data arrived ahead of a gap: it is held, and the ACK repeats what is missing.
    AckOutOfOrder,
    /// Acknowledging the peer's FIN.
    AckFin,
    /// close(): our FIN.
    Fin,
    /// RFC 5961 challenge ACK for a SYN in a synchronized state.
    ChallengeAckSyn,
    /// RFC 5961 challenge ACK for an in-window RST that is not exactly RCV.NXT.
    ChallengeAckRst,
    /// An unacceptable (old or out-of-window) segment draws an ACK (§3.10.7.4).
    OutOfWindow,
    /// The answer to a keepalive probe (which is below RCV.NXT on purpose).
    KeepaliveAck,
    /// An ACK that acknowledges data never sent draws an ACK (§3.10.7.4).
    AckOfUnsent,
    /// A segment for no connection: reset (§3.10.7.1).
    ResetClosed,
    /// An ACK arrived in LISTEN: reset (§3.10.7.2).
    ResetListenAck,
    /// A bad ACK in SYN-SENT, e.g. the SYN-ACK to an old duplicate (§3.10.7.3).
    ResetBadAckSynSent,
    /// A bad ACK in SYN-RECEIVED (§3.10.7.4).
    ResetBadAckSynReceived,
    /// A keepalive probe, the n-th of `of`.
    KeepaliveProbe { n: u32, of: u32 },
    /// No answer to the keepalive probes: reset and ETIMEDOUT.
    KeepaliveGiveUp,
    /// A stale segment put into the network by the scenario.
    Injected,
    /// A student playing this side chose to send it (an exercise).
    Played,
    /// Two-way mode: the server answers SYN-ACK and considers itself open.
    TwoWaySynAck,
    /// SYN-ACK to a SYN whose data was dropped (no valid Fast Open cookie).
    SynAckDataDropped,
    /// SYN-ACK to a SYN with a valid Fast Open cookie: its data is taken.
    SynAckFastOpen,
    /// The SYN's data was not acknowledged: send it again after the handshake.
    SynDataAgain,
    /// The SYN queue is full: answer with a SYN cookie and keep no state.
    SynCookie,
    /// tcp_syncookies = 2: every SYN is answered with a cookie.
    SynCookieAlways,
    /// Read from a capture file whose flags say nothing more certain.
    Captured,
}

impl Why {
    pub fn code(&self) -> &'static str {
        match self {
            Why::Connect => "connect",
            Why::Retransmit { .. } => "retransmit",
            Why::SynInListen => "syn-in-listen",
            Why::SynAckForRetransmittedSyn => "synack-for-retransmitted-syn",
            Why::SimultaneousOpen => "simultaneous-open",
            Why::CompleteHandshake => "complete-handshake",
            Why::CompleteHandshakeWithData => "complete-handshake-data",
            Why::AckDuplicateSyn => "ack-duplicate-syn",
            Why::Data => "data",
            Why::AckData => "ack-data",
            Why::AckOutOfOrder => "ack-out-of-order",
            Why::AckFin => "ack-fin",
            Why::Fin => "fin",
            Why::ChallengeAckSyn => "challenge-ack-syn",
            Why::ChallengeAckRst => "challenge-ack-rst",
            Why::OutOfWindow => "out-of-window",
            Why::KeepaliveAck => "keepalive-ack",
            Why::AckOfUnsent => "ack-of-unsent",
            Why::ResetClosed => "reset-closed",
            Why::ResetListenAck => "reset-listen-ack",
            Why::ResetBadAckSynSent => "reset-bad-ack-syn-sent",
            Why::ResetBadAckSynReceived => "reset-bad-ack-syn-received",
            Why::KeepaliveProbe { .. } => "keepalive-probe",
            Why::KeepaliveGiveUp => "keepalive-give-up",
            Why::Injected => "injected",
            Why::Played => "played",
            Why::TwoWaySynAck => "two-way-syn-ack",
            Why::SynAckDataDropped => "synack-data-dropped",
            Why::SynAckFastOpen => "synack-fast-open",
            Why::SynDataAgain => "syn-data-again",
            Why::SynCookie => "syn-cookie",
            Why::SynCookieAlways => "syn-cookie-always",
            Why::Captured => "captured",
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::english::sentence("why_", self.code());
        match self {
            Why::Retransmit { timer, rto } => f.write_str(
                &text
                    .replace("{rto}", &rto.to_string())
                    .replace("{timer}", &format!("{} timer", timer.name())),
            ),
            Why::KeepaliveProbe { n, of } => f.write_str(
                &text
                    .replace("{n}", &n.to_string())
                    .replace("{of}", &of.to_string()),
            ),
            _ => f.write_str(text),
        }
    }
}

impl Serialize for Why {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The RFC 9293 rule (or Linux behaviour) behind a state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    PassiveOpen,
    ActiveOpen,
    SynInListen,
    SynAckInSynSent,
    SynInSynSent,
    AckInSynReceived,
    SynAckInSynReceived,
    SynInPassiveSynReceived,
    RstInSynSent,
    RstInPassiveSynReceived,
    RstInActiveSynReceived,
    RstInSynchronized,
    SynTimeout,
    SynAckTimeout,
    RetransmitTimeout,
    KeepaliveTimeout,
    CloseEstablished,
    CloseInCloseWait,
    CloseAbort,
    FinReceived,
    FinInFinWait1,
    FinAckedInFinWait1,
    FinInFinWait2,
    AckInClosing,
    AckInLastAck,
    TimeWaitExpired,
    HostCrash,
    ListenerTakesSyn,
    TwoWayOpen,
    TwoWaySynAckInSynSent,
    SynCookieAck,
}

impl Rule {
    pub fn code(&self) -> &'static str {
        match self {
            Rule::PassiveOpen => "passive-open",
            Rule::ActiveOpen => "active-open",
            Rule::SynInListen => "syn-in-listen",
            Rule::SynAckInSynSent => "synack-in-syn-sent",
            Rule::SynInSynSent => "syn-in-syn-sent",
            Rule::AckInSynReceived => "ack-in-syn-received",
            Rule::SynAckInSynReceived => "synack-in-syn-received",
            Rule::SynInPassiveSynReceived => "syn-in-passive-syn-received",
            Rule::RstInSynSent => "rst-in-syn-sent",
            Rule::RstInPassiveSynReceived => "rst-in-passive-syn-received",
            Rule::RstInActiveSynReceived => "rst-in-active-syn-received",
            Rule::RstInSynchronized => "rst-in-synchronized",
            Rule::SynTimeout => "syn-timeout",
            Rule::SynAckTimeout => "synack-timeout",
            Rule::RetransmitTimeout => "retransmit-timeout",
            Rule::KeepaliveTimeout => "keepalive-timeout",
            Rule::CloseEstablished => "close-established",
            Rule::CloseInCloseWait => "close-in-close-wait",
            Rule::CloseAbort => "close-abort",
            Rule::FinReceived => "fin-received",
            Rule::FinInFinWait1 => "fin-in-fin-wait-1",
            Rule::FinAckedInFinWait1 => "fin-acked-in-fin-wait-1",
            Rule::FinInFinWait2 => "fin-in-fin-wait-2",
            Rule::AckInClosing => "ack-in-closing",
            Rule::AckInLastAck => "ack-in-last-ack",
            Rule::TimeWaitExpired => "time-wait-expired",
            Rule::HostCrash => "host-crash",
            Rule::ListenerTakesSyn => "listener-takes-syn",
            Rule::TwoWayOpen => "two-way-open",
            Rule::TwoWaySynAckInSynSent => "two-way-synack-in-syn-sent",
            Rule::SynCookieAck => "syn-cookie-ack",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::english::sentence("rule_", self.code()))
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The socket errors an application sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Errno {
    ETIMEDOUT,
    ECONNREFUSED,
    ECONNRESET,
    EPIPE,
}

impl Errno {
    pub fn name(self) -> &'static str {
        match self {
            Errno::ETIMEDOUT => "ETIMEDOUT",
            Errno::ECONNREFUSED => "ECONNREFUSED",
            Errno::ECONNRESET => "ECONNRESET",
            Errno::EPIPE => "EPIPE",
        }
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The application's socket calls, as the article tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Call {
    Listen,
    Connect,
    Accept,
    Send,
    Recv,
    Close,
}

impl Call {
    /// The C library name: recv() is shown as `read`, as the article writes it.
    pub fn c_name(self) -> &'static str {
        match self {
            Call::Listen => "listen",
            Call::Connect => "connect",
            Call::Accept => "accept",
            Call::Send => "send",
            Call::Recv => "read",
            Call::Close => "close",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CallResult {
    /// The call was made (and, for connect(), blocks).
    Called,
    /// The call returned successfully.
    Returned,
    /// The call, or the socket, failed with an errno.
    Failed,
}

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
            Why::TwoWaySynAck => "two-way-syn-ack",
            Why::SynAckDataDropped => "synack-data-dropped",
            Why::SynAckFastOpen => "synack-fast-open",
            Why::SynDataAgain => "syn-data-again",
            Why::SynCookie => "syn-cookie",
            Why::Captured => "captured",
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Connect => f.write_str("connect(): SYN starts the handshake"),
            Why::Retransmit { timer, rto } => {
                write!(f, "retransmission after RTO {rto} ({} timer)", timer.name())
            }
            Why::SynInListen => f.write_str("SYN arrived in LISTEN: answer with SYN-ACK"),
            Why::SynAckForRetransmittedSyn => f.write_str(
                "the SYN arrived again in SYN-RECEIVED: Linux sends the SYN-ACK again at once",
            ),
            Why::SimultaneousOpen => f.write_str(
                "SYN arrived in SYN-SENT (simultaneous open): SYN-ACK with our same ISN",
            ),
            Why::CompleteHandshake => {
                f.write_str("SYN-ACK acknowledged our SYN: this ACK completes the handshake")
            }
            Why::CompleteHandshakeWithData => {
                f.write_str("this ACK completes the handshake and carries the data already written")
            }
            Why::AckDuplicateSyn => {
                f.write_str("acknowledge the SYN-ACK (its SYN is one we already had)")
            }
            Why::Data => f.write_str("the application wrote data"),
            Why::AckData => f.write_str("acknowledge the data received: ack = next byte expected"),
            Why::AckOutOfOrder => f.write_str(
                "data arrived ahead of a gap: it is held, and a duplicate ACK names the next byte still missing",
            ),
            Why::AckFin => {
                f.write_str("acknowledge the peer's FIN (FIN takes one sequence number)")
            }
            Why::Fin => f.write_str("close(): FIN, no more data from this side"),
            Why::ChallengeAckSyn => {
                f.write_str("SYN in a synchronized state: challenge ACK (RFC 5961)")
            }
            Why::ChallengeAckRst => {
                f.write_str("RST in the window but not at RCV.NXT: challenge ACK (RFC 5961)")
            }
            Why::OutOfWindow => {
                f.write_str("unacceptable segment (old duplicate): send ACK and drop it")
            }
            Why::KeepaliveAck => f.write_str("answer the keepalive probe with an ACK"),
            Why::AckOfUnsent => f.write_str("the ACK acknowledges data never sent: send ACK, drop"),
            Why::ResetClosed => f.write_str("no connection for this segment (CLOSED): reset"),
            Why::ResetListenAck => f.write_str("an ACK arrived in LISTEN: reset"),
            Why::ResetBadAckSynSent => {
                f.write_str("bad ACK in SYN-SENT (it acknowledges a SYN we never sent): reset")
            }
            Why::ResetBadAckSynReceived => f.write_str("bad ACK in SYN-RECEIVED: reset"),
            Why::KeepaliveProbe { n, of } => {
                write!(f, "keepalive probe {n} of {of}: is the peer still there?")
            }
            Why::KeepaliveGiveUp => f.write_str(
                "no answer to the keepalive probes: reset, the socket fails with ETIMEDOUT",
            ),
            Why::Injected => f.write_str("an old duplicate from an earlier connection"),
            Why::TwoWaySynAck => {
                f.write_str("two-way mode: answer SYN-ACK and consider the connection open at once")
            }
            Why::SynAckDataDropped => f.write_str(
                "SYN arrived in LISTEN: answer SYN-ACK, acknowledging only the SYN: without a Fast Open cookie Linux drops its data",
            ),
            Why::SynAckFastOpen => f.write_str(
                "SYN with a valid Fast Open cookie: take its data at once and acknowledge it in the SYN-ACK",
            ),
            Why::SynDataAgain => f.write_str(
                "the SYN-ACK did not acknowledge the SYN's data: send it again now, after the handshake",
            ),
            Why::SynCookie => f.write_str(
                "the SYN queue is full: answer with a SYN cookie as the ISN and keep no state",
            ),
            Why::Captured => f.write_str("seen in the capture"),
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
        f.write_str(match self {
            Rule::PassiveOpen => "listen(): passive OPEN",
            Rule::ActiveOpen => "connect(): active OPEN, send SYN",
            Rule::SynInListen => "SYN arrives in LISTEN: send SYN-ACK",
            Rule::SynAckInSynSent => "SYN-ACK acknowledges our SYN in SYN-SENT: send ACK",
            Rule::SynInSynSent => "SYN arrives in SYN-SENT (simultaneous open): send SYN-ACK",
            Rule::AckInSynReceived => "ACK of our SYN arrives in SYN-RECEIVED",
            Rule::SynAckInSynReceived => "SYN-ACK acknowledges our SYN in SYN-RECEIVED",
            Rule::SynInPassiveSynReceived => {
                "SYN in the window in passive SYN-RECEIVED: return to LISTEN"
            }
            Rule::RstInSynSent => "RST acknowledging our SYN: connection refused",
            Rule::RstInPassiveSynReceived => "RST in passive SYN-RECEIVED: return to LISTEN",
            Rule::RstInActiveSynReceived => "RST in active SYN-RECEIVED: connection refused",
            Rule::RstInSynchronized => "RST at RCV.NXT: connection reset",
            Rule::SynTimeout => "SYN retransmissions exhausted: ETIMEDOUT",
            Rule::SynAckTimeout => "SYN-ACK retransmissions exhausted: request dropped silently",
            Rule::RetransmitTimeout => "retransmissions exhausted: ETIMEDOUT",
            Rule::KeepaliveTimeout => "keepalive probes unanswered: reset, ETIMEDOUT",
            Rule::CloseEstablished => "close() in ESTABLISHED: send FIN",
            Rule::CloseInCloseWait => "close() in CLOSE-WAIT: send FIN",
            Rule::CloseAbort => "close() before the connection was established: abort",
            Rule::FinReceived => "FIN arrives: ACK it, the application reads end of file",
            Rule::FinInFinWait1 => "FIN arrives in FIN-WAIT-1 (simultaneous close)",
            Rule::FinAckedInFinWait1 => "our FIN is acknowledged",
            Rule::FinInFinWait2 => "FIN arrives in FIN-WAIT-2: ACK it, wait 2·MSL",
            Rule::AckInClosing => "our FIN is acknowledged in CLOSING: wait 2·MSL",
            Rule::AckInLastAck => "our FIN is acknowledged in LAST-ACK: delete the TCB",
            Rule::TimeWaitExpired => "TIME-WAIT timer expired: delete the TCB",
            Rule::HostCrash => "the host crashed: the TCB is gone",
            Rule::ListenerTakesSyn => {
                "a new SYN: the listening socket, still open, takes it (LISTEN)"
            }
            Rule::TwoWayOpen => "two-way mode: SYN arrives in LISTEN: send SYN-ACK, open at once",
            Rule::TwoWaySynAckInSynSent => {
                "two-way mode: SYN-ACK acknowledges our SYN: open, with no third segment"
            }
            Rule::SynCookieAck => {
                "the ACK returns a valid SYN cookie: the connection is rebuilt from it, straight to ESTABLISHED"
            }
        })
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

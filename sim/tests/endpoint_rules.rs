//! One endpoint at a time, as smoltcp tests its sockets: a fixture in a
//! given state, one segment in, and the reply (or the silence, with its
//! reason) it must give. Each test is named for the RFC 9293 or Linux rule
//! it holds, so a broken rule fails by its name.

use synack_sim::config::SynCookies;
use synack_sim::endpoint::{Discard, Endpoint, EndpointConfig, Event, TimerAction};
use synack_sim::isn::IsnKey;
use synack_sim::segment::{Flags, Segment, SynOptions};
use synack_sim::seq::SeqNum;
use synack_sim::side::{Addr, Side};
use synack_sim::syncookie::CookieJar;
use synack_sim::timer::{TimerKind, TimerProfile};
use synack_sim::why::Errno;
use synack_sim::{Duration, Instant, Preset, State};

/// Our ISN at time 0 (it advances with the 4 µs clock), and the peer's.
const ISS: u32 = 1_000;
const IRS: u32 = 5_000;

struct Fixture {
    ep: Endpoint,
    now: Instant,
}

/// What the endpoint did with one input.
#[derive(Debug, Default)]
struct Outcome {
    sent: Vec<Segment>,
    states: Vec<State>,
    discarded: Option<Discard>,
    armed: Vec<TimerKind>,
}

impl Outcome {
    /// The one segment sent.
    fn reply(&self) -> Segment {
        assert_eq!(self.sent.len(), 1, "one reply: {self:?}");
        self.sent[0]
    }
    fn silent(&self, why: Discard) {
        assert!(self.sent.is_empty(), "no reply: {self:?}");
        assert_eq!(self.discarded, Some(why));
    }
}

fn endpoint(side: Side, preset: Preset) -> Endpoint {
    let (client, server) = (
        Addr {
            ip: [192, 0, 2, 1],
            port: 50_000,
        },
        Addr {
            ip: [198, 51, 100, 1],
            port: 80,
        },
    );
    let (local, remote) = match side {
        Side::Client => (client, server),
        Side::Server => (server, client),
    };
    let cfg = EndpointConfig {
        side,
        local,
        remote,
        timers: TimerProfile::of(preset),
        keepalive: None,
        two_way: false,
        fast_open: false,
        backlog: 128,
        syncookies: SynCookies::WhenFull,
        cookie_jar: CookieJar::new(1, 2),
        syn_window: 64_240,
        mss: 1460,
        ts_offset: 0,
    };
    Endpoint::new(cfg, IsnKey::fixed(ISS))
}

/// A segment from the peer: `seq` and `ack` count from the peer's ISN and
/// ours (`iss`), as Wireshark's relative numbers do.
fn peer_segment(iss: SeqNum, flags: Flags, seq: u32, ack: u32) -> Segment {
    let mut s = Segment::new(flags, SeqNum(IRS) + seq, iss + ack);
    s.window = 502;
    if flags.contains(Flags::SYN) {
        s.window = 65_160;
        s.syn_options = Some(SynOptions {
            mss: 1460,
            sack_permitted: true,
            window_scale: 7,
            fast_open: false,
        });
    }
    s
}

const SYN: Flags = Flags::SYN;
const ACK: Flags = Flags::ACK;
const RST: Flags = Flags::RST;
const FIN: Flags = Flags::FIN;

impl Fixture {
    fn new(side: Side, preset: Preset) -> Fixture {
        Fixture {
            ep: endpoint(side, preset),
            now: Instant::ZERO,
        }
    }
    fn closed() -> Fixture {
        Fixture::new(Side::Server, Preset::Linux)
    }
    fn listening() -> Fixture {
        let mut f = Fixture::closed();
        f.ep.listen(f.now);
        f.drain();
        f
    }
    fn syn_sent() -> Fixture {
        let mut f = Fixture::new(Side::Client, Preset::Linux);
        f.ep.connect(f.now);
        f.drain();
        f
    }
    fn syn_received() -> Fixture {
        let mut f = Fixture::listening();
        f.send(SYN, 0, 0);
        f
    }
    fn established() -> Fixture {
        let mut f = Fixture::syn_received();
        f.send(ACK, 1, 1);
        assert_eq!(f.ep.state(), State::Established);
        f
    }
    fn fin_wait_1() -> Fixture {
        let mut f = Fixture::established();
        f.ep.close(f.now);
        f.drain();
        f
    }
    fn time_wait() -> Fixture {
        let mut f = Fixture::fin_wait_1();
        f.send(ACK, 1, 2);
        f.send(FIN | ACK, 1, 2);
        assert_eq!(f.ep.state(), State::TimeWait);
        f
    }
    fn close_wait() -> Fixture {
        let mut f = Fixture::established();
        f.send(FIN | ACK, 1, 1);
        assert_eq!(f.ep.state(), State::CloseWait);
        f
    }

    /// A segment from the peer, numbered relative to both ISNs.
    fn peer(&self, flags: Flags, seq: u32, ack: u32) -> Segment {
        peer_segment(self.ep.iss(), flags, seq, ack)
    }
    /// A segment we sent, numbered relative to both ISNs.
    fn rel(&self, s: &Segment) -> (Flags, u32, u32) {
        (
            s.flags,
            s.seq.0.wrapping_sub(self.ep.iss().0),
            s.ack.0.wrapping_sub(IRS),
        )
    }
    /// A segment from the peer arrives 10 ms after the last input.
    fn send(&mut self, flags: Flags, seq: u32, ack: u32) -> Outcome {
        let seg = self.peer(flags, seq, ack);
        self.recv(seg)
    }
    /// One segment arrives 10 ms after the last input.
    fn recv(&mut self, seg: Segment) -> Outcome {
        self.now = self.now + Duration::from_millis(10);
        self.ep.handle_segment(self.now, &seg);
        self.drain()
    }
    fn drain(&mut self) -> Outcome {
        let mut out = Outcome::default();
        while let Some((_, ev)) = self.ep.poll_event() {
            match ev {
                Event::Transmit { segment, .. } => out.sent.push(segment),
                Event::State { to, .. } => out.states.push(to),
                Event::Discarded { reason } => out.discarded = Some(reason),
                Event::Timer {
                    kind,
                    action: TimerAction::Armed,
                    ..
                } => out.armed.push(kind),
                _ => {}
            }
        }
        out
    }
}

// ---- CLOSED (RFC 9293 §3.10.7.1) ----

#[test]
fn closed_answers_a_syn_with_rst_ack_of_its_sequence_space() {
    let s = Fixture::closed().send(SYN, 0, 0).reply();
    assert_eq!(
        (s.flags, s.seq, s.ack),
        (RST | ACK, SeqNum(0), SeqNum(IRS + 1))
    );
}

#[test]
fn closed_answers_an_ack_with_rst_at_its_ack() {
    let mut f = Fixture::closed();
    let s = f.send(ACK, 1, 7).reply();
    assert_eq!(f.rel(&s).0, RST);
    assert_eq!(f.rel(&s).1, 7);
}

#[test]
fn closed_never_answers_an_rst() {
    Fixture::closed()
        .send(RST, 1, 0)
        .silent(Discard::RstNoConnection);
}

// ---- LISTEN (§3.10.7.2) ----

#[test]
fn listen_answers_a_syn_with_syn_ack_from_its_iss() {
    let mut f = Fixture::listening();
    let out = f.send(SYN, 0, 0);
    assert_eq!(f.rel(&out.reply()), (SYN | ACK, 0, 1));
    assert_eq!(out.reply().seq, f.ep.iss());
    assert_eq!(out.states, [State::SynReceived]);
    assert_eq!(out.armed, [TimerKind::SynAckRetransmit]);
}

#[test]
fn listen_ignores_an_rst() {
    Fixture::listening()
        .send(RST, 0, 0)
        .silent(Discard::RstInListen);
}

#[test]
fn listen_answers_a_stray_ack_with_rst_at_its_ack() {
    let mut f = Fixture::listening();
    let stray = peer_segment(SeqNum(ISS), ACK, 1, 1);
    let s = f.recv(stray).reply();
    assert_eq!((s.flags, s.seq), (RST, stray.ack));
}

#[test]
fn listen_drops_syn_fin_as_linux_does() {
    Fixture::listening()
        .send(SYN | FIN, 0, 0)
        .silent(Discard::NotSynInListen);
}

// ---- SYN-SENT (§3.10.7.3) ----

#[test]
fn syn_sent_completes_on_a_syn_ack_of_its_syn() {
    let mut f = Fixture::syn_sent();
    let out = f.send(SYN | ACK, 0, 1);
    assert_eq!(f.rel(&out.reply()), (ACK, 1, 1));
    assert_eq!(out.states, [State::Established]);
}

#[test]
fn syn_sent_answers_an_unacceptable_ack_with_rst() {
    let mut f = Fixture::syn_sent();
    let s = f.send(SYN | ACK, 0, 9).reply();
    assert_eq!((f.rel(&s).0, f.rel(&s).1), (RST, 9));
}

#[test]
fn syn_sent_takes_an_rst_only_with_an_ack_of_its_syn() {
    Fixture::syn_sent()
        .send(RST, 0, 0)
        .silent(Discard::RstUnacceptable);
    let mut f = Fixture::syn_sent();
    let out = f.send(RST | ACK, 0, 1);
    assert_eq!(out.states, [State::Closed]);
    assert_eq!(f.ep.error(), Some(Errno::ECONNREFUSED));
}

#[test]
fn syn_sent_drops_anything_without_syn() {
    Fixture::syn_sent()
        .send(ACK, 1, 1)
        .silent(Discard::NoSynInSynSent);
}

#[test]
fn syn_sent_answers_a_crossing_syn_with_syn_ack_of_the_same_iss() {
    let mut f = Fixture::syn_sent();
    let out = f.send(SYN, 0, 0);
    assert_eq!(f.rel(&out.reply()), (SYN | ACK, 0, 1));
    assert_eq!(out.states, [State::SynReceived]);
}

// ---- SYN-RECEIVED ----

#[test]
fn syn_received_resends_syn_ack_for_a_repeated_syn_as_linux_does() {
    let mut f = Fixture::syn_received();
    let out = f.send(SYN, 0, 0);
    assert_eq!(f.rel(&out.reply()), (SYN | ACK, 0, 1));
    // A second within 500 ms is held back (tcp_oow_rate_limited).
    f.send(SYN, 0, 0).silent(Discard::RateLimited);
}

#[test]
fn syn_received_answers_an_ack_of_nothing_sent_with_rst() {
    let mut f = Fixture::syn_received();
    let s = f.send(ACK, 1, 5).reply();
    assert_eq!((f.rel(&s).0, f.rel(&s).1), (RST, 5));
}

#[test]
fn syn_received_returns_to_listen_on_an_rst() {
    let mut f = Fixture::syn_received();
    assert_eq!(f.send(RST, 1, 0).states, [State::Listen]);
}

// ---- ESTABLISHED (§3.10.7.4) ----

fn data(f: &Fixture, seq: u32, len: u32) -> Segment {
    let mut s = f.peer(ACK | Flags::PSH, seq, 1);
    s.len = len;
    s
}

#[test]
fn established_acknowledges_data_in_order() {
    let mut f = Fixture::established();
    let reply = f.recv(data(&f, 1, 100)).reply();
    assert_eq!(f.rel(&reply), (ACK, 1, 101));
    assert!(reply.sack.is_empty());
}

#[test]
fn established_reports_data_beyond_a_gap_with_a_sack_block() {
    let mut f = Fixture::established();
    let reply = f.recv(data(&f, 101, 100)).reply();
    assert_eq!(f.rel(&reply), (ACK, 1, 1), "a duplicate ACK");
    let b = reply.sack.as_slice();
    assert_eq!((b[0].left, b[0].right), (IRS + 101, IRS + 201));
}

#[test]
fn established_reports_old_data_again_with_a_dsack() {
    let mut f = Fixture::established();
    f.recv(data(&f, 1, 100));
    let reply = f.recv(data(&f, 1, 100)).reply();
    assert_eq!(f.rel(&reply), (ACK, 1, 101));
    let b = reply.sack.as_slice();
    assert_eq!((b.len(), b[0].left, b[0].right), (1, IRS + 1, IRS + 101));
}

#[test]
fn established_challenges_an_rst_in_the_window_but_not_at_rcv_nxt() {
    let mut f = Fixture::established();
    let reply = f.send(RST, 50, 0).reply();
    assert_eq!(f.rel(&reply), (ACK, 1, 1));
}

#[test]
fn established_resets_on_an_rst_exactly_at_rcv_nxt() {
    let mut f = Fixture::established();
    assert_eq!(f.send(RST, 1, 0).states, [State::Closed]);
    assert_eq!(f.ep.error(), Some(Errno::ECONNRESET));
}

#[test]
fn established_drops_an_rst_outside_the_window() {
    Fixture::established()
        .send(RST, 1_000_000, 0)
        .silent(Discard::RstUnacceptable);
}

#[test]
fn established_challenges_a_syn_once_per_500_ms() {
    let mut f = Fixture::established();
    let reply = f.send(SYN, 0, 0).reply();
    assert_eq!(f.rel(&reply), (ACK, 1, 1));
    f.send(SYN, 0, 0).silent(Discard::RateLimited);
}

#[test]
fn established_drops_a_segment_without_ack() {
    let mut f = Fixture::established();
    let mut s = f.peer(Flags::PSH, 1, 0);
    s.len = 10;
    f.recv(s).silent(Discard::NoAck);
}

#[test]
fn established_waits_to_acknowledge_a_fin_as_linux_does() {
    let mut f = Fixture::established();
    let out = f.send(FIN | ACK, 1, 1);
    assert!(out.sent.is_empty(), "{out:?}");
    assert_eq!(out.states, [State::CloseWait]);
    assert_eq!(out.armed, [TimerKind::DelayedAck]);
}

#[test]
fn close_wait_closes_with_a_fin_that_carries_the_ack() {
    let mut f = Fixture::close_wait();
    f.ep.close(f.now);
    let out = f.drain();
    assert_eq!(f.rel(&out.reply()), (FIN | ACK, 1, 2));
    assert_eq!(out.states, [State::LastAck]);
}

// ---- Closing ----

#[test]
fn fin_wait_1_moves_to_fin_wait_2_when_its_fin_is_acknowledged() {
    let mut f = Fixture::fin_wait_1();
    assert_eq!(f.send(ACK, 1, 2).states, [State::FinWait2]);
}

#[test]
fn last_ack_closes_when_its_fin_is_acknowledged() {
    let mut f = Fixture::close_wait();
    f.ep.close(f.now);
    f.drain();
    assert_eq!(f.send(ACK, 2, 2).states, [State::Closed]);
}

#[test]
fn time_wait_acknowledges_a_repeated_fin_without_sack() {
    let mut f = Fixture::time_wait();
    let reply = f.send(FIN | ACK, 1, 2).reply();
    assert_eq!(f.rel(&reply), (ACK, 2, 2));
    assert!(
        reply.sack.is_empty(),
        "a TIME-WAIT socket keeps no SACK state"
    );
}

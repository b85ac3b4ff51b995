//! The discrete-event loop: two endpoints, two links, the applications'
//! scripts, and a clock that jumps from one event to the next.
//!
//! Tie rule: events at the same instant run in the order arrivals, then
//! application calls, then timers; within one class, in the order they were
//! scheduled (client timers before server timers). So a segment that arrives
//! exactly when a timer expires is processed first, as in the reference's
//! scenarios, and the run is identical on every platform.

use crate::config::{Config, ConfigError, Dir, Inject, SynCookies};
use crate::endpoint::{Endpoint, EndpointConfig, Event, SpoofedSyn, TimerAction};
use crate::isn::IsnKey;
use crate::network::{Fate, Link, Rules};
use crate::play::{Decision, PlayTrace, Puppet, Suggested};
use crate::run_rng::RunRng;
use crate::segment::{Flags, Segment};
use crate::seq::SeqNum;
use crate::side::{Addr, Side};
use crate::syncookie::CookieJar;
use crate::time::{Duration, Instant};
use crate::timer::{Keepalive, TimerProfile};
use crate::timer_table::Slot;
use crate::trace::{
    CallRecord, EndpointOutcome, Outcome, SegmentRecord, StateChange, TimerRecord, Trace,
};
use crate::trace::{FloodPoint, FloodTrace};
use crate::why::{Call, CallResult, Why};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub const CLIENT_ADDR: Addr = Addr {
    ip: [192, 0, 2, 1],
    port: 50000,
};
pub const SERVER_ADDR: Addr = Addr {
    ip: [198, 51, 100, 1],
    port: 80,
};

/// Event classes in tie order.
const ARRIVAL: u8 = 0;
const APP: u8 = 1;
const TIMER: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AppAction {
    Listen,
    Connect,
    ConnectWithData(u32),
    Send(u32),
    Close,
    Crash { reboot: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    /// Segment `id` of the trace reaches `to` (the record holds the segment:
    /// a small queue entry is cheaper to keep in order).
    Arrival {
        to: Side,
        id: usize,
    },
    App {
        side: Side,
        action: AppAction,
    },
    Inject(usize),
    /// The k-th spoofed SYN of a flood reaches the server.
    Spoofed(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Scheduled {
    at: Instant,
    class: u8,
    order: u64,
    what: What,
}

impl Ord for Scheduled {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.at, self.class, self.order).cmp(&(o.at, o.class, o.order))
    }
}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

fn ms(v: f64) -> Instant {
    Instant::ZERO + Duration::from_ms_f64(v)
}

fn keepalive(k: &Option<crate::config::KeepaliveConfig>) -> Option<Keepalive> {
    k.as_ref().map(|k| Keepalive {
        idle: Duration::from_secs_f64(k.idle_s),
        interval: Duration::from_secs_f64(k.interval_s),
        probes: k.probes,
    })
}

struct Sim<'c> {
    cfg: &'c Config,
    now: Instant,
    client: Endpoint,
    server: Endpoint,
    c2s: Link,
    s2c: Link,
    queue: BinaryHeap<Reverse<Scheduled>>,
    order: u64,
    trace: Trace,
    /// The arriving segment being processed, to link causes and effects.
    cause: Option<usize>,
    /// The flood's running counts.
    flood: FloodPoint,
    isn_keys: (IsnKey, IsnKey),
    /// The side a student plays, if one is (`Config::play`).
    puppet: Option<Puppet>,
    /// The order timers were armed in, across both endpoints: the last
    /// armed of two in one wheel bucket runs first.
    armings: Armings,
}

/// When each endpoint's timer slots were last armed, as a running count.
#[derive(Default)]
struct Armings {
    count: u64,
    client: [u64; 4],
    server: [u64; 4],
}

impl Armings {
    fn slots(&mut self, side: Side) -> &mut [u64; 4] {
        match side {
            Side::Client => &mut self.client,
            Side::Server => &mut self.server,
        }
    }

    fn armed(&mut self, side: Side, kind: crate::timer::TimerKind) {
        self.count += 1;
        let n = self.count;
        self.slots(side)[Slot::of(kind).index()] = n;
    }

    fn order(&self, side: Side, kind: crate::timer::TimerKind) -> u64 {
        let slots = match side {
            Side::Client => &self.client,
            Side::Server => &self.server,
        };
        slots[Slot::of(kind).index()]
    }
}

/// Run a configuration to the end. Same config, same trace, on every platform.
pub fn simulate(cfg: &Config) -> Result<Trace, ConfigError> {
    cfg.validate()?;
    let mut sim = Sim::new(cfg);
    sim.schedule_script();
    sim.run();
    // Taken out by reference: moving the whole Sim costs more than its trace.
    Ok(sim.finish())
}

impl<'c> Sim<'c> {
    #[inline(always)]
    fn new(cfg: &'c Config) -> Sim<'c> {
        let mut rng = RunRng::seed_from_u64(cfg.seed);
        let mut key = |fixed: Option<u32>| match fixed {
            Some(isn) => IsnKey::fixed(isn),
            None => IsnKey::new(rng.next_u64(), rng.next_u64()),
        };
        let isn_keys = (key(cfg.client.isn), key(cfg.server.isn));
        let ts_offsets = (rng.next_u32(), rng.next_u32());
        // Drawn after the values above, so that adding it changed no earlier trace.
        let cookie_jar = CookieJar::new(rng.next_u64(), rng.next_u64());
        let endpoint = |side, local, remote, key, ka, syn_window, ts_offset| {
            Endpoint::new(
                EndpointConfig {
                    side,
                    local,
                    remote,
                    timers: TimerProfile::of(cfg.timers),
                    keepalive: ka,
                    two_way: cfg.protocol == crate::config::Protocol::TwoWay,
                    fast_open: match side {
                        Side::Client => cfg.client.fastopen_cookie,
                        Side::Server => cfg.server.fastopen,
                    },
                    backlog: cfg.server.backlog,
                    syncookies: match side {
                        Side::Server => cfg.server.syncookies,
                        Side::Client => SynCookies::Off,
                    },
                    cookie_jar,
                    syn_window,
                    mss: 1460,
                    ts_offset,
                },
                key,
            )
        };
        // The numbers of one direction's segments a list of rules names.
        let nths = |list: &[crate::config::DropRule], dir: Dir| -> Vec<u32> {
            list.iter()
                .filter(|d| d.dir == dir)
                .map(|d| d.nth)
                .collect()
        };
        let rules = |dir: Dir| Rules {
            drop: nths(&cfg.drop, dir),
            deliver: nths(&cfg.deliver, dir),
            hold: cfg
                .hold
                .iter()
                .filter(|h| h.dir == dir)
                .map(|h| (h.nth, h.extra_ms))
                .collect(),
        };
        // Returned as built, so that it is made in place: a Sim changed
        // here before returning was copied whole (1.6 KB) on every run.
        Sim {
            cfg,
            now: Instant::ZERO,
            // 64240 = 44·1460 (client SYN), 65160 = 45·1448 (server SYN-ACK), as Linux.
            client: endpoint(
                Side::Client,
                CLIENT_ADDR,
                SERVER_ADDR,
                isn_keys.0,
                keepalive(&cfg.client.keepalive),
                64240,
                ts_offsets.0,
            ),
            server: endpoint(
                Side::Server,
                SERVER_ADDR,
                CLIENT_ADDR,
                isn_keys.1,
                keepalive(&cfg.server.keepalive),
                65160,
                ts_offsets.1,
            ),
            c2s: Link::new(Dir::C2s, &cfg.c2s, cfg.seed, rules(Dir::C2s)),
            s2c: Link::new(Dir::S2c, &cfg.s2c, cfg.seed, rules(Dir::S2c)),
            // Room for a clean run from the start: growing these one
            // reallocation at a time was an eighth of a clean run's time.
            // Each under 1 KB, where the allocator answers from its
            // per-thread cache (larger blocks took a tenth of a run).
            queue: BinaryHeap::with_capacity(4),
            order: 0,
            armings: Armings::default(),
            trace: Trace {
                segments: Vec::with_capacity(4),
                states: Vec::with_capacity(8),
                timers: Vec::with_capacity(8),
                calls: Vec::with_capacity(8),
                outcome: Outcome {
                    client: EndpointOutcome {
                        state: crate::State::Closed,
                        error: None,
                        isn: 0,
                    },
                    server: EndpointOutcome {
                        state: crate::State::Closed,
                        error: None,
                        isn: 0,
                    },
                },
                flood: cfg.flood.as_ref().map(|_| FloodTrace {
                    backlog: cfg.server.backlog,
                    syncookies: cfg.server.syncookies != SynCookies::Off,
                    ..FloodTrace::default()
                }),
                play: cfg.play.as_ref().map(|p| PlayTrace {
                    side: p.side,
                    decisions: Vec::new(),
                    waiting: None,
                    isn: 0,
                }),
                end_us: 0,
                truncated: false,
                events_processed: 0,
            },
            cause: None,
            flood: FloodPoint::default(),
            isn_keys,
            puppet: cfg.play.as_ref().map(|p| Puppet::new(p.side)),
        }
    }

    fn schedule(&mut self, at: Instant, class: u8, what: What) {
        self.order += 1;
        self.queue.push(Reverse(Scheduled {
            at,
            class,
            order: self.order,
            what,
        }));
    }

    fn app(&mut self, at: Instant, side: Side, action: AppAction) {
        self.schedule(at, APP, What::App { side, action });
    }

    /// The applications' scripts and the injected segments, from the config.
    fn schedule_script(&mut self) {
        let cfg = self.cfg;
        if cfg.server.listening {
            self.app(Instant::ZERO, Side::Server, AppAction::Listen);
        }
        let c = &cfg.client;
        let connect = if c.syn_data > 0 {
            AppAction::ConnectWithData(c.syn_data)
        } else {
            AppAction::Connect
        };
        self.app(ms(c.connect_ms), Side::Client, connect);
        if let Some(at) = c.reconnect_ms {
            self.app(ms(at), Side::Client, AppAction::Connect);
        }
        if let Some(at) = cfg.server.connect_ms {
            self.app(ms(at), Side::Server, AppAction::Connect);
        }
        if c.data > 0 {
            self.app(ms(c.connect_ms), Side::Client, AppAction::Send(c.data));
        }
        for (side, writes) in [
            (Side::Client, &c.writes),
            (Side::Server, &cfg.server.writes),
        ] {
            for w in writes {
                self.app(ms(w.at_ms), side, AppAction::Send(w.bytes));
            }
        }
        let closes = [
            (Side::Client, c.close_ms),
            (Side::Server, cfg.server.close_ms),
        ];
        for (side, at) in closes {
            if let Some(at) = at {
                self.app(ms(at), side, AppAction::Close);
            }
        }
        let crashes = [
            (Side::Client, c.crash_ms, c.reboot),
            (Side::Server, cfg.server.crash_ms, cfg.server.reboot),
        ];
        for (side, at, reboot) in crashes {
            if let Some(at) = at {
                self.app(ms(at), side, AppAction::Crash { reboot });
            }
        }
        for (i, inj) in cfg.inject.iter().enumerate() {
            self.schedule(ms(inj.at_ms), APP, What::Inject(i));
        }
        if let Some(f) = &cfg.flood {
            // Forged sources send evenly; their SYNs cross the client-to-server link.
            let delay = Duration::from_ms_f64(cfg.c2s.delay_ms);
            let every = (f.syns / 30).max(1);
            for k in 0..f.syns {
                let sent = ms(f.start_ms) + Duration((f64::from(k) * 1e6 / f.rate_per_s) as u64);
                let arrive = sent + delay;
                if k % every == 0 {
                    if let Some(ft) = &mut self.trace.flood {
                        ft.samples.push((sent.micros(), arrive.micros()));
                    }
                }
                self.schedule(arrive, ARRIVAL, What::Spoofed(k));
            }
        }
    }

    fn endpoint(&mut self, side: Side) -> &mut Endpoint {
        match side {
            Side::Client => &mut self.client,
            Side::Server => &mut self.server,
        }
    }

    fn run(&mut self) {
        let end = ms(self.cfg.duration_ms);
        loop {
            let next_queued = self.queue.peek().map(|Reverse(s)| (s.at, s.class));
            let next_timer = self.next_timer();
            let take_timer = match (next_queued, next_timer) {
                (None, None) => break,
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (Some((qa, qc)), Some((ta, _))) => (ta, TIMER) < (qa, qc),
            };
            let at = if take_timer {
                // A timer held back by the wheel rule fires late, never early.
                next_timer.map(|(t, _)| t.max(self.now))
            } else {
                next_queued.map(|(t, _)| t)
            }
            .unwrap_or(self.now);
            if at > end || self.puppet.as_ref().is_some_and(|p| p.stopped) {
                break;
            }
            if self.trace.events_processed >= self.cfg.max_events
                || self.trace.segments.len() >= crate::config::MAX_SEGMENTS
            {
                self.trace.truncated = true;
                break;
            }
            self.trace.events_processed += 1;
            self.now = at;
            self.cause = None;
            if take_timer {
                let (_, side) = next_timer.expect("chosen above");
                self.endpoint(side).handle_timeout(at);
                self.drain(side);
            } else {
                let Some(Reverse(item)) = self.queue.pop() else {
                    break;
                };
                self.dispatch(item.what);
            }
        }
        self.trace.end_us = self.now.micros();
    }

    /// The timer to run next, and when. Two endpoints' timers that fall in
    /// one bucket of Linux's timer wheel run together when the later is due,
    /// the one armed last first (the wheel keeps a bucket's timers last in,
    /// first out). On loopback a SYN-ACK timer and the peer's SYN timer fall
    /// due 10 µs apart: Linux ran the server's first every time
    /// (scripts/kernel-check.sh, first-syn-ack-lost).
    fn next_timer(&self) -> Option<(Instant, Side)> {
        let due = [
            self.client.poll_timeout().map(|t| (t, Side::Client)),
            self.server.poll_timeout().map(|t| (t, Side::Server)),
        ];
        let first = due.iter().flatten().min_by_key(|(t, _)| *t).copied()?;
        let (side, other) = (first.1, first.1.peer());
        let (Some(a), Some(b)) = (
            self.endpoint_ref(side).next_timer(),
            self.endpoint_ref(other).next_timer(),
        ) else {
            return Some(first);
        };
        let wheel = self.endpoint_ref(side).on_timer_wheel();
        let armed_last = self.armings.order(other, b.kind) > self.armings.order(side, a.kind);
        if !wheel || a.expires_at != first.0 || !armed_last {
            return Some(first);
        }
        let g = crate::timer::wheel_granularity(a.interval())
            .micros()
            .max(1);
        let bucket = |t: Instant| t.micros().div_ceil(g);
        if bucket(a.expires_at) == bucket(b.expires_at) {
            Some((b.expires_at, other))
        } else {
            Some(first)
        }
    }

    fn endpoint_ref(&self, side: Side) -> &Endpoint {
        match side {
            Side::Client => &self.client,
            Side::Server => &self.server,
        }
    }

    fn dispatch(&mut self, what: What) {
        let now = self.now;
        match what {
            What::Arrival { to, id } => {
                let seg = self.trace.segments[id].segment();
                self.cause = Some(id);
                if self.endpoint(to).is_down() {
                    self.trace.segments[id].receiver_down = true;
                }
                self.endpoint(to).handle_segment(now, &seg);
                self.drain(to);
            }
            What::App { side, action } => {
                let ep = self.endpoint(side);
                match action {
                    AppAction::Listen => ep.listen(now),
                    AppAction::Connect => ep.connect(now),
                    AppAction::ConnectWithData(n) => ep.connect_with_data(now, n),
                    AppAction::Send(n) => ep.send(now, u64::from(n)),
                    AppAction::Close => ep.close(now),
                    AppAction::Crash { reboot } => ep.crash(now, reboot),
                }
                self.drain(side);
            }
            What::Inject(i) => self.inject(&self.cfg.inject[i]),
            What::Spoofed(_) => {
                let outcome = self.server.handle_spoofed_syn(now);
                let f = &mut self.flood;
                f.arrived += 1;
                match outcome {
                    SpoofedSyn::Queued => f.queued += 1,
                    SpoofedSyn::Dropped => f.dropped += 1,
                    SpoofedSyn::Cookie => f.cookies += 1,
                    SpoofedSyn::Ignored => {}
                }
                // Every change of the queue is recorded (in drain); a full
                // queue turning SYNs away is sampled, not listed one by one.
                if outcome != SpoofedSyn::Queued && f.arrived % 50 == 0 {
                    self.flood_point(now);
                }
                self.drain(Side::Server);
            }
        }
    }

    fn flood_point(&mut self, now: Instant) {
        if let Some(ft) = &mut self.trace.flood {
            ft.timeline.push(FloodPoint {
                at_us: now.micros(),
                ..self.flood
            });
        }
    }

    /// Put an old duplicate on the wire. Its numbers are offsets from the ISNs at time 0.
    fn inject(&mut self, inj: &Inject) {
        let (from, key_from, key_to, local, remote) = match inj.dir {
            Dir::C2s => (
                Side::Client,
                self.isn_keys.0,
                self.isn_keys.1,
                CLIENT_ADDR,
                SERVER_ADDR,
            ),
            Dir::S2c => (
                Side::Server,
                self.isn_keys.1,
                self.isn_keys.0,
                SERVER_ADDR,
                CLIENT_ADDR,
            ),
        };
        let flags = inj
            .flags
            .iter()
            .filter_map(|f| Flags::parse_name(f))
            .fold(Flags::empty(), |a, f| a | f);
        let base_seq = key_from.isn(Instant::ZERO, local, remote);
        let base_ack = key_to.isn(Instant::ZERO, remote, local);
        let mut seg = Segment::new(
            flags,
            SeqNum(base_seq.0.wrapping_add(inj.seq as u32)),
            if flags.contains(Flags::ACK) {
                SeqNum(base_ack.0.wrapping_add(inj.ack as u32))
            } else {
                SeqNum(0)
            },
        );
        seg.len = inj.len;
        seg.window = if flags.contains(Flags::SYN) {
            64240
        } else {
            502
        };
        let arrive = match inj.dir {
            Dir::C2s => self.c2s.inject(self.now),
            Dir::S2c => self.s2c.inject(self.now),
        };
        let id = self.record_segment(from, seg, false, Why::Injected, 0);
        let rec = &mut self.trace.segments[id];
        rec.injected = true;
        rec.arrive_us = Some(arrive.micros());
        self.schedule(
            arrive,
            ARRIVAL,
            What::Arrival {
                to: from.peer(),
                id,
            },
        );
    }

    fn record_segment(
        &mut self,
        from: Side,
        seg: Segment,
        retransmission: bool,
        why: Why,
        nth: u32,
    ) -> usize {
        let id = self.trace.segments.len();
        self.trace.segments.push(SegmentRecord {
            id,
            from,
            flags: seg.flags,
            seq: seg.seq.0,
            ack: seg.ack.0,
            rel_seq: 0,
            rel_ack: 0,
            len: seg.len,
            window: seg.window,
            options: seg.syn_options,
            timestamps: seg.timestamps,
            sack: seg.sack,
            sent_us: self.now.micros(),
            arrive_us: None,
            lost: false,
            loss: None,
            nth,
            retransmission,
            injected: false,
            receiver_down: false,
            discarded: None,
            reason_code: why.code(),
            reason: why,
            reply_to: self.cause,
            captured_us: None,
        });
        id
    }

    /// Carry out and record everything an endpoint did.
    fn drain(&mut self, side: Side) {
        while let Some((at, ev)) = self.endpoint(side).poll_event() {
            let at_us = at.micros();
            match ev {
                Event::Transmit {
                    segment,
                    retransmission,
                    why,
                } => {
                    // A played side's TCP only says what it would send.
                    if let Some(p) = self.puppet.as_mut().filter(|p| p.side == side) {
                        p.pending.push((segment, why));
                        continue;
                    }
                    self.transmit(side, at, segment, retransmission, why);
                }
                Event::SynQueue { len } => {
                    self.flood.queue = len;
                    self.flood_point(at);
                }
                Event::Discarded { reason } => {
                    if let Some(id) = self.cause {
                        self.trace.segments[id].discarded = Some(reason);
                    }
                }
                // A played side's states and timers are its shadow's, not
                // what the student did: they are not shown.
                Event::State { .. } if self.played(side) => {}
                Event::State { from, to, rule } => self.trace.states.push(StateChange {
                    at_us,
                    endpoint: side,
                    from,
                    to,
                    rule_code: rule.code(),
                    rule,
                    segment: self.cause,
                }),
                Event::Timer {
                    kind,
                    action,
                    expires_at,
                } => {
                    if action == TimerAction::Armed {
                        self.armings.armed(side, kind);
                    }
                    if self.played(side) {
                        continue;
                    }
                    self.trace.timers.push(TimerRecord {
                        at_us,
                        endpoint: side,
                        timer: kind,
                        action,
                        expires_us: expires_at.micros(),
                    })
                }
                Event::Socket {
                    call,
                    result,
                    errno,
                    bytes,
                } => {
                    self.trace.calls.push(CallRecord {
                        at_us,
                        endpoint: side,
                        call,
                        result,
                        errno,
                        bytes,
                    });
                    // The server application closes when it reads end of file.
                    let eof = call == Call::Recv && result == CallResult::Returned && bytes == 0;
                    if eof && side == Side::Server && self.cfg.server.close_on_eof {
                        self.app(at, side, AppAction::Close);
                    }
                }
            }
        }
        self.decide(side);
    }

    fn played(&self, side: Side) -> bool {
        self.puppet.as_ref().is_some_and(|p| p.side == side)
    }

    /// Put a segment on the wire and record it.
    fn transmit(
        &mut self,
        side: Side,
        at: Instant,
        segment: Segment,
        retransmission: bool,
        why: Why,
    ) -> usize {
        let link = match side {
            Side::Client => &mut self.c2s,
            Side::Server => &mut self.s2c,
        };
        let (nth, fate) = link.send(at);
        let id = self.record_segment(side, segment, retransmission, why, nth);
        match fate {
            Fate::Arrives(t) => {
                self.trace.segments[id].arrive_us = Some(t.micros());
                self.schedule(
                    t,
                    ARRIVAL,
                    What::Arrival {
                        to: side.peer(),
                        id,
                    },
                );
            }
            Fate::Lost(loss) => {
                let rec = &mut self.trace.segments[id];
                rec.lost = true;
                rec.loss = Some(loss);
            }
        }
        id
    }

    /// The played side has had its turn: each segment its TCP would send
    /// is a decision, as is a segment that reached it and drew nothing.
    /// A decision the moves answer is carried out; the first they do not
    /// stops the run there.
    fn decide(&mut self, side: Side) {
        let Some(p) = self.puppet.as_mut().filter(|p| p.side == side) else {
            return;
        };
        let pending = std::mem::take(&mut p.pending);
        let prompt = self
            .cause
            .filter(|&id| self.trace.segments[id].from != side);
        if pending.is_empty() && prompt.is_none() {
            return;
        }
        let rights: Vec<Option<(Segment, Why)>> = if pending.is_empty() {
            vec![None]
        } else {
            pending.into_iter().map(Some).collect()
        };
        let isn = self.endpoint_ref(side).iss().0;
        let moves = self.cfg.play.as_ref().map_or(&[][..], |p| &p.moves[..]);
        for right in rights {
            let Some(play) = self.trace.play.as_mut() else {
                return;
            };
            play.isn = isn;
            let k = play.decisions.len();
            let mut d = Decision {
                at_us: self.now.micros(),
                prompt,
                right: right.map(|(seg, why)| Suggested::of(&seg, why)),
                chosen: None,
            };
            if k >= crate::play::MAX_MOVES || k >= moves.len() {
                // The moves run out here: the run stops for the next one
                // (or, past the last the exercise asks, stops for good).
                if k < crate::play::MAX_MOVES {
                    play.waiting = Some(d);
                }
                if let Some(p) = self.puppet.as_mut() {
                    p.stopped = true;
                }
                return;
            }
            if let Some(m) = &moves[k] {
                let seg = m.segment(right.as_ref().map(|(s, _)| s));
                // The very segment Linux sends keeps Linux's reason (and a
                // lesson's story still fits); any other is the student's.
                let why = match &right {
                    Some((r, why)) if crate::play::same(r, &seg) => *why,
                    _ => Why::Played,
                };
                d.chosen = Some(self.transmit(side, self.now, seg, false, why));
            }
            if let Some(play) = self.trace.play.as_mut() {
                play.decisions.push(d);
            }
        }
    }

    fn finish(&mut self) -> Trace {
        let now = self.now;
        self.flood_point(now);
        self.trace.fill_relative();
        self.trace.outcome = Outcome {
            client: EndpointOutcome {
                state: self.client.state(),
                error: self.client.error(),
                isn: self.client.iss().0,
            },
            server: EndpointOutcome {
                state: self.server.state(),
                error: self.server.error(),
                isn: self.server.iss().0,
            },
        };
        let t = &mut self.trace;
        Trace {
            segments: std::mem::take(&mut t.segments),
            states: std::mem::take(&mut t.states),
            timers: std::mem::take(&mut t.timers),
            calls: std::mem::take(&mut t.calls),
            outcome: t.outcome.clone(),
            flood: t.flood.take(),
            play: t.play.take(),
            end_us: t.end_us,
            truncated: t.truncated,
            events_processed: t.events_processed,
        }
    }
}

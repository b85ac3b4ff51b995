//! Pure functions from a trace to sequence-diagram coordinates. No DOM here,
//! so the layout is tested natively.
//!
//! Time runs down the page. Real time would make a 150 ms handshake and a
//! 131 s give-up unreadable on the same scale, so the vertical axis is
//! compressed: every distinct event time gets a row, and the gap between rows
//! grows with the logarithm of the time between them. Gaps of over a second
//! get a visible break ("⋯ 32 s later"), so the compression is never hidden.
//!
//! Playback moves along this same axis at a steady pace, so it skips idle
//! time by construction: a 64 s RTO takes no longer to watch than a few
//! round trips, while the clock shows the real simulated time.

use std::rc::Rc;
use synack_sim::endpoint::TimerAction;
use synack_sim::timer::TimerKind;
use synack_sim::trace::{Blanks, SegmentRecord, Trace};
use synack_sim::why::{Call, CallResult, Why};
use synack_sim::{Duration, Flags, Side};

pub const TOP: f64 = 60.0;
/// Where a run is before its first event: the set-up (a server's
/// `listen()`) is already drawn there, so a lesson opens with each side
/// where it starts.
pub const SETUP_Y: f64 = TOP - 24.0;

/// Where the lanes stand: a roomy frame for wide screens, a compact one for phones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub client_x: f64,
    pub server_x: f64,
    /// Whether there is room for the time column on the left.
    pub ticks: bool,
}

impl Frame {
    pub const WIDE: Frame = Frame {
        width: 760.0,
        client_x: 230.0,
        server_x: 560.0,
        ticks: true,
    };
    pub const COMPACT: Frame = Frame {
        width: 420.0,
        client_x: 114.0,
        server_x: 306.0,
        ticks: false,
    };
    /// Half of a side-by-side comparison: room for its own time column and
    /// for the marks beside both lanes.
    pub const COMPARE: Frame = Frame {
        width: 560.0,
        client_x: 190.0,
        server_x: 370.0,
        ticks: true,
    };

    /// The labels' size against the wide frame's: a compact frame draws
    /// them in 10.5 px rather than 11.5 (style.css, `svg.compact .label`).
    pub fn label_scale(&self) -> f64 {
        if self.ticks {
            1.0
        } else {
            10.5 / 11.5
        }
    }

    pub fn lane_x(&self, side: Side) -> f64 {
        match side {
            Side::Client => self.client_x,
            Side::Server => self.server_x,
        }
    }
}
const MIN_GAP: f64 = 26.0;
const MAX_GAP: f64 = 96.0;
const BREAK_AFTER_US: u64 = 1_000_000;
/// How far across a lost segment gets before its cross.
const LOST_FRACTION: f64 = 0.55;

#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub id: usize,
    pub from: Side,
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub lost: bool,
    /// From a capture that cannot show whether it arrived: drawn without an end.
    pub unknown: bool,
    pub retransmission: bool,
    /// What Wireshark's analysis would call it, if anything.
    pub tag: Option<Tag>,
    /// What its label and tooltip say.
    pub text: ArrowText,
    /// Every segment's label is shown; only a flood's sampled spoofed SYNs
    /// share one.
    pub label_shown: bool,
    /// Where along the arrow its label sits, moved there when the middle
    /// would overprint another label.
    pub label_at: LabelPlace,
    /// Rotation of the label so it runs along the arrow, in degrees.
    pub angle: f64,
}

pub use synack_sim::analysis::Tag;

/// A label's place: a fraction of the way along its arrow, above or below it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPlace {
    pub along: f64,
    pub below: bool,
    /// Level across its arrow's middle rather than turned along it: the
    /// last resort of a burst so steep and dense that turned labels of
    /// neighbouring arrows cannot clear each other (its rows can).
    pub level: bool,
    /// In two lines, flags over numbers: half as long, for an arrow too
    /// short for its label (a phone's narrow frame, absolute numbers).
    pub split: bool,
}

impl LabelPlace {
    pub const MIDDLE: LabelPlace = LabelPlace {
        along: 0.5,
        below: false,
        level: false,
        split: false,
    };
    const LEVEL: LabelPlace = LabelPlace {
        along: 0.5,
        below: false,
        level: true,
        split: false,
    };

    /// Where the label's text is anchored (its middle, on the baseline),
    /// and the angle it is turned by about its point on the arrow.
    pub fn anchor(&self, a: &Arrow) -> ((f64, f64), (f64, f64), f64) {
        let (px, py) = (
            a.x1 + (a.x2 - a.x1) * self.along,
            a.y1 + (a.y2 - a.y1) * self.along,
        );
        if self.level {
            // Centred on the line, which its halo hides under the text.
            return ((px, py + LEVEL_DROP), (px, py), 0.0);
        }
        // Above: the (last line's) baseline 6 px over the line; below: the
        // text's top 5 px under it. Split labels start a line higher above.
        let dy = match (self.below, self.split) {
            (true, _) => 5.0 + 8.7,
            (false, false) => -6.0,
            (false, true) => -6.0 - SPLIT_LINE,
        };
        ((px, py + dy), (px, py), a.angle)
    }
}

/// How far below its point a level label's baseline sits: the glyphs'
/// middle on the line.
const LEVEL_DROP: f64 = (8.7 - 2.8) / 2.0;
/// Between the baselines of a split label's two lines.
pub const SPLIT_LINE: f64 = 13.0;

/// What an arrow's label and tooltip say, kept as numbers: they are written
/// out only for the labels drawn and for the arrow under the pointer. A dense
/// run has hundreds of arrows, and writing every label and tooltip on each
/// edit was most of the cost of `layout`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArrowText {
    Segment {
        flags: Flags,
        /// Relative or absolute, as the layout was asked for.
        seq: u32,
        ack: u32,
        len: u32,
        sent_us: u64,
        arrive_us: Option<u64>,
        reason: Why,
    },
    /// One of a flood's sampled SYNs from forged addresses.
    Spoofed { sent_us: u64 },
}

impl Arrow {
    /// The label in two lines for a split place: flags, then numbers.
    pub fn label_lines(&self, blanks: Blanks) -> (String, String) {
        let whole = self.label_blanked(blanks);
        match whole.split_once(" seq=") {
            Some((flags, numbers)) => (flags.to_string(), format!("seq={numbers}")),
            None => (whole, String::new()),
        }
    }

    /// Flags and numbers: `SYN, ACK seq=0 ack=1`.
    pub fn label(&self) -> String {
        self.label_blanked(Blanks::NONE)
    }

    /// The label with some fields `?`: `SYN, ACK seq=? ack=?`.
    pub fn label_blanked(&self, blanks: Blanks) -> String {
        match self.text {
            ArrowText::Segment {
                flags,
                seq,
                ack,
                len,
                ..
            } => segment_label(flags, seq, ack, len, blanks),
            ArrowText::Spoofed { .. } => "spoofed SYN".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub side: Side,
    pub y: f64,
    /// What it says, as data: `i18n::mark` makes the words.
    pub text: MarkText,
    pub kind: MarkKind,
    /// How far it is moved down, below the extra lines of the states above
    /// it in the same instant (a phone's figure draws them one to a line).
    pub drop: f64,
}

/// What a mark beside a lane says.
#[derive(Debug, Clone, PartialEq)]
pub enum MarkText {
    /// The states entered in one instant, in order: `CLOSE-WAIT → LAST-ACK`.
    States(Vec<synack_sim::State>),
    /// The socket calls of one instant, in order, each with how many times
    /// in a row it was made: `read() = 0 (EOF) · close()`, `read() = 1460 ×10`.
    Calls(Vec<(CallWord, u32)>),
    /// A call that failed: `connect() fails: ETIMEDOUT`.
    Failed {
        call: Call,
        errno: Option<synack_sim::why::Errno>,
    },
}

/// A socket call as a mark names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallWord {
    Listen,
    Connecting,
    Connected,
    Accepted,
    Close,
    /// `read()` returned this many bytes; 0 is end of file.
    Read(u64),
}

/// Where a mark's text goes beside its lane, and how it is styled.
pub struct MarkPlace {
    pub x: f64,
    pub anchor: &'static str,
    pub class: &'static str,
    pub y: f64,
}

/// Between the baselines of a mark's lines (the calls of one instant).
pub const MARK_LINE: f64 = 12.0;

impl Mark {
    /// How many lines it is drawn in (`i18n::mark_lines`).
    pub fn lines(&self, frame: Frame) -> usize {
        let narrow = !frame.ticks;
        match &self.text {
            MarkText::Calls(words) => words.len().max(1),
            MarkText::States(states) if narrow => states.len().max(1),
            MarkText::Failed { .. } if narrow => 2,
            _ => 1,
        }
    }

    /// States sit level with their moment, calls and errors just below; on
    /// the outer side of the lane, so they never cross the arrows.
    pub fn place(&self, frame: Frame) -> MarkPlace {
        let (x, anchor) = match self.side {
            Side::Client => (frame.client_x - 12.0, "end"),
            Side::Server => (frame.server_x + 12.0, "start"),
        };
        let (class, dy) = match self.kind {
            MarkKind::State => ("mark state", 4.0),
            MarkKind::Call => ("mark call", 17.0),
            MarkKind::Error => ("mark error", 17.0),
        };
        MarkPlace {
            x,
            anchor,
            class,
            y: self.y + dy + self.drop,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    State,
    Call,
    Error,
}

/// A time on the axis: a tick's clock time, or a break's gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub us: u64,
}

/// A timer from the moment it was armed until it fired, was cancelled or re-armed.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerSpan {
    pub side: Side,
    pub kind: TimerKind,
    pub start_us: u64,
    pub end_us: u64,
    pub expires_us: u64,
    pub fired: bool,
}

impl TimerSpan {
    /// The timeout it was armed with.
    pub fn rto(&self) -> Duration {
        Duration(self.expires_us - self.start_us)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub frame: Frame,
    pub height: f64,
    pub axis: Axis,
    pub arrows: Vec<Rc<Arrow>>,
    pub marks: Vec<Mark>,
    pub ticks: Vec<Tick>,
    pub breaks: Vec<Tick>,
    pub timers: Vec<TimerSpan>,
    pub timer_bars: Vec<TimerBar>,
    /// A sample of a flood's spoofed SYNs, drawn from off-stage to the server.
    pub spoofed: Vec<Rc<Arrow>>,
    /// (time, side, row of the last segment arriving there then), by time.
    arrival_rows: Vec<(u64, Side, u32)>,
}

impl Layout {
    /// Where something that happened at `side` at time `t` is drawn: at the
    /// arrival of the segment that caused it, else after whatever arrived
    /// there in that instant.
    pub fn event_y(&self, side: Side, t: u64, segment: Option<usize>) -> f64 {
        if let Some(a) = segment
            .and_then(|id| self.arrows.get(id))
            .filter(|a| !a.lost)
        {
            return a.y2;
        }
        let row = self
            .arrival_rows
            .iter()
            .skip(self.arrival_rows.partition_point(|r| r.0 < t))
            .take_while(|r| r.0 == t)
            .find(|r| r.1 == side)
            .map_or(0, |r| r.2);
        self.axis.y(t) + f64::from(row) * ROW
    }

    pub fn state_y(&self, c: &synack_sim::trace::StateChange) -> f64 {
        if c.at_us == 0 && c.rule == synack_sim::why::Rule::PassiveOpen {
            return SETUP_Y;
        }
        self.event_y(c.endpoint, c.at_us, c.segment)
    }

    pub fn call_y(&self, c: &synack_sim::trace::CallRecord) -> f64 {
        if c.at_us == 0 && c.call == Call::Listen {
            return SETUP_Y;
        }
        self.event_y(c.endpoint, c.at_us, None)
    }
}

/// How far an arrow has travelled at the playhead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    NotSent,
    /// Fraction of the way, in (0, 1).
    Travelling(f64),
    Done,
}

impl Arrow {
    /// Progress at display position `y` (arrows move along the diagram's own axis).
    pub fn progress(&self, y: f64) -> Progress {
        if y < self.y1 {
            Progress::NotSent
        } else if y >= self.y2 || self.y2 <= self.y1 {
            Progress::Done
        } else {
            // Quantized so that props compare equal between nearly identical frames.
            Progress::Travelling(((y - self.y1) / (self.y2 - self.y1) * 500.0).round() / 500.0)
        }
    }
}

impl Layout {
    /// The segment whose drawn arrow passes nearest to a point of the diagram,
    /// within `reach`: what a click or a tap there means. Only the part drawn
    /// by the playhead counts; in a stack of identical arrows the earliest
    /// segment answers.
    pub fn arrow_at(&self, x: f64, y: f64, pos: f64, reach: f64) -> Option<usize> {
        self.arrows
            .iter()
            .filter_map(|a| {
                let f = match a.progress(pos) {
                    Progress::NotSent => return None,
                    Progress::Travelling(f) => f,
                    Progress::Done => 1.0,
                };
                let (hx, hy) = (a.x1 + (a.x2 - a.x1) * f, a.y1 + (a.y2 - a.y1) * f);
                let d = distance_to_segment((x, y), (a.x1, a.y1), (hx, hy));
                (d <= reach).then_some((d, a.id))
            })
            .min_by(|p, q| p.0.total_cmp(&q.0))
            .map(|(_, id)| id)
    }
}

fn distance_to_segment((px, py): (f64, f64), (ax, ay): (f64, f64), (bx, by): (f64, f64)) -> f64 {
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        crate::number::within(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0)
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

/// Flags and numbers as a diagram label: `SYN, ACK seq=0 ack=1`.
pub fn label(s: &SegmentRecord, relative: bool) -> String {
    let (seq, ack) = numbers(s, relative);
    segment_label(s.flags, seq, ack, s.len, Blanks::NONE)
}

/// A segment's sequence and acknowledgment numbers, relative or absolute.
fn numbers(s: &SegmentRecord, relative: bool) -> (u32, u32) {
    if relative {
        (s.rel_seq, s.rel_ack)
    } else {
        (s.seq, s.ack)
    }
}

fn segment_label(flags: Flags, seq: u32, ack: u32, len: u32, blanks: Blanks) -> String {
    let number = |hidden: bool, n: u32| {
        if hidden {
            "?".to_string()
        } else {
            n.to_string()
        }
    };
    let mut out = if blanks.flags {
        "?".to_string()
    } else {
        flags.names().join(", ")
    };
    out += &format!(" seq={}", number(blanks.seq, seq));
    // With the flags hidden, whether there is an ack would tell: always shown then.
    if blanks.flags || flags.contains(Flags::ACK) {
        out += &format!(" ack={}", number(blanks.ack, ack));
    }
    if len > 0 {
        out += &format!(" len={len}");
    }
    out
}

/// Simulated time for people: `0.150 s`, or `2:11:15.150` past a minute.
pub fn seconds(us: u64) -> String {
    let ms = us / 1000;
    if ms < 60_000 {
        format!("{}.{:03} s", ms / 1000, ms % 1000)
    } else {
        let s = ms / 1000;
        format!(
            "{}:{:02}:{:02}.{:03}",
            s / 3600,
            (s / 60) % 60,
            s % 60,
            ms % 1000
        )
    }
}

/// The compressed time axis: distinct times to y positions, and back.
///
/// A time at which several segments leave (or arrive) in the same
/// direction gets a band of rows `ROW` apart, one per segment, so that
/// segments of one instant are drawn apart instead of on top of each other.
/// The whole band stands for that one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    times: Vec<u64>,
    /// Where each time's band begins, and its last row.
    ys: Vec<f64>,
    ends: Vec<f64>,
}

/// Rows within one instant's band: far enough apart that two parallel
/// labels clear each other.
pub const ROW: f64 = 26.0;

impl Axis {
    /// The distinct event times, in order.
    pub fn moments(&self) -> &[u64] {
        &self.times
    }

    /// Every row of every band, in order: what "step" moves between.
    pub fn stops(&self) -> impl Iterator<Item = f64> + '_ {
        self.ys.iter().zip(&self.ends).flat_map(|(&y, &end)| {
            let rows = ((end - y) / ROW).round() as usize;
            (0..=rows).map(move |k| y + k as f64 * ROW)
        })
    }

    pub fn first_y(&self) -> f64 {
        self.ys.first().copied().unwrap_or(TOP)
    }

    pub fn last_y(&self) -> f64 {
        self.ends.last().copied().unwrap_or(TOP)
    }

    pub fn last_time(&self) -> u64 {
        self.times.last().copied().unwrap_or(0)
    }

    /// The simulated time at display position `y` (the inverse of `y`).
    pub fn time_at(&self, y: f64) -> u64 {
        let i = self.ys.partition_point(|&v| v <= y);
        if i == 0 {
            return self.times.first().copied().unwrap_or(0);
        }
        let k = i - 1;
        if y <= self.ends[k] + 1e-9 || k + 1 >= self.ys.len() {
            return self.times[k];
        }
        let (y0, y1) = (self.ends[k], self.ys[k + 1]);
        let (t0, t1) = (self.times[k], self.times[k + 1]);
        let f = if y1 > y0 { (y - y0) / (y1 - y0) } else { 0.0 };
        t0 + ((t1 - t0) as f64 * f).round() as u64
    }

    /// From each time and the rows it needs (at least one).
    fn new(mut times: Vec<(u64, u32)>) -> Axis {
        synack_sim::sort::sort_stable_by_key(&mut times, |&(t, _)| t.into());
        let mut merged: Vec<(u64, u32)> = Vec::with_capacity(times.len());
        for (t, rows) in times {
            match merged.last_mut() {
                Some(last) if last.0 == t => last.1 = last.1.max(rows),
                _ => merged.push((t, rows)),
            }
        }
        let mut axis = Axis {
            times: Vec::with_capacity(merged.len()),
            ys: Vec::with_capacity(merged.len()),
            ends: Vec::with_capacity(merged.len()),
        };
        let mut y = TOP;
        for (i, &(t, rows)) in merged.iter().enumerate() {
            if i > 0 {
                y += gap(t - merged[i - 1].0);
            }
            axis.times.push(t);
            axis.ys.push(y);
            y += f64::from(rows.max(1) - 1) * ROW;
            axis.ends.push(y);
        }
        axis
    }

    /// Where time `t`'s band begins.
    pub fn y(&self, t: u64) -> f64 {
        match self.times.binary_search(&t) {
            Ok(i) => self.ys[i],
            // Not a row (cannot happen for recorded times): interpolate.
            Err(0) => TOP,
            Err(i) if i >= self.times.len() => self.last_y(),
            Err(i) => {
                let (t0, t1) = (self.times[i - 1], self.times[i]);
                let f = (t - t0) as f64 / (t1 - t0) as f64;
                self.ends[i - 1] + f * (self.ys[i] - self.ends[i - 1])
            }
        }
    }
}

/// Pixels between two rows `dt` µs apart: logarithmic, bounded.
fn gap(dt: u64) -> f64 {
    let ms = dt as f64 / 1000.0;
    (MIN_GAP + 14.0 * (1.0 + ms / 25.0).log2()).min(MAX_GAP)
}

/// Each segment's row within the instant it is sent and the one it arrives:
/// segments of one instant and direction are drawn one row apart, in the
/// order they were sent. Within an instant, arrivals come first and what is
/// sent then leaves from the last arrival's row, below its cause.
struct Rows {
    send: Vec<u32>,
    arrive: Vec<u32>,
    /// (time, rows the instant needs, row where its sends begin), by time.
    instants: Vec<(u64, u32, u32)>,
    /// (time, side, row of the last arrival there), by time then side.
    last_arrival: Vec<(u64, Side, u32)>,
}

impl Rows {
    fn of(trace: &Trace) -> Rows {
        use synack_sim::sort::{pair, sort_stable_by_key};
        let n = trace.segments.len();
        let server = |s: Side| s == Side::Server;
        // (time, at the server, segment) for each arrival and each sending,
        // in time order; ties keep the order segments were sent in.
        let mut arrivals: Vec<(u64, bool, usize)> = trace
            .segments
            .iter()
            .filter(|s| !s.lost)
            .filter_map(|s| Some((s.arrive_us?, server(s.from.peer()), s.id)))
            .collect();
        let mut sends: Vec<(u64, bool, usize)> = trace
            .segments
            .iter()
            .map(|s| (s.sent_us, server(s.from), s.id))
            .collect();
        sort_stable_by_key(&mut arrivals, |e| pair(e.0, e.1));
        sort_stable_by_key(&mut sends, |e| pair(e.0, e.1));
        // Each event's rank among those of its instant and side; and, per
        // instant, the most of them at one side: (time, arrivals, sends).
        let mut counts: Vec<(u64, u32, u32)> = Vec::new();
        let mut rank_all = |events: &[(u64, bool, usize)], ranks: &mut Vec<u32>, arrival: bool| {
            let mut k = 0u32;
            for (i, e) in events.iter().enumerate() {
                k = if i > 0 && (events[i - 1].0, events[i - 1].1) == (e.0, e.1) {
                    k + 1
                } else {
                    0
                };
                if let Some(r) = ranks.get_mut(e.2) {
                    *r = k;
                }
                counts.push(if arrival {
                    (e.0, k + 1, 0)
                } else {
                    (e.0, 0, k + 1)
                });
            }
        };
        let (mut arrive, mut send) = (vec![0; n], vec![0; n]);
        rank_all(&arrivals, &mut arrive, true);
        rank_all(&sends, &mut send, false);
        sort_stable_by_key(&mut counts, |c| c.0.into());
        let mut instants: Vec<(u64, u32, u32)> = Vec::new();
        let mut i = 0;
        while i < counts.len() {
            let t = counts[i].0;
            let (mut a, mut sent) = (0, 0);
            while i < counts.len() && counts[i].0 == t {
                a = a.max(counts[i].1);
                sent = sent.max(counts[i].2);
                i += 1;
            }
            let base = a.saturating_sub(1);
            instants.push((t, a.max(base + sent).max(1), base));
        }
        // The last arrival at each instant and side: the run's final rank.
        let last_arrival = arrivals
            .iter()
            .enumerate()
            .filter(|(i, e)| arrivals.get(i + 1).is_none_or(|f| (f.0, f.1) != (e.0, e.1)))
            .map(|(_, e)| {
                let side = if e.1 { Side::Server } else { Side::Client };
                (e.0, side, arrive[e.2])
            })
            .collect();
        Rows {
            send,
            arrive,
            instants,
            last_arrival,
        }
    }

    fn send_base(&self, t: u64) -> u32 {
        self.instants
            .binary_search_by_key(&t, |i| i.0)
            .map_or(0, |i| self.instants[i].2)
    }
}

pub fn layout(trace: &Trace, relative: bool, frame: Frame) -> Layout {
    layout_beside(trace, relative, frame, None)
}

/// The rows a run's axis needs: each instant with as many rows as it has
/// segments in one direction, and every other event's time.
fn axis_times(trace: &Trace, rows: &Rows) -> Vec<(u64, u32)> {
    let mut times: Vec<(u64, u32)> = rows.instants.iter().map(|&(t, n, _)| (t, n)).collect();
    times.extend(trace.states.iter().map(|s| (s.at_us, 1)));
    times.extend(trace.calls.iter().map(|c| (c.at_us, 1)));
    times.extend(
        trace
            .timers
            .iter()
            .filter(|t| t.action == TimerAction::Fired)
            .map(|t| (t.at_us, 1)),
    );
    // A flood goes on after the real connection: playback can follow it to its end.
    times.extend(
        trace
            .flood
            .as_ref()
            .and_then(|f| f.timeline.last())
            .map(|p| (p.at_us, 1)),
    );
    times
}

/// A run laid out on one clock with `other`, drawn beside it: both get the
/// same axis (every instant of either, as many rows as either needs), so
/// their rows line up, one playhead moves through both, and the run that
/// ends first waits for the other.
pub fn layout_beside(trace: &Trace, relative: bool, frame: Frame, other: Option<&Trace>) -> Layout {
    let rows = Rows::of(trace);
    let mut times = axis_times(trace, &rows);
    if let Some(other) = other {
        times.extend(axis_times(other, &Rows::of(other)));
    }
    let axis = Axis::new(times);
    let lane_x = |side: Side| frame.lane_x(side);
    let tags = synack_sim::analysis::tags(trace);

    let arrows: Vec<Rc<Arrow>> = trace
        .segments
        .iter()
        .map(|s| {
            let row = rows.send_base(s.sent_us) + rows.send[s.id];
            let (x1, y1) = (lane_x(s.from), axis.y(s.sent_us) + f64::from(row) * ROW);
            let xr = lane_x(s.from.peer());
            let (x2, y2) = match s.arrive_us {
                Some(a) if !s.lost => (xr, axis.y(a) + f64::from(rows.arrive[s.id]) * ROW),
                _ => (x1 + (xr - x1) * LOST_FRACTION, y1 + MIN_GAP * 1.2),
            };
            let angle = (y2 - y1).atan2(x2 - x1).to_degrees();
            // Keep text upright for right-to-left arrows.
            let angle = if angle.abs() > 90.0 {
                angle - 180.0_f64.copysign(angle)
            } else {
                angle
            };
            let (seq, ack) = numbers(s, relative);
            Rc::new(Arrow {
                id: s.id,
                from: s.from,
                x1,
                y1,
                x2,
                y2,
                lost: s.lost,
                unknown: !s.lost && s.arrive_us.is_none(),
                retransmission: s.retransmission,
                tag: tags.get(s.id).copied().flatten(),
                text: ArrowText::Segment {
                    flags: s.flags,
                    seq,
                    ack,
                    len: s.len,
                    sent_us: s.sent_us,
                    arrive_us: s.arrive_us,
                    reason: s.reason,
                },
                label_shown: true,
                label_at: LabelPlace::MIDDLE,
                angle,
            })
        })
        .collect();

    let mut layout = Layout {
        frame,
        height: 0.0,
        axis,
        arrows,
        marks: Vec::new(),
        ticks: Vec::new(),
        breaks: Vec::new(),
        timers: Vec::new(),
        timer_bars: Vec::new(),
        spoofed: Vec::new(),
        arrival_rows: rows.last_arrival,
    };
    let mut marks: Vec<Mark> = Vec::new();
    for c in &trace.states {
        let y = layout.state_y(c);
        // Two changes in the same instant share one label: `CLOSE-WAIT → LAST-ACK`.
        match marks.last_mut() {
            Some(Mark {
                text: MarkText::States(states),
                side,
                y: my,
                ..
            }) if *side == c.endpoint && *my == y => states.push(c.to),
            _ => marks.push(Mark {
                side: c.endpoint,
                y,
                text: MarkText::States(vec![c.to]),
                kind: MarkKind::State,
                drop: 0.0,
            }),
        }
    }
    for c in &trace.calls {
        let word = match (c.call, c.result) {
            (Call::Listen, CallResult::Called) => CallWord::Listen,
            (Call::Connect, CallResult::Called) => CallWord::Connecting,
            (Call::Connect, CallResult::Returned) => CallWord::Connected,
            (Call::Accept, CallResult::Returned) => CallWord::Accepted,
            (Call::Close, CallResult::Called) => CallWord::Close,
            (Call::Recv, CallResult::Returned) => CallWord::Read(c.bytes),
            (call, CallResult::Failed) => {
                marks.push(Mark {
                    side: c.endpoint,
                    y: layout.call_y(c),
                    text: MarkText::Failed {
                        call,
                        errno: c.errno,
                    },
                    kind: MarkKind::Error,
                    drop: 0.0,
                });
                continue;
            }
            _ => continue,
        };
        let y = layout.call_y(c);
        let same = marks
            .iter_mut()
            .rfind(|m| m.side == c.endpoint && m.y == y && m.kind == MarkKind::Call);
        match same.map(|m| &mut m.text) {
            // Ten reads of one burst are one word, counted: the mark stays
            // short enough to stay beside its lane.
            Some(MarkText::Calls(words)) => match words.last_mut() {
                Some((last, n)) if *last == word => *n += 1,
                _ => words.push((word, 1)),
            },
            _ => marks.push(Mark {
                side: c.endpoint,
                y,
                text: MarkText::Calls(vec![(word, 1)]),
                kind: MarkKind::Call,
                drop: 0.0,
            }),
        }
    }

    // Calls below states that take more than one line move down with them.
    for i in 0..marks.len() {
        if marks[i].kind == MarkKind::State {
            continue;
        }
        let (side, y) = (marks[i].side, marks[i].y);
        let extra = marks
            .iter()
            .filter(|m| m.kind == MarkKind::State && m.side == side && m.y == y)
            .map(|m| (m.lines(frame) - 1) as f64 * MARK_LINE)
            .fold(0.0, f64::max);
        marks[i].drop = extra;
    }

    // Labels are placed around the marks beside the lanes, not over them.
    let obstacles: Vec<LabelBox> = marks.iter().map(|m| LabelBox::of_mark(m, frame)).collect();
    layout.arrows = place_labels(
        std::mem::take(&mut layout.arrows),
        &obstacles,
        frame.label_scale(),
    );
    // A time label where there is room for one: a label on every row would
    // be clutter, and on long runs hundreds of texts for the browser to lay out.
    let axis = &layout.axis;
    let mut ticks: Vec<Tick> = Vec::new();
    for (t, y) in axis.times.iter().zip(&axis.ys) {
        if ticks
            .last()
            .is_none_or(|last| y - last.y >= 2.0 * MIN_GAP - 1.0)
        {
            ticks.push(Tick { y: *y, us: *t });
        }
    }
    let breaks = axis
        .times
        .windows(2)
        .zip(axis.ends.iter().zip(&axis.ys[1..]))
        .filter(|(t, _)| t[1] - t[0] >= BREAK_AFTER_US)
        .map(|(t, (y0, y1))| Tick {
            y: (y0 + y1) / 2.0,
            us: t[1] - t[0],
        })
        .collect();
    let lost_tail = layout
        .arrows
        .iter()
        .map(|a| a.y2)
        .fold(axis.last_y(), f64::max);
    layout.spoofed = spoofed_arrows(trace, axis, frame);
    layout.timers = timer_spans(trace);
    layout.timer_bars = timer_bars(&layout.timers);
    layout.height = lost_tail + 50.0;
    layout.marks = marks;
    layout.ticks = ticks;
    layout.breaks = breaks;
    layout
}

/// A label as drawn: 11.5 px monospace (about 6.9 px a character), its
/// baseline 6 px above the arrow, its glyphs from 2.8 below the baseline to
/// 8.7 above, all turned with the arrow, with a 2 px halo in the panel's
/// colour around them. Boxes keep 2 px of air beyond the halo.
const LABEL_CHAR: f64 = 6.9;
const LABEL_RISE: (f64, f64) = (6.0 - 2.8, 6.0 + 8.7);
const LABEL_MARGIN: f64 = 2.0 + 2.0;

/// The box a label covers: its centre, the unit vectors along and across
/// the text, and half its length and height.
#[derive(Clone, Copy, Debug)]
struct LabelBox {
    centre: (f64, f64),
    along: (f64, f64),
    across: (f64, f64),
    half: (f64, f64),
}

impl LabelBox {
    /// The box of the label where it was placed.
    #[cfg(test)]
    fn of(a: &Arrow, scale: f64) -> LabelBox {
        LabelBox::at(a, a.label_at, scale, Cells::of(a))
    }

    fn at(a: &Arrow, place: LabelPlace, scale: f64, cells: Cells) -> LabelBox {
        // Along the arrow, turned to read left to right as `angle` is. From
        // the ends rather than `cos`/`sin` of the angle: trigonometry would
        // add 6 KB to the wasm for this alone.
        let (dx, dy) = (a.x2 - a.x1, a.y2 - a.y1);
        let len = (dx * dx + dy * dy).sqrt();
        let extra = if place.split { SPLIT_LINE } else { 0.0 };
        let half = (
            cells.of_place(place) as f64 * LABEL_CHAR * scale / 2.0 + LABEL_MARGIN,
            ((LABEL_RISE.1 - LABEL_RISE.0) * scale + extra) / 2.0 + LABEL_MARGIN,
        );
        if place.level {
            let (mx, my) = (a.x1 + dx * place.along, a.y1 + dy * place.along);
            return LabelBox {
                centre: (
                    mx,
                    my + LEVEL_DROP - (LABEL_RISE.0 + LABEL_RISE.1) / 2.0 + 6.0,
                ),
                along: (1.0, 0.0),
                across: (0.0, -1.0),
                half,
            };
        }
        let along = if len > 0.0 {
            let s = if dx < 0.0 { -len } else { len };
            (dx / s, dy / s)
        } else {
            (1.0, 0.0)
        };
        // "Up" from the text: the side of the arrow the label sits on.
        let up = (along.1, -along.0);
        // The middle of the glyphs, up from the line: one line's, moved half
        // a line away from the arrow for two.
        let rise = (LABEL_RISE.0 + LABEL_RISE.1) / 2.0 + extra / 2.0;
        let rise = if place.below {
            -(5.0 + 8.7) + (LABEL_RISE.0 + LABEL_RISE.1) / 2.0 - 6.0 - extra / 2.0
        } else {
            rise
        };
        let (mx, my) = (a.x1 + dx * place.along, a.y1 + dy * place.along);
        LabelBox {
            centre: (mx + up.0 * rise, my + up.1 * rise),
            along,
            across: up,
            half,
        }
    }

    /// The box a mark's text covers beside its lane (level, bold at most
    /// 12 px: about 7.2 px a character).
    fn of_mark(m: &Mark, frame: Frame) -> LabelBox {
        let p = m.place(frame);
        // The widest line in the languages at hand, in its font (style.css:
        // states bold, calls and errors smaller, smaller still on a phone).
        let narrow = !frame.ticks;
        let (font, bold) = match (m.kind, narrow) {
            (MarkKind::State, _) => (12.0, true),
            (MarkKind::Call, false) => (11.0, false),
            (MarkKind::Call, true) => (9.5, false),
            (MarkKind::Error, false) => (11.0, true),
            (MarkKind::Error, true) => (9.5, true),
        };
        let w = crate::i18n::mark_width(&m.text, narrow, font, bold);
        let below = (m.lines(frame) - 1) as f64 * MARK_LINE;
        let cx = if p.anchor == "end" {
            p.x - w / 2.0
        } else {
            p.x + w / 2.0
        };
        LabelBox {
            centre: (cx, p.y - 3.0 + below / 2.0),
            along: (1.0, 0.0),
            across: (0.0, -1.0),
            half: (w / 2.0, 6.5 + below / 2.0),
        }
    }

    /// Whether two boxes overlap: by the separating axis theorem, two
    /// rectangles are apart exactly when their shadows on one of their four
    /// edge directions are.
    fn overlaps(&self, other: &LabelBox) -> bool {
        let dot = |p: (f64, f64), q: (f64, f64)| p.0 * q.0 + p.1 * q.1;
        let d = (
            other.centre.0 - self.centre.0,
            other.centre.1 - self.centre.1,
        );
        let reach = |b: &LabelBox, axis| {
            b.half.0 * dot(b.along, axis).abs() + b.half.1 * dot(b.across, axis).abs()
        };
        [self.along, self.across, other.along, other.across]
            .into_iter()
            .all(|axis| dot(d, axis).abs() <= reach(self, axis) + reach(other, axis))
    }
}

/// How many monospace characters a label takes as `write_arrow` draws it:
/// the retransmission mark and the tag (in the wider of its languages).
fn label_chars(a: &Arrow, split: bool) -> usize {
    let mark = match a.tag {
        Some(t) => crate::i18n::tag_cells(t) + 3,
        None if a.retransmission => 2,
        None => 0,
    };
    if split {
        let (flags, numbers) = a.label_lines(Blanks::NONE);
        usize::max(flags.chars().count() + mark, numbers.chars().count())
    } else {
        a.label().chars().count() + mark
    }
}

/// Where along its arrow a label may go, best first: the middle, then
/// steps out to either side (a long arrow of a big burst needs many
/// places, its neighbours being only a few pixels away), then the same
/// below the arrow.
const PLACES: [LabelPlace; 35] = {
    let mut out = [LabelPlace::LEVEL; 35];
    let mut i = 0;
    while i < 26 {
        let k = (i % 13) as f64;
        // 0.5, 0.56, 0.44, 0.62, 0.38, …
        let step = ((k + 1.0) / 2.0) as u32 as f64 * 0.06;
        let along = if i % 13 % 2 == 1 {
            0.5 + step
        } else {
            0.5 - step
        };
        out[i] = LabelPlace {
            along,
            below: i >= 13,
            level: false,
            split: false,
        };
        i += 1;
    }
    // Then in two lines, at the middle and a third of the way either side,
    // above and below.
    let mut k = 0;
    while k < 6 {
        out[27 + k] = LabelPlace {
            along: [0.5, 0.34, 0.66][k % 3],
            below: k >= 3,
            level: false,
            split: true,
        };
        k += 1;
    }
    // Last, level a third of the way from either end: two arrows crossing
    // at their middles in a narrow frame can each keep a label by its own
    // end, one above the other.
    out[33] = LabelPlace {
        along: 0.3,
        ..LabelPlace::LEVEL
    };
    out[34] = LabelPlace {
        along: 0.7,
        ..LabelPlace::LEVEL
    };
    out
};

/// How long a label is, in one line and in two: counted once per arrow,
/// not once per place tried (each count writes the label out).
#[derive(Clone, Copy)]
struct Cells {
    one_line: usize,
    two_lines: usize,
}

impl Cells {
    fn of(a: &Arrow) -> Cells {
        Cells {
            one_line: label_chars(a, false),
            two_lines: label_chars(a, true),
        }
    }

    fn of_place(self, place: LabelPlace) -> usize {
        if place.split {
            self.two_lines
        } else {
            self.one_line
        }
    }
}

/// How many times one layout may try moving an earlier label aside.
const MAX_REPAIRS: usize = 32;

/// Give every label a place where it overprints no other: segments of one
/// instant are drawn a row apart, and a burst spread by jitter fans out, so
/// the middle is often taken; the label moves along its arrow, or below it.
/// Where no place is free (a fan denser than its labels), the one that
/// overlaps fewest wins: a label is never dropped.
fn place_labels(arrows: Vec<Rc<Arrow>>, marks: &[LabelBox], scale: f64) -> Vec<Rc<Arrow>> {
    // Marks in order down the page: those near an arrow are a short slice.
    let mut marks = marks.to_vec();
    // Positions are never negative, so their bits sort as the numbers do.
    synack_sim::sort::sort_stable_by_key(&mut marks, |m| m.centre.1.max(0.0).to_bits().into());
    let near_marks = |a: &Arrow| {
        let (top, bottom) = (a.y1.min(a.y2) - 30.0, a.y1.max(a.y2) + 30.0);
        &marks[marks.partition_point(|m| m.centre.1 < top)
            ..marks.partition_point(|m| m.centre.1 <= bottom)]
    };
    let mut arrows = arrows;
    let mut boxes: Vec<LabelBox> = Vec::with_capacity(arrows.len());
    let mut repairs = 0;
    for i in 0..arrows.len() {
        // Only recent labels can be close: arrows come in time order.
        let from = i.saturating_sub(64);
        let a = arrows[i].clone();
        let clashes_with = |b: &LabelBox, boxes: &[LabelBox], skip: Option<usize>| {
            (from..i)
                .filter(|&j| Some(j) != skip && boxes[j].overlaps(b))
                .count()
                + near_marks(&a).iter().filter(|m| m.overlaps(b)).count()
        };
        let cells = Cells::of(&a);
        let mut best = (
            usize::MAX,
            LabelPlace::MIDDLE,
            LabelBox::at(&a, a.label_at, scale, cells),
        );
        for place in PLACES {
            let b = LabelBox::at(&a, place, scale, cells);
            let n = clashes_with(&b, &boxes, None);
            if n < best.0 {
                best = (n, place, b);
            }
            if n == 0 {
                break;
            }
        }
        // No free place: where one earlier label alone is in the way, try
        // to move that one instead (two arrows crossing at their middles).
        // Only then, and a bounded number of times: a jittered fan, where
        // every place clashes with several, would cost a frame's time.
        if best.0 == 1 && repairs < MAX_REPAIRS {
            repairs += 1;
            'repair: for place in PLACES {
                let b = LabelBox::at(&a, place, scale, cells);
                let others: Vec<usize> = (from..i).filter(|&j| boxes[j].overlaps(&b)).collect();
                if others.len() != 1 || near_marks(&a).iter().any(|m| m.overlaps(&b)) {
                    continue;
                }
                let j = others[0];
                let cells_j = Cells::of(&arrows[j]);
                for alt in PLACES {
                    let moved = LabelBox::at(&arrows[j], alt, scale, cells_j);
                    let free = !moved.overlaps(&b)
                        && clashes_with(&moved, &boxes, Some(j)) == 0
                        && !near_marks(&arrows[j]).iter().any(|m| m.overlaps(&moved));
                    if free {
                        let mut m = (*arrows[j]).clone();
                        m.label_at = alt;
                        arrows[j] = Rc::new(m);
                        boxes[j] = moved;
                        best = (0, place, b);
                        break 'repair;
                    }
                }
            }
        }
        boxes.push(best.2);
        if best.1 != a.label_at {
            let mut moved = (*a).clone();
            moved.label_at = best.1;
            arrows[i] = Rc::new(moved);
        }
    }
    arrows
}

/// A flood's sampled SYNs: from the left edge to the server lane. They sit
/// between the rows of the real events rather than adding rows of their own.
fn spoofed_arrows(trace: &Trace, axis: &Axis, frame: Frame) -> Vec<Rc<Arrow>> {
    let Some(flood) = &trace.flood else {
        return Vec::new();
    };
    flood
        .samples
        .iter()
        .enumerate()
        .map(|(k, &(sent, arrive))| {
            // From off-stage, clear of the time column.
            let (x1, x2) = ((frame.client_x - 150.0).max(4.0), frame.server_x);
            let (y1, y2) = (axis.y(sent), axis.y(arrive).max(axis.y(sent) + 6.0));
            Rc::new(Arrow {
                // Ids past the trace's own: clicking one changes nothing.
                id: usize::MAX - k,
                from: Side::Client,
                x1,
                y1,
                x2,
                y2,
                lost: false,
                unknown: false,
                retransmission: false,
                tag: None,
                label_shown: k == 0,
                label_at: LabelPlace::MIDDLE,
                text: ArrowText::Spoofed { sent_us: sent },
                angle: (y2 - y1).atan2(x2 - x1).to_degrees(),
            })
        })
        .collect()
}

/// A timer as the diagram draws it. An RTO restarted by every ACK continues
/// one bar instead of stacking a new one per ACK; a bar ends where the timer
/// fired (a tick; the re-armed timer starts a new bar) or was stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerBar {
    pub side: Side,
    pub kind: TimerKind,
    pub start_us: u64,
    pub end_us: u64,
    pub fired: bool,
    /// The timeout of the last arming in the bar.
    pub rto: Duration,
    /// How many times the timer was restarted within the bar.
    pub rearmed: usize,
}

pub fn timer_bars(spans: &[TimerSpan]) -> Vec<TimerBar> {
    let mut bars: Vec<TimerBar> = Vec::new();
    // Per (side, kind), the bar its next restart would continue.
    let mut open: Vec<usize> = Vec::new();
    for s in spans {
        let cont = open.iter().position(|&i| {
            let b = &bars[i];
            b.side == s.side && b.kind == s.kind && !b.fired && b.end_us == s.start_us
        });
        match cont {
            Some(k) => {
                let b = &mut bars[open[k]];
                b.end_us = s.end_us;
                b.fired = s.fired;
                b.rto = s.rto();
                b.rearmed += 1;
            }
            None => {
                open.retain(|&i| bars[i].side != s.side || bars[i].kind != s.kind);
                open.push(bars.len());
                bars.push(TimerBar {
                    side: s.side,
                    kind: s.kind,
                    start_us: s.start_us,
                    end_us: s.end_us,
                    fired: s.fired,
                    rto: s.rto(),
                    rearmed: 0,
                });
            }
        }
    }
    bars
}

/// Pair each armed timer with what ended it: firing, cancelling or re-arming.
pub fn timer_spans(trace: &Trace) -> Vec<TimerSpan> {
    let mut spans: Vec<TimerSpan> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for r in &trace.timers {
        if let Some(pos) = open
            .iter()
            .position(|&i| spans[i].side == r.endpoint && spans[i].kind == r.timer)
        {
            let i = open.swap_remove(pos);
            spans[i].end_us = r.at_us;
            spans[i].fired = r.action == TimerAction::Fired;
        }
        if r.action == TimerAction::Armed {
            open.push(spans.len());
            spans.push(TimerSpan {
                side: r.endpoint,
                kind: r.timer,
                start_us: r.at_us,
                // Still armed when the run ended: it would have fired at its deadline.
                end_us: r.expires_us.min(trace.end_us.max(r.at_us)),
                expires_us: r.expires_us,
                fired: false,
            });
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    use crate::i18n::Lang;

    /// A mark in English.
    fn words(m: &Mark) -> String {
        crate::i18n::mark(Lang::En, &m.text)
    }

    fn run(json: &str) -> Trace {
        simulate(&serde_json::from_str::<Config>(json).unwrap()).unwrap()
    }

    #[test]
    fn clock_format() {
        assert_eq!(seconds(1_050_000), "1.050 s");
        assert_eq!(seconds(7_875_150_000), "2:11:15.150");
    }

    #[test]
    fn a_capture_with_absurd_timestamps_still_lays_out() {
        let bytes = synack_sim::pcap::pcap(&run("{}"), synack_sim::Capture::Client);
        let mut cap = synack_sim::import::read(&bytes).unwrap();
        cap.streams[0].packets[2].time_us = u64::MAX;
        let t = synack_sim::import::trace(&cap.streams[0]);
        let l = layout(&t, true, Frame::WIDE);
        assert_eq!(l.arrows.len(), 3);
        assert!(l.height.is_finite() && l.arrows.iter().all(|a| a.y2.is_finite()));
    }

    #[test]
    fn a_click_means_the_nearest_arrow_drawn_so_far() {
        let l = layout(&run("{}"), true, Frame::WIDE);
        let [syn, syn_ack, _] = [0, 1, 2].map(|i| l.arrows[i].clone());
        let mid = |a: &Arrow| ((a.x1 + a.x2) / 2.0, (a.y1 + a.y2) / 2.0);
        let end = l.axis.ys.last().copied().unwrap();
        let (x, y) = mid(&syn_ack);
        assert_eq!(l.arrow_at(x, y, end, 10.0), Some(1));
        assert_eq!(
            l.arrow_at(x + 4.0, y - 6.0, end, 10.0),
            Some(1),
            "on its label"
        );
        let (x, y) = mid(&syn);
        assert_eq!(l.arrow_at(x, y, end, 10.0), Some(0));
        assert_eq!(
            l.arrow_at(x + 40.0, y - 40.0, end, 10.0),
            None,
            "empty space"
        );
        // Before the playhead reaches the SYN-ACK, its place is empty.
        let (x, y) = mid(&syn_ack);
        assert_eq!(l.arrow_at(x, y, syn_ack.y1 - 1.0, 10.0), None);
        // Halfway, only the drawn half answers.
        let half = (syn_ack.y1 + syn_ack.y2) / 2.0;
        assert_eq!(l.arrow_at(syn_ack.x2, syn_ack.y2, half, 10.0), None);
        assert_eq!(
            l.arrow_at(syn_ack.x1, syn_ack.y1 + 1.0, half, 10.0),
            Some(1)
        );
    }

    #[test]
    fn an_rto_restarted_by_each_ack_is_one_bar_and_a_timeout_breaks_it() {
        // A burst of data: the sender restarts its RTO on every ACK.
        let t = run(r#"{"client":{"data":60000}}"#);
        let l = layout(&t, true, Frame::WIDE);
        let rtx = |b: &&TimerBar| b.side == Side::Client && b.kind == TimerKind::Retransmit;
        assert!(
            l.timers
                .iter()
                .filter(|s| s.side == Side::Client && s.kind == TimerKind::Retransmit)
                .count()
                > 10
        );
        let bars: Vec<_> = l.timer_bars.iter().filter(rtx).collect();
        assert_eq!(bars.len(), 1, "{bars:?}");
        assert!(bars[0].rearmed > 9 && !bars[0].fired);
        // A lost SYN-ACK: the SYN timer fires at 1 s, and the re-armed timer is a new bar.
        let t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
        let l = layout(&t, true, Frame::WIDE);
        let syn: Vec<_> = l
            .timer_bars
            .iter()
            .filter(|b| b.side == Side::Client && b.kind == TimerKind::SynRetransmit)
            .collect();
        assert_eq!(syn.len(), 2, "{syn:?}");
        assert!(syn[0].fired && syn[0].end_us == 1_000_000 && syn[1].start_us == 1_000_000);
        assert_eq!(syn[1].rto, Duration::from_secs(1));
    }

    #[test]
    fn handshake_arrows_go_down_and_across() {
        let l = layout(&run("{}"), true, Frame::WIDE);
        assert_eq!(l.arrows.len(), 3);
        let syn = &l.arrows[0];
        assert_eq!(
            (syn.x1, syn.x2),
            (Frame::WIDE.client_x, Frame::WIDE.server_x)
        );
        assert!(syn.y2 > syn.y1, "time runs down");
        assert_eq!(l.arrows[1].x1, Frame::WIDE.server_x);
        assert!(
            l.arrows[1].y1 >= syn.y2,
            "SYN-ACK leaves when the SYN has arrived"
        );
        assert_eq!(syn.label(), "SYN seq=0");
        assert_eq!(l.arrows[1].label(), "SYN, ACK seq=0 ack=1");
        assert!(l
            .marks
            .iter()
            .any(|m| words(m) == "ESTABLISHED" && m.side == Side::Server));
        assert!(l.breaks.is_empty());
    }

    #[test]
    fn lost_segment_stops_part_way() {
        let l = layout(
            &run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#),
            true,
            Frame::WIDE,
        );
        let lost = &l.arrows[1];
        assert!(lost.lost);
        assert!(
            lost.x2 > Frame::WIDE.client_x && lost.x2 < Frame::WIDE.server_x,
            "ends between the lanes"
        );
        assert!(l.arrows[2].retransmission);
        assert_eq!(
            l.breaks.len(),
            0,
            "0.05 s to 1 s is under the break threshold"
        );
    }

    #[test]
    fn long_waits_are_compressed_and_marked() {
        let l = layout(&run(r#"{"c2s":{"loss":1}}"#), true, Frame::WIDE);
        assert!(l.height < 2000.0, "131 s fits on a page: {}", l.height);
        assert!(l
            .breaks
            .iter()
            .any(|b| crate::i18n::later(Lang::En, b.us) == "⋯ 64 s later"));
        assert!(l
            .breaks
            .iter()
            .any(|b| crate::i18n::later(Lang::Zh, b.us) == "⋯ 64 秒后"));
        assert!(l
            .marks
            .iter()
            .any(|m| m.kind == MarkKind::Error && words(m) == "connect() fails: ETIMEDOUT"));
        assert!(l
            .marks
            .iter()
            .any(|m| crate::i18n::mark(Lang::Zh, &m.text) == "connect() 失败：ETIMEDOUT"));
    }

    #[test]
    fn the_axis_inverts_and_playback_reaches_every_moment() {
        let l = layout(
            &run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#),
            true,
            Frame::WIDE,
        );
        for &t in l.axis.moments() {
            assert_eq!(l.axis.time_at(l.axis.y(t)), t);
        }
        // Half-way between the lost SYN-ACK (0.05 s) and the timer (1 s) is in between.
        let mid = l
            .axis
            .time_at((l.axis.y(50_000) + l.axis.y(1_000_000)) / 2.0);
        assert!(mid > 50_000 && mid < 1_000_000);
        let syn = &l.arrows[0];
        assert_eq!(syn.progress(syn.y1 - 1.0), Progress::NotSent);
        assert_eq!(
            syn.progress((syn.y1 + syn.y2) / 2.0),
            Progress::Travelling(0.5)
        );
        assert_eq!(syn.progress(syn.y2), Progress::Done);
    }

    #[test]
    fn timer_spans_end_when_cancelled_or_fired() {
        let t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
        let spans = timer_spans(&t);
        let syn: Vec<_> = spans
            .iter()
            .filter(|s| s.kind == TimerKind::SynRetransmit)
            .collect();
        assert_eq!(syn.len(), 2);
        assert!(syn[0].fired && syn[0].end_us == 1_000_000);
        assert_eq!(syn[0].rto(), Duration::from_secs(1));
        assert!(
            !syn[1].fired,
            "the second SYN timer was cancelled by the SYN-ACK"
        );
        assert_eq!(syn[1].end_us, 1_100_000);
    }

    #[test]
    fn changes_in_the_same_instant_share_one_label() {
        // The RFC preset acks a FIN at once, and the server closes on end of
        // file in the same instant: ACK and FIN leave together.
        let l = layout(
            &run(r#"{"timers":"rfc","client":{"close_ms":1000}}"#),
            true,
            Frame::WIDE,
        );
        assert!(l.marks.iter().any(|m| words(m) == "CLOSE-WAIT → LAST-ACK"));
        // Caused by two segments drawn a row apart: each at its arrival.
        let at = |text: &str| l.marks.iter().find(|m| words(m) == text).unwrap().y;
        assert_eq!(at("FIN-WAIT-2"), l.arrows[4].y2);
        assert_eq!(at("TIME-WAIT"), l.arrows[5].y2);
    }

    /// No two labels overprint, and no two arrows lie on top of each other.
    fn assert_all_apart(l: &Layout) {
        let scale = l.frame.label_scale();
        let arrows: Vec<_> = l.arrows.iter().collect();
        assert!(arrows.iter().all(|a| a.label_shown));
        for (i, a) in arrows.iter().enumerate() {
            for b in &arrows[i + 1..] {
                assert!(
                    !LabelBox::of(a, scale).overlaps(&LabelBox::of(b, scale)),
                    "#{} {} overprints #{} {}",
                    a.id + 1,
                    a.label(),
                    b.id + 1,
                    b.label()
                );
                assert!(
                    (a.x1, a.y1, a.x2, a.y2) != (b.x1, b.y1, b.x2, b.y2),
                    "#{} lies on #{}",
                    a.id + 1,
                    b.id + 1
                );
            }
        }
    }

    #[test]
    fn segments_of_one_instant_are_drawn_apart_each_with_its_label() {
        let t = run(r#"{"client":{"data":14600}}"#);
        let l = layout(&t, true, Frame::WIDE);
        let data: Vec<_> = l
            .arrows
            .iter()
            .filter(|a| a.label().contains("len=1460"))
            .collect();
        assert_eq!(data.len(), 10);
        // One row apart, in the order they were sent, and parallel.
        for w in data.windows(2) {
            assert!((w[1].y1 - w[0].y1 - ROW).abs() < 1e-9, "{w:?}");
            assert!((w[1].y2 - w[0].y2 - ROW).abs() < 1e-9);
        }
        assert_all_apart(&l);
        // The four-way close as the RFC preset has it: the server's ACK and
        // FIN leave in one instant, and the FIN is drawn below the ACK.
        let t = run(r#"{"timers":"rfc","client":{"close_ms":1000}}"#);
        let l = layout(&t, true, Frame::WIDE);
        assert_eq!(l.arrows[5].y1 - l.arrows[4].y1, ROW);
        assert_all_apart(&l);
        // What answers an arrival leaves from it, not above it.
        assert!(l.arrows[6].y1 >= l.arrows[5].y2 - 1e-9);
        // A burst fanned out by jitter: labels move along their arrows.
        let fan = layout(
            &run(r#"{"client":{"data":14600},"c2s":{"jitter_ms":3}}"#),
            true,
            Frame::WIDE,
        );
        // Jitter crosses them: where no place is free the label overlaps
        // fewest, and is still drawn.
        assert!(fan.arrows.iter().any(|a| a.label_at != LabelPlace::MIDDLE));
        assert!(fan.arrows.iter().all(|a| a.label_shown));
        // A handshake's labels stay in the middle.
        assert!(layout(&run("{}"), true, Frame::WIDE)
            .arrows
            .iter()
            .all(|a| a.label_at == LabelPlace::MIDDLE));
    }

    #[test]
    fn every_lesson_draws_every_segment_apart_and_labelled() {
        for sc in crate::scenarios::ALL {
            let runs = [Some(sc.config), sc.compare.as_ref().map(|c| c.config)];
            for config in runs.into_iter().flatten() {
                let t = simulate(&config()).unwrap();
                // As the lesson opens, in its own numbers, on a wide page
                // and on a phone's narrow frame.
                for frame in [Frame::WIDE, Frame::COMPACT] {
                    let l = layout(&t, !sc.absolute, frame);
                    assert_eq!(l.arrows.len(), t.segments.len(), "{}", sc.name);
                    assert_all_apart(&l);
                }
            }
        }
    }

    #[test]
    fn marks_stay_inside_the_figure() {
        // A burst of reads in one instant is one counted word, not ten.
        let t = run(r#"{"client":{"data":14600}}"#);
        let l = layout(&t, true, Frame::WIDE);
        let burst = l
            .marks
            .iter()
            .map(|m| crate::i18n::mark(crate::i18n::Lang::En, &m.text));
        assert!(
            burst
                .clone()
                .any(|m| m == "accept() returns · read() = 1460 ×10"),
            "{:?}",
            burst.collect::<Vec<_>>()
        );
        let mut runs: Vec<(Trace, bool)> = vec![(t, true)];
        for sc in crate::scenarios::ALL {
            runs.push((simulate(&(sc.config)()).unwrap(), !sc.absolute));
        }
        for (t, relative) in &runs {
            for frame in [Frame::WIDE, Frame::COMPACT] {
                for m in &layout(t, *relative, frame).marks {
                    let b = LabelBox::of_mark(m, frame);
                    assert!(
                        b.centre.0 - b.half.0 >= 0.0 && b.centre.0 + b.half.0 <= frame.width,
                        "{:?} leaves a {}-wide figure",
                        m.text,
                        frame.width
                    );
                }
            }
        }
    }

    #[test]
    fn stepping_stops_at_each_row_of_an_instant() {
        let l = layout(
            &run(r#"{"timers":"rfc","client":{"close_ms":1000}}"#),
            true,
            Frame::WIDE,
        );
        let stops: Vec<f64> = l.axis.stops().collect();
        assert!(stops.contains(&l.arrows[4].y1) && stops.contains(&l.arrows[5].y1));
        assert_eq!(l.axis.time_at(l.arrows[5].y1), 1_050_000, "one instant");
        assert!(stops.windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn a_label_box_runs_along_its_text_as_drawn() {
        // Both directions, and lost arrows (cut short).
        let t =
            run(r#"{"client":{"data":3000},"drop":[{"dir":"s2c","nth":1},{"dir":"c2s","nth":3}]}"#);
        for a in layout(&t, true, Frame::WIDE).arrows.iter() {
            let r = a.angle.to_radians();
            let b = LabelBox::of(a, 1.0);
            assert!(
                (b.along.0 - r.cos()).abs() < 1e-9 && (b.along.1 - r.sin()).abs() < 1e-9,
                "{}",
                a.label()
            );
        }
    }

    #[test]
    fn label_boxes_overlap_when_their_text_would() {
        let boxed = |centre, angle: f64, half| {
            let r = angle.to_radians();
            LabelBox {
                centre,
                along: (r.cos(), r.sin()),
                across: (r.sin(), -r.cos()),
                half,
            }
        };
        let a = boxed((100.0, 100.0), 10.0, (60.0, 7.5));
        // Parallel: apart once the gap across exceeds the two half heights.
        assert!(a.overlaps(&boxed((100.0, 114.0), 10.0, (60.0, 7.5))));
        assert!(!a.overlaps(&boxed((100.0, 116.0), 10.0, (60.0, 7.5))));
        // End to end along the text.
        assert!(!a.overlaps(&boxed(
            (
                100.0 + 125.0 * 10f64.to_radians().cos(),
                100.0 + 125.0 * 10f64.to_radians().sin()
            ),
            10.0,
            (60.0, 7.5)
        )));
        // A fan: centres 20 apart, but the texts cross.
        assert!(a.overlaps(&boxed((100.0, 120.0), 25.0, (60.0, 7.5))));
    }

    #[test]
    fn absolute_labels_show_absolute_numbers() {
        let t = run("{}");
        let l = layout(&t, false, Frame::WIDE);
        assert_eq!(
            l.arrows[0].label(),
            format!("SYN seq={}", t.segments[0].seq)
        );
    }

    #[test]
    fn a_tooltip_says_when_and_why_a_segment_was_sent() {
        let t = run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#);
        let l = layout(&t, true, Frame::WIDE);
        assert_eq!(
            crate::i18n::tooltip(Lang::En, &l.arrows[1]),
            format!(
                "#2 SYN, ACK seq=0 ack=1 Server → Client: sent 0.050 s, lost. {}",
                t.segments[1].reason
            )
        );
        let rtx = &t.segments[2];
        assert!(rtx.retransmission && rtx.sent_us == 1_000_000);
        let tip = crate::i18n::tooltip(Lang::En, &l.arrows[2]);
        assert!(
            tip.starts_with("#3 SYN seq=0 Client → Server: sent 1.000 s, arrives 1.050 s. "),
            "{tip}"
        );
        assert!(tip.ends_with(&rtx.reason.to_string()), "{tip}");
    }
}

//! 中文 and English: the one place words are made. Every word comes from a
//! language's catalog (`catalog`, `static/i18n/*.txt`) through the fields
//! of [`Strings`] (`words`); the functions here put them together with the
//! numbers and names a trace holds.

pub mod catalog;
mod exercise_words;
mod words;

pub use exercise_words::{exercise_words, ExerciseWords};
pub use words::Strings;

use synack_sim::endpoint::Discard;
use synack_sim::trace::{SegmentRecord, StateChange};
use synack_sim::why::{Rule, Why};
use synack_sim::{Duration, Side};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The browser's language: Chinese if it prefers any `zh`, else English.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_browser() -> Lang {
        Lang::En
    }

    #[cfg(target_arch = "wasm32")]
    pub fn from_browser() -> Lang {
        let lang = web_sys::window()
            .map(|w| w.navigator().language().unwrap_or_default())
            .unwrap_or_default();
        Lang::from_tag(&lang)
    }

    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// A language named in a URL or on a command line: `en`, `zh` or `zh-CN`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Its catalog's name, and the URL parameter's value: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// This language's words (English until they are fetched: see
    /// `catalog`).
    pub fn s(self) -> &'static Strings {
        catalog::words(self)
    }
}

/// Why a receiver dropped a segment without an answer.
pub fn discard(lang: Lang, why: Discard) -> &'static str {
    let d = &lang.s().discard;
    match why {
        // Told by its own sentence (say_queue_full).
        Discard::SynQueueFull => "",
        Discard::RstNoConnection => d[0],
        Discard::RstInListen => d[1],
        Discard::NotSynInListen => d[2],
        Discard::RstUnacceptable => d[3],
        Discard::NoSynInSynSent => d[4],
        Discard::NoAck => d[5],
        Discard::BadAck => d[6],
        Discard::RateLimited => d[7],
    }
}

pub fn side(lang: Lang, side: Side) -> &'static str {
    match side {
        Side::Client => lang.s().client,
        Side::Server => lang.s().server,
    }
}

fn timer_name(lang: Lang, t: synack_sim::timer::TimerKind) -> &'static str {
    use synack_sim::timer::TimerKind::*;
    let s = lang.s();
    match t {
        SynRetransmit => s.timer_syn,
        SynAckRetransmit => s.timer_synack,
        Retransmit => s.timer_retransmit,
        Keepalive => s.timer_keepalive,
        TimeWait => s.timer_time_wait,
        DelayedAck => s.timer_delayed_ack,
    }
}

pub fn timer(lang: Lang, t: synack_sim::timer::TimerKind) -> String {
    fill(lang.s().timer_named, &[("name", timer_name(lang, t))])
}

/// A mark beside a lane, in words: states, socket calls, a failed call.
pub fn mark(lang: Lang, m: &crate::geometry::MarkText) -> String {
    mark_lines(lang, m, false).join(" · ")
}

/// A mark as it is drawn: the calls of one instant one to a line (a burst
/// of them on one line would run off the figure). In a narrow figure (a
/// phone's) states and a failed call's error take a line each too.
pub fn mark_lines(lang: Lang, m: &crate::geometry::MarkText, narrow: bool) -> Vec<String> {
    use crate::geometry::{CallWord, MarkText};
    let s = lang.s();
    match m {
        MarkText::States(states) if narrow => states
            .iter()
            .enumerate()
            .map(|(i, s)| match i {
                0 if states.len() > 1 => format!("{} →", s.name()),
                _ => s.name().to_string(),
            })
            .collect(),
        MarkText::States(states) => {
            let names: Vec<&str> = states.iter().map(|s| s.name()).collect();
            vec![names.join(" → ")]
        }
        MarkText::Calls(words) => words
            .iter()
            .map(|&(w, times)| {
                let word: String = match w {
                    CallWord::Listen => "listen()".into(),
                    CallWord::Connecting => "connect() …".into(),
                    CallWord::Connected => s.call_connected.into(),
                    CallWord::Accepted => s.call_accepted.into(),
                    CallWord::Close => "close()".into(),
                    CallWord::Read(0) => s.call_read_eof.into(),
                    CallWord::Read(n) => format!("read() = {n}"),
                };
                match times {
                    1 => word,
                    n => format!("{word} ×{n}"),
                }
            })
            .collect(),
        MarkText::Failed { call, errno } => {
            let errno = errno.map_or("error", |e| e.name());
            let text = fill(s.call_failed, &[("call", call.c_name()), ("errno", errno)]);
            // The error on a line of its own, in any language's sentence.
            match text.strip_suffix(errno) {
                Some(head) if narrow => vec![head.trim_end().to_string(), errno.to_string()],
                _ => vec![text],
            }
        }
    }
}

/// A template with its `{name}`s replaced, all in one pass (a value is
/// never searched again for names).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, v))) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// How wide a text is drawn at `font_px` in the page's sans-serif, a
/// little more than measured in Chromium: capitals and digits (wider bold),
/// lower case, spaces and punctuation, CJK a full em.
pub fn text_width(s: &str, font_px: f64, bold: bool) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'A'..='Z' | '0'..='9' if bold => 0.72,
            'A'..='Z' | '0'..='9' => 0.66,
            'a'..='z' => 0.6,
            ' ' => 0.34,
            '→' | '×' | '…' => 0.86,
            c if c.is_ascii() => 0.45,
            _ => 1.0,
        })
        .sum();
    em * font_px
}

/// The widest line of a mark in the languages whose words are here, drawn
/// at `font_px`: the layout keeps room for any of them.
pub fn mark_width(m: &crate::geometry::MarkText, narrow: bool, font_px: f64, bold: bool) -> f64 {
    known()
        .flat_map(|lang| mark_lines(lang, m, narrow))
        .map(|line| text_width(&line, font_px, bold))
        .fold(0.0, f64::max)
}

/// Cells a text takes in a monospace-ish reckoning: a CJK character two.
pub fn cells(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// An exported figure's title: the scenario, and the settings that make
/// its run what it is.
pub fn figure_title(lang: Lang, scenario: Option<&str>, c: &synack_sim::Config) -> String {
    let s = lang.s();
    let link = |l: &synack_sim::config::LinkConfig| {
        let mut t = duration(lang, Duration((l.delay_ms * 1000.0) as u64));
        if l.jitter_ms > 0.0 {
            t += " ± ";
            t += &duration(lang, Duration((l.jitter_ms * 1000.0) as u64));
        }
        if l.loss > 0.0 {
            let pct = crate::number::Fixed(l.loss * 100.0, 0).to_string();
            t += &fill(s.figure_loss, &[("pct", &pct)]);
        }
        t
    };
    let timers = match c.timers {
        synack_sim::Preset::Linux => s.figure_linux,
        synack_sim::Preset::Rfc => s.figure_rfc,
    };
    let run = fill(
        s.figure_run,
        &[
            ("seed", &c.seed.to_string()),
            ("c2s", &link(&c.c2s)),
            ("s2c", &link(&c.s2c)),
            ("timers", timers),
        ],
    );
    format!("{} · {run}", scenario.unwrap_or("synack"))
}

/// The languages whose words are here.
fn known() -> impl Iterator<Item = Lang> {
    [Lang::En, Lang::Zh]
        .into_iter()
        .filter(|l| catalog::installed(*l).is_some())
}

/// A time on the diagram's clock: `0.150 s` / `0.150 秒`.
pub fn clock(lang: Lang, us: u64) -> String {
    let t = crate::geometry::seconds(us);
    match t.strip_suffix(" s") {
        Some(n) => format!("{n} {}", lang.s().unit_s),
        None => t,
    }
}

/// A break in the axis: `⋯ 32 s later` / `⋯ 32 秒后`.
pub fn later(lang: Lang, us: u64) -> String {
    fill(lang.s().later, &[("time", &duration(lang, Duration(us)))])
}

/// What a flood's sampled SYN's label says.
pub fn spoofed(lang: Lang) -> &'static str {
    lang.s().spoofed_syn
}

/// An arrow's tooltip: which segment, when it left and arrived, and why.
pub fn tooltip(lang: Lang, a: &crate::geometry::Arrow) -> String {
    use crate::geometry::ArrowText;
    let s = lang.s();
    match a.text {
        ArrowText::Segment {
            sent_us,
            arrive_us,
            reason: r,
            ..
        } => {
            let fate = match (arrive_us, a.unknown) {
                (Some(t), _) => fill(s.arrives_at, &[("time", &clock(lang, t))]),
                (None, true) => s.not_seen_arriving.into(),
                (None, false) => s.lost.into(),
            };
            fill(
                s.tooltip_segment,
                &[
                    ("n", &(a.id + 1).to_string()),
                    ("label", &a.label()),
                    ("from", side(lang, a.from)),
                    ("to", side(lang, a.from.peer())),
                    ("time", &clock(lang, sent_us)),
                    ("fate", &fate),
                    ("why", &reason(lang, r)),
                ],
            )
        }
        ArrowText::Spoofed { sent_us } => {
            fill(s.tooltip_spoofed, &[("time", &clock(lang, sent_us))])
        }
    }
}

/// How long a timer was armed for, named for what it is: only the
/// retransmission timers run an RTO; TIME-WAIT and keepalive are fixed times.
pub fn timer_length(lang: Lang, t: synack_sim::timer::TimerKind, d: Duration) -> String {
    use synack_sim::timer::TimerKind::*;
    match t {
        SynRetransmit | SynAckRetransmit | Retransmit => format!("RTO {}", duration(lang, d)),
        Keepalive | TimeWait | DelayedAck => duration(lang, d),
    }
}

/// What Wireshark's analysis calls a segment, as the diagram and log show it.
pub fn tag(lang: Lang, t: synack_sim::analysis::Tag) -> &'static str {
    use synack_sim::analysis::Tag::*;
    let s = lang.s();
    match t {
        Retransmission => s.tag_retransmission,
        SpuriousRetransmission => s.tag_spurious,
        KeepAlive => s.tag_keep_alive,
        KeepAliveAck => s.tag_keep_alive_ack,
        DupAck => s.tag_dup_ack,
        ChallengeAck => s.tag_challenge_ack,
    }
}

/// The widest a tag is drawn in the languages whose words are here, in
/// monospace cells (a CJK character takes two).
pub fn tag_cells(t: synack_sim::analysis::Tag) -> usize {
    known().map(|lang| cells(tag(lang, t))).max().unwrap_or(0)
}

/// How often a timer drawn as one bar was restarted, for its tooltip.
pub fn rearmed(lang: Lang, n: usize) -> String {
    match n {
        0 => String::new(),
        n => fill(lang.s().rearmed, &[("n", &n.to_string())]),
    }
}

/// Durations in the reader's language: `1 s` / `1 秒`, `2 h 11 min 15 s`.
pub fn duration(lang: Lang, d: Duration) -> String {
    let s = lang.s();
    // The core writes English units; each becomes the catalog's.
    d.to_string()
        .split(' ')
        .map(|w| match w {
            "µs" => s.unit_us,
            "ms" => s.unit_ms,
            "s" => s.unit_s,
            "min" => s.unit_min,
            "h" => s.unit_h,
            number => number,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a segment was sent.
pub fn why(lang: Lang, seg: &SegmentRecord) -> String {
    reason(lang, seg.reason)
}

/// A reason for sending, in words.
pub fn reason(lang: Lang, reason: Why) -> String {
    let s = lang.s();
    let text = match reason {
        Why::Connect => s.why_connect,
        Why::Retransmit { timer, rto } => {
            return fill(
                s.why_retransmit,
                &[
                    ("timer", &self::timer(lang, timer)),
                    ("rto", &duration(lang, rto)),
                ],
            )
        }
        Why::SynInListen => s.why_syn_in_listen,
        Why::SynAckForRetransmittedSyn => s.why_synack_for_retransmitted_syn,
        Why::SimultaneousOpen => s.why_simultaneous_open,
        Why::CompleteHandshake => s.why_complete_handshake,
        Why::CompleteHandshakeWithData => s.why_complete_handshake_data,
        Why::AckDuplicateSyn => s.why_ack_duplicate_syn,
        Why::Data => s.why_data,
        Why::AckData => s.why_ack_data,
        Why::AckOutOfOrder => s.why_ack_out_of_order,
        Why::AckFin => s.why_ack_fin,
        Why::Fin => s.why_fin,
        Why::ChallengeAckSyn => s.why_challenge_ack_syn,
        Why::ChallengeAckRst => s.why_challenge_ack_rst,
        Why::OutOfWindow => s.why_out_of_window,
        Why::KeepaliveAck => s.why_keepalive_ack,
        Why::AckOfUnsent => s.why_ack_of_unsent,
        Why::ResetClosed => s.why_reset_closed,
        Why::ResetListenAck => s.why_reset_listen_ack,
        Why::ResetBadAckSynSent => s.why_reset_bad_ack_syn_sent,
        Why::ResetBadAckSynReceived => s.why_reset_bad_ack_syn_received,
        Why::KeepaliveProbe { n, of } => {
            return fill(
                s.why_keepalive_probe,
                &[("n", &n.to_string()), ("of", &of.to_string())],
            )
        }
        Why::KeepaliveGiveUp => s.why_keepalive_give_up,
        Why::Injected => s.why_injected,
        Why::Played => s.why_played,
        Why::TwoWaySynAck => s.why_two_way_syn_ack,
        Why::SynAckDataDropped => s.why_synack_data_dropped,
        Why::SynAckFastOpen => s.why_synack_fast_open,
        Why::SynDataAgain => s.why_syn_data_again,
        Why::SynCookie => s.why_syn_cookie,
        Why::SynCookieAlways => s.why_syn_cookie_always,
        Why::Captured => s.why_captured,
    };
    text.to_string()
}

/// The rule behind a state change.
pub fn rule(lang: Lang, change: &StateChange) -> String {
    let s = lang.s();
    match change.rule {
        Rule::PassiveOpen => s.rule_passive_open,
        Rule::ActiveOpen => s.rule_active_open,
        Rule::SynInListen => s.rule_syn_in_listen,
        Rule::SynAckInSynSent => s.rule_synack_in_syn_sent,
        Rule::SynInSynSent => s.rule_syn_in_syn_sent,
        Rule::AckInSynReceived => s.rule_ack_in_syn_received,
        Rule::SynAckInSynReceived => s.rule_synack_in_syn_received,
        Rule::SynInPassiveSynReceived => s.rule_syn_in_passive_syn_received,
        Rule::RstInSynSent => s.rule_rst_in_syn_sent,
        Rule::RstInPassiveSynReceived => s.rule_rst_in_passive_syn_received,
        Rule::RstInActiveSynReceived => s.rule_rst_in_active_syn_received,
        Rule::RstInSynchronized => s.rule_rst_in_synchronized,
        Rule::SynTimeout => s.rule_syn_timeout,
        Rule::SynAckTimeout => s.rule_synack_timeout,
        Rule::RetransmitTimeout => s.rule_retransmit_timeout,
        Rule::KeepaliveTimeout => s.rule_keepalive_timeout,
        Rule::CloseEstablished => s.rule_close_established,
        Rule::CloseInCloseWait => s.rule_close_in_close_wait,
        Rule::CloseAbort => s.rule_close_abort,
        Rule::FinReceived => s.rule_fin_received,
        Rule::FinInFinWait1 => s.rule_fin_in_fin_wait_1,
        Rule::FinAckedInFinWait1 => s.rule_fin_acked_in_fin_wait_1,
        Rule::FinInFinWait2 => s.rule_fin_in_fin_wait_2,
        Rule::AckInClosing => s.rule_ack_in_closing,
        Rule::AckInLastAck => s.rule_ack_in_last_ack,
        Rule::TimeWaitExpired => s.rule_time_wait_expired,
        Rule::HostCrash => s.rule_host_crash,
        Rule::ListenerTakesSyn => s.rule_listener_takes_syn,
        Rule::TwoWayOpen => s.rule_two_way_open,
        Rule::TwoWaySynAckInSynSent => s.rule_two_way_synack_in_syn_sent,
        Rule::SynCookieAck => s.rule_syn_cookie_ack,
    }
    .to_string()
}

/// An address-bar notice: a parameter unknown, or its value refused.
pub fn notice(lang: Lang, n: &crate::url::Notice) -> String {
    let s = lang.s();
    match &n.expected {
        None => fill(s.notice_unknown, &[("param", &clip(&n.param))]),
        Some(e) => fill(
            s.notice_ignored,
            &[
                ("param", &clip(&n.param)),
                ("value", &clip(&n.value)),
                ("expected", &expected(lang, e)),
            ],
        ),
    }
}

/// At most 40 characters of a text a message echoes, right-to-left
/// overrides and the like isolated so they cannot turn the message round.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    if out.chars().any(is_bidi_control) {
        out = format!("\u{2068}{out}\u{2069}");
    }
    out
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// What a valid value looks like.
pub fn expected(lang: Lang, e: &crate::url::Expected) -> String {
    use crate::url::Expected;
    let s = lang.s();
    match e {
        Expected::Number { min, max, whole } => fill(
            if *whole {
                s.expect_whole
            } else {
                s.expect_number
            },
            &[("min", &bound(*min, *whole)), ("max", &bound(*max, *whole))],
        ),
        Expected::Config(why) => fill(s.expect_valid_config, &[("why", why)]),
        Expected::Scenario => s.expect_scenario.into(),
        Expected::Lang => s.expect_lang.into(),
        Expected::Timers => s.expect_timers.into(),
        Expected::Flag => s.expect_flag.into(),
        Expected::SynCookies => s.expect_syncookies.into(),
        Expected::Keepalive => s.expect_keepalive.into(),
        Expected::Rules => s.expect_rules.into(),
        Expected::Seconds => s.expect_seconds.into(),
        Expected::Numbers => s.expect_numbers.into(),
        Expected::Exercise => s.expect_exercise.into(),
        Expected::Hide => s.expect_hide.into(),
        Expected::Segments => s.expect_segments.into(),
        Expected::Student => s.expect_student.into(),
        Expected::Vary => s.expect_vary.into(),
        Expected::NeedsExercise => s.expect_with_exercise.into(),
        Expected::Answers => s.expect_answers.into(),
        Expected::Side => s.expect_side.into(),
        Expected::Moves => s.expect_moves.into(),
        Expected::Origin => s.expect_origin.into(),
        Expected::Scorm => s.expect_scorm.into(),
    }
}

/// Why a capture file could not be opened: `Could not open x.pcap: ...`.
#[inline(never)]
pub fn capture_error(lang: Lang, file: &str, e: &crate::capture_reader::CaptureError) -> String {
    use crate::capture_reader::CaptureError;
    use synack_sim::import::{ImportError, MAX_FILE_BYTES};
    let s = lang.s();
    // Each sentence names at most one detail; one fill serves them all.
    let (template, detail) = match e {
        CaptureError::Reader(why) => (s.import_reader, why.clone()),
        CaptureError::Cancelled => (s.import_cancelled, String::new()),
        CaptureError::NotLoaded => (s.part_not_loaded, String::new()),
        CaptureError::File(ImportError::Empty) => (s.import_empty, String::new()),
        CaptureError::File(ImportError::TooLarge { bytes }) => {
            (s.import_too_large, grouped(*bytes as u64))
        }
        CaptureError::File(ImportError::NotACapture) => (s.import_not_capture, String::new()),
        CaptureError::File(ImportError::Malformed(why)) => (s.import_malformed, why.clone()),
        CaptureError::File(ImportError::UnsupportedLinkType(n)) => {
            (s.import_link_type, n.to_string())
        }
        CaptureError::File(ImportError::NoTcp { packets }) => {
            (s.import_no_tcp, packets.to_string())
        }
    };
    let why = fill(
        template,
        &[
            ("why", &detail),
            ("n", &detail),
            ("size", &detail),
            ("max", &grouped(MAX_FILE_BYTES as u64)),
            (
                "example",
                "tshark -r big.pcap -w one.pcap \"tcp.stream eq 0\"",
            ),
        ],
    );
    fill(s.capture_error, &[("file", file), ("why", &why)])
}

/// How many segments: `1 segment`, `5,001 segments` (`1 个报文段`).
pub fn segments(lang: Lang, n: u64) -> String {
    let s = lang.s();
    match n {
        1 => s.segment_one.to_string(),
        _ => s.segments_count.replace("{n}", &grouped(n)),
    }
}

/// A count with its thousands apart: `67,108,865`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Replace `{min}`/`{max}` in a message.
pub fn range_message(lang: Lang, min: f64, max: f64, whole: bool) -> String {
    let s = lang.s();
    fill(
        if whole {
            s.out_of_range_whole
        } else {
            s.out_of_range
        },
        &[("min", &bound(min, whole)), ("max", &bound(max, whole))],
    )
}

/// A limit as a message states it: whole ones in full (`9007199254740992`).
fn bound(x: f64, whole: bool) -> String {
    crate::number::trimmed(x, if whole { 0 } else { 6 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_segment_is_singular() {
        assert_eq!(segments(Lang::En, 1), "1 segment");
        assert_eq!(segments(Lang::En, 5001), "5,001 segments");
        assert_eq!(segments(Lang::Zh, 1), "1 个报文段");
    }

    #[test]
    fn a_notice_echoes_a_little_of_what_it_was_given_and_isolates_it() {
        let (_, notices) =
            crate::url::parse(&format!("?\u{202E}evil=1&seed={}", "9".repeat(10_000)));
        let unknown = notices[0].text(Lang::En);
        assert_eq!(
            unknown,
            "Unknown parameter “\u{2068}\u{202E}evil\u{2069}” ignored."
        );
        let long = notices[1].text(Lang::En);
        assert!(long.len() < 300 && long.contains("…"), "{long}");
    }

    #[test]
    fn a_file_just_over_the_limit_is_told_exactly() {
        use crate::capture_reader::CaptureError;
        let e = CaptureError::File(synack_sim::import::ImportError::TooLarge {
            bytes: 64 * 1024 * 1024 + 1,
        });
        let en = capture_error(Lang::En, "big.pcap", &e);
        assert!(en.starts_with("Could not open big.pcap: the file is 67,108,865 bytes; synack opens captures of up to 67,108,864 bytes"), "{en}");
        let zh = capture_error(Lang::Zh, "big.pcap", &e);
        assert!(
            zh.starts_with("无法打开 big.pcap：文件有 67,108,865 字节"),
            "{zh}"
        );
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }

    #[test]
    fn the_core_and_the_page_say_the_same_english() {
        // The core reads its sentences from en.txt by code; the page by field.
        for why in [
            Why::Connect,
            Why::Retransmit {
                timer: synack_sim::timer::TimerKind::SynRetransmit,
                rto: Duration(1_000_000),
            },
            Why::SynInListen,
            Why::SynAckForRetransmittedSyn,
            Why::SimultaneousOpen,
            Why::CompleteHandshake,
            Why::CompleteHandshakeWithData,
            Why::AckDuplicateSyn,
            Why::Data,
            Why::AckData,
            Why::AckOutOfOrder,
            Why::AckFin,
            Why::Fin,
            Why::ChallengeAckSyn,
            Why::ChallengeAckRst,
            Why::OutOfWindow,
            Why::KeepaliveAck,
            Why::AckOfUnsent,
            Why::ResetClosed,
            Why::ResetListenAck,
            Why::ResetBadAckSynSent,
            Why::ResetBadAckSynReceived,
            Why::KeepaliveProbe { n: 2, of: 9 },
            Why::KeepaliveGiveUp,
            Why::Injected,
            Why::Played,
            Why::TwoWaySynAck,
            Why::SynAckDataDropped,
            Why::SynAckFastOpen,
            Why::SynDataAgain,
            Why::SynCookie,
            Why::SynCookieAlways,
            Why::Captured,
        ] {
            let page = reason(Lang::En, why);
            assert!(!page.is_empty() && !page.contains('{'), "{page}");
            assert_eq!(page, why.to_string(), "{}", why.code());
        }
        for rule in [
            Rule::PassiveOpen,
            Rule::ActiveOpen,
            Rule::SynInListen,
            Rule::SynAckInSynSent,
            Rule::SynInSynSent,
            Rule::AckInSynReceived,
            Rule::SynAckInSynReceived,
            Rule::SynInPassiveSynReceived,
            Rule::RstInSynSent,
            Rule::RstInPassiveSynReceived,
            Rule::RstInActiveSynReceived,
            Rule::RstInSynchronized,
            Rule::SynTimeout,
            Rule::SynAckTimeout,
            Rule::RetransmitTimeout,
            Rule::KeepaliveTimeout,
            Rule::CloseEstablished,
            Rule::CloseInCloseWait,
            Rule::CloseAbort,
            Rule::FinReceived,
            Rule::FinInFinWait1,
            Rule::FinAckedInFinWait1,
            Rule::FinInFinWait2,
            Rule::AckInClosing,
            Rule::AckInLastAck,
            Rule::TimeWaitExpired,
            Rule::HostCrash,
            Rule::ListenerTakesSyn,
            Rule::TwoWayOpen,
            Rule::TwoWaySynAckInSynSent,
            Rule::SynCookieAck,
        ] {
            let change = StateChange {
                at_us: 0,
                endpoint: Side::Client,
                from: synack_sim::State::Closed,
                to: synack_sim::State::Closed,
                rule,
                rule_code: rule.code(),
                segment: None,
            };
            assert_eq!(
                self::rule(Lang::En, &change),
                rule.to_string(),
                "{}",
                rule.code()
            );
            assert!(!rule.to_string().is_empty());
        }
    }

    #[test]
    fn browser_tags_choose_the_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn templates_fill_their_names_once() {
        let t = fill(
            "{who} sends {what}: {why} {unknown}",
            &[("who", "Client"), ("what", "{why}"), ("why", "x")],
        );
        assert_eq!(t, "Client sends {why}: x {unknown}");
        assert_eq!(fill("no names", &[]), "no names");
        assert_eq!(fill("{open", &[("open", "x")]), "{open");
    }

    #[test]
    fn durations_translate() {
        assert_eq!(duration(Lang::Zh, Duration::from_secs(2)), "2 秒");
        assert_eq!(duration(Lang::Zh, Duration::from_millis(200)), "200 毫秒");
        assert_eq!(duration(Lang::En, Duration::from_secs(2)), "2 s");
    }
}

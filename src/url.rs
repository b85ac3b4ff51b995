//! Every setting as a URL query, both ways: a link or an embed opens exactly
//! the run, view and playhead its author saw. Parsing never fails: a bad or
//! unknown parameter becomes a notice and its default. Pure (no DOM), so it is
//! tested natively; `query` does the percent-coding.

use crate::exercise::{self, Exercise, Vary};
use crate::i18n::Lang;
use crate::number::parse_decimal;
use crate::scenarios;
use crate::state::{parse_field, Field, SPEEDS};
use synack_sim::config::{DropRule, SynCookies};
use synack_sim::{Config, Dir, Preset};

/// What a page without `?scenario=` shows.
pub const DEFAULT_SCENARIO: &str = "handshake";

/// What a link carries beyond the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The scenario the run starts from; the other parameters change it.
    pub scenario: Option<&'static str>,
    pub config: Config,
    /// None: follow the browser.
    pub lang: Option<Lang>,
    /// The playhead, as simulated time; None: before the first event.
    pub t_us: Option<u64>,
    pub speed: f64,
    /// None: the scenario's choice (relative, unless it is about absolute ISNs).
    pub relative: Option<bool>,
    pub quiz: bool,
    pub embed: Option<Embed>,
    /// An exercise made from this run (`exercise=fill` and its options).
    pub exercise: Option<Exercise>,
    /// Sequence and acknowledgment numbers on the diagram's labels (`labels=0` hides them).
    pub labels: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scenario: None,
            config: Config::default(),
            lang: None,
            t_us: None,
            speed: 1.0,
            relative: None,
            quiz: false,
            embed: None,
            exercise: None,
            labels: true,
        }
    }
}

/// Embed mode: a compact layout for an iframe on a course page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embed {
    /// The side panels (states, header, log).
    pub panels: bool,
    /// The network and endpoint controls.
    pub controls: bool,
    pub autoplay: bool,
}

impl Default for Embed {
    fn default() -> Self {
        Embed {
            panels: true,
            controls: true,
            autoplay: false,
        }
    }
}

/// A parameter that was not used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub param: String,
    pub value: String,
    /// None: the parameter is unknown. Some: what a valid value looks like.
    pub expected: Option<Expected>,
}

/// What a parameter's value should have been (`i18n::expected` says it).
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Scenario,
    Number {
        min: f64,
        max: f64,
        whole: bool,
    },
    Lang,
    Timers,
    Flag,
    /// `syncookies`: the sysctl's 0, 1 or 2.
    SynCookies,
    Keepalive,
    Rules,
    Seconds,
    Numbers,
    /// The settings together break a rule of the config's (the core's words).
    Config(String),
    /// `exercise`: a kind of exercise.
    Exercise,
    /// `hide`: header fields.
    Hide,
    /// `ask`: segment numbers.
    Segments,
    /// `student`: an identifier.
    Student,
    /// `vary`: what differs per student.
    Vary,
    /// An exercise option without `exercise=`.
    NeedsExercise,
    /// `answers`: a student's answers.
    Answers,
    /// `side`: client or server.
    Side,
    /// `moves`: the segments a student sent, playing a side.
    Moves,
    /// `scorm`: a SCORM version.
    Scorm,
    /// `origin`: the origin of the page framing this one.
    Origin,
}

impl Notice {
    pub fn text(&self, lang: Lang) -> String {
        crate::i18n::notice(lang, self)
    }
}

/// The query names of the number fields, as the form edits them (loss in percent).
const FIELDS: [(&str, Field); 9] = [
    ("c2s_delay", Field::Delay(Dir::C2s)),
    ("c2s_jitter", Field::Jitter(Dir::C2s)),
    ("c2s_loss", Field::Loss(Dir::C2s)),
    ("s2c_delay", Field::Delay(Dir::S2c)),
    ("s2c_jitter", Field::Jitter(Dir::S2c)),
    ("s2c_loss", Field::Loss(Dir::S2c)),
    ("seed", Field::Seed),
    ("data", Field::Data),
    ("backlog", Field::Backlog),
];

fn flag(v: &str) -> Option<bool> {
    match v {
        "1" | "true" | "on" | "yes" => Some(true),
        "0" | "false" | "off" | "no" => Some(false),
        _ => None,
    }
}

/// `c2s:1,s2c:2` (segment numbers per direction, from 1).
fn rules(v: &str) -> Option<Vec<DropRule>> {
    if v.is_empty() {
        return Some(Vec::new());
    }
    v.split(',')
        .map(|r| {
            let (dir, nth) = r.trim().split_once(':')?;
            let dir = match dir {
                "c2s" => Dir::C2s,
                "s2c" => Dir::S2c,
                _ => return None,
            };
            let nth: u32 = nth.parse().ok()?;
            (1..=100_000)
                .contains(&nth)
                .then_some(DropRule { dir, nth })
        })
        .collect()
}

fn rules_text(rules: &[DropRule]) -> String {
    rules
        .iter()
        .map(|r| format!("{}:{}", r.dir.name(), r.nth))
        .collect::<Vec<_>>()
        .join(",")
}

fn number_text(v: f64) -> String {
    crate::number::trimmed(v, 6)
}

/// One of an exercise's options into `ex`, or what its value should be.
fn exercise_option(ex: &mut Exercise, k: &str, v: &str) -> Result<(), Expected> {
    match k {
        "hide" => ex.hide = exercise::parse_hide(v).ok_or(Expected::Hide)?,
        "ask" => ex.ask = exercise::parse_ask(v).ok_or(Expected::Segments)?,
        "student" => ex.student = Some(exercise::parse_student(v).ok_or(Expected::Student)?),
        "vary" => ex.vary = Vary::parse(v).ok_or(Expected::Vary)?,
        "answers" => ex.answers = exercise::parse_answers(v).ok_or(Expected::Answers)?,
        "order" => ex.order = exercise::parse_order(v).ok_or(Expected::Segments)?,
        "predicted" => ex.predicted = exercise::parse_predicted(v).ok_or(Expected::Answers)?,
        "side" => ex.side = exercise::play::parse_side(v).ok_or(Expected::Side)?,
        _ => ex.checked = flag(v).ok_or(Expected::Flag)?,
    }
    Ok(())
}

/// `https://course.example.edu[:port]`: what host.js accepts (an origin as
/// `new URL(v).origin` writes it, http or https), checked alike here so the
/// page says why the bridge did not start.
fn is_origin(v: &str) -> bool {
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    rest.is_some_and(|host| {
        !host.is_empty()
            && v.len() <= 200
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.:[]".contains(&b))
    })
}

/// Read a query string (with or without its `?`).
pub fn parse(query: &str) -> (Settings, Vec<Notice>) {
    parse_pairs(&crate::query::pairs(query))
}

/// Read a query's name and value pairs (`synack.mount`'s options are these).
pub fn parse_pairs(pairs: &[(String, String)]) -> (Settings, Vec<Notice>) {
    let mut s = Settings::default();
    let mut notices = Vec::new();
    fn bad(notices: &mut Vec<Notice>, param: &str, value: &str, expected: Expected) {
        notices.push(Notice {
            param: param.into(),
            value: value.into(),
            expected: Some(expected),
        })
    }
    // The scenario first: the other parameters change its config.
    if let Some(sc) = scenarios::find(DEFAULT_SCENARIO) {
        s.scenario = Some(sc.name);
        s.config = (sc.config)();
    }
    if let Some((_, name)) = pairs.iter().find(|(k, _)| k == "scenario") {
        match scenarios::find(name) {
            Some(sc) => {
                s.scenario = Some(sc.name);
                s.config = (sc.config)();
            }
            None => bad(&mut notices, "scenario", name, Expected::Scenario),
        }
    }
    // The embed options apply only if embed=1 comes too, in any order;
    // the exercise's only with exercise=.
    let (mut embed_on, mut embed) = (false, Embed::default());
    let (mut kind, mut ex, mut ex_options) = (None, Exercise::default(), Vec::new());
    let mut moves = Vec::new();
    for (k, v) in pairs {
        let (k, v) = (k.as_str(), v.as_str());
        if let Some(&(_, field)) = FIELDS.iter().find(|(name, _)| *name == k) {
            match parse_field(field, v) {
                Ok(x) => field.write(&mut s.config, x),
                Err(_) => {
                    let (min, max, whole) = field.range();
                    bad(&mut notices, k, v, Expected::Number { min, max, whole })
                }
            }
            continue;
        }
        match k {
            "scenario" => {}
            "lang" => match Lang::parse(v) {
                Some(l) => s.lang = Some(l),
                None => bad(&mut notices, k, v, Expected::Lang),
            },
            "timers" => match v {
                "linux" => s.config.timers = Preset::Linux,
                "rfc" => s.config.timers = Preset::Rfc,
                _ => bad(&mut notices, k, v, Expected::Timers),
            },
            "listening" => match flag(v) {
                Some(b) => s.config.server.listening = b,
                None => bad(&mut notices, k, v, Expected::Flag),
            },
            // As the sysctl: 2 answers every SYN with a cookie.
            "syncookies" => match (v, flag(v)) {
                ("2" | "always", _) => s.config.server.syncookies = SynCookies::Always,
                (_, Some(b)) => s.config.server.syncookies = b.into(),
                (_, None) => bad(&mut notices, k, v, Expected::SynCookies),
            },
            "probes" => match (v.parse::<u32>(), &mut s.config.server.keepalive) {
                (Ok(n @ 1..=100), Some(ka)) => ka.probes = n,
                (Ok(1..=100), None) => bad(&mut notices, k, v, Expected::Keepalive),
                _ => bad(
                    &mut notices,
                    k,
                    v,
                    Expected::Number {
                        min: 1.0,
                        max: 100.0,
                        whole: true,
                    },
                ),
            },
            "drop" | "deliver" => match rules(v) {
                Some(r) if k == "drop" => s.config.drop = r,
                Some(r) => s.config.deliver = r,
                None => bad(&mut notices, k, v, Expected::Rules),
            },
            "t" => match parse_decimal(v) {
                Some(x) if x.is_finite() && (0.0..=1e7).contains(&x) => {
                    s.t_us = Some((x * 1e6).round() as u64)
                }
                _ => bad(&mut notices, k, v, Expected::Seconds),
            },
            "speed" => match parse_decimal(v) {
                Some(x) if x.is_finite() && (SPEEDS[0]..=SPEEDS[SPEEDS.len() - 1]).contains(&x) => {
                    s.speed = x
                }
                _ => bad(
                    &mut notices,
                    k,
                    v,
                    Expected::Number {
                        min: SPEEDS[0],
                        max: SPEEDS[SPEEDS.len() - 1],
                        whole: false,
                    },
                ),
            },
            "numbers" => match v {
                "relative" => s.relative = Some(true),
                "absolute" => s.relative = Some(false),
                _ => bad(&mut notices, k, v, Expected::Numbers),
            },
            "quiz" => match flag(v) {
                Some(b) => s.quiz = b,
                None => bad(&mut notices, k, v, Expected::Flag),
            },
            "embed" => match flag(v) {
                Some(b) => embed_on = b,
                None => bad(&mut notices, k, v, Expected::Flag),
            },
            "exercise" => match exercise::Kind::parse(v) {
                Some(found) => kind = Some(found),
                None => bad(&mut notices, k, v, Expected::Exercise),
            },
            "moves" => match exercise::play::parse_moves(v) {
                Some(m) => {
                    moves = m;
                    ex_options.push((k, v));
                }
                None => bad(&mut notices, k, v, Expected::Moves),
            },
            "hide" | "ask" | "student" | "vary" | "answers" | "checked" | "order" | "side"
            | "predicted" => match exercise_option(&mut ex, k, v) {
                Ok(()) => ex_options.push((k, v)),
                Err(expected) => bad(&mut notices, k, v, expected),
            },
            // Read by boot.js, which starts the SCORM adapter (a package's launch link).
            "scorm" => {
                if !matches!(v, "1.2" | "2004") {
                    bad(&mut notices, k, v, Expected::Scorm)
                }
            }
            // Read by boot.js, which starts the postMessage bridge (host.js).
            "origin" => {
                if !is_origin(v) {
                    bad(&mut notices, k, v, Expected::Origin)
                }
            }
            "labels" => match flag(v) {
                Some(b) => s.labels = b,
                None => bad(&mut notices, k, v, Expected::Flag),
            },
            "panels" | "controls" | "autoplay" => match flag(v) {
                Some(b) if k == "panels" => embed.panels = b,
                Some(b) if k == "controls" => embed.controls = b,
                Some(b) => embed.autoplay = b,
                None => bad(&mut notices, k, v, Expected::Flag),
            },
            _ => notices.push(Notice {
                param: k.into(),
                value: v.into(),
                expected: None,
            }),
        }
    }
    s.embed = embed_on.then_some(embed);
    match kind {
        Some(kind) => {
            ex.kind = kind;
            // Each student's own numbers, set from the identifier alone:
            // a link that already carries them reads the same.
            if let Some(who) = &ex.student {
                exercise::student::vary(&mut s.config, who, ex.vary);
            }
            // The quiz is the predicting exercise.
            if kind == exercise::Kind::Predict {
                s.quiz = true;
            }
            if kind == exercise::Kind::Play {
                s.config.play = Some(synack_sim::play::Play {
                    side: ex.side,
                    moves,
                });
            }
            s.exercise = Some(ex);
        }
        None => {
            for (k, v) in ex_options {
                bad(&mut notices, k, v, Expected::NeedsExercise);
            }
        }
    }
    // The fields are checked one by one; the whole config once more.
    if let Err(e) = s.config.validate() {
        notices.push(Notice {
            param: "config".into(),
            value: String::new(),
            expected: Some(Expected::Config(e.to_string())),
        });
        s.config = s
            .scenario
            .and_then(scenarios::find)
            .map(|sc| (sc.config)())
            .unwrap_or_default();
    }
    (s, notices)
}

/// The query for these settings: only what differs from the scenario (or
/// from the defaults), so links stay short and readable.
pub fn to_query(s: &Settings) -> String {
    let base = s
        .scenario
        .and_then(scenarios::find)
        .map(|sc| (sc.config)())
        .unwrap_or_default();
    let mut q = Pairs(Vec::new());
    if let Some(name) = s.scenario.filter(|&n| n != DEFAULT_SCENARIO) {
        q.append_pair("scenario", name);
    }
    let c = &s.config;
    for (name, field) in FIELDS {
        let v = field.read(c);
        if v != field.read(&base) {
            q.append_pair(name, &number_text(v));
        }
    }
    if c.timers != base.timers {
        q.append_pair(
            "timers",
            if c.timers == Preset::Rfc {
                "rfc"
            } else {
                "linux"
            },
        );
    }
    if c.server.listening != base.server.listening {
        q.append_pair("listening", if c.server.listening { "1" } else { "0" });
    }
    if c.server.syncookies != base.server.syncookies {
        let n = match c.server.syncookies {
            SynCookies::Off => "0",
            SynCookies::WhenFull => "1",
            SynCookies::Always => "2",
        };
        q.append_pair("syncookies", n);
    }
    if let (Some(now), Some(was)) = (&c.server.keepalive, &base.server.keepalive) {
        if now.probes != was.probes {
            q.append_pair("probes", &now.probes.to_string());
        }
    }
    if c.drop != base.drop {
        q.append_pair("drop", &rules_text(&c.drop));
    }
    if c.deliver != base.deliver {
        q.append_pair("deliver", &rules_text(&c.deliver));
    }
    if let Some(lang) = s.lang {
        q.append_pair("lang", lang.code());
    }
    if let Some(r) = s.relative {
        q.append_pair("numbers", if r { "relative" } else { "absolute" });
    }
    if let Some(t) = s.t_us {
        q.append_pair("t", &number_text(t as f64 / 1e6));
    }
    if s.speed != 1.0 {
        q.append_pair("speed", &number_text(s.speed));
    }
    let predicting = s
        .exercise
        .as_ref()
        .is_some_and(|e| e.kind == exercise::Kind::Predict);
    if s.quiz && !predicting {
        q.append_pair("quiz", "1");
    }
    if let Some(e) = &s.exercise {
        let default = Exercise::default();
        q.append_pair("exercise", e.kind.name());
        if e.hide != default.hide {
            q.append_pair("hide", &exercise::hide_text(e.hide));
        }
        if !e.ask.is_empty() {
            q.append_pair("ask", &exercise::ask_text(&e.ask));
        }
        if e.vary != default.vary {
            q.append_pair("vary", &e.vary.text());
        }
        if e.side != default.side && e.kind == exercise::Kind::Play {
            q.append_pair("side", e.side.name());
        }
        if let Some(who) = &e.student {
            q.append_pair("student", who);
        }
        append_progress(&mut q, e, c);
    }
    if !s.labels {
        q.append_pair("labels", "0");
    }
    if let Some(e) = s.embed {
        q.append_pair("embed", "1");
        if !e.panels {
            q.append_pair("panels", "0");
        }
        if !e.controls {
            q.append_pair("controls", "0");
        }
        if e.autoplay {
            q.append_pair("autoplay", "1");
        }
    }
    crate::query::write(q.0.iter().map(|(k, v)| (*k, v.as_str())))
}

/// A student's answers (their order, their moves), and whether they were
/// checked.
fn append_progress(q: &mut Pairs, e: &Exercise, c: &Config) {
    if e.answers.iter().any(|a| *a != Default::default()) {
        q.append_pair("answers", &exercise::answers_text(&e.answers));
    }
    if !e.order.is_empty() {
        q.append_pair("order", &exercise::ask_text(&e.order));
    }
    if !e.predicted.is_empty() {
        q.append_pair("predicted", &exercise::predicted_text(&e.predicted));
    }
    if let Some(p) = c.play.as_ref().filter(|p| !p.moves.is_empty()) {
        q.append_pair("moves", &exercise::play::moves_text(&p.moves));
    }
    if e.checked {
        q.append_pair("checked", "1");
    }
}

/// Where a student left off, as query parameters to add to the exercise's
/// link (an LMS keeps it as suspend data): `answers=…&checked=1`.
pub fn progress_query(e: &Exercise, c: &Config) -> String {
    let mut q = Pairs(Vec::new());
    append_progress(&mut q, e, c);
    crate::query::write(q.0.iter().map(|(k, v)| (*k, v.as_str())))
}

/// A query's pairs as they are added.
struct Pairs(Vec<(&'static str, String)>);

impl Pairs {
    fn append_pair(&mut self, name: &'static str, value: &str) {
        self.0.push((name, value.to_string()));
    }
}

/// The `<iframe>` a course page pastes in to embed `url` (an embed link).
/// `allow-same-origin` keeps the frame's own origin, so its module script
/// and wasm load from any static host, one that sends no CORS headers too
/// (a frame with an opaque origin may only load them with CORS); the
/// downloads and pop-ups let exports and "open in its own tab" work.
pub fn embed_code(url: &str, lang: Lang) -> String {
    let title = lang.s().embed_title;
    let url = url.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{url}\" width=\"640\" height=\"400\" title=\"{title}\" \
         sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups\" loading=\"lazy\" style=\"border:1px solid #d0d7de;border-radius:8px\"></iframe>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exercise_round_trips_with_each_student_s_numbers() {
        let (s, notices) = parse("?exercise=fill&hide=flags,seq&ask=2,1&student=alice&vary=isn,delay&numbers=absolute&labels=0");
        assert_eq!(notices, vec![]);
        let ex = s.exercise.clone().unwrap();
        assert_eq!(ex.ask, vec![1, 2]);
        assert_eq!(ex.student.as_deref(), Some("alice"));
        assert!(!s.labels);
        // Alice's numbers, not the lesson's.
        let lesson = (scenarios::find("handshake").unwrap().config)();
        assert_ne!(s.config.seed, lesson.seed);
        assert_ne!(s.config.c2s.delay_ms, lesson.c2s.delay_ms);
        // Written and read again: the same exercise, the same numbers.
        let q = to_query(&s);
        assert!(
            q.contains("exercise=fill") && q.contains("student=alice") && q.contains("labels=0"),
            "{q}"
        );
        assert_eq!(parse(&q), (s.clone(), vec![]));
        // Bob's differ.
        let (bob, _) = parse("?exercise=fill&student=bob&vary=isn,delay");
        assert_ne!(bob.config.seed, s.config.seed);
        // predict is the quiz.
        assert!(parse("?exercise=predict").0.quiz);
        // A seed beyond 9e12 (a student's) is written exactly.
        let (big, _) = parse("?seed=4503599627370497");
        assert_eq!(to_query(&big), "seed=4503599627370497");
    }

    #[test]
    fn a_tampered_exercise_link_gives_notices_and_a_safe_default() {
        let (s, notices) = parse(
            "?exercise=essay&hide=window&ask=0,x&student=%E2%80%AEevil&vary=colour&labels=maybe",
        );
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(
            params,
            ["exercise", "hide", "ask", "student", "vary", "labels"]
        );
        assert_eq!(s.exercise, None);
        assert!(s.labels);
        // Options without an exercise are refused too, each by name.
        let (s, notices) = parse("?student=alice&ask=1");
        assert_eq!(s.exercise, None);
        assert!(notices
            .iter()
            .all(|n| n.expected == Some(Expected::NeedsExercise)));
        assert_eq!(notices.len(), 2);
        // And the config is the lesson's.
        assert_eq!(s.config, (scenarios::find("handshake").unwrap().config)());
    }

    #[test]
    fn playing_and_ordering_round_trip_with_the_student_s_moves() {
        let (s, notices) =
            parse("?exercise=play&side=client&moves=SYN/5/0/0,-&origin=https://course.example.edu");
        assert!(notices.is_empty(), "{notices:?}");
        let ex = s.exercise.clone().unwrap();
        assert_eq!(
            (ex.kind, ex.side),
            (exercise::Kind::Play, synack_sim::Side::Client)
        );
        let play = s.config.play.clone().unwrap();
        assert_eq!((play.side, play.moves.len()), (synack_sim::Side::Client, 2));
        let q = to_query(&s);
        assert!(
            q.contains("exercise=play") && q.contains("side=client"),
            "{q}"
        );
        assert_eq!(parse(&q).0.config.play, Some(play));
        // Where a student left off: the moves, which are the run's own.
        assert!(progress_query(&ex, &s.config).contains("moves="));
        let (s, _) = parse("?exercise=order&ask=1,2,3&order=3,1,2&checked=1");
        let ex = s.exercise.clone().unwrap();
        assert_eq!(
            (ex.kind, ex.order.clone(), ex.checked),
            (exercise::Kind::Order, vec![3, 1, 2], true)
        );
        assert_eq!(s.config.play, None);
        let q = to_query(&s);
        assert_eq!(parse(&q).0.exercise, Some(ex));
    }

    #[test]
    fn a_tampered_play_link_plays_from_the_start() {
        let (s, notices) =
            parse("?exercise=play&side=both&moves=SYNN/1/2/0&order=0&origin=javascript:alert(1)");
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(params, ["side", "moves", "order", "origin"]);
        let ex = s.exercise.unwrap();
        assert_eq!(ex.side, synack_sim::Side::Server);
        assert_eq!(s.config.play.unwrap().moves, vec![]);
        for bad in [
            "https://a.example/path",
            "https://",
            "ftp://a.example",
            "https://A.example",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
        assert!(is_origin("http://127.0.0.1:8080"));
    }

    #[test]
    fn every_setting_round_trips() {
        let mut s = Settings {
            scenario: Some("keepalive-dead-client"),
            ..Settings::default()
        };
        s.config = (scenarios::find("keepalive-dead-client").unwrap().config)();
        s.config.seed = 42;
        s.config.c2s.delay_ms = 12.5;
        s.config.s2c.jitter_ms = 3.0;
        s.config.c2s.loss = 0.1;
        s.config.timers = Preset::Rfc;
        s.config.server.syncookies = SynCookies::Off;
        s.config.server.keepalive.as_mut().unwrap().probes = 10;
        s.config.drop = vec![
            DropRule {
                dir: Dir::S2c,
                nth: 1,
            },
            DropRule {
                dir: Dir::C2s,
                nth: 3,
            },
        ];
        s.config.deliver = vec![DropRule {
            dir: Dir::C2s,
            nth: 2,
        }];
        s.lang = Some(Lang::Zh);
        s.t_us = Some(1_050_000);
        s.speed = 25.0;
        s.relative = Some(false);
        s.quiz = true;
        s.embed = Some(Embed {
            panels: false,
            controls: true,
            autoplay: true,
        });
        let q = to_query(&s);
        let (back, notices) = parse(&q);
        assert_eq!(notices, vec![], "{q}");
        assert_eq!(back, s, "{q}");
        assert!(q.starts_with("scenario=keepalive-dead-client&"), "{q}");
        assert!(q.contains("drop=s2c%3A1%2Cc2s%3A3"), "{q}");
        assert!(
            q.contains("t=1.05") && q.contains("embed=1&panels=0&autoplay=1"),
            "{q}"
        );
    }

    #[test]
    fn syn_cookies_always_travels_as_the_sysctl_writes_it() {
        let (s, notices) = parse("syncookies=2");
        assert_eq!(notices, vec![]);
        assert_eq!(s.config.server.syncookies, SynCookies::Always);
        assert!(to_query(&s).contains("syncookies=2"));
        assert_eq!(
            parse("syncookies=0").0.config.server.syncookies,
            SynCookies::Off
        );
        let (_, notices) = parse("syncookies=3");
        assert_eq!(notices.len(), 1, "refused, with a notice");
        assert!(
            notices[0].text(Lang::En).contains("0, 1 or 2"),
            "{notices:?}"
        );
    }

    #[test]
    fn the_defaults_make_an_empty_query() {
        assert_eq!(to_query(&Settings::default()), "");
        let (plain, _) = parse("");
        assert_eq!(plain.scenario, Some(DEFAULT_SCENARIO));
        assert_eq!(to_query(&plain), "");
        let s = Settings {
            scenario: Some("syn-ack-lost"),
            config: (scenarios::find("syn-ack-lost").unwrap().config)(),
            ..Settings::default()
        };
        assert_eq!(to_query(&s), "scenario=syn-ack-lost");
    }

    #[test]
    fn bad_and_unknown_parameters_become_notices_and_defaults() {
        let (s, notices) = parse("?c2s_delay=-5&s2c_loss=abc&seed=1e400&lang=fr&t=-1&speed=1000&numbers=hex&drop=c2s:0&embed=2&colour=red&scenario=nope");
        assert_eq!(s.config, Config::default());
        assert_eq!(
            (s.lang, s.t_us, s.speed, s.relative, s.embed),
            (None, None, 1.0, None, None)
        );
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(
            params,
            [
                "scenario",
                "c2s_delay",
                "s2c_loss",
                "seed",
                "lang",
                "t",
                "speed",
                "numbers",
                "drop",
                "embed",
                "colour"
            ]
        );
        assert_eq!(
            notices[1].text(Lang::En),
            "Ignored c2s_delay=-5: expected a number from 0 to 60000. Using the default."
        );
        assert_eq!(
            notices[10].text(Lang::En),
            "Unknown parameter “colour” ignored."
        );
        assert!(notices[10].text(Lang::Zh).contains("未知参数"));
    }

    #[test]
    fn embed_options_and_the_iframe_snippet() {
        let (s, n) = parse("embed=1&controls=0");
        assert!(n.is_empty());
        assert_eq!(
            s.embed,
            Some(Embed {
                panels: true,
                controls: false,
                autoplay: false
            })
        );
        let code = embed_code("https://x.edu/synack/?scenario=syn-lost&embed=1", Lang::En);
        assert_eq!(
            code,
            "<iframe src=\"https://x.edu/synack/?scenario=syn-lost&amp;embed=1\" width=\"640\" height=\"400\" \
             title=\"synack: TCP connection visualizer\" \
             sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups\" loading=\"lazy\" \
             style=\"border:1px solid #d0d7de;border-radius:8px\"></iframe>"
        );
    }
}

//! A scenario's lesson: the narrative that advances with the run, and the
//! "注意 / Note" where the article is imprecise or Linux differs.
//!
//! Lessons are catalogs of their own, one file per scenario and language
//! (`static/lessons/<lang>/<name>.txt`, copied to `dist/lessons/`), in the
//! `key = value` lines of the page's words: the key is the moment a beat
//! begins. The page fetches only the lesson on show, in the language shown.
//! Native code (the tests) reads the same files.

use crate::i18n::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use synack_sim::Trace;

/// When a beat begins; in the files `start`, `sent 2`, `arrived 2`, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Start,
    /// When segment `n` (its id in the trace) is sent.
    Sent(usize),
    /// When segment `n` arrives (or would have, if lost: when it is sent).
    Arrived(usize),
    /// At the end of the run.
    End,
}

impl TryFrom<&str> for At {
    type Error = String;

    fn try_from(text: &str) -> Result<At, String> {
        let segment = |n: &str| {
            n.parse()
                .map_err(|_| format!("bad segment number in `{text}`"))
        };
        match text.split_once(' ') {
            None if text == "start" => Ok(At::Start),
            None if text == "end" => Ok(At::End),
            Some(("sent", n)) => segment(n).map(At::Sent),
            Some(("arrived", n)) => segment(n).map(At::Arrived),
            _ => Err(format!("`{text}` is not start, end, sent N or arrived N")),
        }
    }
}

/// One step of the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Beat {
    pub at: At,
    pub text: String,
}

/// A lesson in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub beats: Vec<Beat>,
    pub note: Option<String>,
}

impl Lesson {
    /// Read a lesson's file: its beats in order, then perhaps a note.
    pub fn parse(text: &str) -> Result<Lesson, String> {
        let mut lesson = Lesson {
            beats: Vec::new(),
            note: None,
        };
        for line in crate::i18n::catalog::lines(text) {
            let (n, key, value) = line?;
            if lesson.note.is_some() {
                return Err(format!("line {n}: nothing may follow the note"));
            }
            if key == "note" {
                lesson.note = Some(value.to_string());
                continue;
            }
            let at = At::try_from(key).map_err(|e| format!("line {n}: {e}"))?;
            lesson.beats.push(Beat {
                at,
                text: value.to_string(),
            });
        }
        if lesson.beats.is_empty() {
            return Err("no beats".into());
        }
        Ok(lesson)
    }

    /// The beat in force once the playhead has reached the latest event at
    /// `t` (None: before the first event, where only the "start" beat holds).
    /// A beat tied to an event at time 0 begins when that event is reached,
    /// not before: the "start" beat is what a student sees first.
    pub fn beat_at(&self, trace: &Trace, t: Option<u64>) -> Option<(usize, &Beat)> {
        let time_of = |at: At| -> Option<u64> {
            match at {
                At::Start => None,
                At::Sent(n) => trace.segments.get(n).map(|s| s.sent_us),
                At::Arrived(n) => trace
                    .segments
                    .get(n)
                    .map(|s| s.arrive_us.unwrap_or(s.sent_us)),
                At::End => Some(trace.end_us),
            }
        };
        self.beats.iter().enumerate().rfind(|(_, b)| match b.at {
            At::Start => true,
            at => time_of(at).is_some_and(|bt| t.is_some_and(|t| bt <= t)),
        })
    }
}

/// Fill a beat's `{seq N}`, `{ack N}`, `{len N}`, `{next N}` (the byte
/// after segment N's, SYN and FIN counted) and `{last N}` (its last byte)
/// from the run on show, in the numbers the page shows: the text's numbers
/// are the trace's, whatever the seed, the numbering or an edit did to them.
/// A placeholder naming no segment is left as it is.
pub fn fill(text: &str, trace: &Trace, relative: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            rest = after;
            break;
        };
        let value = after[1..close].split_once(' ').and_then(|(what, n)| {
            let s = trace.segments.get(n.parse::<usize>().ok()?)?;
            let (seq, ack) = if relative {
                (s.rel_seq, s.rel_ack)
            } else {
                (s.seq, s.ack)
            };
            let flags = |f| u32::from(s.flags.contains(f));
            let next = seq
                .wrapping_add(s.len)
                .wrapping_add(flags(synack_sim::Flags::SYN) + flags(synack_sim::Flags::FIN));
            Some(match what {
                "seq" => seq,
                "ack" => ack,
                "len" => s.len,
                "next" => next,
                "last" => seq.wrapping_add(s.len.max(1) - 1),
                _ => return None,
            })
        });
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first segment at which `run` is no longer the run the lesson was
/// written for (`script`, the scenario's own preset): a segment added,
/// missing, or different in who sent it, its flags, numbers, length, fate
/// or reason (a retransmission's names its timer and RTO, a probe its
/// number: other timers or fewer probes leave the script). Timing is not
/// compared: a slower link tells the same story.
pub fn left_script(script: &Trace, run: &Trace) -> Option<usize> {
    let key = |s: &synack_sim::trace::SegmentRecord| {
        (
            s.from,
            s.flags,
            s.rel_seq,
            s.rel_ack,
            s.len,
            s.lost,
            s.retransmission,
            s.reason,
        )
    };
    let same = |a, b| key(a) == key(b);
    let n = script.segments.len().max(run.segments.len());
    (0..n).find(|&i| match (script.segments.get(i), run.segments.get(i)) {
        (Some(a), Some(b)) => !same(a, b),
        _ => true,
    })
}

impl At {
    /// The segment a beat waits for, if any.
    pub fn segment(self) -> Option<usize> {
        match self {
            At::Sent(n) | At::Arrived(n) => Some(n),
            At::Start | At::End => None,
        }
    }
}

thread_local! {
    /// Lessons fetched so far: going back to a scenario needs no network.
    static LOADED: RefCell<Vec<(&'static str, Lang, Rc<Lesson>)>> = const { RefCell::new(Vec::new()) };
}

/// The lesson in `lang` if it has been fetched.
pub fn loaded(name: &str, lang: Lang) -> Option<Rc<Lesson>> {
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(n, in_lang, _)| *n == name && *in_lang == lang)
            .map(|(_, _, l)| l.clone())
    })
}

/// Fetch a scenario's lesson in `lang` (next to synack-app.js, in
/// `lessons/<lang>/`). The error is a sentence for the page.
pub async fn load(name: &'static str, lang: Lang) -> Result<Rc<Lesson>, String> {
    if let Some(l) = loaded(name, lang) {
        return Ok(l);
    }
    let text = wasm_bindgen_futures::JsFuture::from(crate::assets::fetch_lesson(name, lang.code()))
        .await
        .map_err(|e| crate::export::describe(&e))?;
    let lesson = Rc::new(Lesson::parse(&text.as_string().unwrap_or_default())?);
    install(name, lang, lesson.clone());
    Ok(lesson)
}

/// Keep a lesson as if it had been fetched.
pub fn install(name: &'static str, lang: Lang, lesson: Rc<Lesson>) {
    LOADED.with(|l| l.borrow_mut().push((name, lang, lesson)));
}

/// A lesson read from `static/lessons/` in the source tree (tests, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled(name: &str, lang: Lang) -> Result<Lesson, String> {
    let path = format!(
        "{}/static/lessons/{}/{name}.txt",
        env!("CARGO_MANIFEST_DIR"),
        lang.code()
    );
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    Lesson::parse(&text).map_err(|e| format!("{path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    fn run(json: &str) -> Trace {
        simulate(&serde_json::from_str::<Config>(json).unwrap()).unwrap()
    }

    #[test]
    fn numbers_in_a_lesson_come_from_the_run_as_shown() {
        let t = run(r#"{"client":{"data":1000}}"#);
        let text = "ISN {seq 0}, data {seq 2} to {last 2}, ack {ack 3}, {len 2} bytes, then {next 2}; {seq 99} {odd 1} {";
        assert_eq!(
            fill(text, &t, true),
            "ISN 0, data 1 to 1000, ack 1001, 1000 bytes, then 1001; {seq 99} {odd 1} {"
        );
        let abs = fill("{seq 0} {next 0}", &t, false);
        let isn = t.segments[0].seq;
        assert_eq!(abs, format!("{isn} {}", isn.wrapping_add(1)));
    }

    #[test]
    fn a_run_leaves_the_script_where_its_segments_differ() {
        let script = run("{}");
        assert_eq!(
            left_script(&script, &run(r#"{"c2s":{"delay_ms":200}}"#)),
            None,
            "timing is the same story"
        );
        assert_eq!(
            left_script(&script, &run(r#"{"drop":[{"dir":"s2c","nth":1}]}"#)),
            Some(1)
        );
        assert_eq!(
            left_script(&script, &run(r#"{"server":{"listening":false}}"#)),
            Some(1)
        );
        assert_eq!(
            left_script(&script, &run(r#"{"client":{"data":10}}"#)),
            Some(2)
        );
        // RFC 6298's timers double from the second timeout: the third SYN
        // of an unreachable server is where its lesson no longer holds.
        let lost = run(r#"{"c2s":{"loss":1}}"#);
        let rfc = run(r#"{"c2s":{"loss":1},"timers":"rfc"}"#);
        assert_eq!(left_script(&lost, &rfc), Some(2));
    }
}

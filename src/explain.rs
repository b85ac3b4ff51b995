//! What happened at one moment of a run, in one or two sentences per event,
//! in the reader's language. Pure: tested natively.

use crate::geometry::label;
use crate::i18n::{self, Lang};
use synack_sim::endpoint::{Discard, TimerAction};
use synack_sim::why::{Call, CallResult};
use synack_sim::Trace;

/// A burst sends or delivers a hundred segments at one instant; past this
/// many of one kind, the rest are counted, not narrated (the log lists them).
const PER_KIND: usize = 4;

/// Sentences describing everything that happens at simulated time `t`.
/// Every sentence is one of the language's templates (`i18n::Strings`).
pub fn moment(trace: &Trace, t: u64, lang: Lang, relative: bool) -> Vec<String> {
    let s = lang.s();
    let fill = i18n::fill;
    let mut out = Vec::new();
    for f in trace
        .timers
        .iter()
        .filter(|r| r.at_us == t && r.action == TimerAction::Fired)
    {
        let (who, timer) = (i18n::side(lang, f.endpoint), i18n::timer(lang, f.timer));
        out.push(fill(s.say_timer_fired, &[("who", who), ("timer", &timer)]));
    }
    let mut group = Vec::new();
    for seg in trace.segments.iter().filter(|seg| seg.arrive_us == Some(t)) {
        let (to, what) = (i18n::side(lang, seg.from.peer()), label(seg, relative));
        let template = match (seg.receiver_down, seg.discarded) {
            (_, Some(Discard::SynQueueFull)) => s.say_queue_full,
            (_, Some(_)) => s.say_discards,
            (false, None) => s.say_receives,
            (true, None) => s.say_crashed,
        };
        let reason = seg.discarded.map_or("", |d| i18n::discard(lang, d));
        group.push(fill(
            template,
            &[("to", to), ("what", &what), ("reason", reason)],
        ));
    }
    tell(&mut out, group, lang);
    let mut group = Vec::new();
    for c in trace.states.iter().filter(|c| c.at_us == t) {
        let (who, rule) = (i18n::side(lang, c.endpoint), i18n::rule(lang, c));
        let (from, to) = (c.from.to_string(), c.to.to_string());
        group.push(fill(
            s.say_state,
            &[("who", who), ("from", &from), ("to", &to), ("rule", &rule)],
        ));
    }
    tell(&mut out, group, lang);
    let mut group = Vec::new();
    for seg in trace.segments.iter().filter(|seg| seg.sent_us == t) {
        let (who, what, why) = (
            i18n::side(lang, seg.from),
            label(seg, relative),
            i18n::why(lang, seg),
        );
        let mut line = fill(s.say_sends, &[("who", who), ("what", &what), ("why", &why)]);
        if seg.lost {
            line += s.say_lost;
        }
        group.push(line);
    }
    tell(&mut out, group, lang);
    let mut group = Vec::new();
    for c in trace.calls.iter().filter(|c| c.at_us == t) {
        let who = i18n::side(lang, c.endpoint);
        let errno = c.errno.map(|e| e.name()).unwrap_or("");
        let bytes = c.bytes.to_string();
        let text = match (c.call, c.result) {
            (Call::Connect, CallResult::Returned) => fill(s.say_connected, &[("who", who)]),
            (Call::Accept, CallResult::Returned) => fill(s.say_accepted, &[("who", who)]),
            (call, CallResult::Failed) => fill(
                s.say_failed,
                &[("who", who), ("call", call.c_name()), ("errno", errno)],
            ),
            (Call::Recv, CallResult::Returned) if c.bytes > 0 => {
                fill(s.say_reads, &[("who", who), ("n", &bytes)])
            }
            _ => continue,
        };
        group.push(text);
    }
    tell(&mut out, group, lang);
    out
}

/// Add one kind of event's sentences; past `PER_KIND`, count the rest.
fn tell(out: &mut Vec<String>, mut group: Vec<String>, lang: Lang) {
    if group.len() > PER_KIND {
        let more = (group.len() - (PER_KIND - 1)).to_string();
        group.truncate(PER_KIND - 1);
        group.push(i18n::fill(lang.s().say_more, &[("n", &more)]));
    }
    out.append(&mut group);
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Config};

    #[test]
    fn a_burst_is_summed_up_not_narrated_segment_by_segment() {
        let cfg: Config = serde_json::from_str(r#"{"client":{"data":60000}}"#).unwrap();
        let t = simulate(&cfg).unwrap();
        let burst = t.segments.iter().find(|s| s.len > 0).unwrap().sent_us;
        let sent = t.segments.iter().filter(|s| s.sent_us == burst).count();
        assert!(sent > 10, "{sent}");
        let en = moment(&t, burst, Lang::En, true);
        assert!(en.len() <= 2 * PER_KIND + 4, "{en:?}");
        let more = format!("…and {} more like these", sent - (PER_KIND - 1));
        assert!(en.iter().any(|l| l.starts_with(&more)), "{en:?}");
        let sends = en.iter().filter(|l| l.starts_with("Client sends")).count();
        assert_eq!(sends, PER_KIND - 1);
        let zh = moment(&t, burst, Lang::Zh, true).join("");
        let more = format!("同一时刻还有 {} 个同类事件", sent - (PER_KIND - 1));
        assert!(zh.contains(&more), "{zh}");
        // Where many segments arrive and are read at once, the same holds.
        let end = t.segments.iter().filter_map(|s| s.arrive_us).max().unwrap();
        assert!(moment(&t, end, Lang::En, true).len() <= 5 * PER_KIND);
    }

    #[test]
    fn a_segment_dropped_without_an_answer_says_why_in_both_languages() {
        // A stale RST reaches the listening server before any SYN.
        let cfg: Config = serde_json::from_str(
            r#"{"client":{"connect_ms":100},"inject":[{"at_ms":0,"dir":"c2s","flags":["RST"],"seq":5}]}"#,
        )
        .unwrap();
        let t = simulate(&cfg).unwrap();
        let rst = t.segments.iter().find(|s| s.injected).unwrap();
        let at = rst.arrive_us.unwrap();
        let en = moment(&t, at, Lang::En, true).join(" ");
        assert!(
            en.contains("Server drops RST seq=")
                && en.contains(" without an answer: a listening socket ignores an RST."),
            "{en}"
        );
        let zh = moment(&t, at, Lang::Zh, true).join("");
        assert!(zh.contains("监听套接字忽略 RST"), "{zh}");
    }

    #[test]
    fn a_lost_syn_ack_and_its_recovery_are_told_in_both_languages() {
        let cfg: Config = serde_json::from_str(r#"{"drop":[{"dir":"s2c","nth":1}]}"#).unwrap();
        let t = simulate(&cfg).unwrap();
        let en = moment(&t, 50_000, Lang::En, true).join(" ");
        assert!(en.contains("Server receives SYN seq=0."), "{en}");
        assert!(en.contains("It is lost on the way."), "{en}");
        let en = moment(&t, 1_000_000, Lang::En, true).join(" ");
        assert!(en.contains("SYN retransmission timer expires"), "{en}");
        assert!(en.contains("retransmission after RTO 1 s"), "{en}");
        let zh = moment(&t, 1_000_000, Lang::Zh, true).join("");
        assert!(zh.contains("客户端发送 SYN seq=0"), "{zh}");
        assert!(zh.contains("1 秒"), "{zh}");
    }
}

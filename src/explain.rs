//! What happened at one moment of a run, in one or two sentences per event,
//! in the reader's language. Pure: tested natively.

use crate::geometry::label;
use crate::i18n::{self, Lang};
use synack_sim::endpoint::TimerAction;
use synack_sim::why::{Call, CallResult};
use synack_sim::Trace;

/// A burst sends or delivers a hundred segments at one instant; past this
/// many of one kind, the rest are counted, not narrated (the log lists them).
const PER_KIND: usize = 4;

/// Sentences describing everything that happens at simulated time `t`.
pub fn moment(trace: &Trace, t: u64, lang: Lang, relative: bool) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    for f in trace
        .timers
        .iter()
        .filter(|r| r.at_us == t && r.action == TimerAction::Fired)
    {
        let who = i18n::side(lang, f.endpoint);
        let timer = i18n::timer(lang, f.timer);
        out.push(if zh {
            format!("{who}的{timer}到期了。")
        } else {
            format!("The {who}'s {timer} expires.")
        });
    }
    let mut group = Vec::new();
    for s in trace.segments.iter().filter(|s| s.arrive_us == Some(t)) {
        let to = i18n::side(lang, s.from.peer());
        let what = label(s, relative);
        group.push(match (zh, s.receiver_down, s.discarded.is_some()) {
            (false, _, true) => format!("{what} reaches the {to}, whose SYN queue is full: it is dropped without an answer."),
            (true, _, true) => format!("{what} 到达{to}，但它的 SYN 队列已满：被丢弃，没有任何回应。"),
            (false, false, _) => format!("{to} receives {what}."),
            (false, true, _) => format!("{what} reaches the crashed {to}: nobody answers."),
            (true, false, _) => format!("{to}收到 {what}。"),
            (true, true, _) => format!("{what} 到达已崩溃的{to}：没有任何回应。"),
        });
    }
    tell(&mut out, group, zh);
    let mut group = Vec::new();
    for c in trace.states.iter().filter(|c| c.at_us == t) {
        let who = i18n::side(lang, c.endpoint);
        let rule = i18n::rule(lang, c);
        group.push(if zh {
            format!("{who}：{} → {}（{rule}）。", c.from, c.to)
        } else {
            format!("{who}: {} → {} ({rule}).", c.from, c.to)
        });
    }
    tell(&mut out, group, zh);
    let mut group = Vec::new();
    for s in trace.segments.iter().filter(|s| s.sent_us == t) {
        let who = i18n::side(lang, s.from);
        let what = label(s, relative);
        let why = i18n::why(lang, s);
        let mut line = if zh {
            format!("{who}发送 {what}：{why}。")
        } else {
            format!("{who} sends {what}: {why}.")
        };
        if s.lost {
            line += if zh {
                "它在途中丢失了。"
            } else {
                " It is lost on the way."
            };
        }
        group.push(line);
    }
    tell(&mut out, group, zh);
    let mut group = Vec::new();
    for c in trace.calls.iter().filter(|c| c.at_us == t) {
        let who = i18n::side(lang, c.endpoint);
        let errno = c.errno.map(|e| e.name()).unwrap_or("");
        let text = match (c.call, c.result, zh) {
            (Call::Connect, CallResult::Returned, false) => {
                format!("connect() returns 0 on the {who}: the connection is open.")
            }
            (Call::Connect, CallResult::Returned, true) => {
                format!("{who}的 connect() 返回 0：连接已建立。")
            }
            (Call::Accept, CallResult::Returned, false) => {
                format!("accept() returns on the {who}: the connection is ready.")
            }
            (Call::Accept, CallResult::Returned, true) => {
                format!("{who}的 accept() 返回：连接就绪。")
            }
            (call, CallResult::Failed, false) => {
                format!("{}() fails on the {who} with {errno}.", call.c_name())
            }
            (call, CallResult::Failed, true) => {
                format!("{who}的 {}() 失败：{errno}。", call.c_name())
            }
            (Call::Recv, CallResult::Returned, false) if c.bytes > 0 => {
                format!("The {who}'s application reads {} bytes.", c.bytes)
            }
            (Call::Recv, CallResult::Returned, true) if c.bytes > 0 => {
                format!("{who}的应用读到 {} 字节。", c.bytes)
            }
            _ => continue,
        };
        group.push(text);
    }
    tell(&mut out, group, zh);
    out
}

/// Add one kind of event's sentences; past `PER_KIND`, count the rest.
fn tell(out: &mut Vec<String>, mut group: Vec<String>, zh: bool) {
    if group.len() > PER_KIND {
        let more = group.len() - (PER_KIND - 1);
        group.truncate(PER_KIND - 1);
        group.push(if zh {
            format!("……同一时刻还有 {more} 个同类事件（见事件日志）。")
        } else {
            format!("…and {more} more like these at the same moment (see the event log).")
        });
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

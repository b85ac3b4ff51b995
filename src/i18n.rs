//! 中文 and English: the one place words are made. Every word comes from a
//! language's catalog (`catalog`, `static/i18n/*.txt`) through the fields
//! of [`Strings`] (`words`); the functions here put them together with the
//! numbers and names a trace holds.

pub mod catalog;
mod words;

pub use words::Strings;

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

pub fn side(lang: Lang, side: Side) -> &'static str {
    match side {
        Side::Client => lang.s().client,
        Side::Server => lang.s().server,
    }
}

fn timer_name(lang: Lang, t: synack_sim::timer::TimerKind) -> &'static str {
    use synack_sim::timer::TimerKind::*;
    match (lang, t) {
        (Lang::En, k) => k.name(),
        (Lang::Zh, SynRetransmit) => "SYN 重传",
        (Lang::Zh, SynAckRetransmit) => "SYN-ACK 重传",
        (Lang::Zh, Retransmit) => "重传",
        (Lang::Zh, Keepalive) => "保活",
        (Lang::Zh, TimeWait) => "TIME-WAIT",
    }
}

pub fn timer(lang: Lang, t: synack_sim::timer::TimerKind) -> String {
    match lang {
        Lang::En => format!("{} timer", timer_name(lang, t)),
        Lang::Zh => format!("{}计时器", timer_name(lang, t)),
    }
}

/// A mark beside a lane, in words: states, socket calls, a failed call.
pub fn mark(lang: Lang, m: &crate::geometry::MarkText) -> String {
    use crate::geometry::{CallWord, MarkText};
    let zh = lang == Lang::Zh;
    match m {
        MarkText::States(states) => {
            let names: Vec<&str> = states.iter().map(|s| s.name()).collect();
            names.join(" → ")
        }
        MarkText::Calls(words) => {
            let words: Vec<String> = words
                .iter()
                .map(|w| match (w, zh) {
                    (CallWord::Listen, _) => "listen()".into(),
                    (CallWord::Connecting, _) => "connect() …".into(),
                    (CallWord::Connected, false) => "connect() returns 0".into(),
                    (CallWord::Connected, true) => "connect() 返回 0".into(),
                    (CallWord::Accepted, false) => "accept() returns".into(),
                    (CallWord::Accepted, true) => "accept() 返回".into(),
                    (CallWord::Close, _) => "close()".into(),
                    (CallWord::Read(0), false) => "read() = 0 (EOF)".into(),
                    (CallWord::Read(0), true) => "read() = 0（EOF）".into(),
                    (CallWord::Read(n), _) => format!("read() = {n}"),
                })
                .collect();
            words.join(" · ")
        }
        MarkText::Failed { call, errno } => {
            let errno = errno.map_or("error", |e| e.name());
            if zh {
                format!("{}() 失败：{errno}", call.c_name())
            } else {
                format!("{}() fails: {errno}", call.c_name())
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

/// Cells a text takes in a monospace-ish reckoning: a CJK character two.
pub fn cells(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// An exported figure's title: the scenario, and the settings that make
/// its run what it is.
pub fn figure_title(lang: Lang, scenario: Option<&str>, c: &synack_sim::Config) -> String {
    let zh = lang == Lang::Zh;
    let link = |l: &synack_sim::config::LinkConfig| {
        let mut t = duration(lang, Duration((l.delay_ms * 1000.0) as u64));
        if l.jitter_ms > 0.0 {
            t += &format!(
                " ± {}",
                duration(lang, Duration((l.jitter_ms * 1000.0) as u64))
            );
        }
        if l.loss > 0.0 {
            let pct = crate::number::Fixed(l.loss * 100.0, 0);
            t += &if zh {
                format!("，丢包 {pct}%")
            } else {
                format!(", loss {pct}%")
            };
        }
        t
    };
    let timers = match (c.timers, zh) {
        (synack_sim::Preset::Linux, false) => "Linux timers",
        (synack_sim::Preset::Linux, true) => "Linux 计时器",
        (synack_sim::Preset::Rfc, false) => "RFC 6298 timers",
        (synack_sim::Preset::Rfc, true) => "RFC 6298 计时器",
    };
    let (c2s, s2c) = (link(&c.c2s), link(&c.s2c));
    let run = if zh {
        format!(
            "种子 {} · 客户端→服务器 {c2s} · 服务器→客户端 {s2c} · {timers}",
            c.seed
        )
    } else {
        format!(
            "seed {} · client→server {c2s} · server→client {s2c} · {timers}",
            c.seed
        )
    };
    format!("{} · {run}", scenario.unwrap_or("synack"))
}

/// Monospace-ish cells a mark takes in the wider of its languages (a CJK
/// character counts two), so the layout keeps room for either.
pub fn mark_cells(m: &crate::geometry::MarkText) -> usize {
    usize::max(cells(&mark(Lang::En, m)), cells(&mark(Lang::Zh, m)))
}

/// A time on the diagram's clock: `0.150 s` / `0.150 秒`.
pub fn clock(lang: Lang, us: u64) -> String {
    let t = crate::geometry::seconds(us);
    match lang {
        Lang::En => t,
        Lang::Zh => t.replace(" s", " 秒"),
    }
}

/// A break in the axis: `⋯ 32 s later` / `⋯ 32 秒后`.
pub fn later(lang: Lang, us: u64) -> String {
    let d = duration(lang, Duration(us));
    match lang {
        Lang::En => format!("⋯ {d} later"),
        Lang::Zh => format!("⋯ {d}后"),
    }
}

/// What a flood's sampled SYN's label says.
pub fn spoofed(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "spoofed SYN",
        Lang::Zh => "伪造的 SYN",
    }
}

/// An arrow's tooltip: which segment, when it left and arrived, and why.
pub fn tooltip(lang: Lang, a: &crate::geometry::Arrow) -> String {
    use crate::geometry::ArrowText;
    let zh = lang == Lang::Zh;
    match a.text {
        ArrowText::Segment {
            sent_us,
            arrive_us,
            reason: r,
            ..
        } => {
            let fate = match (arrive_us, a.unknown, zh) {
                (Some(t), _, false) => format!("arrives {}", clock(lang, t)),
                (Some(t), _, true) => format!("{} 到达", clock(lang, t)),
                (None, true, false) => "not seen to arrive".into(),
                (None, true, true) => "未见到达".into(),
                (None, false, false) => "lost".into(),
                (None, false, true) => "丢失".into(),
            };
            let why = reason(lang, r);
            let (from, to) = (side(lang, a.from), side(lang, a.from.peer()));
            if zh {
                format!(
                    "#{} {} {from} → {to}：{} 发送，{fate}。{why}",
                    a.id + 1,
                    a.label(),
                    clock(lang, sent_us)
                )
            } else {
                format!(
                    "#{} {} {from} → {to}: sent {}, {fate}. {why}",
                    a.id + 1,
                    a.label(),
                    clock(lang, sent_us)
                )
            }
        }
        ArrowText::Spoofed { sent_us } => {
            if zh {
                format!("伪造地址发来的 SYN，{} 发送", clock(lang, sent_us))
            } else {
                format!(
                    "spoofed SYN from a forged address, sent {}",
                    clock(lang, sent_us)
                )
            }
        }
    }
}

/// How long a timer was armed for, named for what it is: only the
/// retransmission timers run an RTO; TIME-WAIT and keepalive are fixed times.
pub fn timer_length(lang: Lang, t: synack_sim::timer::TimerKind, d: Duration) -> String {
    use synack_sim::timer::TimerKind::*;
    match t {
        SynRetransmit | SynAckRetransmit | Retransmit => format!("RTO {}", duration(lang, d)),
        Keepalive | TimeWait => duration(lang, d),
    }
}

/// What Wireshark's analysis calls a segment, as the diagram and log show it.
pub fn tag(lang: Lang, t: synack_sim::analysis::Tag) -> &'static str {
    use synack_sim::analysis::Tag::*;
    match (lang, t) {
        (Lang::En, Retransmission) => "Retransmission",
        (Lang::En, SpuriousRetransmission) => "Spurious Retransmission",
        (Lang::En, KeepAlive) => "Keep-Alive",
        (Lang::En, KeepAliveAck) => "Keep-Alive ACK",
        (Lang::En, DupAck) => "Dup ACK",
        (Lang::En, ChallengeAck) => "Challenge ACK",
        (Lang::Zh, Retransmission) => "重传",
        (Lang::Zh, SpuriousRetransmission) => "虚假重传",
        (Lang::Zh, KeepAlive) => "保活探测",
        (Lang::Zh, KeepAliveAck) => "保活 ACK",
        (Lang::Zh, DupAck) => "重复 ACK",
        (Lang::Zh, ChallengeAck) => "挑战 ACK",
    }
}

/// The widest a tag is drawn in any language, in monospace cells (a CJK
/// character takes two): the layout keeps room for it whatever the language.
pub fn tag_cells(t: synack_sim::analysis::Tag) -> usize {
    let cells = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    usize::max(cells(tag(Lang::En, t)), cells(tag(Lang::Zh, t)))
}

/// How often a timer drawn as one bar was restarted, for its tooltip.
pub fn rearmed(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (_, 0) => String::new(),
        (Lang::En, n) => format!(" · restarted {n}×"),
        (Lang::Zh, n) => format!(" · 重启 {n} 次"),
    }
}

/// Durations in the reader's language: `1 s` / `1 秒`.
pub fn duration(lang: Lang, d: Duration) -> String {
    let en = d.to_string();
    match lang {
        Lang::En => en,
        Lang::Zh => en
            .replace(" min ", " 分 ")
            .replace(" h ", " 小时 ")
            .replace(" ms", " 毫秒")
            .replace(" µs", " 微秒")
            .replace(" s", " 秒"),
    }
}

/// Why a segment was sent.
pub fn why(lang: Lang, seg: &SegmentRecord) -> String {
    reason(lang, seg.reason)
}

/// A reason for sending, in words.
pub fn reason(lang: Lang, reason: Why) -> String {
    if lang == Lang::En {
        return reason.to_string();
    }
    match reason {
        Why::Connect => "connect()：发送 SYN，开始三次握手".into(),
        Why::Retransmit { timer, rto } => format!(
            "{}在 {} 后超时，重传",
            self::timer(lang, timer),
            duration(lang, rto)
        ),
        Why::SynInListen => "SYN 到达处于 LISTEN 的服务器：回复 SYN-ACK".into(),
        Why::SynAckForRetransmittedSyn => {
            "重传的 SYN 到达 SYN-RECEIVED：Linux 立即再发一次 SYN-ACK".into()
        }
        Why::SimultaneousOpen => "SYN 到达 SYN-SENT（同时打开）：用同一个 ISN 回复 SYN-ACK".into(),
        Why::CompleteHandshake => "SYN-ACK 确认了我们的 SYN：这个 ACK 完成三次握手".into(),
        Why::CompleteHandshakeWithData => "这个 ACK 完成三次握手，并捎带了应用已写入的数据".into(),
        Why::AckDuplicateSyn => "确认对方的 SYN-ACK（其中的 SYN 我们已经收到过）".into(),
        Why::Data => "应用程序写入了数据".into(),
        Why::AckData => "确认收到的数据：ack = 期望的下一个字节".into(),
        Why::AckOutOfOrder => "数据越过空缺提前到达：先保存起来，重复的 ACK 指出仍缺少的下一个字节".into(),
        Why::AckFin => "确认对方的 FIN（FIN 占用一个序号）".into(),
        Why::Fin => "close()：发送 FIN，本方不再发送数据".into(),
        Why::ChallengeAckSyn => "同步状态下收到 SYN：回复挑战 ACK（RFC 5961）".into(),
        Why::ChallengeAckRst => "RST 在窗口内但不等于 RCV.NXT：回复挑战 ACK（RFC 5961）".into(),
        Why::OutOfWindow => "不可接受的报文段（旧的重复报文）：回复 ACK 并丢弃".into(),
        Why::KeepaliveAck => "回复保活探测：发送 ACK".into(),
        Why::AckOfUnsent => "ACK 确认了从未发送的数据：回复 ACK 并丢弃".into(),
        Why::ResetClosed => "没有对应的连接（CLOSED）：回复 RST".into(),
        Why::ResetListenAck => "LISTEN 状态收到 ACK：回复 RST".into(),
        Why::ResetBadAckSynSent => {
            "SYN-SENT 收到错误的 ACK（确认了我们从未发送的 SYN）：回复 RST".into()
        }
        Why::ResetBadAckSynReceived => "SYN-RECEIVED 收到错误的 ACK：回复 RST".into(),
        Why::KeepaliveProbe { n, of } => format!("第 {n}/{of} 个保活探测：对方还在吗？"),
        Why::KeepaliveGiveUp => "保活探测都没有回应：发送 RST，套接字以 ETIMEDOUT 失败".into(),
        Why::Injected => "来自早先连接的旧重复报文段".into(),
        Why::TwoWaySynAck => "两次握手模式：回复 SYN-ACK，并立即认为连接已建立".into(),
        Why::SynAckDataDropped => "SYN 到达 LISTEN：回复 SYN-ACK，只确认 SYN 本身：没有 Fast Open cookie 时 Linux 丢弃其中的数据".into(),
        Why::SynAckFastOpen => "带有效 Fast Open cookie 的 SYN：立即收下数据，并在 SYN-ACK 中确认".into(),
        Why::SynDataAgain => "SYN-ACK 没有确认 SYN 携带的数据：握手后立即重发".into(),
        Why::SynCookie => "SYN 队列已满：用 SYN cookie 作为 ISN 回复，不保存任何状态".into(),
        Why::Captured => "抓包文件中看到的报文段".into(),
    }
}

/// The rule behind a state change.
pub fn rule(lang: Lang, change: &StateChange) -> String {
    if lang == Lang::En {
        return change.rule.to_string();
    }
    match change.rule {
        Rule::PassiveOpen => "listen()：被动打开",
        Rule::ActiveOpen => "connect()：主动打开，发送 SYN",
        Rule::SynInListen => "LISTEN 收到 SYN：发送 SYN-ACK",
        Rule::SynAckInSynSent => "SYN-SENT 收到确认我们 SYN 的 SYN-ACK：发送 ACK",
        Rule::SynInSynSent => "SYN-SENT 收到 SYN（同时打开）：发送 SYN-ACK",
        Rule::AckInSynReceived => "SYN-RECEIVED 收到对我们 SYN 的确认",
        Rule::SynAckInSynReceived => "SYN-RECEIVED 收到确认我们 SYN 的 SYN-ACK",
        Rule::SynInPassiveSynReceived => "被动 SYN-RECEIVED 收到窗口内的 SYN：回到 LISTEN",
        Rule::RstInSynSent => "收到确认我们 SYN 的 RST：连接被拒绝",
        Rule::RstInPassiveSynReceived => "被动 SYN-RECEIVED 收到 RST：回到 LISTEN",
        Rule::RstInActiveSynReceived => "主动 SYN-RECEIVED 收到 RST：连接被拒绝",
        Rule::RstInSynchronized => "收到序号正好等于 RCV.NXT 的 RST：连接被重置",
        Rule::SynTimeout => "SYN 重传次数用尽：ETIMEDOUT",
        Rule::SynAckTimeout => "SYN-ACK 重传次数用尽：悄悄丢弃这个连接请求",
        Rule::RetransmitTimeout => "重传次数用尽：ETIMEDOUT",
        Rule::KeepaliveTimeout => "保活探测无人应答：发送 RST，ETIMEDOUT",
        Rule::CloseEstablished => "ESTABLISHED 中调用 close()：发送 FIN",
        Rule::CloseInCloseWait => "CLOSE-WAIT 中调用 close()：发送 FIN",
        Rule::CloseAbort => "连接建立前调用 close()：放弃连接",
        Rule::FinReceived => "收到 FIN：确认它，应用读到文件结束",
        Rule::FinInFinWait1 => "FIN-WAIT-1 收到 FIN（同时关闭）",
        Rule::FinAckedInFinWait1 => "我们的 FIN 被确认",
        Rule::FinInFinWait2 => "FIN-WAIT-2 收到 FIN：确认它，等待 2·MSL",
        Rule::AckInClosing => "CLOSING 中我们的 FIN 被确认：等待 2·MSL",
        Rule::AckInLastAck => "LAST-ACK 中我们的 FIN 被确认：删除 TCB",
        Rule::TimeWaitExpired => "TIME-WAIT 计时器到期：删除 TCB",
        Rule::HostCrash => "主机崩溃：TCB 丢失",
        Rule::ListenerTakesSyn => "新的 SYN：仍在监听的套接字接收它（LISTEN）",
        Rule::TwoWayOpen => "两次握手模式：LISTEN 收到 SYN，发送 SYN-ACK 并立即建立连接",
        Rule::TwoWaySynAckInSynSent => {
            "两次握手模式：SYN-ACK 确认了我们的 SYN：建立连接，没有第三个报文段"
        }
        Rule::SynCookieAck => "ACK 带回了有效的 SYN cookie：据此重建连接，直接进入 ESTABLISHED",
    }
    .to_string()
}

/// Replace `{min}`/`{max}` in a message.
pub fn range_message(lang: Lang, min: f64, max: f64) -> String {
    lang.s()
        .out_of_range
        .replace("{min}", &crate::number::Decimal(min).to_string())
        .replace("{max}", &crate::number::Decimal(max).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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

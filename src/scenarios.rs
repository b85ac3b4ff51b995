//! The article's lessons as scenarios: a stable name (for `?scenario=`), a
//! title and a narrative in English and 中文 that advances with the run, a
//! gentle note where the article is imprecise, and a preset config that stays
//! editable. Behaviour always comes from the simulator.

use crate::i18n::Lang;
use synack_sim::config::{
    DropRule, FloodConfig, HoldRule, Inject, KeepaliveConfig, Protocol, Write,
};
use synack_sim::trace::Trace;
use synack_sim::{Config, Dir, Preset};

/// Text in both languages: `[English, 中文]`.
pub type Bi = [&'static str; 2];

pub fn pick(lang: Lang, text: &Bi) -> &'static str {
    match lang {
        Lang::En => text[0],
        Lang::Zh => text[1],
    }
}

/// When a narrative beat begins.
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

pub struct Beat {
    pub at: At,
    pub text: Bi,
}

/// A second run drawn beside the first, on the same clock.
pub struct Compare {
    /// Labels over the scenario's own run and over the other one.
    pub this: Bi,
    pub other: Bi,
    pub config: fn() -> Config,
}

pub struct Scenario {
    pub name: &'static str,
    pub title: Bi,
    pub compare: Option<Compare>,
    pub beats: &'static [Beat],
    /// "注意 / Note" where the article is imprecise or Linux differs.
    pub note: Option<Bi>,
    /// Show absolute sequence numbers (the article's example uses them).
    pub absolute: bool,
    pub config: fn() -> Config,
}

impl Scenario {
    /// The beat in force at simulated time `t` for this run's trace.
    pub fn beat_at(&self, trace: &Trace, t: Option<u64>) -> Option<&Beat> {
        let time_of = |at: At| -> Option<u64> {
            match at {
                At::Start => Some(0),
                At::Sent(n) => trace.segments.get(n).map(|s| s.sent_us),
                At::Arrived(n) => trace
                    .segments
                    .get(n)
                    .map(|s| s.arrive_us.unwrap_or(s.sent_us)),
                At::End => Some(trace.end_us),
            }
        };
        let t = t?;
        self.beats
            .iter()
            .rfind(|b| time_of(b.at).is_some_and(|bt| bt <= t))
    }
}

fn drop(dir: Dir, nth: u32) -> DropRule {
    DropRule { dir, nth }
}

/// RFC 9293 Fig. 8: ISS 100, an old SYN 90 in the network, the new SYN held back.
fn fig8() -> Config {
    Config {
        timers: Preset::Rfc,
        client: synack_sim::config::ClientConfig {
            isn: Some(100),
            ..Default::default()
        },
        server: synack_sim::config::ServerConfig {
            isn: Some(300),
            ..Default::default()
        },
        inject: vec![Inject {
            at_ms: 0.0,
            dir: Dir::C2s,
            flags: vec!["SYN".into()],
            seq: -10,
            ack: 0,
            len: 0,
        }],
        hold: vec![HoldRule {
            dir: Dir::C2s,
            nth: 1,
            extra_ms: 200.0,
        }],
        ..Config::default()
    }
}

fn two_way(mut c: Config) -> Config {
    c.protocol = Protocol::TwoWay;
    c
}

/// A lost SYN-ACK, with the server writing 100 bytes once it believes it is connected.
fn syn_ack_lost_server_writes() -> Config {
    let mut c = Config {
        drop: vec![drop(Dir::S2c, 1)],
        ..Config::default()
    };
    c.server.writes = vec![Write {
        at_ms: 100.0,
        bytes: 100,
    }];
    c
}

/// 10,000 spoofed SYNs at 2,000 a second; the real client connects at 0.5 s.
fn flood(syncookies: bool) -> Config {
    let mut c = Config {
        flood: Some(FloodConfig::default()),
        ..Config::default()
    };
    c.client.connect_ms = 500.0;
    c.server.syncookies = syncookies;
    c
}

fn keepalive_dead() -> Config {
    let mut c = Config::default();
    c.client.crash_ms = Some(1000.0);
    c.server.keepalive = Some(KeepaliveConfig::default());
    c
}

pub const ALL: &[Scenario] = &[
    Scenario {
        name: "handshake",
        title: ["The three-way handshake", "三次握手"],
        absolute: false,
        compare: None,
        note: None,
        config: Config::default,
        beats: &[
            Beat { at: At::Start, text: [
                "The server has called listen(): it waits in LISTEN. The client calls connect(), which blocks until the handshake is over.",
                "服务器已调用 listen()，在 LISTEN 状态等待。客户端调用 connect()，它会一直阻塞到握手结束。"] },
            Beat { at: At::Sent(0), text: [
                "SYN: the client picks a random initial sequence number (ISN). Random, so that an attacker who cannot see the replies cannot guess it and forge a connection (blind spoofing). The numbers shown are relative: the ISN counts as 0.",
                "SYN：客户端选择一个随机的初始序号（ISN）。之所以随机，是为了让看不到应答的攻击者无法猜出它、伪造连接（盲目欺骗）。这里显示的是相对序号：ISN 记为 0。"] },
            Beat { at: At::Sent(1), text: [
                "SYN-ACK: the server sends its own random ISN and ack = client's seq + 1. The SYN itself takes one sequence number, so the next byte expected is ISN + 1.",
                "SYN-ACK：服务器发送自己的随机 ISN，并且 ack = 客户端的 seq + 1。SYN 本身占用一个序号，所以期望的下一个字节是 ISN + 1。"] },
            Beat { at: At::Sent(2), text: [
                "ACK: the client acknowledges the server's SYN (ack = server seq + 1) and is ESTABLISHED; connect() returns. A bare ACK takes no sequence number: the client's next seq is still 1.",
                "ACK：客户端确认服务器的 SYN（ack = 服务器 seq + 1），进入 ESTABLISHED，connect() 返回。不带数据的 ACK 不占用序号：客户端的下一个 seq 仍然是 1。"] },
            Beat { at: At::Arrived(2), text: [
                "The server is ESTABLISHED when the ACK arrives, and accept() returns. Each side has sent its ISN and seen it acknowledged: that is what the three segments are for.",
                "ACK 到达后服务器进入 ESTABLISHED，accept() 返回。双方都发出了自己的 ISN 并得到了确认：这就是三个报文段的用途。"] },
        ],
    },
    Scenario {
        name: "syn-lost",
        title: ["Lost SYN", "SYN 丢失"],
        absolute: false,
        compare: None,
        note: None,
        config: || Config { drop: vec![drop(Dir::C2s, 1)], ..Config::default() },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "The SYN is lost. The server never knew: it stays in LISTEN. The client's SYN timer (RTO 1 s) is running.",
                "SYN 丢失了。服务器毫不知情，仍在 LISTEN。客户端的 SYN 计时器（RTO 1 秒）在运行。"] },
            Beat { at: At::Sent(1), text: [
                "After 1 s the timer fires and the SYN goes again, with the same ISN (seq 0). Wireshark marks it [TCP Retransmission].",
                "1 秒后计时器到期，SYN 以相同的 ISN（seq 0）重发。Wireshark 会把它标为 [TCP Retransmission]。"] },
            Beat { at: At::Arrived(3), text: [
                "The handshake then completes as usual, 1 s late.",
                "之后握手照常完成，只是晚了 1 秒。"] },
        ],
    },
    Scenario {
        name: "syn-ack-lost",
        title: ["Lost SYN-ACK", "SYN-ACK 丢失"],
        absolute: false,
        compare: None,
        note: Some([
            "Linux answers a retransmitted SYN in SYN-RECEIVED by sending the SYN-ACK again at once. A strictly RFC 9293 stack would answer with a bare ACK, which the client drops; switch the timers to RFC to compare.",
            "Linux 在 SYN-RECEIVED 收到重传的 SYN 时会立即再发一次 SYN-ACK。严格按 RFC 9293 的实现会回一个纯 ACK，客户端会丢弃它；把计时器切换为 RFC 即可对比。"]),
        config: || Config { drop: vec![drop(Dir::S2c, 1)], ..Config::default() },
        beats: &[
            Beat { at: At::Sent(1), text: [
                "The server is in SYN-RECEIVED and its SYN-ACK is lost. Both sides now have a timer running.",
                "服务器处于 SYN-RECEIVED，它的 SYN-ACK 丢失了。现在双方都有计时器在运行。"] },
            Beat { at: At::Sent(2), text: [
                "The client heard nothing for 1 s: its SYN timer fires first and the SYN goes again.",
                "客户端 1 秒内没收到任何东西：它的 SYN 计时器先到期，SYN 重发。"] },
            Beat { at: At::Sent(3), text: [
                "The repeated SYN reaches the server exactly when its own SYN-ACK timer would fire; the arrival is handled first, and Linux sends the SYN-ACK again at once.",
                "重发的 SYN 恰好在服务器自己的 SYN-ACK 计时器到期时到达；先处理到达的报文，Linux 立即再发一次 SYN-ACK。"] },
            Beat { at: At::Arrived(4), text: [
                "Both sides are ESTABLISHED, about 1 s later than without the loss.",
                "双方都进入 ESTABLISHED，比没有丢包时晚了大约 1 秒。"] },
        ],
    },
    Scenario {
        name: "final-ack-lost",
        title: ["Lost final ACK", "第三次握手的 ACK 丢失"],
        absolute: false,
        compare: None,
        note: None,
        config: || Config { drop: vec![drop(Dir::C2s, 2)], ..Config::default() },
        beats: &[
            Beat { at: At::Sent(2), text: [
                "The client is ESTABLISHED as soon as it sends its ACK, and connect() returns. The ACK is lost: the server is still in SYN-RECEIVED.",
                "客户端一发出 ACK 就进入 ESTABLISHED，connect() 返回。这个 ACK 丢失了：服务器仍在 SYN-RECEIVED。"] },
            Beat { at: At::Sent(3), text: [
                "The server's SYN-ACK timer fires after 1 s and it sends the SYN-ACK again (its next timer would be 2 s away).",
                "服务器的 SYN-ACK 计时器 1 秒后到期，再发一次 SYN-ACK（下一次计时器是 2 秒后）。"] },
            Beat { at: At::Sent(4), text: [
                "The client, already ESTABLISHED, sees an old SYN: it answers with an ACK (a challenge ACK, RFC 5961).",
                "已经 ESTABLISHED 的客户端看到的是一个旧的 SYN：它回复一个 ACK（挑战 ACK，RFC 5961）。"] },
            Beat { at: At::Arrived(4), text: [
                "That ACK completes the handshake for the server; only now does accept() return.",
                "这个 ACK 为服务器完成了握手；直到现在 accept() 才返回。"] },
        ],
    },
    Scenario {
        name: "final-ack-lost-data",
        title: ["Lost final ACK, client sends data", "第三次握手的 ACK 丢失，客户端先发数据"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = Config { drop: vec![drop(Dir::C2s, 2)], ..Config::default() };
            c.client.writes = vec![Write { at_ms: 200.0, bytes: 50 }];
            c
        },
        beats: &[
            Beat { at: At::Sent(2), text: [
                "The final ACK is lost, but the client does not wait: at 0.2 s it sends 50 bytes.",
                "最后的 ACK 丢失了，但客户端不等：0.2 秒时发送 50 字节。"] },
            Beat { at: At::Arrived(3), text: [
                "Every data segment carries the same ack: the server finds it acceptable, goes ESTABLISHED, queues the 50 bytes and acknowledges them with ack = 51. No SYN-ACK needs to be sent again.",
                "每个数据报文段都带着同样的 ack：服务器认为它可接受，进入 ESTABLISHED，收下 50 字节并以 ack = 51 确认。不需要再发 SYN-ACK。"] },
        ],
    },
    Scenario {
        name: "unreachable",
        title: ["Server unreachable", "服务器不可达"],
        absolute: false,
        compare: None,
        note: Some([
            "Linux (since 6.5) first retries the SYN every second 4 times before doubling: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and ETIMEDOUT at 131 s. Classic RFC 6298 backoff gives 0, 1, 3, 7, 15, 31, 63 s and 127 s: switch the timers to compare.",
            "Linux（6.5 起）先每秒重试 SYN 4 次再翻倍：SYN 在 0、1、2、3、4、5、7、11、19、35、67 秒发出，131 秒时 ETIMEDOUT。经典的 RFC 6298 退避是 0、1、3、7、15、31、63 秒，127 秒超时：切换计时器即可对比。"]),
        config: || Config { c2s: synack_sim::config::LinkConfig { loss: 1.0, ..Default::default() }, ..Config::default() },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "Every SYN is lost. The client stays in SYN-SENT and connect() stays blocked.",
                "每个 SYN 都丢失了。客户端一直处于 SYN-SENT，connect() 一直阻塞。"] },
            Beat { at: At::Sent(6), text: [
                "The timer now doubles after each try: 2, 4, 8, 16, 32 s. Long waits are skipped; watch the clock.",
                "之后每次重试计时器翻倍：2、4、8、16、32 秒。长时间的等待被跳过了；请看时钟。"] },
            Beat { at: At::End, text: [
                "The last SYN is not answered either: the client gives up, connect() fails with ETIMEDOUT.",
                "最后一个 SYN 也没有回应：客户端放弃，connect() 以 ETIMEDOUT 失败。"] },
        ],
    },
    Scenario {
        name: "closed-port",
        title: ["Closed port", "端口未监听"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = Config::default();
            c.server.listening = false;
            c
        },
        beats: &[
            Beat { at: At::Sent(1), text: [
                "No socket listens on port 80: the server's TCP answers the SYN with RST (seq 0, ack = ISN + 1; Wireshark shows Seq=1 Ack=1).",
                "80 端口没有套接字在监听：服务器的 TCP 用 RST 回答这个 SYN（seq 0，ack = ISN + 1；Wireshark 显示 Seq=1 Ack=1）。"] },
            Beat { at: At::Arrived(1), text: [
                "The RST acknowledges the client's SYN, so the client believes it: connect() fails at once with ECONNREFUSED. Nothing is retransmitted.",
                "这个 RST 确认了客户端的 SYN，所以客户端相信它：connect() 立即以 ECONNREFUSED 失败。不会重传。"] },
        ],
    },
    Scenario {
        name: "keepalive-dead-client",
        title: ["Keepalive: the client host dies", "保活：客户端主机宕机"],
        absolute: false,
        compare: None,
        note: Some([
            "The article says 10 probes; Linux sends 9 (tcp_keepalive_probes), giving up at 7200 + 9 × 75 = 7875 s. The 10 comes from older BSD examples and from Windows. See the 10-probe scenario.",
            "文章说发送 10 个探测；Linux 发送 9 个（tcp_keepalive_probes），在 7200 + 9 × 75 = 7875 秒时放弃。“10 个”来自较早的 BSD 例子和 Windows。可以看 10 个探测的场景。"]),
        config: keepalive_dead,
        beats: &[
            Beat { at: At::Start, text: [
                "After the handshake the client host crashes at 1 s: no FIN, no RST, it just stops. The server has keepalive on.",
                "握手完成后，客户端主机在 1 秒时崩溃：没有 FIN，也没有 RST，它就是停止了。服务器开启了保活。"] },
            Beat { at: At::Sent(3), text: [
                "After 2 hours of silence the server sends a keepalive probe: an ACK with seq one below what it should be, so a live peer must answer.",
                "沉默 2 小时后，服务器发送保活探测：一个 seq 比应有值小 1 的 ACK，活着的对端必须回应。"] },
            Beat { at: At::Sent(4), text: [
                "No answer: probes follow every 75 s.",
                "没有回应：之后每 75 秒发一个探测。"] },
            Beat { at: At::End, text: [
                "After the 9th unanswered probe the server resets the connection and the socket fails with ETIMEDOUT, 2 h 11 min 15 s after the last sign of life.",
                "第 9 个探测也没有回应后，服务器重置连接，套接字以 ETIMEDOUT 失败，距最后一次收到对端消息已过 2 小时 11 分 15 秒。"] },
        ],
    },
    Scenario {
        name: "keepalive-ten-probes",
        title: ["Keepalive with 10 probes (the article)", "保活：10 个探测（文章的说法）"],
        absolute: false,
        compare: None,
        note: Some([
            "10 probes is the count of Windows and of Stevens' BSD/386 example; Linux's default is 9.",
            "10 个探测是 Windows 以及 Stevens 书中 BSD/386 例子的数量；Linux 默认是 9 个。"]),
        config: || {
            let mut c = keepalive_dead();
            c.server.keepalive = Some(KeepaliveConfig { probes: 10, ..KeepaliveConfig::default() });
            c
        },
        beats: &[
            Beat { at: At::Sent(3), text: [
                "The same dead client, but the server is set to 10 probes, as the article says.",
                "同样是宕机的客户端，但服务器设为 10 个探测，和文章说的一样。"] },
            Beat { at: At::End, text: [
                "It gives up after the 10th probe: 7200 + 10 × 75 = 7950 s.",
                "第 10 个探测之后放弃：7200 + 10 × 75 = 7950 秒。"] },
        ],
    },
    Scenario {
        name: "keepalive-rebooted-client",
        title: ["Keepalive: the client rebooted", "保活：客户端已重启"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = keepalive_dead();
            c.client.reboot = true;
            c
        },
        beats: &[
            Beat { at: At::Sent(3), text: [
                "The client host crashed and came back with no memory of the connection.",
                "客户端主机崩溃后重启，已经不记得这个连接了。"] },
            Beat { at: At::Sent(4), text: [
                "The probe reaches a TCP with no such connection, which answers RST.",
                "探测到达一个没有这个连接的 TCP，它回复 RST。"] },
            Beat { at: At::End, text: [
                "The server's socket fails with ECONNRESET at the first probe.",
                "服务器的套接字在第一个探测时就以 ECONNRESET 失败。"] },
        ],
    },
    Scenario {
        name: "keepalive-live-client",
        title: ["Keepalive: the client is alive", "保活：客户端还活着"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = Config::default();
            c.server.keepalive = Some(KeepaliveConfig::default());
            c
        },
        beats: &[
            Beat { at: At::Sent(3), text: [
                "After 2 hours of silence the server probes.",
                "沉默 2 小时后，服务器发出探测。"] },
            Beat { at: At::Sent(4), text: [
                "The live client sees an old sequence number and answers with an ACK (seq = the server's RCV.NXT, ack = its SND.NXT). The server's idle timer starts again.",
                "活着的客户端看到一个旧序号，回复 ACK（seq = 服务器的 RCV.NXT，ack = 服务器的 SND.NXT）。服务器的空闲计时器重新开始。"] },
        ],
    },
    Scenario {
        name: "byte-counting",
        title: ["Byte counting: ack names the next byte", "字节计数：ack 是期望的下一个字节"],
        absolute: true,
        compare: None,
        note: None,
        config: || {
            let mut c = Config::default();
            c.client.isn = Some(999);
            c.client.data = 1000;
            c
        },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "The client's ISN is 999 here (absolute numbers), so its first data byte will be 1000.",
                "这里客户端的 ISN 是 999（绝对序号），所以它的第一个数据字节是 1000。"] },
            Beat { at: At::Sent(2), text: [
                "The third segment carries 1000 bytes, numbered 1000 to 1999: seq 1000 names the first of them. Data may ride on the third segment because the client has already proved it receives at its address.",
                "第三个报文段携带 1000 字节，编号 1000 到 1999：seq 1000 是其中第一个字节的编号。数据可以搭第三个报文段，因为客户端已经证明它能在自己的地址上收到报文。"] },
            Beat { at: At::Sent(3), text: [
                "The server acknowledges with ack 2000: the number of the next byte it expects, not the last one it got.",
                "服务器以 ack 2000 确认：这是它期望的下一个字节的编号，而不是收到的最后一个字节。"] },
        ],
    },
    Scenario {
        name: "simultaneous-open",
        title: ["Simultaneous open", "同时打开"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = Config::default();
            c.server.listening = false;
            c.server.connect_ms = Some(0.0);
            c
        },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "Both ends call connect() at the same moment: two SYNs cross in the network (RFC 9293 Fig. 7).",
                "两端在同一时刻调用 connect()：两个 SYN 在网络中交叉（RFC 9293 图 7）。"] },
            Beat { at: At::Sent(2), text: [
                "Each receives a bare SYN in SYN-SENT, goes to SYN-RECEIVED and sends SYN-ACK with its own ISN again.",
                "双方都在 SYN-SENT 收到一个纯 SYN，进入 SYN-RECEIVED，并用自己原来的 ISN 发送 SYN-ACK。"] },
            Beat { at: At::Sent(4), text: [
                "Each SYN-ACK acknowledges the other's SYN: both are ESTABLISHED, and each acknowledges the duplicate SYN it just received. Three segments each way, one connection.",
                "每个 SYN-ACK 都确认了对方的 SYN：双方都进入 ESTABLISHED，并各自确认刚收到的重复 SYN。一个连接，双方各发了三个报文段。"] },
        ],
    },
    Scenario {
        name: "old-duplicate-syn",
        title: ["Why three: an old duplicate SYN", "为什么是三次：旧的重复 SYN"],
        absolute: true,
        note: Some([
            "RFC 9293 §3.5: \"The principal reason for the three-way handshake is to prevent old duplicate connection initiations from causing confusion.\" The third segment lets the client say: that is not the connection I asked for.",
            "RFC 9293 §3.5：“三次握手的主要原因是防止旧的重复连接请求造成混乱。”第三个报文段让客户端有机会说：这不是我要的连接。"]),
        compare: None,
        config: fig8,
        beats: &[
            Beat { at: At::Start, text: [
                "The client opens with ISS 100 (RFC 9293 Fig. 8, absolute numbers), but an old SYN 90 from an earlier connection is still in the network, and the new SYN is delayed.",
                "客户端以 ISS 100 打开连接（RFC 9293 图 8，绝对序号），但网络里还有一个来自早先连接的旧 SYN 90，而新的 SYN 被延迟了。"] },
            Beat { at: At::Sent(2), text: [
                "The old SYN 90 reaches the server first. It cannot tell it is old, so it answers SYN-ACK ack = 91.",
                "旧的 SYN 90 先到达服务器。服务器无法判断它是旧的，于是回复 SYN-ACK，ack = 91。"] },
            Beat { at: At::Sent(3), text: [
                "The client expected ack = 101: this acknowledges a SYN it never sent. It answers RST seq = 91 and stays in SYN-SENT.",
                "客户端期望的是 ack = 101：这个确认的是它从未发送的 SYN。它回复 RST，seq = 91，并留在 SYN-SENT。"] },
            Beat { at: At::Arrived(3), text: [
                "The RST sends the server from SYN-RECEIVED back to LISTEN; no application ever saw the bogus connection.",
                "RST 让服务器从 SYN-RECEIVED 回到 LISTEN；没有任何应用程序看到这个错误的连接。"] },
            Beat { at: At::Sent(4), text: [
                "The real SYN 100 arrives and opens the connection normally.",
                "真正的 SYN 100 到达，正常建立连接。"] },
        ],
    },
    Scenario {
        name: "two-way-old-duplicate",
        title: ["Why not two: an old duplicate SYN", "为什么不是两次：旧的重复 SYN"],
        absolute: true,
        note: Some([
            "The two-way handshake here is a thought experiment, not TCP: the simulator runs it as a protocol mode so you can see what would go wrong.",
            "这里的两次握手是一个思想实验，不是 TCP：模拟器把它作为一种协议模式来运行，好让你看到会出什么问题。"]),
        compare: Some(Compare {
            this: ["Two-way (hypothetical)", "两次握手（假想）"],
            other: ["Three-way (TCP)", "三次握手（TCP）"],
            config: fig8,
        }),
        config: || two_way(fig8()),
        beats: &[
            Beat { at: At::Start, text: [
                "Left: a two-way handshake; right: TCP's three-way. Same network: an old SYN 90 lingers, the client's new SYN 100 is delayed.",
                "左边是两次握手，右边是 TCP 的三次握手。网络相同：旧的 SYN 90 还在网络里，客户端新的 SYN 100 被延迟。"] },
            Beat { at: At::Sent(2), text: [
                "The old SYN reaches the server. With two segments, answering SYN-ACK is all it takes: the server is ESTABLISHED and accept() hands its application a connection nobody asked for. With three, it only waits in SYN-RECEIVED.",
                "旧的 SYN 到达服务器。只有两次握手时，回复 SYN-ACK 就够了：服务器进入 ESTABLISHED，accept() 把一个没人请求的连接交给应用。三次握手时，它只是在 SYN-RECEIVED 等待。"] },
            Beat { at: At::Sent(3), text: [
                "The client rejects the SYN-ACK with an RST. Three-way: the server quietly returns to LISTEN and no application noticed. Two-way: too late, the application already has the connection and now gets ECONNRESET (and could have acted on old data).",
                "客户端用 RST 拒绝这个 SYN-ACK。三次握手：服务器悄悄回到 LISTEN，没有应用察觉。两次握手：为时已晚，应用已经拿到了这个连接，现在收到 ECONNRESET（而且它可能已经处理了旧数据）。"] },
            Beat { at: At::Sent(4), text: [
                "The real SYN 100 then opens a connection in both. The third segment is what lets the client veto a connection it never asked for: RFC 9293's principal reason.",
                "随后真正的 SYN 100 在两边都建立了连接。第三个报文段让客户端能否决它从未请求的连接：这正是 RFC 9293 给出的主要原因。"] },
        ],
    },
    Scenario {
        name: "two-way-syn-ack-lost",
        title: ["Why not two: a lost SYN-ACK deadlocks", "为什么不是两次：SYN-ACK 丢失导致死锁"],
        absolute: false,
        note: Some([
            "This deadlock is the textbook argument (the article's): it follows from each side needing its ISN acknowledged (RFC 9293 §3.4.1). The RFC's stated principal reason for three segments is old duplicates: see the other two-way scenario.",
            "这个死锁是教科书里的论证（也是文章的论证）：它源于双方的 ISN 都必须被确认（RFC 9293 §3.4.1）。RFC 给出的三次握手的主要原因是旧的重复报文：请看另一个两次握手场景。"]),
        compare: Some(Compare {
            this: ["Two-way (hypothetical)", "两次握手（假想）"],
            other: ["Three-way (TCP)", "三次握手（TCP）"],
            config: syn_ack_lost_server_writes,
        }),
        config: || two_way(syn_ack_lost_server_writes()),
        beats: &[
            Beat { at: At::Sent(1), text: [
                "Two-way: the server answers SYN-ACK and at once believes it is connected. The SYN-ACK is lost.",
                "两次握手：服务器回复 SYN-ACK，并立即认为连接已建立。这个 SYN-ACK 丢失了。"] },
            Beat { at: At::Sent(2), text: [
                "The server's application writes 100 bytes, numbered from the server's ISN + 1.",
                "服务器的应用写入 100 字节，从服务器的 ISN + 1 开始编号。"] },
            Beat { at: At::Arrived(2), text: [
                "The client never learned the server's ISN: it cannot place these bytes, so it drops them. It is still in SYN-SENT.",
                "客户端从未得知服务器的 ISN：它无法确定这些字节的位置，只能丢弃。它仍在 SYN-SENT。"] },
            Beat { at: At::Sent(4), text: [
                "The client's SYN goes again; the server, connected, answers only with an ACK, which the client drops. Deadlock: the server retransmits data that is never acknowledged, the client a SYN that never gets its SYN-ACK. Three-way (right): the server waits in SYN-RECEIVED, sends the SYN-ACK again, and all is well.",
                "客户端重发 SYN；已经“连接”的服务器只回一个 ACK，客户端丢弃它。死锁：服务器重传永远得不到确认的数据，客户端重传永远得不到 SYN-ACK 的 SYN。三次握手（右）：服务器在 SYN-RECEIVED 等待，再发一次 SYN-ACK，一切正常。"] },
            Beat { at: At::End, text: [
                "The client gives up at 131 s with ETIMEDOUT; only when the server's next retransmission meets the closed client (RST) does the server learn its connection never existed.",
                "客户端在 131 秒时以 ETIMEDOUT 放弃；直到服务器的下一次重传遇到已关闭的客户端（RST），服务器才知道它的连接从未真正存在。"] },
        ],
    },
    Scenario {
        name: "half-open-discovery",
        title: ["Half-open connection discovered", "发现半开连接"],
        absolute: true,
        note: None,
        compare: None,
        config: || {
            let mut c = Config::default();
            c.client.isn = Some(100);
            c.server.isn = Some(300);
            c.client.crash_ms = Some(1000.0);
            c.client.reboot = true;
            c.client.reconnect_ms = Some(2000.0);
            c
        },
        beats: &[
            Beat { at: At::Start, text: [
                "RFC 9293 Fig. 9: a connection is ESTABLISHED, then the client host crashes at 1 s and reboots, remembering nothing. The server still believes in the connection: it is half-open.",
                "RFC 9293 图 9：连接已经 ESTABLISHED，然后客户端主机在 1 秒时崩溃并重启，什么都不记得了。服务器仍相信这个连接存在：它是半开的。"] },
            Beat { at: At::Sent(3), text: [
                "The rebooted client connects again with a new ISN.",
                "重启后的客户端用一个新的 ISN 再次连接。"] },
            Beat { at: At::Sent(4), text: [
                "The server, ESTABLISHED, sees a SYN: it answers with a challenge ACK carrying its old numbers (RFC 5961).",
                "处于 ESTABLISHED 的服务器看到一个 SYN：它回复带着旧序号的挑战 ACK（RFC 5961）。"] },
            Beat { at: At::Sent(5), text: [
                "That ACK acknowledges nothing the client sent: RST seq = its ack. The server's half-open connection is reset.",
                "这个 ACK 确认的不是客户端发送的任何东西：回复 RST，seq = 它的 ack。服务器的半开连接被重置。"] },
            Beat { at: At::Sent(6), text: [
                "Linux retries the SYN after only 2 ms (TCP_TIMEOUT_MIN, not 1 s), and the server's listening socket takes it: a normal handshake follows.",
                "Linux 只过 2 毫秒（TCP_TIMEOUT_MIN，而不是 1 秒）就重发 SYN，服务器的监听套接字接收它：随后是正常的握手。"] },
        ],
    },
    Scenario {
        name: "rst-syn-received",
        title: ["RST against a passive SYN-RECEIVED", "RST 让被动的 SYN-RECEIVED 回到 LISTEN"],
        absolute: true,
        note: None,
        compare: None,
        config: fig8,
        beats: &[
            Beat { at: At::Sent(2), text: [
                "An old duplicate SYN put the server in SYN-RECEIVED, from a passive open (listen()).",
                "一个旧的重复 SYN 让服务器进入 SYN-RECEIVED，它来自被动打开（listen()）。"] },
            Beat { at: At::Arrived(3), text: [
                "The client's RST is in the window. A TCB must remember how it reached SYN-RECEIVED (MUST-11): from a passive open, an RST sends it back to LISTEN, and no application is told. From an active open it would be \u{201c}connection refused\u{201d}.",
                "客户端的 RST 在窗口内。TCB 必须记住它是怎样进入 SYN-RECEIVED 的（MUST-11）：若来自被动打开，RST 让它回到 LISTEN，不通知任何应用；若来自主动打开，则是“连接被拒绝”。"] },
            Beat { at: At::Sent(4), text: [
                "The listener is ready again and takes the real SYN.",
                "监听者又准备好了，接收真正的 SYN。"] },
        ],
    },
    Scenario {
        name: "syn-data",
        title: ["Why the SYN carries no data", "为什么 SYN 不携带数据"],
        absolute: false,
        compare: None,
        note: Some([
            "The article says the first segment may not carry data. In fact RFC 9293 allows data on a SYN (§3.5; the receiver must hold it until ESTABLISHED), but Linux drops it unless the SYN carries a valid Fast Open cookie. The reason is the SYN flood: a server that keeps data for a client that has not yet proved its address commits memory to anyone who can forge a SYN.",
            "文章说第一个报文段不能携带数据。实际上 RFC 9293 允许 SYN 携带数据（§3.5；接收方必须保存到 ESTABLISHED 之后才交付），但除非 SYN 带有有效的 Fast Open cookie，Linux 会丢弃这些数据。原因是 SYN 洪泛：如果服务器为一个尚未证明自己地址的客户端保存数据，任何能伪造 SYN 的人都能让它耗费内存。"]),
        config: || {
            let mut c = Config::default();
            c.client.syn_data = 100;
            c
        },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "The client puts 100 bytes on its SYN (seq 0, length 100): legal in RFC 9293.",
                "客户端在 SYN 上携带 100 字节（seq 0，长度 100）：RFC 9293 允许这样做。"] },
            Beat { at: At::Sent(1), text: [
                "The Linux server has no proof yet that the client really is at its address (a SYN is easy to forge), so it keeps no data: the SYN-ACK acknowledges the SYN only (ack 1).",
                "Linux 服务器还没有证据表明客户端真的在那个地址上（SYN 很容易伪造），所以它不保存数据：SYN-ACK 只确认 SYN 本身（ack 1）。"] },
            Beat { at: At::Sent(2), text: [
                "The client sees that its data was not acknowledged and sends it again on the third segment, seq 1. The third segment may carry data because by now the client has echoed the server's ISN: proof that it receives at its address.",
                "客户端看到数据没有被确认，于是在第三个报文段上重发，seq 1。第三个报文段可以携带数据，因为此时客户端已经回显了服务器的 ISN：证明它能在自己的地址上收到报文。"] },
            Beat { at: At::Sent(3), text: [
                "ack 101: the 100 bytes have arrived, one round trip later than they could have.",
                "ack 101：100 字节到达了，比本可以的时间晚了一个往返。"] },
        ],
    },
    Scenario {
        name: "syn-flood",
        title: ["SYN flood: the real client is turned away", "SYN 洪泛：真正的客户端被拒之门外"],
        absolute: false,
        compare: None,
        note: Some([
            "Linux keeps SYN cookies on by default (tcp_syncookies = 1, used only when the SYN queue overflows) precisely for this: see the SYN cookies scenario. The backlog is min(listen() backlog, somaxconn); 128 here.",
            "Linux 默认开启 SYN cookie（tcp_syncookies = 1，只在 SYN 队列溢出时使用），正是为了应对这种情况：请看 SYN cookie 场景。backlog 取 listen() 的 backlog 与 somaxconn 中较小者，这里是 128。"]),
        config: || flood(false),
        beats: &[
            Beat { at: At::Start, text: [
                "An attacker sends 10,000 SYNs from forged addresses, 2,000 a second (a sample is drawn in grey). Each takes a place in the server's SYN queue, and its SYN-ACK goes to an address that never answers.",
                "攻击者从伪造的地址发送 10,000 个 SYN，每秒 2,000 个（灰色画出的是其中一部分）。每个都在服务器的 SYN 队列里占一个位置，而它的 SYN-ACK 发往一个永远不会回应的地址。"] },
            Beat { at: At::Arrived(0), text: [
                "The queue (128 places) is full and SYN cookies are off: the real client's SYN is dropped without an answer. Its SYN timer will try again.",
                "队列（128 个位置）已满，而 SYN cookie 关闭：真正客户端的 SYN 被丢弃，没有任何回应。它的 SYN 计时器会再试。"] },
            Beat { at: At::Arrived(5), text: [
                "Every retry meets a full queue: each spoofed entry stays until its 5 SYN-ACK retries are used up, 63 s after it arrived.",
                "每次重试都遇到满的队列：每个伪造的条目要等到 5 次 SYN-ACK 重传用完，也就是到达后 63 秒，才会离开。"] },
            Beat { at: At::Sent(11), text: [
                "The first spoofed requests have timed out and there is room again: the real client gets in, more than a minute late. A longer flood would have made connect() fail with ETIMEDOUT.",
                "最早的伪造请求已经超时，队列终于有了空位：真正的客户端连接成功，但晚了一分多钟。如果洪泛持续更久，connect() 就会以 ETIMEDOUT 失败。"] },
        ],
    },
    Scenario {
        name: "syn-cookies",
        title: ["SYN cookies: through the flood, with no state", "SYN cookie：无状态地穿过洪泛"],
        absolute: false,
        compare: None,
        note: Some([
            "The price of keeping no state: the SYN-ACK is never sent again (if the ACK is lost, the client's first data completes the connection), the MSS is rounded down to 536, 1300, 1440 or 1460, and other options survive only if timestamps carry them.",
            "不保存状态的代价：SYN-ACK 永远不会重发（如果 ACK 丢了，客户端的第一个数据报文段会完成连接），MSS 被向下取整为 536、1300、1440 或 1460，其他选项只有借助时间戳才能保留。"]),
        config: || flood(true),
        beats: &[
            Beat { at: At::Start, text: [
                "The same flood, 10,000 spoofed SYNs, but the server has SYN cookies on.",
                "同样的洪泛，10,000 个伪造的 SYN，但服务器开启了 SYN cookie。"] },
            Beat { at: At::Sent(1), text: [
                "The queue is full, so the server answers with a SYN cookie: its ISN encodes the connection (the addresses, the client's ISN, a time counter, the MSS) under a secret key. It keeps no state, arms no timer, and stays in LISTEN.",
                "队列已满，于是服务器用 SYN cookie 回复：它的 ISN 在一个秘密密钥下编码了这个连接（双方地址、客户端的 ISN、时间计数器、MSS）。它不保存状态，不设计时器，仍停留在 LISTEN。"] },
            Beat { at: At::Sent(2), text: [
                "The client's ACK returns cookie + 1: proof that it really receives at its address, which a forged source cannot give.",
                "客户端的 ACK 带回 cookie + 1：这证明它确实能在自己的地址上收到报文，而伪造的源地址做不到。"] },
            Beat { at: At::Arrived(2), text: [
                "The server checks the cookie and rebuilds the connection from it, straight from LISTEN to ESTABLISHED, while the flood goes on.",
                "服务器校验 cookie 并据此重建连接，直接从 LISTEN 进入 ESTABLISHED，而洪泛仍在继续。"] },
        ],
    },
    Scenario {
        name: "fast-open",
        title: ["TCP Fast Open: data on the SYN with a cookie", "TCP Fast Open：带 cookie 的 SYN 携带数据"],
        absolute: false,
        compare: None,
        note: Some([
            "Fast Open (RFC 7413, experimental) is off on Linux servers by default (tcp_fastopen = 1: client side only). Its cost: a SYN with data can be replayed, so the application must tolerate seeing the same request twice.",
            "Fast Open（RFC 7413，实验性）在 Linux 服务器上默认关闭（tcp_fastopen = 1：只开启客户端）。代价是：带数据的 SYN 可能被重放，所以应用必须能容忍同一个请求出现两次。"]),
        config: || {
            let mut c = Config::default();
            c.client.syn_data = 100;
            c.client.fastopen_cookie = true;
            c.server.fastopen = true;
            c
        },
        beats: &[
            Beat { at: At::Sent(0), text: [
                "From an earlier connection the client holds a Fast Open cookie: a MAC of its address that only this server can make. Its SYN carries the cookie and 100 bytes.",
                "客户端在早先的连接中拿到了一个 Fast Open cookie：一个只有这台服务器能生成的、关于客户端地址的 MAC。它的 SYN 携带这个 cookie 和 100 字节。"] },
            Beat { at: At::Sent(1), text: [
                "The cookie proves the client received at this address before, so the server takes the data at once: its application reads the 100 bytes now, and the SYN-ACK acknowledges them (ack 101).",
                "cookie 证明客户端曾在这个地址上收到过报文，所以服务器立即收下数据：它的应用现在就读到这 100 字节，SYN-ACK 也确认了它们（ack 101）。"] },
            Beat { at: At::Sent(2), text: [
                "The third segment is a bare ACK with seq 101: a full round trip saved.",
                "第三个报文段是 seq 为 101 的纯 ACK：节省了整整一个往返。"] },
        ],
    },
    Scenario {
        name: "four-way-close",
        title: ["The four-way close", "四次挥手"],
        absolute: false,
        compare: None,
        note: None,
        config: || {
            let mut c = Config::default();
            c.client.close_ms = Some(1000.0);
            c
        },
        beats: &[
            Beat { at: At::Sent(3), text: [
                "The client calls close(): FIN, and FIN-WAIT-1. Like SYN, FIN takes one sequence number.",
                "客户端调用 close()：发送 FIN，进入 FIN-WAIT-1。和 SYN 一样，FIN 占用一个序号。"] },
            Beat { at: At::Sent(4), text: [
                "The server acknowledges the FIN (ack = seq + 1) and is in CLOSE-WAIT; its application reads end of file.",
                "服务器确认 FIN（ack = seq + 1），进入 CLOSE-WAIT；它的应用读到文件结束。"] },
            Beat { at: At::Sent(5), text: [
                "The server's application closes too: its own FIN, and LAST-ACK.",
                "服务器的应用也关闭：发送自己的 FIN，进入 LAST-ACK。"] },
            Beat { at: At::Sent(6), text: [
                "The client acknowledges it and waits in TIME-WAIT (60 s on Linux, 2·MSL in the RFC), in case that ACK is lost and the FIN comes again.",
                "客户端确认它并在 TIME-WAIT 等待（Linux 为 60 秒，RFC 为 2·MSL），以防这个 ACK 丢失、FIN 再次到来。"] },
        ],
    },
];

pub fn find(name: &str) -> Option<&'static Scenario> {
    ALL.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_sim::{simulate, Side, State};

    fn run(name: &str) -> Trace {
        simulate(&(find(name).expect("scenario exists").config)()).expect("valid config")
    }

    fn flags(t: &Trace) -> Vec<String> {
        t.segments
            .iter()
            .map(|s| format!("{}{}", s.from.name().chars().next().unwrap(), s.flags))
            .collect()
    }

    #[test]
    fn names_are_unique_and_url_safe() {
        for (i, s) in ALL.iter().enumerate() {
            assert!(
                s.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                s.name
            );
            assert!(
                ALL[i + 1..].iter().all(|o| o.name != s.name),
                "{} twice",
                s.name
            );
            assert!(!s.beats.is_empty());
        }
    }

    #[test]
    fn every_beat_points_at_a_segment_that_exists() {
        for s in ALL {
            let t = simulate(&(s.config)()).unwrap();
            for b in s.beats {
                if let At::Sent(n) | At::Arrived(n) = b.at {
                    assert!(
                        n < t.segments.len(),
                        "{}: beat at segment {n} of {}",
                        s.name,
                        t.segments.len()
                    );
                }
            }
        }
    }

    #[test]
    fn handshake() {
        let t = run("handshake");
        assert_eq!(flags(&t), ["c[SYN]", "s[SYN, ACK]", "c[ACK]"]);
    }

    #[test]
    fn lost_segments() {
        let t = run("syn-lost");
        assert_eq!(flags(&t), ["c[SYN]", "c[SYN]", "s[SYN, ACK]", "c[ACK]"]);
        assert_eq!(t.segments[1].sent_us, 1_000_000);
        let t = run("syn-ack-lost");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[SYN]", "s[SYN, ACK]", "c[ACK]"]
        );
        assert!(t.segments[1].lost && t.segments[3].retransmission);
        let t = run("final-ack-lost");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[ACK]", "s[SYN, ACK]", "c[ACK]"]
        );
        assert_eq!(t.segments[3].sent_us, 1_050_000);
        let t = run("final-ack-lost-data");
        assert_eq!(
            flags(&t),
            ["c[SYN]", "s[SYN, ACK]", "c[ACK]", "c[PSH, ACK]", "s[ACK]"]
        );
        assert_eq!(t.segments[4].rel_ack, 51);
        let t = run("unreachable");
        assert_eq!(t.segments.len(), 11);
        assert_eq!(t.outcome.client.error.map(|e| e.name()), Some("ETIMEDOUT"));
        assert_eq!(t.end_us, 131_000_000);
        let t = run("closed-port");
        assert_eq!(flags(&t), ["c[SYN]", "s[RST, ACK]"]);
        assert_eq!(
            t.outcome.client.error.map(|e| e.name()),
            Some("ECONNREFUSED")
        );
    }

    #[test]
    fn keepalive() {
        let t = run("keepalive-dead-client");
        assert_eq!(
            t.from_side(Side::Server)
                .filter(|s| s.reason_code == "keepalive-probe")
                .count(),
            9
        );
        assert_eq!(t.outcome.server.error.map(|e| e.name()), Some("ETIMEDOUT"));
        assert_eq!(t.states.last().unwrap().at_us, 150_000 + 7875 * 1_000_000);
        let t = run("keepalive-ten-probes");
        assert_eq!(
            t.from_side(Side::Server)
                .filter(|s| s.reason_code == "keepalive-probe")
                .count(),
            10
        );
        let t = run("keepalive-rebooted-client");
        assert_eq!(t.outcome.server.error.map(|e| e.name()), Some("ECONNRESET"));
        let t = run("keepalive-live-client");
        assert_eq!(t.segments[4].reason_code, "keepalive-ack");
        assert_eq!(t.outcome.server.state, State::Established);
    }

    #[test]
    fn byte_counting_is_the_articles_example() {
        let t = run("byte-counting");
        let data = &t.segments[2];
        assert_eq!((data.seq, data.len), (1000, 1000));
        assert_eq!(t.segments[3].ack, 2000);
    }

    #[test]
    fn more_of_rfc_9293() {
        let t = run("simultaneous-open");
        assert_eq!(t.segments.len(), 6);
        assert_eq!(t.outcome.client.state, State::Established);
        assert_eq!(t.outcome.server.state, State::Established);
        let t = run("old-duplicate-syn");
        let abs: Vec<_> = t
            .segments
            .iter()
            .map(|s| (s.flags.to_string(), s.seq, s.ack))
            .collect();
        assert_eq!(abs[1], ("[SYN]".into(), 90, 0));
        assert_eq!((abs[2].0.as_str(), abs[2].2), ("[SYN, ACK]", 91));
        assert_eq!(abs[3], ("[RST]".into(), 91, 0));
        assert_eq!((abs[4].0.as_str(), abs[4].2), ("[SYN, ACK]", 101));
        assert!(t
            .states
            .iter()
            .any(|c| c.rule_code == "rst-in-passive-syn-received"));
        let t = run("four-way-close");
        assert_eq!(
            flags(&t)[3..],
            ["c[FIN, ACK]", "s[ACK]", "s[FIN, ACK]", "c[ACK]"]
        );
        assert_eq!(t.outcome.client.state, State::Closed);
    }

    #[test]
    fn data_on_the_syn() {
        let t = run("syn-data");
        assert_eq!((t.segments[0].len, t.segments[1].rel_ack), (100, 1));
        assert_eq!((t.segments[2].rel_seq, t.segments[2].len), (1, 100));
        let t = run("fast-open");
        assert_eq!(t.segments[1].rel_ack, 101);
        assert_eq!(t.segments.len(), 3);
    }

    #[test]
    fn syn_flood_and_cookies() {
        let t = run("syn-flood");
        assert!(t.segments[0].discarded.is_some());
        assert!(t.states.iter().any(|c| c.endpoint == Side::Server
            && c.to == State::Established
            && c.at_us > 63_000_000));
        let t = run("syn-cookies");
        assert_eq!(t.segments[1].reason_code, "syn-cookie");
        assert_eq!(t.outcome.server.state, State::Established);
    }

    #[test]
    fn narrative_follows_the_run() {
        let s = find("syn-ack-lost").unwrap();
        let t = run("syn-ack-lost");
        assert!(s.beat_at(&t, None).is_none());
        assert_eq!(s.beat_at(&t, Some(60_000)).unwrap().at, At::Sent(1));
        assert_eq!(s.beat_at(&t, Some(1_000_000)).unwrap().at, At::Sent(2));
    }
}

//! 中文 and English. UI strings live in one struct per language, so a
//! missing translation is a compile error; reasons and rules are translated by
//! matching the simulator's own enums.

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

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn s(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

pub struct Strings {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub client: &'static str,
    pub server: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step_back: &'static str,
    pub step_forward: &'static str,
    pub restart: &'static str,
    pub speed: &'static str,
    pub timeline: &'static str,
    pub clock: &'static str,
    pub link_c2s: &'static str,
    pub link_s2c: &'static str,
    pub delay: &'static str,
    pub jitter: &'static str,
    pub loss: &'static str,
    pub seed: &'static str,
    pub reroll: &'static str,
    pub timers: &'static str,
    pub listening: &'static str,
    pub data: &'static str,
    pub numbers: &'static str,
    pub relative: &'static str,
    pub absolute: &'static str,
    pub language: &'static str,
    pub states: &'static str,
    pub last_transition: &'static str,
    pub event_log: &'static str,
    pub inspector: &'static str,
    pub explanation: &'static str,
    pub drop: &'static str,
    pub let_through: &'static str,
    pub lost: &'static str,
    pub not_seen_arriving: &'static str,
    pub capture_loopback: &'static str,
    pub capture_delay_unknown: &'static str,
    pub delivered: &'static str,
    pub in_flight: &'static str,
    pub retransmission: &'static str,
    pub click_hint: &'static str,
    pub keys_hint: &'static str,
    pub present: &'static str,
    pub preset_linux: &'static str,
    pub preset_rfc: &'static str,
    // What happens at a moment, one template per kind of event (explain.rs).
    pub say_timer_fired: &'static str,
    pub say_queue_full: &'static str,
    pub say_receives: &'static str,
    pub say_crashed: &'static str,
    pub say_state: &'static str,
    pub say_sends: &'static str,
    pub say_lost: &'static str,
    pub say_connected: &'static str,
    pub say_accepted: &'static str,
    pub say_failed: &'static str,
    pub say_reads: &'static str,
    pub say_more: &'static str,
    pub legend_c2s: &'static str,
    pub legend_s2c: &'static str,
    pub legend_lost: &'static str,
    pub legend_rtx: &'static str,
    pub legend_unknown: &'static str,
    /// The page's title and the embed code's: `<title>`, `<iframe title>`.
    pub page_title: &'static str,
    pub embed_title: &'static str,
    pub dismiss: &'static str,
    pub segments_count: &'static str,
    pub earlier_lines: &'static str,
    pub later_lines: &'static str,
    pub off_script: &'static str,
    pub frame_downloads: &'static str,
    pub open_in_tab: &'static str,
    pub present_exit: &'static str,
    pub diagram: &'static str,
    pub share: &'static str,
    pub copy_link: &'static str,
    pub copy_embed: &'static str,
    pub copied: &'static str,
    pub copy_by_hand: &'static str,
    pub capture_at: &'static str,
    pub capture_wire: &'static str,
    pub capture_client: &'static str,
    pub capture_server: &'static str,
    pub download_pcap: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub download_json: &'static str,
    pub open_full: &'static str,
    pub open_capture: &'static str,
    pub drop_capture: &'static str,
    pub capture_file: &'static str,
    pub stream: &'static str,
    pub back_to_simulation: &'static str,
    pub capture_inferred_client: &'static str,
    pub capture_inferred_server: &'static str,
    pub capture_one_way: &'static str,
    pub capture_truncated: &'static str,
    pub capture_error: &'static str,
    pub reading: &'static str,
    pub not_a_number: &'static str,
    pub out_of_range: &'static str,
    pub kept_last: &'static str,
    pub select_segment: &'static str,
    pub reason: &'static str,
    pub field: &'static str,
    pub value: &'static str,
    pub meaning: &'static str,
    pub left: &'static str,
    pub start: &'static str,
    /// The lesson's text could not be fetched (`{why}`).
    pub lesson_unavailable: &'static str,
    pub nothing_yet: &'static str,
    pub app: &'static str,
    pub blocking: &'static str,
    pub settings: &'static str,
    pub network: &'static str,
    pub scenario: &'static str,
    pub controls: &'static str,
    pub quiz: &'static str,
    pub quiz_prompt: &'static str,
    pub quiz_flags: &'static str,
    pub quiz_next_state: &'static str,
    pub quiz_check: &'static str,
    pub quiz_skip: &'static str,
    pub quiz_continue: &'static str,
    pub quiz_right: &'static str,
    pub quiz_wrong: &'static str,
    pub quiz_score: &'static str,
    pub quiz_answer: &'static str,
    pub quiz_lost: &'static str,
    pub quiz_yours: &'static str,
    pub quiz_need_number: &'static str,
    pub quiz_need_state: &'static str,
    pub quiz_summary: &'static str,
    pub quiz_review: &'static str,
    pub quiz_skipped: &'static str,
    pub flood_queue: &'static str,
    pub flood_counts: &'static str,
    pub flood_full: &'static str,
    pub backlog: &'static str,
    pub syncookies: &'static str,
    pub keepalive_probes: &'static str,
    pub probes_article: &'static str,
    pub quiz_mark_right: &'static str,
    pub quiz_mark_wrong: &'static str,
    pub header_fields: [&'static str; 11],
    /// Source port, destination port, seq, ack, offset, reserved, window,
    /// checksum, urgent pointer, options, flags.
    pub header_names: [&'static str; 11],
    pub header_grid: &'static str,
    pub bytes: &'static str,
    pub flag_meanings: [&'static str; 8],
}

pub const EN: Strings = Strings {
    title: "TCP connection visualizer",
    subtitle: "Two simulated TCP endpoints (RFC 9293, Linux timers) and the network between them.",
    client: "Client",
    server: "Server",
    play: "Play",
    pause: "Pause",
    step_back: "Step back",
    step_forward: "Next event",
    restart: "Restart",
    speed: "Speed",
    timeline: "Timeline",
    clock: "Simulated time",
    link_c2s: "Client → Server",
    link_s2c: "Server → Client",
    delay: "Delay (ms)",
    jitter: "Jitter (ms)",
    loss: "Loss (%)",
    seed: "Seed",
    reroll: "Reroll",
    timers: "Timers",
    listening: "Server is listening",
    data: "Data on the 3rd segment (bytes)",
    numbers: "Numbers",
    relative: "Relative",
    absolute: "Absolute",
    language: "Language",
    states: "Connection states (RFC 9293)",
    last_transition: "Last transition",
    event_log: "Event log",
    inspector: "Segment header",
    explanation: "What is happening",
    drop: "Drop",
    let_through: "Let through",
    lost: "lost",
    not_seen_arriving: "not seen to arrive",
    capture_loopback: "Captured on loopback: both ends are on this host, so each segment arrives as it leaves. Times and order are the file's.",
    capture_delay_unknown: "; it holds no handshake to tell the one-way delay, so none is drawn.",
    delivered: "delivered",
    in_flight: "in flight",
    retransmission: "retransmission",
    click_hint: "Click a segment to drop it, click again to let it through.",
    keys_hint: "Keys: Space play/pause · ← → step · Home restart · End the end · P presentation",
    present: "Present",
    preset_linux: "Linux (SYN at 0, 1, 2, 3, 4, 5, 7, 11… s)",
    preset_rfc: "RFC 6298 (SYN at 0, 1, 3, 7, 15… s)",
    say_timer_fired: "The {who}'s {timer} expires.",
    say_queue_full: "{what} reaches the {to}, whose SYN queue is full: it is dropped without an answer.",
    say_receives: "{to} receives {what}.",
    say_crashed: "{what} reaches the crashed {to}: nobody answers.",
    say_state: "{who}: {from} → {to} ({rule}).",
    say_sends: "{who} sends {what}: {why}.",
    say_lost: " It is lost on the way.",
    say_connected: "connect() returns 0 on the {who}: the connection is open.",
    say_accepted: "accept() returns on the {who}: the connection is ready.",
    say_failed: "{call}() fails on the {who} with {errno}.",
    say_reads: "The {who}'s application reads {n} bytes.",
    say_more: "…and {n} more like these at the same moment (see the event log).",
    legend_c2s: "client → server",
    legend_s2c: "server → client",
    legend_lost: "lost (✕)",
    legend_rtx: "retransmission",
    legend_unknown: "not seen to arrive (?)",
    page_title: "synack · TCP three-way handshake visualizer",
    embed_title: "synack: TCP connection visualizer",
    dismiss: "Dismiss",
    segments_count: "{n} segments",
    earlier_lines: "⋯ {n} earlier lines",
    later_lines: "⋯ {n} later lines",
    off_script: "You changed the run: from segment #{n} on it is no longer the run this lesson tells. What happens at this moment is described below.",
    frame_downloads: "In a frame, the host page may block downloads: if no file arrives,",
    open_in_tab: "open synack in its own tab.",
    present_exit: "Exit presentation",
    diagram: "Sequence diagram",
    share: "Share and export",
    copy_link: "Copy link",
    copy_embed: "Copy embed code",
    copied: "Copied to the clipboard.",
    copy_by_hand: "The clipboard is not available here: select the text and copy it.",
    capture_at: "Capture at",
    capture_wire: "the wire (segments that got across)",
    capture_client: "the client's NIC",
    capture_server: "the server's NIC",
    download_pcap: "pcap for Wireshark",
    download_svg: "SVG",
    download_png: "PNG",
    download_json: "JSON trace",
    open_full: "Open synack",
    open_capture: "Open a capture…",
    drop_capture: "or drop a .pcap / .pcapng file on the page",
    capture_file: "Capture",
    stream: "Connection",
    back_to_simulation: "Back to the simulation",
    capture_inferred_client: "Looks captured at the client",
    capture_inferred_server: "Looks captured at the server",
    capture_one_way: "; one-way delay about {d}.",
    capture_truncated: "The file ends inside a packet: what came before it is shown.",
    capture_error: "Could not open",
    reading: "Reading…",
    not_a_number: "is not a number",
    out_of_range: "must be from {min} to {max}",
    kept_last: "showing the last valid run",
    select_segment: "Select a segment (in the diagram or the log) to see its header.",
    reason: "Why",
    field: "Field",
    value: "Value",
    meaning: "Meaning",
    left: "left",
    start: "Press Play or → to start.",
    lesson_unavailable: "The lesson’s text did not load ({why}); the run itself is all here.",
    nothing_yet: "Nothing has happened yet.",
    app: "Application",
    blocking: "blocking",
    settings: "Endpoints",
    network: "Network",
    scenario: "Scenario",
    controls: "Controls",
    quiz: "Quiz mode",
    quiz_prompt: "A segment is on its way. Before it arrives: what are its flags, seq and ack, and what state will its receiver be in?",
    quiz_flags: "Flags",
    quiz_next_state: "Receiver's state after it arrives",
    quiz_check: "Check",
    quiz_skip: "Show me",
    quiz_continue: "Continue",
    quiz_right: "Right",
    quiz_wrong: "Not quite",
    quiz_score: "Score",
    quiz_answer: "Answer",
    quiz_lost: "It will be lost on the way: the receiver gets nothing.",
    quiz_yours: "Yours",
    quiz_need_number: "{field}: type a whole number, such as 0 or 1001.",
    quiz_need_state: "Choose the state the receiver will be in.",
    quiz_summary: "Quiz over",
    quiz_review: "Review",
    quiz_skipped: "shown",
    flood_queue: "Server's SYN queue (half-open connections)",
    flood_counts: "spoofed SYNs: {arrived} arrived · {queued} queued · {dropped} dropped · {cookies} answered with cookies",
    flood_full: "full",
    backlog: "SYN backlog (listen queue)",
    syncookies: "SYN cookies when the queue is full",
    keepalive_probes: "Keepalive probes",
    probes_article: "10 (the article, Windows)",
    quiz_mark_right: "✓ right",
    quiz_mark_wrong: "✗ wrong",
    header_names: [
        "Source port",
        "Destination port",
        "Sequence number",
        "Acknowledgment number",
        "Offset",
        "Rsvd",
        "Window",
        "Checksum",
        "Urgent pointer",
        "Options",
        "Flags",
    ],
    header_grid: "TCP header, 32 bits per row",
    bytes: "bytes",
    header_fields: [
        "Source port: the sender's port",
        "Destination port: the receiver's port",
        "Sequence number: the number of the first byte here (a SYN takes one number itself)",
        "Acknowledgment number: the next byte expected from the peer",
        "Data offset: header length in 32-bit words",
        "Reserved: always zero",
        "Window: bytes the sender can receive (never scaled on a SYN)",
        "Checksum: over a pseudo-header, the header and the data",
        "Urgent pointer: unused unless URG is set",
        "Options: MSS, SACK permitted, timestamps, window scale",
        "Flags: the control bits",
    ],
    flag_meanings: [
        "CWR: congestion window reduced (ECN)",
        "ECE: ECN echo",
        "URG: the urgent pointer is valid",
        "ACK: the acknowledgment number is valid",
        "PSH: push the data to the application",
        "RST: reset the connection",
        "SYN: synchronize sequence numbers (opens a connection)",
        "FIN: no more data from the sender",
    ],
};

pub const ZH: Strings = Strings {
    title: "TCP 连接可视化",
    subtitle: "两个模拟的 TCP 端点（RFC 9293，Linux 计时器）以及它们之间的网络。",
    client: "客户端",
    server: "服务器",
    play: "播放",
    pause: "暂停",
    step_back: "上一步",
    step_forward: "下一个事件",
    restart: "重新开始",
    speed: "速度",
    timeline: "时间轴",
    clock: "模拟时间",
    link_c2s: "客户端 → 服务器",
    link_s2c: "服务器 → 客户端",
    delay: "时延 (ms)",
    jitter: "抖动 (ms)",
    loss: "丢包率 (%)",
    seed: "随机种子",
    reroll: "换一个",
    timers: "计时器",
    listening: "服务器正在监听",
    data: "第三个报文段携带的数据（字节）",
    numbers: "序号显示",
    relative: "相对",
    absolute: "绝对",
    language: "语言",
    states: "连接状态（RFC 9293）",
    last_transition: "上一次状态转换",
    event_log: "事件日志",
    inspector: "报文段首部",
    explanation: "发生了什么",
    drop: "丢弃",
    let_through: "放行",
    lost: "丢失",
    not_seen_arriving: "未见到达",
    capture_loopback: "在回环接口上抓取：两端在同一台主机上，每个报文段发出即到达。时间和顺序均取自文件。",
    capture_delay_unknown: "；抓包中没有可用来推断单程时延的握手，因此不画时延。",
    delivered: "送达",
    in_flight: "传输中",
    retransmission: "重传",
    click_hint: "点击报文段即可丢弃它，再点一次放行。",
    keys_hint: "按键：空格 播放/暂停 · ← → 单步 · Home 重新开始 · End 跳到结尾 · P 演示模式",
    present: "演示模式",
    preset_linux: "Linux（SYN 于 0、1、2、3、4、5、7、11… 秒）",
    preset_rfc: "RFC 6298（SYN 于 0、1、3、7、15… 秒）",
    say_timer_fired: "{who}的{timer}到期了。",
    say_queue_full: "{what} 到达{to}，但它的 SYN 队列已满：被丢弃，没有任何回应。",
    say_receives: "{to}收到 {what}。",
    say_crashed: "{what} 到达已崩溃的{to}：没有任何回应。",
    say_state: "{who}：{from} → {to}（{rule}）。",
    say_sends: "{who}发送 {what}：{why}。",
    say_lost: "它在途中丢失了。",
    say_connected: "{who}的 connect() 返回 0：连接已建立。",
    say_accepted: "{who}的 accept() 返回：连接就绪。",
    say_failed: "{who}的 {call}() 失败：{errno}。",
    say_reads: "{who}的应用读到 {n} 字节。",
    say_more: "……同一时刻还有 {n} 个同类事件（见事件日志）。",
    legend_c2s: "客户端 → 服务器",
    legend_s2c: "服务器 → 客户端",
    legend_lost: "丢失（✕）",
    legend_rtx: "重传",
    legend_unknown: "未见到达（?）",
    page_title: "synack · TCP 三次握手可视化",
    embed_title: "synack：TCP 连接可视化",
    dismiss: "关闭",
    segments_count: "{n} 个报文段",
    earlier_lines: "⋯ 前面还有 {n} 行",
    later_lines: "⋯ 后面还有 {n} 行",
    off_script: "你改动了这次运行：从第 {n} 个报文段起，它已不是本课讲述的那一次。此刻实际发生的事见下方说明。",
    frame_downloads: "在框架中，宿主页面可能禁止下载：如果没有收到文件，",
    open_in_tab: "请在新标签页中打开 synack。",
    present_exit: "退出演示",
    diagram: "时序图",
    share: "分享与导出",
    copy_link: "复制链接",
    copy_embed: "复制嵌入代码",
    copied: "已复制到剪贴板。",
    copy_by_hand: "此处无法使用剪贴板：请选中文字后手动复制。",
    capture_at: "抓包位置",
    capture_wire: "线路上（送达的报文段）",
    capture_client: "客户端网卡",
    capture_server: "服务器网卡",
    download_pcap: "pcap（Wireshark）",
    download_svg: "SVG",
    download_png: "PNG",
    download_json: "JSON 轨迹",
    open_full: "打开 synack",
    open_capture: "打开抓包文件…",
    drop_capture: "或把 .pcap / .pcapng 文件拖到页面上",
    capture_file: "抓包文件",
    stream: "连接",
    back_to_simulation: "回到模拟",
    capture_inferred_client: "看起来是在客户端抓的包",
    capture_inferred_server: "看起来是在服务器端抓的包",
    capture_one_way: "；单程时延约 {d}。",
    capture_truncated: "文件在某个数据包中间结束：只显示之前的内容。",
    capture_error: "无法打开",
    reading: "读取中…",
    not_a_number: "不是数字",
    out_of_range: "必须在 {min} 到 {max} 之间",
    kept_last: "仍显示上一次有效的运行",
    select_segment: "在图中或日志里选择一个报文段，查看它的首部。",
    reason: "原因",
    field: "字段",
    value: "值",
    meaning: "含义",
    left: "剩余",
    start: "按“播放”或 → 开始。",
    lesson_unavailable: "本课的说明没有载入（{why}）；模拟本身不受影响。",
    nothing_yet: "还没有发生任何事。",
    app: "应用程序",
    blocking: "阻塞中",
    settings: "端点",
    network: "网络",
    scenario: "场景",
    controls: "控制",
    quiz: "测验模式",
    quiz_prompt:
        "一个报文段正在路上。在它到达之前：它的标志位、seq 和 ack 是什么？接收方会进入什么状态？",
    quiz_flags: "标志位",
    quiz_next_state: "到达后接收方的状态",
    quiz_check: "检查",
    quiz_skip: "直接看答案",
    quiz_continue: "继续",
    quiz_right: "正确",
    quiz_wrong: "不太对",
    quiz_score: "得分",
    quiz_answer: "答案",
    quiz_lost: "它会在途中丢失，接收方什么也收不到。",
    quiz_yours: "你的答案",
    quiz_need_number: "{field}：请填一个整数，例如 0 或 1001。",
    quiz_need_state: "请选择接收方将处于的状态。",
    quiz_summary: "测验结束",
    quiz_review: "回看",
    quiz_skipped: "已查看答案",
    flood_queue: "服务器的 SYN 队列（半开连接）",
    flood_counts:
        "伪造的 SYN：到达 {arrived} · 入队 {queued} · 丢弃 {dropped} · 以 cookie 回复 {cookies}",
    flood_full: "已满",
    backlog: "SYN 队列长度（backlog）",
    syncookies: "队列满时使用 SYN cookie",
    keepalive_probes: "保活探测次数",
    probes_article: "10（文章、Windows）",
    quiz_mark_right: "✓ 正确",
    quiz_mark_wrong: "✗ 不对",
    header_names: [
        "源端口",
        "目的端口",
        "序号",
        "确认号",
        "偏移",
        "保留",
        "窗口",
        "校验和",
        "紧急指针",
        "选项",
        "标志",
    ],
    header_grid: "TCP 首部，每行 32 位",
    bytes: "字节",
    header_fields: [
        "源端口：发送方的端口",
        "目的端口：接收方的端口",
        "序号：本报文段第一个字节的编号（SYN 本身占用一个序号）",
        "确认号：期望收到对方的下一个字节的序号",
        "数据偏移：首部长度，以 32 位字为单位",
        "保留：总是 0",
        "窗口：发送方还能接收多少字节（SYN 中从不缩放）",
        "校验和：覆盖伪首部、首部和数据",
        "紧急指针：只有 URG 置位时才有意义",
        "选项：MSS、允许 SACK、时间戳、窗口缩放",
        "标志位：控制位",
    ],
    flag_meanings: [
        "CWR：拥塞窗口已减小（ECN）",
        "ECE：ECN 回显",
        "URG：紧急指针有效",
        "ACK：确认号有效",
        "PSH：尽快把数据交给应用程序",
        "RST：重置连接",
        "SYN：同步序号（建立连接）",
        "FIN：发送方没有更多数据了",
    ],
};

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

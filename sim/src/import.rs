//! Real captures in: a .pcap or .pcapng file becomes a trace the diagram can
//! play, with the capture's own timing. Sans-IO like the rest of the core:
//! bytes in, a result out; every malformed input is an error value, never a
//! panic (`scripts/fuzz.sh` fuzzes `read`).
//!
//! A capture is taken at one point, so some of what the diagram shows is
//! inferred, as Wireshark infers it: which side is the client (the sender of
//! the first SYN), the one-way delay (half the round trip seen in the
//! handshake, placed on the far side of the capture point), the states (from
//! the flags each side sent and received) and retransmissions (a SYN, FIN or
//! data sent again with the same sequence number).

use crate::segment::{Flags, SackBlock, SackList, SynOptions, Timestamps};
use crate::side::Side;
use crate::state::State;
use crate::timer::TimerKind;
use crate::trace::{EndpointOutcome, Outcome, SegmentRecord, StateChange, Trace};
use crate::why::{Rule, Why};
use crate::Duration;
use byteorder_slice::{BigEndian, ByteOrder, LittleEndian};
use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, TcpOptionElement, TransportSlice};
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::blocks::section_header::SectionHeaderBlock;
use pcap_file::pcapng::blocks::simple_packet::SimplePacketBlock;
use pcap_file::pcapng::blocks::{
    ENHANCED_PACKET_BLOCK, INTERFACE_DESCRIPTION_BLOCK, SECTION_HEADER_BLOCK, SIMPLE_PACKET_BLOCK,
};
use pcap_file::pcapng::{PcapNgBlock, RawBlock};
use pcap_file::{DataLink, Endianness, PcapError};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

pub mod transfer;

/// Larger files are refused before reading: the page would hold them twice
/// in memory. `tshark -r big.pcap -w one.pcap tcp.stream eq N` cuts one out.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Packets kept per stream: a diagram of more is unreadable anyway.
pub const MAX_SEGMENTS: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Neither pcap nor pcapng: the first bytes are not a known magic number.
    NotACapture,
    /// The file's structure is broken before any packet could be read.
    Malformed(String),
    UnsupportedLinkType(u32),
    /// Packets, but none of them TCP over IPv4 or IPv6.
    NoTcp {
        packets: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => f.write_str("the file is empty"),
            ImportError::TooLarge { bytes } => write!(
                f,
                "the file is {} MB; synack opens captures up to {} MB. Cut out one connection first, e.g. \
                 tshark -r big.pcap -w one.pcap \"tcp.stream eq 0\"",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ImportError::NotACapture => f.write_str("this is not a pcap or pcapng capture file"),
            ImportError::Malformed(why) => write!(f, "the capture file is damaged: {why}"),
            ImportError::UnsupportedLinkType(n) => write!(
                f,
                "the capture's link type {n} is not supported (Ethernet, raw IP, Linux cooked and loopback are)"
            ),
            ImportError::NoTcp { packets } => {
                write!(f, "the file holds {packets} packets but no TCP segments")
            }
        }
    }
}

/// One TCP segment as captured.
///
/// `transfer` is how a capture crosses from the capture reader's wasm
/// module to the page's (crate `synack-capture`).
#[derive(Debug, Clone, PartialEq)]
pub struct Packet {
    pub time_us: u64,
    pub src: (IpAddr, u16),
    pub dst: (IpAddr, u16),
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub window: u16,
    pub len: u32,
    pub options: Option<SynOptions>,
    pub timestamps: Option<Timestamps>,
    /// The TCP header as captured (options and checksum included), for the inspector.
    pub header: Vec<u8>,
}

/// A TCP header's options (the bytes after its 20 fixed ones) as (kind,
/// body), up to End of List. A NOP has no body; an option whose length is
/// missing or runs past the end is given with what there is, and ends the walk.
pub fn tcp_options(options: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut rest = options;
    std::iter::from_fn(move || {
        let (&kind, tail) = rest.split_first()?;
        match (kind, tail.first()) {
            (0, _) => None,
            (1, _) => {
                rest = tail;
                Some((1, &[][..]))
            }
            (_, Some(&len)) if len >= 2 => {
                let end = usize::from(len).min(rest.len());
                let body = &rest[2..end];
                rest = &rest[end..];
                Some((kind, body))
            }
            _ => {
                rest = &[];
                Some((kind, &[][..]))
            }
        }
    })
}

/// The SACK blocks in a captured TCP header's options (read when a trace
/// is made, not kept per packet: a file may hold a million packets). A few
/// lines, not etherparse's option iterator, which the page would carry.
fn sack_blocks(header: &[u8]) -> SackList {
    let word = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    tcp_options(header.get(20..).unwrap_or_default())
        .filter(|&(kind, _)| kind == 5)
        .flat_map(|(_, body)| body.chunks_exact(8))
        .map(|b| SackBlock {
            left: word(&b[..4]),
            right: word(&b[4..]),
        })
        .collect()
}

/// A TCP connection in the file (both directions of one address and port pair).
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The side that sent the first SYN (else the first packet).
    pub client: (IpAddr, u16),
    pub server: (IpAddr, u16),
    pub packets: Vec<Packet>,
    /// Packets beyond `MAX_SEGMENTS`, not kept.
    pub dropped: usize,
}

impl Stream {
    /// The packet a traced segment came from: the n-th of its direction
    /// (the trace keeps each direction in capture order).
    pub fn packet_of(&self, seg: &SegmentRecord) -> Option<&Packet> {
        let client = seg.from == Side::Client;
        self.packets
            .iter()
            .filter(|p| (p.src == self.client) == client)
            .nth(seg.nth.checked_sub(1)? as usize)
    }

    /// `192.0.2.1:50000 → 198.51.100.1:80`, as a picker shows it.
    pub fn name(&self) -> String {
        format!("{} → {}", address(self.client), address(self.server))
    }
}

/// `192.0.2.1:80`, `[2001:db8::1]:80`. Written here rather than by the
/// standard library's `Display`, which brings 2 KB of formatting (for
/// IPv4-mapped forms and padding) into the page for one picker; an
/// IPv4-mapped address is written in hex groups (`::ffff:c000:201`).
fn address((ip, port): (IpAddr, u16)) -> String {
    let v6 = match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            return format!("{a}.{b}.{c}.{d}:{port}");
        }
        IpAddr::V6(v6) => v6.segments(),
    };
    // RFC 5952: the longest run of two or more zero groups (the first of
    // equals) becomes `::`; hex in lower case without leading zeros.
    let (mut best, mut run) = ((0, 0), (0, 0));
    for (i, &g) in v6.iter().enumerate() {
        run = if g == 0 {
            (run.0, run.1 + 1)
        } else {
            (i + 1, 0)
        };
        if run.1 > best.1 {
            best = run;
        }
    }
    let hex = |groups: &[u16]| {
        groups
            .iter()
            .map(|g| format!("{g:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    let text = if best.1 >= 2 {
        let (start, len) = best;
        format!("{}::{}", hex(&v6[..start]), hex(&v6[start + len..]))
    } else {
        hex(&v6)
    };
    format!("[{text}]:{port}")
}

/// What a file held: its TCP streams, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capture {
    pub streams: Vec<Stream>,
    /// All packets read, TCP or not.
    pub packets: usize,
    /// The file ended inside a packet or block: what came before is kept.
    pub truncated: bool,
}

/// Read a pcap or pcapng file.
pub fn read(bytes: &[u8]) -> Result<Capture, ImportError> {
    read_with_progress(bytes, &mut |_| {})
}

/// Read a pcap or pcapng file, telling `progress` now and then how far it
/// is (the share of the file read, 0 to 1), for a page that shows it.
pub fn read_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(f64),
) -> Result<Capture, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let mut c = Collector {
        cap: Capture::default(),
        index: HashMap::new(),
        syn: Vec::new(),
        progress,
        total: bytes.len(),
    };
    let magic = bytes.get(..4).ok_or(ImportError::NotACapture)?;
    match magic {
        [0xd4, 0xc3, 0xb2, 0xa1]
        | [0xa1, 0xb2, 0xc3, 0xd4]
        | [0x4d, 0x3c, 0xb2, 0xa1]
        | [0xa1, 0xb2, 0x3c, 0x4d] => read_pcap(bytes, &mut c)?,
        [0x0a, 0x0d, 0x0d, 0x0a] => read_pcapng(bytes, &mut c)?,
        _ => return Err(ImportError::NotACapture),
    }
    let cap = c.cap;
    if cap.streams.is_empty() {
        if cap.packets == 0 && cap.truncated {
            return Err(ImportError::Malformed(
                "it ends before its first packet".into(),
            ));
        }
        return Err(ImportError::NoTcp {
            packets: cap.packets,
        });
    }
    Ok(cap)
}

/// Classic pcap, read here rather than by pcap-file: its reader refuses a
/// packet whose original length exceeds the snap length, which is every
/// packet tcpdump -s cut short, and stops the file there.
fn read_pcap(bytes: &[u8], cap: &mut Collector<'_>) -> Result<(), ImportError> {
    let header = bytes
        .get(..24)
        .ok_or_else(|| ImportError::Malformed("its header is cut short".into()))?;
    // The magic number in the file's byte order: microseconds or nanoseconds.
    let (big, nanos) = match header[..4] {
        [0xd4, 0xc3, 0xb2, 0xa1] => (false, false),
        [0x4d, 0x3c, 0xb2, 0xa1] => (false, true),
        [0xa1, 0xb2, 0xc3, 0xd4] => (true, false),
        _ => (true, true),
    };
    let u32_at = |b: &[u8], i: usize| {
        let w = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        if big {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    };
    let link = DataLink::from(u32_at(header, 20));
    check_link(link)?;
    let mut rest = &bytes[24..];
    while !rest.is_empty() {
        let Some(h) = rest.get(..16) else {
            cap.cap.truncated = true;
            break;
        };
        let (secs, frac, incl) = (u32_at(h, 0), u32_at(h, 4), u32_at(h, 8) as usize);
        let Some(data) = rest.get(16..).and_then(|r| r.get(..incl)) else {
            cap.cap.truncated = true;
            break;
        };
        cap.read_one(rest.len() - 16 - incl);
        let frac_us = if nanos { frac / 1000 } else { frac };
        let t = u64::from(secs) * 1_000_000 + u64::from(frac_us);
        add(cap, link, t, data);
        rest = &rest[16 + incl..];
    }
    Ok(())
}

/// pcapng, read block by block with pcap-file's parsers for the four block
/// types that matter here. (Its `PcapNgReader` parses every block type, in
/// both byte orders: 20 KB of the wasm bundle that this page never uses.)
fn read_pcapng(bytes: &[u8], cap: &mut Collector<'_>) -> Result<(), ImportError> {
    let mut section: Option<Section> = None;
    let mut rest = bytes;
    while !rest.is_empty() {
        // Until the first section header says otherwise; a section header
        // reads the same in both byte orders.
        let step = match section.as_ref().map(|s| s.endianness) {
            Some(Endianness::Little) => next_block::<LittleEndian>(rest, &mut section),
            _ => next_block::<BigEndian>(rest, &mut section),
        };
        match step {
            Ok((next, packet)) => {
                rest = next;
                let Some((iface, raw_ts, data)) = packet else {
                    continue;
                };
                cap.read_one(rest.len());
                let interfaces = section.as_ref().map_or(&[][..], |s| &s.interfaces[..]);
                if let Some(&(link, resol)) = interfaces.get(iface as usize) {
                    if check_link(link).is_ok() {
                        add(cap, link, ts_to_us(raw_ts, resol), data);
                    }
                }
            }
            Err(e) if section.is_none() => return Err(ImportError::Malformed(e.to_string())),
            Err(_) => {
                cap.cap.truncated = true;
                break;
            }
        }
    }
    Ok(())
}

/// The current pcapng section: its byte order and its interfaces (link type, if_tsresol).
struct Section {
    endianness: Endianness,
    interfaces: Vec<(DataLink, u8)>,
}

/// A packet in a pcapng block: interface, raw timestamp, frame.
type NgPacket<'a> = (u32, u128, &'a [u8]);

/// Read one block: a section header starts a new section, an interface
/// joins the current one, a packet is returned, anything else is skipped.
fn next_block<'a, B: ByteOrder>(
    src: &'a [u8],
    section: &mut Option<Section>,
) -> Result<(&'a [u8], Option<NgPacket<'a>>), PcapError> {
    let (rest, raw) = RawBlock::from_slice::<B>(src)?;
    let Cow::Borrowed(body) = raw.body else {
        return Ok((rest, None));
    };
    let Some(current) = section.as_mut() else {
        if raw.type_ != SECTION_HEADER_BLOCK {
            return Err(PcapError::InvalidField(
                "it does not start with a pcapng section header",
            ));
        }
        let (_, shb) = SectionHeaderBlock::from_slice::<B>(body)?;
        *section = Some(Section {
            endianness: shb.endianness,
            interfaces: Vec::new(),
        });
        return Ok((rest, None));
    };
    let packet = match raw.type_ {
        SECTION_HEADER_BLOCK => {
            let (_, shb) = SectionHeaderBlock::from_slice::<B>(body)?;
            *current = Section {
                endianness: shb.endianness,
                interfaces: Vec::new(),
            };
            None
        }
        INTERFACE_DESCRIPTION_BLOCK => {
            let (_, idb) = InterfaceDescriptionBlock::from_slice::<B>(body)?;
            // pcap-file hands a packet's raw timestamp over as nanoseconds;
            // it is in units of the interface's if_tsresol (default: microseconds).
            let resol = idb
                .options
                .iter()
                .find_map(|o| match o {
                    InterfaceDescriptionOption::IfTsResol(r) => Some(*r),
                    _ => None,
                })
                .unwrap_or(6);
            current.interfaces.push((idb.linktype, resol));
            None
        }
        ENHANCED_PACKET_BLOCK => {
            // The captured length must fit in the block. Checked here in 64
            // bits: pcap-file's own check adds padding to it in `usize`,
            // which wraps on 32-bit targets (the page) for lengths near
            // 2^32 and then slices out of bounds.
            let captured = body
                .get(12..16)
                .map_or(u64::MAX, |b| u64::from(B::read_u32(b)));
            if captured.saturating_add(20) > body.len() as u64 {
                return Err(PcapError::InvalidField("a packet is longer than its block"));
            }
            let (_, p) = EnhancedPacketBlock::from_slice::<B>(body)?;
            match p.data {
                Cow::Borrowed(data) => Some((p.interface_id, p.timestamp.as_nanos(), data)),
                Cow::Owned(_) => None,
            }
        }
        SIMPLE_PACKET_BLOCK => {
            let (_, p) = SimplePacketBlock::from_slice::<B>(body)?;
            match p.data {
                Cow::Borrowed(data) => Some((0, 0, data)),
                Cow::Owned(_) => None,
            }
        }
        _ => None,
    };
    Ok((rest, packet))
}

/// A pcapng timestamp in units of if_tsresol (10^-r s, or 2^-r s with the
/// high bit set) as microseconds.
fn ts_to_us(raw: u128, resol: u8) -> u64 {
    let us = if resol & 0x80 == 0 {
        let exp = i32::from(resol) - 6;
        if exp >= 0 {
            raw / 10u128.saturating_pow(exp.unsigned_abs())
        } else {
            raw.saturating_mul(10u128.saturating_pow(exp.unsigned_abs()))
        }
    } else {
        raw.saturating_mul(1_000_000) >> u32::from(resol & 0x7f)
    };
    u64::try_from(us).unwrap_or(u64::MAX)
}

fn check_link(link: DataLink) -> Result<(), ImportError> {
    match link {
        DataLink::ETHERNET
        | DataLink::RAW
        | DataLink::IPV4
        | DataLink::IPV6
        | DataLink::LINUX_SLL
        | DataLink::NULL
        | DataLink::LOOP => Ok(()),
        other => Err(ImportError::UnsupportedLinkType(u32::from(other))),
    }
}

/// Parse one frame and file it under its stream if it is TCP. Laxly: a
/// frame cut short by the capture's snap length (tcpdump -s) still has its
/// TCP header, which is all a diagram needs.
/// One end of a connection: its address and port.
type End = (IpAddr, u16);

/// The streams as a file is read: each packet joins its connection's
/// stream, found by its address pair at once (a search through the streams
/// made a capture of 100,000 connections take minutes).
struct Collector<'a> {
    cap: Capture,
    /// Each connection's stream, by its two ends in a fixed order.
    index: HashMap<(End, End), usize>,
    /// Whether each stream has had a SYN.
    syn: Vec<bool>,
    progress: &'a mut dyn FnMut(f64),
    /// The file's length, for `progress`.
    total: usize,
}

impl Collector<'_> {
    /// A packet is read and `left` bytes of the file remain: now and then,
    /// say how far the reading is.
    fn read_one(&mut self, left: usize) {
        self.cap.packets += 1;
        if self.cap.packets % 16_384 == 0 {
            (self.progress)(1.0 - left as f64 / self.total.max(1) as f64);
        }
    }
}

fn add(c: &mut Collector<'_>, link: DataLink, time_us: u64, data: &[u8]) {
    let sliced = match link {
        DataLink::ETHERNET => LaxSlicedPacket::from_ethernet(data).ok(),
        // Linux cooked capture: 16 bytes, the protocol's EtherType last.
        DataLink::LINUX_SLL => data.get(16..).zip(data.get(14..16)).map(|(d, t)| {
            LaxSlicedPacket::from_ether_type(EtherType(u16::from_be_bytes([t[0], t[1]])), d)
        }),
        // BSD loopback: a 4-byte address family, then the IP packet.
        DataLink::NULL | DataLink::LOOP => {
            data.get(4..).and_then(|d| LaxSlicedPacket::from_ip(d).ok())
        }
        _ => LaxSlicedPacket::from_ip(data).ok(),
    };
    let Some(p) = sliced else { return };
    let (src, dst) = match &p.net {
        Some(LaxNetSlice::Ipv4(ip)) => (
            IpAddr::V4(ip.header().source_addr()),
            IpAddr::V4(ip.header().destination_addr()),
        ),
        Some(LaxNetSlice::Ipv6(ip)) => (
            IpAddr::V6(ip.header().source_addr()),
            IpAddr::V6(ip.header().destination_addr()),
        ),
        _ => return,
    };
    let Some(TransportSlice::Tcp(tcp)) = &p.transport else {
        return;
    };
    let mut flags = Flags::empty();
    for (on, f) in [
        (tcp.fin(), Flags::FIN),
        (tcp.syn(), Flags::SYN),
        (tcp.rst(), Flags::RST),
        (tcp.psh(), Flags::PSH),
        (tcp.ack(), Flags::ACK),
        (tcp.urg(), Flags::URG),
        (tcp.ece(), Flags::ECE),
        (tcp.cwr(), Flags::CWR),
    ] {
        if on {
            flags |= f;
        }
    }
    let mut syn = SynOptions {
        mss: 536,
        sack_permitted: false,
        window_scale: 0,
        fast_open: false,
    };
    let mut timestamps = None;
    // A SYN with no options at all is shown with none, not with the MSS
    // TCP would assume (536).
    let has_options = !tcp.options().is_empty();
    for o in tcp.options_iterator() {
        match o {
            Ok(TcpOptionElement::MaximumSegmentSize(m)) => syn.mss = m,
            Ok(TcpOptionElement::SelectiveAcknowledgementPermitted) => syn.sack_permitted = true,
            Ok(TcpOptionElement::WindowScale(w)) => syn.window_scale = w,
            Ok(TcpOptionElement::Timestamp(tsval, tsecr)) => {
                timestamps = Some(Timestamps { tsval, tsecr })
            }
            Ok(_) => {}
            // An unknown option ends what etherparse can walk; Fast Open is one.
            Err(_) => {
                syn.fast_open = tcp.options().windows(2).any(|w| w[0] == 34 && w[1] >= 2);
                break;
            }
        }
    }
    let packet = Packet {
        time_us,
        src: (src, tcp.source_port()),
        dst: (dst, tcp.destination_port()),
        flags,
        seq: tcp.sequence_number(),
        ack: tcp.acknowledgment_number(),
        window: tcp.window_size(),
        // The IP header's length, not the bytes kept: captures are often cut short (snaplen).
        len: tcp_payload_len(&p).unwrap_or(tcp.payload().len() as u32),
        options: (flags.contains(Flags::SYN) && has_options).then_some(syn),
        timestamps,
        header: tcp.header_slice().to_vec(),
    };
    let key = if packet.src <= packet.dst {
        (packet.src, packet.dst)
    } else {
        (packet.dst, packet.src)
    };
    let is_syn = packet.flags.contains(Flags::SYN);
    match c.index.get(&key).copied() {
        Some(i) => {
            let s = &mut c.cap.streams[i];
            // A SYN alone names the client, even if something else came first.
            if packet.flags & (Flags::SYN | Flags::ACK) == Flags::SYN
                && s.client != packet.src
                && !c.syn[i]
            {
                std::mem::swap(&mut s.client, &mut s.server);
            }
            c.syn[i] |= is_syn;
            if s.packets.len() < MAX_SEGMENTS {
                s.packets.push(packet);
            } else {
                s.dropped += 1;
            }
        }
        None => {
            c.index.insert(key, c.cap.streams.len());
            c.syn.push(is_syn);
            c.cap.streams.push(Stream {
                client: packet.src,
                server: packet.dst,
                packets: vec![packet],
                dropped: 0,
            });
        }
    }
}

/// The TCP payload length from the IP header (what was sent, not what was kept).
fn tcp_payload_len(p: &LaxSlicedPacket) -> Option<u32> {
    let Some(TransportSlice::Tcp(tcp)) = &p.transport else {
        return None;
    };
    let ip_payload = match &p.net {
        Some(LaxNetSlice::Ipv4(ip)) => {
            let h = ip.header();
            usize::from(h.total_len()).checked_sub(usize::from(h.ihl()) * 4)?
        }
        Some(LaxNetSlice::Ipv6(ip)) => usize::from(ip.header().payload_length()),
        _ => return None,
    };
    u32::try_from(ip_payload.checked_sub(tcp.header_len())?).ok()
}

/// Where a capture was taken, as far as the file tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vantage {
    /// Both ends on this host (loopback addresses, or one address for
    /// both): each packet is seen as it leaves and arrives in microseconds.
    Loopback,
    /// At one end's interface. What it sends is seen as it leaves; what the
    /// other end sends, as it arrives. The one-way delay is half the round
    /// trip the handshake shows there, if the capture holds one.
    At { side: Side, delay_us: Option<u64> },
}

impl Vantage {
    /// The delay put between a packet's leaving and its arriving.
    pub fn delay_us(self) -> u64 {
        match self {
            Vantage::Loopback => 0,
            Vantage::At { delay_us, .. } => delay_us.unwrap_or(0),
        }
    }
}

/// Which capture it looks like: loopback by its addresses; else the side
/// whose handshake gap is the round trip (at the client, SYN to SYN-ACK is
/// a round trip and SYN-ACK to ACK is short; at the server, the other way
/// round). Without a handshake the delay is unknown, and none is invented.
pub fn vantage(stream: &Stream) -> Vantage {
    let local = |ip: &IpAddr| ip.is_loopback();
    if stream.client.0 == stream.server.0 || (local(&stream.client.0) && local(&stream.server.0)) {
        return Vantage::Loopback;
    }
    let from = |p: &Packet| {
        if p.src == stream.client {
            Side::Client
        } else {
            Side::Server
        }
    };
    let is_syn =
        |p: &&Packet| from(p) == Side::Client && p.flags & (Flags::SYN | Flags::ACK) == Flags::SYN;
    let syn_ack = stream
        .packets
        .iter()
        .find(|p| from(p) == Side::Server && p.flags.contains(Flags::SYN | Flags::ACK));
    // The SYN it answers: the last copy sent before it (earlier ones were lost).
    let syn = syn_ack.and_then(|sa| {
        stream
            .packets
            .iter()
            .rev()
            .filter(is_syn)
            .find(|p| p.time_us <= sa.time_us)
    });
    let ack = syn_ack.and_then(|sa| {
        stream.packets.iter().find(|p| {
            from(p) == Side::Client
                && p.time_us >= sa.time_us
                && p.flags.contains(Flags::ACK)
                && !p.flags.contains(Flags::SYN)
        })
    });
    match (syn, syn_ack, ack) {
        (Some(s), Some(sa), Some(a)) => {
            let (g1, g2) = (sa.time_us - s.time_us, a.time_us - sa.time_us);
            let (side, rtt) = if g1 >= g2 {
                (Side::Client, g1)
            } else {
                (Side::Server, g2)
            };
            Vantage::At {
                side,
                delay_us: Some(rtt / 2),
            }
        }
        _ => Vantage::At {
            side: stream.packets.first().map_or(Side::Client, from),
            delay_us: None,
        },
    }
}

/// Track one side's state from what it sends and receives, in time order.
struct Tracker {
    side: Side,
    state: State,
    fin_sent: Option<u32>,
}

impl Tracker {
    fn to(
        &mut self,
        out: &mut Vec<StateChange>,
        at_us: u64,
        to: State,
        rule: Rule,
        segment: Option<usize>,
    ) {
        if self.state == to {
            return;
        }
        out.push(StateChange {
            at_us,
            endpoint: self.side,
            from: self.state,
            to,
            rule,
            rule_code: rule.code(),
            segment,
        });
        self.state = to;
    }

    fn sent(&mut self, out: &mut Vec<StateChange>, at: u64, s: &SegmentRecord) {
        use State::*;
        if s.flags.contains(Flags::RST) {
            // A RST from a closed port changes nothing (`to` keeps CLOSED).
            return self.to(out, at, Closed, Rule::CloseAbort, None);
        }
        if s.flags.contains(Flags::SYN) && !s.flags.contains(Flags::ACK) && self.state == Closed {
            self.to(out, at, SynSent, Rule::ActiveOpen, None);
        }
        if s.flags.contains(Flags::FIN) && self.fin_sent.is_none() {
            self.fin_sent = Some(s.seq.wrapping_add(s.len).wrapping_add(1));
            match self.state {
                Established | SynReceived => {
                    self.to(out, at, FinWait1, Rule::CloseEstablished, None)
                }
                CloseWait => self.to(out, at, LastAck, Rule::CloseInCloseWait, None),
                _ => {}
            }
        }
    }

    fn received(&mut self, out: &mut Vec<StateChange>, at: u64, s: &SegmentRecord) {
        use State::*;
        let id = Some(s.id);
        if s.flags.contains(Flags::RST) {
            let rule = if self.state == SynSent {
                Rule::RstInSynSent
            } else {
                Rule::RstInSynchronized
            };
            return self.to(out, at, Closed, rule, id);
        }
        let acks_fin = s.flags.contains(Flags::ACK) && self.fin_sent.is_some_and(|f| s.ack == f);
        match self.state {
            Listen if s.flags & (Flags::SYN | Flags::ACK) == Flags::SYN => {
                self.to(out, at, SynReceived, Rule::SynInListen, id)
            }
            SynSent if s.flags.contains(Flags::SYN | Flags::ACK) => {
                self.to(out, at, Established, Rule::SynAckInSynSent, id)
            }
            SynReceived if s.flags.contains(Flags::ACK) && !s.flags.contains(Flags::SYN) => {
                self.to(out, at, Established, Rule::AckInSynReceived, id)
            }
            _ => {}
        }
        let fin = s.flags.contains(Flags::FIN);
        // A FIN that also acknowledges ours: the acknowledgment is taken
        // first (RFC 9293 §3.10.7.4, as Linux does), then the FIN.
        if self.state == FinWait1 && fin && acks_fin {
            self.to(out, at, FinWait2, Rule::FinAckedInFinWait1, id);
        }
        match self.state {
            Established if fin => self.to(out, at, CloseWait, Rule::FinReceived, id),
            FinWait1 if fin => self.to(out, at, Closing, Rule::FinInFinWait1, id),
            FinWait1 if acks_fin => self.to(out, at, FinWait2, Rule::FinAckedInFinWait1, id),
            FinWait2 if fin => self.to(out, at, TimeWait, Rule::FinInFinWait2, id),
            Closing if acks_fin => self.to(out, at, TimeWait, Rule::AckInClosing, id),
            LastAck if acks_fin => self.to(out, at, Closed, Rule::AckInLastAck, id),
            _ => {}
        }
    }
}

/// Why a captured segment was sent, as far as its flags and history tell.
fn reason(s: &SegmentRecord, earlier: &[SegmentRecord], rto: Option<Duration>) -> Why {
    if let Some(rto) = rto {
        let timer = if s.flags.contains(Flags::SYN | Flags::ACK) {
            TimerKind::SynAckRetransmit
        } else if s.flags.contains(Flags::SYN) {
            TimerKind::SynRetransmit
        } else {
            TimerKind::Retransmit
        };
        return Why::Retransmit { timer, rto };
    }
    let f = s.flags;
    if f.contains(Flags::RST) {
        Why::Captured
    } else if f.contains(Flags::SYN | Flags::ACK) {
        Why::SynInListen
    } else if f.contains(Flags::SYN) {
        Why::Connect
    } else if f.contains(Flags::FIN) {
        Why::Fin
    } else if !earlier
        .iter()
        .any(|e| e.from == s.from && !e.flags.contains(Flags::SYN))
    {
        // This side's first segment after its SYN (or SYN-ACK).
        if s.from == Side::Client && s.len > 0 {
            Why::CompleteHandshakeWithData
        } else if s.from == Side::Client {
            Why::CompleteHandshake
        } else if s.len > 0 {
            Why::Data
        } else {
            Why::Captured
        }
    } else if s.len > 0 {
        Why::Data
    } else if earlier
        .iter()
        .any(|e| e.from != s.from && e.flags.contains(Flags::FIN))
    {
        Why::AckFin
    } else {
        Why::AckData
    }
}

/// `a` at or after `b` in sequence space.
fn seq_at_or_after(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) >= 0
}

/// For each packet, whether the capture shows it arrived: seen at its
/// receiver's interface, or acknowledged by the receiver before any copy of
/// it was sent again (an acknowledgment that follows a copy is that copy's).
/// Pure ACKs and RSTs ask for no acknowledgment and are taken as arrived.
fn arrived(stream: &Stream, at: Vantage) -> Vec<bool> {
    let ps = &stream.packets;
    let from_client = |p: &Packet| p.src == stream.client;
    ps.iter()
        .enumerate()
        .map(|(i, p)| {
            let occupies = u32::from(p.flags.contains(Flags::SYN))
                + u32::from(p.flags.contains(Flags::FIN))
                + p.len;
            let seen_by_receiver = matches!(at, Vantage::At { side, .. }
                if (side == Side::Client) != from_client(p));
            if occupies == 0 || seen_by_receiver {
                return true;
            }
            let end = p.seq.wrapping_add(occupies);
            for q in &ps[i + 1..] {
                if from_client(q) == from_client(p) {
                    if q.seq == p.seq
                        && q.flags.intersects(Flags::SYN | Flags::FIN)
                            == p.flags.intersects(Flags::SYN | Flags::FIN)
                        && (q.len > 0 || q.flags.intersects(Flags::SYN | Flags::FIN))
                    {
                        return false;
                    }
                } else if q.flags.contains(Flags::ACK) && seq_at_or_after(q.ack, end) {
                    return true;
                }
            }
            false
        })
        .collect()
}

/// One stream as a trace, in the file's order and on the file's clock
/// (from its first packet; each segment keeps its own timestamp for the
/// log). Where the file cannot tell something, nothing is invented: a
/// segment no answer shows arrived is drawn without an end, a delay the
/// capture does not show is none.
pub fn trace(stream: &Stream) -> Trace {
    let at = vantage(stream);
    let delay = at.delay_us();
    let t0 = stream.packets.first().map_or(0, |p| p.time_us);
    let fates = arrived(stream, at);
    let seen_here = |from: Side| match at {
        Vantage::Loopback => true,
        Vantage::At { side, .. } => side == from,
    };
    // A packet from the far end was seen arriving, and left one delay
    // before: the clock starts one delay early if the first one did.
    let lead = stream
        .packets
        .first()
        .filter(|p| {
            !seen_here(if p.src == stream.client {
                Side::Client
            } else {
                Side::Server
            })
        })
        .map_or(0, |_| delay);
    let mut segments: Vec<SegmentRecord> = Vec::new();
    let mut nth = [0u32; 2];
    for (p, &came) in stream.packets.iter().zip(&fates) {
        let from = if p.src == stream.client {
            Side::Client
        } else {
            Side::Server
        };
        // Saturating: a pcapng timestamp can be anything up to u64::MAX µs,
        // and a file's clock can step back.
        let seen = p.time_us.saturating_sub(t0).saturating_add(lead);
        let (sent, arrive) = if seen_here(from) {
            (seen, seen.saturating_add(delay))
        } else {
            (seen.saturating_sub(delay), seen)
        };
        let k = usize::from(from == Side::Server);
        nth[k] += 1;
        let occupies = p.len > 0 || p.flags.intersects(Flags::SYN | Flags::FIN);
        let earlier_copy = occupies
            .then(|| {
                segments.iter().rev().find(|e| {
                    e.from == from
                        && e.seq == p.seq
                        && (e.len > 0 || e.flags.intersects(Flags::SYN | Flags::FIN))
                })
            })
            .flatten();
        let mut seg = SegmentRecord {
            id: segments.len(),
            from,
            flags: p.flags,
            seq: p.seq,
            ack: p.ack,
            rel_seq: 0,
            rel_ack: 0,
            len: p.len,
            window: p.window,
            options: p.options,
            timestamps: p.timestamps,
            sack: sack_blocks(&p.header),
            sent_us: sent,
            arrive_us: came.then_some(arrive),
            lost: false,
            loss: None,
            nth: nth[k],
            retransmission: earlier_copy.is_some(),
            injected: false,
            receiver_down: false,
            discarded: None,
            reason: Why::Captured,
            reason_code: "",
            reply_to: None,
            captured_us: Some(p.time_us),
        };
        seg.reason = reason(
            &seg,
            &segments,
            earlier_copy.map(|e| Duration(sent.saturating_sub(e.sent_us))),
        );
        seg.reason_code = seg.reason.code();
        segments.push(seg);
    }
    // A SYN opens a SYN-RECEIVED only where the capture shows it answered.
    let answered: Vec<bool> = segments
        .iter()
        .map(|s| {
            s.flags & (Flags::SYN | Flags::ACK) == Flags::SYN
                && segments[s.id..].iter().any(|a| {
                    a.from != s.from
                        && a.flags.contains(Flags::SYN | Flags::ACK)
                        && a.ack == s.seq.wrapping_add(1)
                })
        })
        .collect();
    // States, from each side's view of events in time order.
    let mut events: Vec<(u64, bool, usize)> = Vec::new();
    for s in &segments {
        events.push((s.sent_us, true, s.id));
        if let Some(a) = s.arrive_us {
            events.push((a, false, s.id));
        }
    }
    crate::sort::sort_stable_by_key(&mut events, |&(t, sent, _)| crate::sort::pair(t, !sent));
    let mut client = Tracker {
        side: Side::Client,
        state: State::Closed,
        fin_sent: None,
    };
    let mut server = Tracker {
        side: Side::Server,
        state: State::Closed,
        fin_sent: None,
    };
    let mut states = Vec::new();
    let opens = segments.first().is_some_and(|s| {
        s.from == Side::Client && s.flags & (Flags::SYN | Flags::ACK) == Flags::SYN
    });
    if opens {
        // A server that ever answered with SYN-ACK was listening before the
        // capture began; one that answered only with RST was not.
        if segments
            .iter()
            .any(|s| s.from == Side::Server && s.flags.contains(Flags::SYN | Flags::ACK))
        {
            server.to(&mut states, 0, State::Listen, Rule::PassiveOpen, None);
        }
    } else {
        // Mid-connection: both were already open.
        client.state = State::Established;
        server.state = State::Established;
    }
    for (t, sent, id) in events {
        let s = &segments[id];
        let (me, peer) = match s.from {
            Side::Client => (&mut client, &mut server),
            Side::Server => (&mut server, &mut client),
        };
        if sent {
            me.sent(&mut states, t, s);
        } else if s.flags & (Flags::SYN | Flags::ACK) == Flags::SYN && !answered[id] {
            // Received, but the capture shows no answer: its state is unknown.
        } else {
            peer.received(&mut states, t, s);
        }
    }
    let isn = |side: Side| {
        segments
            .iter()
            .find(|s| s.from == side)
            .map(|s| s.seq)
            .unwrap_or(0)
    };
    let end_us = segments
        .iter()
        .filter_map(|s| s.arrive_us)
        .max()
        .unwrap_or(0);
    let mut trace = Trace {
        outcome: Outcome {
            client: EndpointOutcome {
                state: client.state,
                error: None,
                isn: isn(Side::Client),
            },
            server: EndpointOutcome {
                state: server.state,
                error: None,
                isn: isn(Side::Server),
            },
        },
        events_processed: segments.len() as u32,
        segments,
        states,
        timers: Vec::new(),
        calls: Vec::new(),
        flood: None,
        play: None,
        end_us,
        truncated: stream.dropped > 0,
    };
    trace.fill_relative();
    trace
}

/// Serde forms that read back without a parser: flags as their header
/// bits, addresses as octets and a port.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_written_as_the_standard_library_writes_them() {
        for ip in [
            "192.0.2.1",
            "127.0.0.1",
            "2001:db8::1",
            "::1",
            "::",
            "fe80::1:0:0:1",
            "2001:db8:0:1:1:1:1:1",
            "1:0:0:2:0:0:0:3",
            "1::",
            "2001:db8:85a3:8d3:1319:8a2e:370:7348",
            "0:0:1::",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            let std = match ip {
                IpAddr::V4(_) => format!("{ip}:80"),
                IpAddr::V6(_) => format!("[{ip}]:80"),
            };
            assert_eq!(address((ip, 80)), std);
        }
    }
    use crate::pcap::{pcap, Capture as Point};
    use crate::{simulate, Config};

    fn run(json: &str) -> Trace {
        simulate(&serde_json::from_str::<Config>(json).unwrap()).unwrap()
    }

    #[test]
    fn our_own_export_reads_back_as_the_same_connection() {
        let t = run(r#"{"drop":[{"dir":"s2c","nth":1}],"client":{"data":3000,"close_ms":3000}}"#);
        for point in [Point::Client, Point::Server, Point::Wire] {
            let cap = read(&pcap(&t, point)).unwrap();
            assert_eq!(cap.streams.len(), 1);
            let s = &cap.streams[0];
            assert_eq!(s.name(), "192.0.2.1:50000 → 198.51.100.1:80");
            let back = trace(s);
            let seen = crate::pcap::seen(&t, point);
            assert_eq!(back.segments.len(), seen.len(), "{point:?}");
            // The same segments (the order may differ: a capture's is the order seen there).
            let key = |s: &SegmentRecord| {
                (
                    s.from == Side::Server,
                    s.seq,
                    s.ack,
                    s.flags.bits(),
                    s.len,
                    s.window,
                    s.rel_seq,
                    s.rel_ack,
                )
            };
            let mut got: Vec<_> = back.segments.iter().map(key).collect();
            let mut want: Vec<_> = seen.iter().map(|(_, s)| key(s)).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{point:?}");
            // In the file's order, each with the file's own timestamp.
            assert!(back
                .segments
                .windows(2)
                .all(|w| w[0].captured_us <= w[1].captured_us));
            // Each segment leads back to its captured header: the n-th of its direction.
            for b in &back.segments {
                let p = s.packet_of(b).unwrap();
                let same_way = seen.iter().filter(|(_, o)| o.from == b.from);
                let (_, o) = same_way.clone().nth(b.nth as usize - 1).unwrap();
                assert_eq!(p.header, crate::wire::tcp_header(o).to_bytes().to_vec());
            }
            let syn = &back.segments[0];
            assert_eq!(
                syn.options, t.segments[0].options,
                "MSS, SACK-permitted and window scale read back"
            );
            assert_eq!(syn.timestamps, t.segments[0].timestamps);
            // Both ends reach ESTABLISHED, through the RFC's states.
            let path = |side| back.states_of(side).map(|c| c.to).collect::<Vec<_>>();
            assert_eq!(
                &path(Side::Client)[..2],
                [State::SynSent, State::Established],
                "{point:?}"
            );
            assert_eq!(
                &path(Side::Server)[..3],
                [State::Listen, State::SynReceived, State::Established],
                "{point:?}"
            );
            assert!(
                back.states.iter().all(|c| c.from.can_move_to(c.to)),
                "{point:?}: {:?}",
                back.states
            );
        }
        // At the client, the retransmitted SYN is a retransmission after 1 s.
        let back = trace(&read(&pcap(&t, Point::Client)).unwrap().streams[0]);
        let again = back.segments.iter().find(|s| s.retransmission).unwrap();
        assert!(again.flags.contains(Flags::SYN));
        assert_eq!(
            again.reason,
            Why::Retransmit {
                timer: TimerKind::SynRetransmit,
                rto: Duration(1_000_000)
            }
        );
    }

    #[test]
    fn sack_blocks_read_back_from_a_capture() {
        let t = run(
            r#"{"client":{"data":4380},"drop":[{"dir":"c2s","nth":3},{"dir":"s2c","nth":2},{"dir":"s2c","nth":3}]}"#,
        );
        let cap = read(&pcap(&t, Point::Server)).unwrap();
        let back = trace(&cap.streams[0]);
        let blocks = |segs: &[SegmentRecord]| -> Vec<Vec<(u32, u32)>> {
            segs.iter()
                .filter(|s| !s.sack.is_empty())
                .map(|s| {
                    s.sack
                        .as_slice()
                        .iter()
                        .map(|b| (b.left, b.right))
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            blocks(&back.segments).len(),
            2,
            "a SACK and a D-SACK with it"
        );
        assert_eq!(blocks(&back.segments), blocks(&t.segments));
    }

    #[test]
    fn the_capture_point_and_delay_are_inferred_from_the_handshake() {
        let t = run(r#"{"c2s":{"delay_ms":30},"s2c":{"delay_ms":30}}"#);
        let at_client = trace(&read(&pcap(&t, Point::Client)).unwrap().streams[0]);
        assert_eq!(
            vantage(&read(&pcap(&t, Point::Client)).unwrap().streams[0]),
            Vantage::At {
                side: Side::Client,
                delay_us: Some(30_000)
            }
        );
        assert_eq!(
            vantage(&read(&pcap(&t, Point::Server)).unwrap().streams[0]),
            Vantage::At {
                side: Side::Server,
                delay_us: Some(30_000)
            }
        );
        // The diagram gets the simulated timing back.
        let times = |tr: &Trace| {
            tr.segments
                .iter()
                .map(|s| (s.sent_us, s.arrive_us))
                .collect::<Vec<_>>()
        };
        assert_eq!(times(&at_client), times(&t));
    }

    /// A capture as Linux tcpdump writes one on a LAN: Ethernet frames, here with IPv6.
    fn ethernet_ipv6_handshake() -> Vec<u8> {
        use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
        let (c, s) = (
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
        );
        let mut out = Vec::new();
        let header = PcapHeader {
            datalink: DataLink::ETHERNET,
            ..Default::default()
        };
        let mut w = PcapWriter::with_header(&mut out, header).unwrap();
        // (time µs, from the client, seq, ack, SYN, ACK, payload)
        type Frame<'a> = (u64, bool, u32, u32, bool, bool, &'a [u8]);
        let frames: [Frame; 4] = [
            (0, true, 1000, 0, true, false, b""),
            (20_000, false, 5000, 1001, true, true, b""),
            (20_300, true, 1001, 5001, false, true, b""),
            (
                20_400,
                true,
                1001,
                5001,
                false,
                true,
                b"GET / HTTP/1.1\r\n\r\n",
            ),
        ];
        for (t, from_client, seq, ack, syn, has_ack, payload) in frames {
            let (src, dst, sp, dp) = if from_client {
                (c, s, 40000, 443)
            } else {
                (s, c, 443, 40000)
            };
            let mut b =
                etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
                    .ipv6(src, dst, 64)
                    .tcp(sp, dp, seq, 64000);
            if syn {
                b = b
                    .syn()
                    .options(&[TcpOptionElement::MaximumSegmentSize(1440)])
                    .unwrap();
            }
            if has_ack {
                b = b.ack(ack);
            }
            let mut bytes = Vec::new();
            b.write(&mut bytes, payload).unwrap();
            w.write_packet(&PcapPacket::new(
                std::time::Duration::from_micros(t),
                bytes.len() as u32,
                &bytes,
            ))
            .unwrap();
        }
        w.into_writer();
        out
    }

    /// Complete files whose headers understate: a snap length of 0 (no
    /// limit, as pcap's docs allow) and packets whose original length is
    /// less than the bytes kept. Nothing is missing, so nothing is said to be.
    #[test]
    fn understated_lengths_in_complete_files_are_read_whole() {
        let mut f = ethernet_ipv6_handshake();
        f[16..20].copy_from_slice(&0u32.to_le_bytes());
        let mut off = 24;
        while off + 16 <= f.len() {
            let incl = u32::from_le_bytes(f[off + 8..off + 12].try_into().unwrap());
            f[off + 12..off + 16].copy_from_slice(&(incl / 2).to_le_bytes());
            off += 16 + incl as usize;
        }
        let cap = read(&f).unwrap();
        assert!(!cap.truncated, "no 'file ends inside a packet'");
        assert_eq!(cap.streams[0].packets.len(), 4);
    }

    #[test]
    fn ethernet_and_ipv6_captures_read_too() {
        let cap = read(&ethernet_ipv6_handshake()).unwrap();
        assert_eq!(cap.streams.len(), 1);
        assert_eq!(
            cap.streams[0].name(),
            "[2001:db8::1]:40000 → [2001:db8::2]:443"
        );
        let t = trace(&cap.streams[0]);
        assert_eq!(t.segments.len(), 4);
        assert_eq!(t.segments[0].options.map(|o| o.mss), Some(1440));
        // Its log line lists the one option it has, not a Linux SYN's five.
        assert!(
            t.segments[0]
                .tcpdump(true)
                .contains("options [mss 1440], length 0"),
            "{}",
            t.segments[0].tcpdump(true)
        );
        assert_eq!(t.segments[3].len, 18);
        assert_eq!((t.segments[3].rel_seq, t.segments[3].rel_ack), (1, 1));
        assert_eq!(t.segments[3].reason, Why::Data);
        // Captured at the client: SYN to SYN-ACK is the round trip, 20 ms.
        assert_eq!(
            vantage(&cap.streams[0]),
            Vantage::At {
                side: Side::Client,
                delay_us: Some(10_000)
            }
        );
        assert_eq!(t.outcome.server.state, State::Established);
    }

    #[test]
    fn pcapng_timestamps_follow_the_interface_resolution() {
        assert_eq!(ts_to_us(1_500_000, 6), 1_500_000);
        assert_eq!(ts_to_us(1_500_000_000, 9), 1_500_000, "nanoseconds");
        assert_eq!(ts_to_us(15, 1), 1_500_000, "tenths");
        assert_eq!(ts_to_us(3 << 20, 0x80 | 20), 3_000_000, "binary fractions");
        assert_eq!(ts_to_us(u128::MAX, 0), u64::MAX, "no overflow");
    }

    #[test]
    fn far_future_timestamps_do_not_overflow() {
        let mut cap = read(&ethernet_ipv6_handshake()).unwrap();
        cap.streams[0].packets[3].time_us = u64::MAX;
        let t = trace(&cap.streams[0]);
        assert!(t
            .segments
            .iter()
            .all(|s| s.arrive_us.is_none_or(|a| a >= s.sent_us)));
    }

    #[test]
    fn pcapng_sections_in_either_byte_order_read_as_one_capture() {
        use pcap_file::pcap::PcapReader;
        use pcap_file::pcapng::PcapNgWriter;
        let legacy = pcap(&run(r#"{"client":{"data":3000}}"#), Point::Wire);
        let want = read(&legacy).unwrap();
        let mut frames = Vec::new();
        let mut r = PcapReader::new(&legacy[..]).unwrap();
        while let Some(p) = r.next_packet() {
            let p = p.unwrap();
            frames.push((p.timestamp, p.data.into_owned()));
        }
        // Half the packets in a big-endian section in nanoseconds, the rest
        // in a little-endian one in microseconds, as `mergecap` may write them.
        let mut ng = Vec::new();
        let half = frames.len() / 2;
        for (endianness, resol, part) in [
            (Endianness::Big, 9, &frames[..half]),
            (Endianness::Little, 6, &frames[half..]),
        ] {
            let shb = SectionHeaderBlock {
                endianness,
                ..Default::default()
            };
            let mut w = PcapNgWriter::with_section_header(Vec::new(), shb).unwrap();
            w.write_pcapng_block(InterfaceDescriptionBlock {
                linktype: DataLink::RAW,
                // No snap length, and below, original lengths that
                // understate: complete files, read whole all the same.
                snaplen: 0,
                options: vec![InterfaceDescriptionOption::IfTsResol(resol)],
            })
            .unwrap();
            for (t, data) in part {
                // pcap-file writes the duration's nanoseconds as the raw count.
                let raw = if resol == 9 { *t } else { *t / 1000 };
                w.write_pcapng_block(EnhancedPacketBlock {
                    interface_id: 0,
                    timestamp: raw,
                    original_len: data.len() as u32 / 2,
                    data: Cow::Borrowed(data),
                    options: vec![],
                })
                .unwrap();
            }
            ng.extend(w.into_inner());
        }
        assert_eq!(
            &ng[8..12],
            &0x1A2B_3C4Du32.to_be_bytes(),
            "big-endian first"
        );
        let got = read(&ng).unwrap();
        assert!(!got.truncated);
        assert_eq!(got.packets, frames.len());
        assert_eq!(got.streams, want.streams);
    }

    #[test]
    fn a_capture_crosses_between_modules_unchanged() {
        for bytes in [
            pcap(&run(r#"{"client":{"data":3000}}"#), Point::Client),
            ethernet_ipv6_handshake(),
        ] {
            let cap = read(&bytes).unwrap();
            assert_eq!(transfer::decode(&transfer::encode(&cap)), Some(cap));
        }
    }

    /// A pcapng file whose one packet claims `captured` bytes (there are none).
    pub(crate) fn pcapng_claiming(captured: u32) -> Vec<u8> {
        let mut f = Vec::new();
        let u32s = |f: &mut Vec<u8>, words: &[u32]| {
            for w in words {
                f.extend_from_slice(&w.to_le_bytes());
            }
        };
        // Section header (byte order, version 1.0, unknown length), an
        // Ethernet interface, and the enhanced packet block.
        u32s(
            &mut f,
            &[0x0A0D_0D0A, 28, 0x1A2B_3C4D, 1, u32::MAX, u32::MAX, 28],
        );
        u32s(&mut f, &[1, 20, 1, 0, 20]);
        u32s(&mut f, &[6, 32, 0, 0, 0, captured, 0, 32]);
        f
    }

    #[test]
    fn a_packet_longer_than_its_block_is_refused_on_any_target() {
        for captured in [0xFFFF_FFFD, 0xFFFF_FFFF, 1_000, 1] {
            let got = read(&pcapng_claiming(captured));
            assert!(
                got.as_ref().map_or(true, |c| c.truncated && c.packets == 0),
                "{captured:#x}: {got:?}"
            );
        }
    }

    #[test]
    fn reading_says_how_far_it_is() {
        // 40,000 SYNs of as many connections, as a port scan leaves.
        let mut f = Vec::new();
        for w in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, 101] {
            f.extend_from_slice(&w.to_le_bytes());
        }
        for i in 0..40_000u32 {
            let mut p = vec![
                0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            ];
            p.extend_from_slice(&((1024 + i % 60_000) as u16).to_be_bytes());
            p.extend_from_slice(&[0, 80]);
            p.extend_from_slice(&i.to_be_bytes());
            p.extend_from_slice(&[0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0]);
            for w in [i, 0, 40, 40] {
                f.extend_from_slice(&w.to_le_bytes());
            }
            f.extend_from_slice(&p);
        }
        let mut told = Vec::new();
        let cap = read_with_progress(&f, &mut |x| told.push(x)).unwrap();
        assert_eq!(cap.streams.len(), 40_000);
        assert_eq!(told.len(), 2, "every 16,384 packets");
        assert!(told.windows(2).all(|w| w[0] < w[1]) && told.iter().all(|&x| x > 0.0 && x < 1.0));
    }

    #[test]
    fn bad_files_are_errors_that_say_why() {
        assert_eq!(read(&[]), Err(ImportError::Empty));
        assert_eq!(read(b"hello, world"), Err(ImportError::NotACapture));
        let good = pcap(&run("{}"), Point::Wire);
        assert!(matches!(read(&good[..10]), Err(ImportError::Malformed(_))));
        // Cut inside the last packet: the rest is kept, and flagged.
        let cut = read(&good[..good.len() - 5]).unwrap();
        assert!(cut.truncated);
        assert_eq!(cut.streams[0].packets.len(), 2);
        // A capture of something else: UDP only.
        let mut udp = good[..24].to_vec();
        let packet = etherparse::PacketBuilder::ipv4([10, 0, 0, 1], [10, 0, 0, 2], 64).udp(53, 53);
        let mut bytes = Vec::new();
        packet.write(&mut bytes, b"dns?").unwrap();
        udp.extend_from_slice(&0u32.to_le_bytes());
        udp.extend_from_slice(&0u32.to_le_bytes());
        udp.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        udp.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        udp.extend_from_slice(&bytes);
        assert_eq!(read(&udp), Err(ImportError::NoTcp { packets: 1 }));
        assert!(ImportError::TooLarge { bytes: 100 << 20 }
            .to_string()
            .contains("100 MB"));
    }

    // Captures of this machine's Linux kernel on loopback, recorded by
    // scripts/record-captures.sh inside a network namespace.
    fn linux(name: &str) -> Trace {
        let bytes = match name {
            "closed-port" => &include_bytes!("../../tests/fixtures/linux-closed-port.pcap")[..],
            "syn-ack-lost" => &include_bytes!("../../tests/fixtures/linux-syn-ack-lost.pcap")[..],
            _ => &include_bytes!("../../tests/fixtures/linux-handshake-close.pcap")[..],
        };
        let cap = read(bytes).unwrap();
        assert_eq!(cap.streams.len(), 1);
        assert_eq!(vantage(&cap.streams[0]), Vantage::Loopback);
        trace(&cap.streams[0])
    }

    #[test]
    fn a_loopback_capture_keeps_its_order_and_times_and_arrives_at_once() {
        let t = linux("handshake-close");
        assert_eq!(
            t.segments.len(),
            8,
            "a data packet cut by the snap length is kept"
        );
        assert_eq!(t.segments[3].len, 100);
        for s in &t.segments {
            assert_eq!(s.arrive_us, Some(s.sent_us), "loopback: no delay invented");
        }
        assert!(t.segments.windows(2).all(|w| w[0].sent_us <= w[1].sent_us));
        // The log shows the file's own timestamp.
        let first = t.segments[0].captured_us.unwrap();
        assert!(t.segments[0].tcpdump(true).starts_with(&{
            let s = first / 1_000_000;
            format!(
                "{:02}:{:02}:{:02}.{:06} client > server: Flags [S]",
                s / 3600 % 24,
                s / 60 % 60,
                s % 60,
                first % 1_000_000
            )
        }));
        // Linux closes in three segments here: the server's FIN carries the
        // ACK of the client's. The client takes the ACK, then the FIN.
        let flags: Vec<_> = t.segments[5..]
            .iter()
            .map(|s| s.flags.to_string())
            .collect();
        assert_eq!(flags, ["[FIN, ACK]", "[FIN, ACK]", "[ACK]"]);
        let client: Vec<_> = t.states_of(Side::Client).map(|c| c.to).collect();
        assert_eq!(
            client,
            [
                State::SynSent,
                State::Established,
                State::FinWait1,
                State::FinWait2,
                State::TimeWait
            ]
        );
    }

    #[test]
    fn a_closed_port_capture_answers_the_syn_with_rst_after_it() {
        let t = linux("closed-port");
        let flags: Vec<_> = t.segments.iter().map(|s| s.flags.to_string()).collect();
        assert_eq!(
            flags,
            ["[SYN]", "[RST, ACK]"],
            "the RST after the SYN it answers"
        );
        assert!(t.segments[1].sent_us >= t.segments[0].arrive_us.unwrap());
        assert_eq!(t.states_of(Side::Server).count(), 0, "nothing listened");
        let client: Vec<_> = t.states_of(Side::Client).map(|c| c.to).collect();
        assert_eq!(client, [State::SynSent, State::Closed]);
    }

    #[test]
    fn what_a_capture_cannot_show_arrived_is_not_drawn_as_delivered() {
        let t = linux("syn-ack-lost");
        // The first SYN-ACK was dropped at the client's input: captured, never
        // acknowledged before it was sent again.
        let first = &t.segments[1];
        assert!(first.flags.contains(Flags::SYN | Flags::ACK));
        assert_eq!(
            (first.arrive_us, first.lost),
            (None, false),
            "unknown, not lost"
        );
        // The client is ESTABLISHED only when a SYN-ACK reaches it, a second later.
        let est = t
            .states_of(Side::Client)
            .find(|c| c.to == State::Established)
            .unwrap();
        assert!(est.at_us > 1_000_000, "{}", est.at_us);
        // Kernel timers as they ran: the SYN-ACK again at about 1 s.
        assert!(t.segments[2].retransmission && t.segments[2].sent_us > 1_000_000);
    }

    #[test]
    fn a_syn_the_capture_shows_unanswered_opens_no_syn_received() {
        let mut t = run("{}");
        // Keep only the SYN, as a capture of a SYN into a full queue would.
        t.segments.truncate(1);
        let bytes = pcap(&t, Point::Server);
        let cap = read(&bytes).unwrap();
        let back = trace(&cap.streams[0]);
        assert!(back
            .states_of(Side::Server)
            .all(|c| c.to != State::SynReceived));
    }
}

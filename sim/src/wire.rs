//! Segments as bytes on the wire: the IPv4 and TCP headers a real stack would
//! send, with correct checksums (etherparse computes them). The header
//! inspector shows these fields; pcap export writes these bytes.

use crate::segment::Flags;
use crate::side::Side;
use crate::sim::{CLIENT_ADDR, SERVER_ADDR};
use crate::trace::SegmentRecord;
use etherparse::{IpNumber, Ipv4Header, TcpHeader, TcpOptionElement, TcpOptions};

/// RFC 7413 Fast Open option: kind 34, then the cookie (8 bytes here).
const TFO_KIND: u8 = 34;
const TFO_COOKIE: [u8; 8] = *b"synack!!";

/// The payload bytes of a segment: the simulator counts bytes, so fill them with a fixed text.
pub fn payload(len: u32) -> Vec<u8> {
    b"synack "
        .iter()
        .copied()
        .cycle()
        .take(len as usize)
        .collect()
}

fn addrs(from: Side) -> ([u8; 4], u16, [u8; 4], u16) {
    match from {
        Side::Client => (
            CLIENT_ADDR.ip,
            CLIENT_ADDR.port,
            SERVER_ADDR.ip,
            SERVER_ADDR.port,
        ),
        Side::Server => (
            SERVER_ADDR.ip,
            SERVER_ADDR.port,
            CLIENT_ADDR.ip,
            CLIENT_ADDR.port,
        ),
    }
}

/// The TCP header of a traced segment, checksum included.
pub fn tcp_header(seg: &SegmentRecord) -> TcpHeader {
    let (src, sport, dst, dport) = addrs(seg.from);
    let mut h = TcpHeader::new(sport, dport, seg.seq, seg.window);
    h.acknowledgment_number = seg.ack;
    h.fin = seg.flags.contains(Flags::FIN);
    h.syn = seg.flags.contains(Flags::SYN);
    h.rst = seg.flags.contains(Flags::RST);
    h.psh = seg.flags.contains(Flags::PSH);
    h.ack = seg.flags.contains(Flags::ACK);
    h.urg = seg.flags.contains(Flags::URG);
    h.ece = seg.flags.contains(Flags::ECE);
    h.cwr = seg.flags.contains(Flags::CWR);
    let mut opts = Vec::new();
    match (seg.options, seg.timestamps) {
        // Linux's SYN layout: MSS, SACK_PERM, TS, NOP, WS (20 bytes).
        (Some(o), ts) => {
            opts.push(TcpOptionElement::MaximumSegmentSize(o.mss));
            if o.sack_permitted {
                opts.push(TcpOptionElement::SelectiveAcknowledgementPermitted);
            }
            if let Some(ts) = ts {
                opts.push(TcpOptionElement::Timestamp(ts.tsval, ts.tsecr));
            }
            opts.push(TcpOptionElement::Noop);
            opts.push(TcpOptionElement::WindowScale(o.window_scale));
        }
        // After the handshake: NOP, NOP, TS (12 bytes).
        (None, Some(ts)) => {
            opts.push(TcpOptionElement::Noop);
            opts.push(TcpOptionElement::Noop);
            opts.push(TcpOptionElement::Timestamp(ts.tsval, ts.tsecr));
        }
        (None, None) => {}
    }
    // Linux puts SACK blocks after the timestamps, behind two NOPs.
    if let [first, rest @ ..] = seg.sack.as_slice() {
        let mut more = [None; 3];
        for (slot, b) in more.iter_mut().zip(rest) {
            *slot = Some((b.left, b.right));
        }
        opts.push(TcpOptionElement::Noop);
        opts.push(TcpOptionElement::Noop);
        opts.push(TcpOptionElement::SelectiveAcknowledgement(
            (first.left, first.right),
            more,
        ));
    }
    // At most 40 option bytes: a SYN's with Fast Open take 32; an ACK's
    // SACK blocks are as many as fit (three beside timestamps, else four).
    match seg.options {
        Some(o) if o.fast_open => {
            // etherparse has no element for Fast Open: append its bytes, pad with NOPs.
            let mut raw = TcpOptions::try_from_elements(&opts)
                .map(|o| o.as_slice().to_vec())
                .unwrap_or_default();
            raw.extend_from_slice(&[TFO_KIND, 2 + TFO_COOKIE.len() as u8]);
            raw.extend_from_slice(&TFO_COOKIE);
            while raw.len() % 4 != 0 {
                raw.push(1);
            }
            let _ = h.set_options_raw(&raw);
        }
        _ => {
            let _ = h.set_options(&opts);
        }
    }
    h.checksum = h
        .calc_checksum_ipv4_raw(src, dst, &payload(seg.len))
        .unwrap_or(0);
    h
}

/// The whole IPv4 packet (header, TCP header, payload) for a capture.
pub fn ipv4_packet(seg: &SegmentRecord) -> Vec<u8> {
    let (src, _, dst, _) = addrs(seg.from);
    let tcp = tcp_header(seg);
    let body = payload(seg.len);
    let len = (tcp.header_len() + body.len()) as u16;
    let mut ip = Ipv4Header::new(len, 64, IpNumber::TCP, src, dst).unwrap_or_default();
    ip.dont_fragment = true;
    ip.identification = seg.id as u16;
    ip.header_checksum = ip.calc_header_checksum();
    let mut out = Vec::with_capacity(20 + usize::from(len));
    out.extend_from_slice(&ip.to_bytes());
    out.extend_from_slice(&tcp.to_bytes());
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Config};

    #[test]
    fn syn_header_is_linuxs_and_checksums_verify() {
        let mut cfg = Config::default();
        cfg.client.data = 100;
        let t = simulate(&cfg).unwrap();
        let syn = tcp_header(&t.segments[0]);
        assert_eq!(syn.header_len(), 40, "20 bytes of options on a Linux SYN");
        assert!(syn.syn && !syn.ack);
        for seg in &t.segments {
            let bytes = ipv4_packet(seg);
            let parsed = etherparse::SlicedPacket::from_ip(&bytes).expect("parses");
            let Some(etherparse::TransportSlice::Tcp(tcp)) = parsed.transport else {
                panic!("TCP expected")
            };
            let (src, dst) = match seg.from {
                Side::Client => (CLIENT_ADDR.ip, SERVER_ADDR.ip),
                Side::Server => (SERVER_ADDR.ip, CLIENT_ADDR.ip),
            };
            let again = tcp
                .to_header()
                .calc_checksum_ipv4_raw(src, dst, tcp.payload())
                .unwrap();
            assert_eq!(tcp.checksum(), again, "segment {}", seg.id);
            assert_eq!(tcp.payload().len() as u32, seg.len);
            assert_eq!(tcp.sequence_number(), seg.seq);
        }
    }

    #[test]
    fn a_fast_open_syn_carries_the_cookie_option_and_its_data() {
        let cfg: Config = serde_json::from_str(
            r#"{"client":{"syn_data":100,"fastopen_cookie":true},"server":{"fastopen":true}}"#,
        )
        .unwrap();
        let t = simulate(&cfg).unwrap();
        let bytes = ipv4_packet(&t.segments[0]);
        let parsed = etherparse::SlicedPacket::from_ip(&bytes).unwrap();
        let Some(etherparse::TransportSlice::Tcp(tcp)) = parsed.transport else {
            panic!("TCP expected")
        };
        let opts = tcp.options();
        let at = opts
            .windows(2)
            .position(|w| w == [TFO_KIND, 10])
            .expect("a TFO option");
        assert_eq!(&opts[at + 2..at + 10], b"synack!!");
        assert_eq!(tcp.payload().len(), 100);
        assert_eq!(tcp.to_header().header_len() % 4, 0);
    }
}

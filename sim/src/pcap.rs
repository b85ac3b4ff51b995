//! A run as a capture file that Wireshark opens (reference §10): classic
//! libpcap, little-endian, LINKTYPE_RAW (IPv4 from the first byte), one
//! record per segment seen at the chosen capture point, stamped with the
//! simulated clock. The packet bytes come from `wire`, checksums included.

use crate::side::Side;
use crate::trace::{SegmentRecord, Trace};
use crate::wire::ipv4_packet;
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::{DataLink, Endianness, TsResolution};
use serde::{Deserialize, Serialize};
use std::time::Duration as StdDuration;

/// Where the capture is taken. At a host's NIC, a lost segment appears only
/// if that host sent it; on the wire, only segments that got across appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Capture {
    /// Halfway along the path: every segment that crossed, at the midpoint
    /// of its flight.
    #[default]
    Wire,
    /// The client's NIC: what it sent (when sent) and what reached it (when it arrived).
    Client,
    /// The server's NIC.
    Server,
}

impl Capture {
    pub fn name(self) -> &'static str {
        match self {
            Capture::Wire => "wire",
            Capture::Client => "client",
            Capture::Server => "server",
        }
    }

    pub fn parse(s: &str) -> Option<Capture> {
        [Capture::Wire, Capture::Client, Capture::Server]
            .into_iter()
            .find(|c| c.name() == s)
    }
}

/// The segments seen at `at`, with the time each was seen, in time order.
pub fn seen(trace: &Trace, at: Capture) -> Vec<(u64, &SegmentRecord)> {
    let mut out: Vec<(u64, &SegmentRecord)> = Vec::new();
    for s in &trace.segments {
        let arrived = s.arrive_us.filter(|_| !s.lost);
        match at {
            Capture::Wire => {
                if let Some(a) = arrived {
                    out.push((s.sent_us + (a - s.sent_us) / 2, s));
                }
            }
            Capture::Client | Capture::Server => {
                let host = if at == Capture::Client {
                    Side::Client
                } else {
                    Side::Server
                };
                // A stale segment injected by the network was never sent by its "sender".
                if s.from == host && !s.injected {
                    out.push((s.sent_us, s));
                } else if s.from != host {
                    if let Some(a) = arrived {
                        out.push((a, s));
                    }
                }
            }
        }
    }
    // Stable: segments seen at the same instant keep the order they were sent in.
    crate::sort::sort_stable_by_key(&mut out, |&(t, _)| t.into());
    out
}

/// The capture file's bytes.
pub fn pcap(trace: &Trace, at: Capture) -> Vec<u8> {
    let header = PcapHeader {
        version_major: 2,
        version_minor: 4,
        ts_correction: 0,
        ts_accuracy: 0,
        snaplen: 65535,
        datalink: DataLink::RAW,
        ts_resolution: TsResolution::MicroSecond,
        endianness: Endianness::Little,
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail; an error here would be a bug in pcap-file.
    if let Ok(mut w) = PcapWriter::with_header(&mut out, header) {
        for (t, s) in seen(trace, at) {
            let bytes = ipv4_packet(s);
            let packet = PcapPacket::new(StdDuration::from_micros(t), bytes.len() as u32, &bytes);
            let _ = w.write_packet(&packet);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Config};
    use pcap_file::pcap::PcapReader;

    fn syn_ack_lost() -> Trace {
        let cfg: Config = serde_json::from_str(r#"{"drop":[{"dir":"s2c","nth":1}]}"#).unwrap();
        simulate(&cfg).unwrap()
    }

    fn records(bytes: &[u8]) -> Vec<(u64, Vec<u8>)> {
        let mut r = PcapReader::new(bytes).unwrap();
        let mut out = Vec::new();
        while let Some(p) = r.next_packet() {
            let p = p.unwrap();
            out.push((p.timestamp.as_micros() as u64, p.data.to_vec()));
        }
        out
    }

    #[test]
    fn header_is_little_endian_libpcap_with_linktype_raw() {
        let bytes = pcap(&syn_ack_lost(), Capture::Wire);
        assert_eq!(
            &bytes[..4],
            &[0xd4, 0xc3, 0xb2, 0xa1],
            "µs magic, little-endian"
        );
        assert_eq!(&bytes[4..8], &[2, 0, 4, 0], "version 2.4");
        assert_eq!(&bytes[20..24], &101u32.to_le_bytes(), "LINKTYPE_RAW");
    }

    #[test]
    fn each_capture_point_sees_what_it_would_see() {
        let t = syn_ack_lost();
        let lost = t.segments.iter().find(|s| s.lost).unwrap();
        let count = |at| seen(&t, at).iter().filter(|(_, s)| s.id == lost.id).count();
        assert_eq!(count(Capture::Server), 1, "the server sent it");
        assert_eq!(count(Capture::Client), 0, "it never reached the client");
        assert_eq!(count(Capture::Wire), 0, "it never crossed");
        let client = seen(&t, Capture::Client);
        // The client sees its SYN at 0 and again at 1 s, and a SYN-ACK after it.
        assert_eq!(client[0].0, 0);
        let again = client
            .iter()
            .find(|(_, s)| s.retransmission && s.from == Side::Client)
            .unwrap();
        assert_eq!(again.0, 1_000_000);
        let delivered = t.segments.iter().filter(|s| !s.lost).count();
        assert_eq!(seen(&t, Capture::Wire).len(), delivered);
        assert!(seen(&t, Capture::Client)
            .windows(2)
            .all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn records_carry_the_simulated_time_and_the_wire_bytes() {
        let t = syn_ack_lost();
        let recs = records(&pcap(&t, Capture::Server));
        let want = seen(&t, Capture::Server);
        assert_eq!(recs.len(), want.len());
        for ((at, bytes), (t_us, s)) in recs.iter().zip(&want) {
            assert_eq!(at, t_us);
            assert_eq!(bytes, &ipv4_packet(s));
        }
    }
}

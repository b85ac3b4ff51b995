//! A read capture as bytes: how it crosses from the capture reader's wasm
//! module (crate `synack-capture`) to the page's.
//!
//! As JS objects, a capture cost the page 9 KB of generic reading code and
//! millions of property reads for a big file; as one `Uint8Array` it is a
//! copy and this small decoder. Decoding trusts nothing: a damaged buffer
//! is `None`, never a panic or a huge allocation.

use super::{Capture, ImportError, Packet, Stream};
use crate::segment::{Flags, SynOptions, Timestamps};
use std::net::IpAddr;

const MAGIC: &[u8; 5] = b"SYNC1";

/// The capture as bytes (little-endian fields, in declaration order).
pub fn encode(capture: &Capture) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + capture.packets * 48);
    out.extend_from_slice(MAGIC);
    put_u64(&mut out, capture.packets as u64);
    out.push(capture.truncated as u8);
    put_u32(&mut out, capture.streams.len() as u32);
    for s in &capture.streams {
        put_address(&mut out, s.client);
        put_address(&mut out, s.server);
        put_u64(&mut out, s.dropped as u64);
        put_u32(&mut out, s.packets.len() as u32);
        for p in &s.packets {
            put_u64(&mut out, p.time_us);
            put_address(&mut out, p.src);
            put_address(&mut out, p.dst);
            out.push(p.flags.bits());
            put_u32(&mut out, p.seq);
            put_u32(&mut out, p.ack);
            out.extend_from_slice(&p.window.to_le_bytes());
            put_u32(&mut out, p.len);
            match p.options {
                None => out.push(0),
                Some(o) => {
                    out.push(1);
                    out.extend_from_slice(&o.mss.to_le_bytes());
                    out.push(o.sack_permitted as u8);
                    out.push(o.window_scale);
                    out.push(o.fast_open as u8);
                }
            }
            match p.timestamps {
                None => out.push(0),
                Some(t) => {
                    out.push(1);
                    put_u32(&mut out, t.tsval);
                    put_u32(&mut out, t.tsecr);
                }
            }
            // A TCP header is at most 60 bytes.
            let header = &p.header[..p.header.len().min(255)];
            out.push(header.len() as u8);
            out.extend_from_slice(header);
        }
    }
    out
}

/// The capture `encode` wrote, or `None` if these bytes are not one.
pub fn decode(bytes: &[u8]) -> Option<Capture> {
    let mut r = Bytes(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let packets = usize::try_from(r.u64()?).ok()?;
    let truncated = r.flag()?;
    let count = r.u32()? as usize;
    // Each stream and packet takes bytes: no count can make a bigger Vec
    // than the buffer could fill.
    let mut streams = Vec::with_capacity(count.min(r.0.len() / 16));
    for _ in 0..count {
        let client = r.address()?;
        let server = r.address()?;
        let dropped = usize::try_from(r.u64()?).ok()?;
        let n = r.u32()? as usize;
        let mut list = Vec::with_capacity(n.min(r.0.len() / 32));
        for _ in 0..n {
            list.push(r.packet()?);
        }
        streams.push(Stream {
            client,
            server,
            packets: list,
            dropped,
        });
    }
    r.0.is_empty().then_some(Capture {
        streams,
        packets,
        truncated,
    })
}

/// Why a file could not be read, as the text the reader module throws:
/// the page says it in its own words (`i18n::capture_error`).
pub fn encode_error(e: &ImportError) -> String {
    match e {
        ImportError::Empty => "empty".into(),
        ImportError::TooLarge { bytes } => format!("too-large {bytes}"),
        ImportError::NotACapture => "not-a-capture".into(),
        ImportError::Malformed(why) => format!("malformed {why}"),
        ImportError::UnsupportedLinkType(n) => format!("link-type {n}"),
        ImportError::NoTcp { packets } => format!("no-tcp {packets}"),
    }
}

/// The error `encode_error` wrote; any other text is a damaged file's reason.
pub fn decode_error(text: &str) -> ImportError {
    let (code, arg) = text.split_once(' ').unwrap_or((text, ""));
    let n = || arg.parse::<u64>().ok();
    match (code, n()) {
        ("empty", _) => ImportError::Empty,
        ("not-a-capture", _) => ImportError::NotACapture,
        ("too-large", Some(b)) => ImportError::TooLarge { bytes: b as usize },
        ("link-type", Some(t)) if t <= u64::from(u32::MAX) => {
            ImportError::UnsupportedLinkType(t as u32)
        }
        ("no-tcp", Some(p)) => ImportError::NoTcp {
            packets: p as usize,
        },
        ("malformed", _) => ImportError::Malformed(arg.into()),
        _ => ImportError::Malformed(text.into()),
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_address(out: &mut Vec<u8>, (ip, port): (IpAddr, u16)) {
    match ip {
        IpAddr::V4(v4) => {
            out.push(4);
            out.extend_from_slice(&v4.octets());
        }
        IpAddr::V6(v6) => {
            out.push(6);
            out.extend_from_slice(&v6.octets());
        }
    }
    out.extend_from_slice(&port.to_le_bytes());
}

/// What is left to decode.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn flag(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    fn address(&mut self) -> Option<(IpAddr, u16)> {
        let ip = match self.u8()? {
            4 => IpAddr::from(self.array::<4>()?),
            6 => IpAddr::from(self.array::<16>()?),
            _ => return None,
        };
        Some((ip, self.u16()?))
    }

    fn packet(&mut self) -> Option<Packet> {
        let time_us = self.u64()?;
        let src = self.address()?;
        let dst = self.address()?;
        let flags = Flags::from_bits_retain(self.u8()?);
        let (seq, ack, window, len) = (self.u32()?, self.u32()?, self.u16()?, self.u32()?);
        let options = match self.flag()? {
            false => None,
            true => Some(SynOptions {
                mss: self.u16()?,
                sack_permitted: self.flag()?,
                window_scale: self.u8()?,
                fast_open: self.flag()?,
            }),
        };
        let timestamps = match self.flag()? {
            false => None,
            true => Some(Timestamps {
                tsval: self.u32()?,
                tsecr: self.u32()?,
            }),
        };
        let n = self.u8()? as usize;
        let header = self.take(n)?.to_vec();
        Some(Packet {
            time_us,
            src,
            dst,
            flags,
            seq,
            ack,
            window,
            len,
            options,
            timestamps,
            header,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pcap::{pcap, Capture as Point};
    use crate::{simulate, Config};

    #[test]
    fn a_capture_comes_back_whole() {
        let config: Config = serde_json::from_str(
            r#"{"drop":[{"dir":"s2c","nth":1}],"client":{"data":3000,"close_ms":3000}}"#,
        )
        .unwrap();
        let capture =
            super::super::read(&pcap(&simulate(&config).unwrap(), Point::Client)).unwrap();
        assert!(capture.streams[0]
            .packets
            .iter()
            .any(|p| p.options.is_some()));
        let bytes = encode(&capture);
        assert_eq!(decode(&bytes), Some(capture));
    }

    #[test]
    fn errors_cross_as_they_were() {
        for e in [
            ImportError::Empty,
            ImportError::TooLarge { bytes: 67_108_865 },
            ImportError::NotACapture,
            ImportError::Malformed("its header is cut short".into()),
            ImportError::UnsupportedLinkType(147),
            ImportError::NoTcp { packets: 12 },
        ] {
            assert_eq!(decode_error(&encode_error(&e)), e);
        }
        assert_eq!(decode_error("boom"), ImportError::Malformed("boom".into()));
    }

    #[test]
    fn damaged_bytes_are_refused_not_trusted() {
        let capture =
            super::super::read(&pcap(&simulate(&Config::default()).unwrap(), Point::Wire)).unwrap();
        let bytes = encode(&capture);
        // Every cut, and every byte changed to 0xFF, decodes or is None: never a panic.
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] = 0xFF;
            let _ = decode(&b);
        }
        // A count of four billion streams in a few bytes allocates nothing big.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&[0; 9]);
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge), None);
    }
}

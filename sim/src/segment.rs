//! TCP segments as the simulator sends them: the header fields that matter
//! for connection management, plus the payload length (the bytes themselves
//! are never needed).

use crate::seq::SeqNum;
use bitflags::bitflags;
use core::fmt;
use serde::{Deserialize, Serialize, Serializer};

bitflags! {
    /// The control bits, in their header positions (byte 13: CWR ECE URG ACK PSH RST SYN FIN).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct Flags: u8 {
        const FIN = 0x01;
        const SYN = 0x02;
        const RST = 0x04;
        const PSH = 0x08;
        const ACK = 0x10;
        const URG = 0x20;
        const ECE = 0x40;
        const CWR = 0x80;
    }
}

/// Wireshark's order (low bit first but SYN/FIN/RST/PSH before ACK, as in
/// `[SYN, ACK]`, `[PSH, ACK]`, `[RST, ACK]`).
const DISPLAY_ORDER: [(Flags, &str, char); 8] = [
    (Flags::FIN, "FIN", 'F'),
    (Flags::SYN, "SYN", 'S'),
    (Flags::RST, "RST", 'R'),
    (Flags::PSH, "PSH", 'P'),
    (Flags::ACK, "ACK", '.'),
    (Flags::URG, "URG", 'U'),
    (Flags::ECE, "ECE", 'E'),
    (Flags::CWR, "CWR", 'W'),
];

impl Flags {
    /// Names in Wireshark order: `["SYN", "ACK"]`.
    pub fn names(self) -> Vec<&'static str> {
        DISPLAY_ORDER
            .iter()
            .filter(|(f, _, _)| self.contains(*f))
            .map(|(_, n, _)| *n)
            .collect()
    }

    /// tcpdump's letters: `S.` for SYN-ACK, `.` for a bare ACK.
    pub fn tcpdump(self) -> String {
        let mut s: String = DISPLAY_ORDER
            .iter()
            .filter(|(f, _, _)| self.contains(*f) && *f != Flags::ACK)
            .map(|(_, _, c)| *c)
            .collect();
        if self.contains(Flags::ACK) {
            s.push('.');
        }
        s
    }

    /// Parse one flag name as the JS API spells it.
    pub fn parse_name(name: &str) -> Option<Flags> {
        DISPLAY_ORDER
            .iter()
            .find(|(_, n, _)| n.eq_ignore_ascii_case(name))
            .map(|(f, _, _)| *f)
    }
}

impl fmt::Display for Flags {
    /// `[SYN, ACK]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.names().join(", "))
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// Options Linux puts on a SYN and a SYN-ACK: `MSS 1460, SACK_PERM, TS, NOP, WS 7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SynOptions {
    pub mss: u16,
    pub sack_permitted: bool,
    pub window_scale: u8,
    /// A TCP Fast Open cookie (RFC 7413, option kind 34) rides on this SYN.
    pub fast_open: bool,
}

/// RFC 7323 timestamps, carried on every segment once both SYNs had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timestamps {
    pub tsval: u32,
    pub tsecr: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub flags: Flags,
    pub seq: SeqNum,
    pub ack: SeqNum,
    /// The header's window field as sent (unscaled on SYNs, RFC 7323 §2.2).
    pub window: u16,
    /// Payload bytes, not counting SYN or FIN.
    pub len: u32,
    pub syn_options: Option<SynOptions>,
    pub timestamps: Option<Timestamps>,
    /// SACK blocks (RFC 2018), a D-SACK (RFC 2883) first if there is one.
    pub sack: SackList,
}

/// A range of sequence numbers received, `left` up to (not including) `right`.
/// As a D-SACK (RFC 2883), the duplicate that arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SackBlock {
    pub left: u32,
    pub right: u32,
}

/// The SACK blocks of one segment: at most four fit in TCP's 40 option
/// bytes, three beside timestamps. A value, so segments stay `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SackList {
    len: u8,
    blocks: [SackBlock; SackList::MAX],
}

impl SackList {
    pub const MAX: usize = 4;

    /// Adds a block; beyond `MAX` it is left out, as an option full of
    /// blocks leaves out the oldest.
    pub fn push(&mut self, b: SackBlock) {
        if let Some(slot) = self.blocks.get_mut(usize::from(self.len)) {
            *slot = b;
            self.len += 1;
        }
    }
    /// Keeps the first `n` blocks (what fits beside the other options).
    pub fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n as u8);
    }
    pub fn as_slice(&self) -> &[SackBlock] {
        &self.blocks[..usize::from(self.len)]
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl FromIterator<SackBlock> for SackList {
    fn from_iter<I: IntoIterator<Item = SackBlock>>(iter: I) -> SackList {
        let mut list = SackList::default();
        iter.into_iter().for_each(|b| list.push(b));
        list
    }
}

impl Serialize for SackList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl Segment {
    pub fn new(flags: Flags, seq: SeqNum, ack: SeqNum) -> Segment {
        Segment {
            flags,
            seq,
            ack,
            window: 0,
            len: 0,
            syn_options: None,
            timestamps: None,
            sack: SackList::default(),
        }
    }

    pub fn syn(&self) -> bool {
        self.flags.contains(Flags::SYN)
    }
    pub fn has_ack(&self) -> bool {
        self.flags.contains(Flags::ACK)
    }
    pub fn rst(&self) -> bool {
        self.flags.contains(Flags::RST)
    }
    pub fn fin(&self) -> bool {
        self.flags.contains(Flags::FIN)
    }

    /// SEG.LEN: payload plus one for SYN plus one for FIN (RFC 9293 §3.4).
    pub fn seg_len(&self) -> u32 {
        self.len + u32::from(self.syn()) + u32::from(self.fin())
    }

    /// The RST that answers this segment when no connection can take it
    /// (RFC 9293 §3.10.7.1, §3.5.2): `<SEQ=SEG.ACK><CTL=RST>` if it carried an
    /// ACK, `<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>` otherwise.
    pub fn reset_reply(&self) -> Segment {
        if self.has_ack() {
            Segment::new(Flags::RST, self.ack, SeqNum(0))
        } else {
            Segment::new(
                Flags::RST | Flags::ACK,
                SeqNum(0),
                self.seq + self.seg_len(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_names_follow_wireshark() {
        assert_eq!((Flags::SYN | Flags::ACK).names(), ["SYN", "ACK"]);
        assert_eq!((Flags::ACK | Flags::PSH).to_string(), "[PSH, ACK]");
        assert_eq!((Flags::SYN | Flags::ACK).tcpdump(), "S.");
        assert_eq!(Flags::ACK.tcpdump(), ".");
        assert_eq!((Flags::RST | Flags::ACK).tcpdump(), "R.");
        assert_eq!(Flags::parse_name("syn"), Some(Flags::SYN));
    }

    #[test]
    fn syn_and_fin_take_one_sequence_number() {
        let mut s = Segment::new(Flags::SYN, SeqNum(100), SeqNum(0));
        assert_eq!(s.seg_len(), 1);
        s.len = 1000;
        assert_eq!(s.seg_len(), 1001);
        assert_eq!(Segment::new(Flags::ACK, SeqNum(1), SeqNum(1)).seg_len(), 0);
    }
}

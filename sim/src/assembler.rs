//! What a receiver holds beyond a gap, and the SACK blocks that tell the
//! sender so (RFC 2018; D-SACK, RFC 2883), kept as Linux keeps them
//! (`tcp_data_queue_ofo`, `tcp_sack_new_ofo_skb`, `tcp_sack_remove`,
//! `tcp_dsack_set`): smoltcp's `Assembler`, with Linux's SACK order.

use crate::segment::{SackBlock, SackList};
use crate::seq::SeqNum;

/// A range of sequence space, `start` up to (not including) `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    start: SeqNum,
    end: SeqNum,
}

impl Range {
    /// Overlapping or touching (Linux `tcp_sack_extend`'s test).
    fn meets(self, o: Range) -> bool {
        o.start <= self.end && self.start <= o.end
    }
    fn union(self, o: Range) -> Range {
        Range {
            start: if o.start < self.start {
                o.start
            } else {
                self.start
            },
            end: if o.end > self.end { o.end } else { self.end },
        }
    }
    fn block(self) -> SackBlock {
        SackBlock {
            left: self.start.0,
            right: self.end.0,
        }
    }
}

/// What arrived beyond RCV.NXT, and what the next segment reports of it.
#[derive(Debug, Clone, Default)]
pub struct Assembler {
    /// Held data, in sequence order, none touching another.
    held: Vec<Range>,
    /// The sequence number of a held FIN.
    fin: Option<SeqNum>,
    /// The SACK blocks, the most recently changed first; each ends past the
    /// FIN it covers, as the sequence space does.
    sacks: Vec<Range>,
    /// A duplicate that arrived, reported once by the next segment sent.
    dsack: Option<Range>,
}

impl Assembler {
    /// Hold a segment that starts beyond RCV.NXT. Returns false if every
    /// byte of it was held already: a duplicate, which a D-SACK reports.
    pub fn hold(&mut self, seq: SeqNum, len: u32, fin: bool) -> bool {
        let data = Range {
            start: seq,
            end: seq + len,
        };
        let whole = Range {
            start: seq,
            end: data.end + u32::from(fin),
        };
        let fin_new = fin && self.fin.is_none();
        let covered = self
            .held
            .iter()
            .any(|r| r.start <= data.start && data.end <= r.end);
        if fin {
            self.fin = Some(data.end);
        }
        let duplicate = covered && !fin_new;
        if duplicate {
            self.dsack = Some(whole);
        } else if len > 0 {
            self.insert(data);
        }
        self.note_sack(whole);
        !duplicate
    }

    /// Report a duplicate of what was already received (D-SACK).
    pub fn duplicate(&mut self, start: SeqNum, end: SeqNum) {
        self.dsack = Some(Range { start, end });
    }

    /// RCV.NXT has reached `rcv_nxt`: take in what is now contiguous.
    /// Returns the new RCV.NXT (short of a FIN), the bytes it adds, and
    /// where the held FIN sits if it has been reached.
    pub fn advance(&mut self, mut rcv_nxt: SeqNum) -> (SeqNum, u32, Option<SeqNum>) {
        let mut bytes = 0;
        while let Some(first) = self.held.first().copied() {
            if first.start > rcv_nxt {
                break;
            }
            self.held.remove(0);
            if first.end > rcv_nxt {
                bytes += (first.end - rcv_nxt) as u32;
                rcv_nxt = first.end;
            }
        }
        let fin = self.fin.filter(|&f| f <= rcv_nxt);
        if fin.is_some() {
            self.fin = None;
        }
        // tcp_sack_remove: blocks now below RCV.NXT go; none once all is in.
        let reached = rcv_nxt + u32::from(fin.is_some());
        self.sacks.retain(|b| b.start > reached);
        if self.held.is_empty() && self.fin.is_none() {
            self.sacks.clear();
        }
        (rcv_nxt, bytes, fin)
    }

    /// Whether anything is held beyond a gap.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty() && self.fin.is_none()
    }

    /// The blocks the next segment carries, at most `room` of them: a
    /// D-SACK first, sent once (Linux `tcp_options_write`), then the rest.
    pub fn take_blocks(&mut self, room: usize) -> SackList {
        let mut list: SackList = self
            .dsack
            .take()
            .into_iter()
            .chain(self.sacks.iter().copied())
            .map(Range::block)
            .collect();
        list.truncate(room);
        list
    }

    fn insert(&mut self, new: Range) {
        let merged = absorb(&mut self.held, new);
        let at = self.held.partition_point(|r| r.start < merged.start);
        self.held.insert(at, merged);
    }

    /// `tcp_sack_new_ofo_skb`: a block the range extends moves to the
    /// front (and swallows any it now meets); otherwise a new block goes
    /// in front, the oldest falling off past four.
    fn note_sack(&mut self, new: Range) {
        let grown = match self.sacks.iter().position(|b| b.meets(new)) {
            Some(i) => self.sacks.remove(i).union(new),
            None => new,
        };
        let front = absorb(&mut self.sacks, grown);
        self.sacks.insert(0, front);
        self.sacks.truncate(SackList::MAX);
    }
}

/// Take out of `list` every range that meets `new` (in any order, so a
/// range that meets only the grown union is taken too), and return the union.
fn absorb(list: &mut Vec<Range>, new: Range) -> Range {
    let mut merged = new;
    while let Some(i) = list.iter().position(|r| r.meets(merged)) {
        merged = merged.union(list.remove(i));
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(a: &mut Assembler) -> Vec<(u32, u32)> {
        a.take_blocks(4)
            .as_slice()
            .iter()
            .map(|b| (b.left, b.right))
            .collect()
    }

    #[test]
    fn held_segments_are_reported_most_recent_first() {
        let mut a = Assembler::default();
        assert!(a.hold(SeqNum(2000), 1000, false));
        assert!(a.hold(SeqNum(5000), 1000, false));
        assert_eq!(blocks(&mut a), [(5000, 6000), (2000, 3000)]);
        // A segment that extends the older block brings it to the front.
        assert!(a.hold(SeqNum(3000), 1000, false));
        assert_eq!(blocks(&mut a), [(2000, 4000), (5000, 6000)]);
        // Filling the gap between them makes one block.
        assert!(a.hold(SeqNum(4000), 1000, false));
        assert_eq!(blocks(&mut a), [(2000, 6000)]);
    }

    #[test]
    fn filling_the_gap_delivers_everything_contiguous_and_clears_the_blocks() {
        let mut a = Assembler::default();
        a.hold(SeqNum(2000), 1000, false);
        a.hold(SeqNum(3000), 500, true);
        assert_eq!(blocks(&mut a), [(2000, 3501)], "the block covers the FIN");
        assert_eq!(
            a.advance(SeqNum(2000)),
            (SeqNum(3500), 1500, Some(SeqNum(3500)))
        );
        assert!(a.is_empty());
        assert_eq!(blocks(&mut a), []);
    }

    #[test]
    fn a_partial_fill_keeps_the_blocks_beyond_it() {
        let mut a = Assembler::default();
        a.hold(SeqNum(2000), 1000, false);
        a.hold(SeqNum(5000), 1000, false);
        assert_eq!(a.advance(SeqNum(2000)), (SeqNum(3000), 1000, None));
        assert_eq!(blocks(&mut a), [(5000, 6000)]);
    }

    #[test]
    fn a_duplicate_is_reported_once_by_a_dsack_in_front() {
        let mut a = Assembler::default();
        a.hold(SeqNum(2000), 1000, false);
        a.hold(SeqNum(5000), 1000, false);
        assert!(!a.hold(SeqNum(2000), 1000, false));
        assert_eq!(
            blocks(&mut a),
            [(2000, 3000), (2000, 3000), (5000, 6000)],
            "D-SACK, then the block it repeats, now the most recent"
        );
        assert_eq!(blocks(&mut a), [(2000, 3000), (5000, 6000)]);
        a.duplicate(SeqNum(100), SeqNum(200));
        assert_eq!(
            a.take_blocks(3).as_slice()[0],
            SackBlock {
                left: 100,
                right: 200
            }
        );
    }

    #[test]
    fn at_most_four_blocks_and_the_room_given() {
        let mut a = Assembler::default();
        for i in 0..6 {
            a.hold(SeqNum(10_000 + i * 2000), 1000, false);
        }
        assert_eq!(
            blocks(&mut a),
            [
                (20000, 21000),
                (18000, 19000),
                (16000, 17000),
                (14000, 15000)
            ]
        );
        assert_eq!(a.take_blocks(3).as_slice().len(), 3);
        // Every held range is still delivered, reported or not.
        assert_eq!(a.advance(SeqNum(10_000)).1, 1000);
    }

    #[test]
    fn sequence_numbers_wrap() {
        let mut a = Assembler::default();
        a.hold(SeqNum(u32::MAX - 499), 1000, false);
        assert_eq!(blocks(&mut a), [(u32::MAX - 499, 500)]);
        assert_eq!(a.advance(SeqNum(u32::MAX - 999)).1, 0, "a gap before it");
        assert_eq!(a.advance(SeqNum(u32::MAX - 499)), (SeqNum(500), 1000, None));
    }
}

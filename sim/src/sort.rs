//! One stable sort for every caller.
//!
//! Each `sort_by_key` call site instantiates the standard library's sort for
//! its element type and key, a few KB of wasm apiece. This sorts `(key,
//! index)` pairs instead, one instantiation in all, and the index keeps equal
//! keys in their original order.

/// Sort `v` by `key`, keeping the order of elements with equal keys.
pub fn sort_stable_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u128) {
    let mut order: Vec<(u128, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// Two keys as one, the first more significant: `(t, flag)` orders by `t`, then `flag`.
pub fn pair(high: u64, low: bool) -> u128 {
    (u128::from(high) << 1) | u128::from(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_ties_in_order() {
        let mut v = vec![
            (3, 'a'),
            (1, 'b'),
            (3, 'c'),
            (2, 'd'),
            (1, 'e'),
            (u64::MAX, 'f'),
            (0, 'g'),
        ];
        sort_stable_by_key(&mut v, |&(k, _)| k.into());
        let got: String = v.iter().map(|&(_, c)| c).collect();
        assert_eq!(got, "gbedacf");
        let mut w = vec![(5u64, true), (5, false), (u64::MAX, false), (4, true)];
        sort_stable_by_key(&mut w, |&(t, f)| pair(t, f));
        assert_eq!(w, [(4, true), (5, false), (5, true), (u64::MAX, false)]);
        let mut empty: Vec<u8> = Vec::new();
        sort_stable_by_key(&mut empty, |&x| x.into());
        assert!(empty.is_empty());
    }
}

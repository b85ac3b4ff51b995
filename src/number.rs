//! Decimal numbers as people type them (form fields, URL parameters).
//!
//! Rust's `f64::from_str` brings a 10 KB table of powers of five into the
//! wasm bundle (4% of it); in the browser JavaScript's `parseFloat` makes the
//! same correctly rounded conversion at no cost. The grammar is checked here
//! first, so both targets accept exactly the same texts.
//!
//! Writing numbers is the same story the other way: the writers are in
//! `synack_sim::decimal`, shared with the core's messages.

pub use synack_sim::decimal::{px, trimmed, Decimal, Fixed};

/// `x` brought within `lo..=hi` (to `lo` if NaN). Not `f64::clamp`: it
/// asserts `lo <= hi` and prints both bounds if not, which alone links the
/// float printing above into the page; and a panic would end the page.
pub fn within(x: f64, lo: f64, hi: f64) -> f64 {
    if x > hi {
        hi
    } else if x >= lo {
        x
    } else {
        lo
    }
}

/// `[+-]digits[.digits][e[+-]digits]` (digits on at least one side of the
/// point) as an `f64`; anything else, including `inf`, `NaN`, `0x10` and
/// surrounding spaces, is `None`. Too large a number is infinite.
pub fn parse_decimal(text: &str) -> Option<f64> {
    if !is_decimal(text) {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        Some(js_sys::parse_float(text))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
}

fn is_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_people_type() {
        for (text, want) in [
            ("50", 50.0),
            ("-5", -5.0),
            ("+2.5", 2.5),
            ("0.05", 0.05),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e12", 1e12),
            ("1E-3", 1e-3),
            ("2.5e+2", 250.0),
        ] {
            assert_eq!(parse_decimal(text), Some(want), "{text}");
        }
        assert_eq!(parse_decimal("1e999"), Some(f64::INFINITY));
    }

    #[test]
    fn refuses_everything_else() {
        for text in [
            "", " ", "abc", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 5", "5 ", "0x10", "inf",
            "NaN", "Infinity", "--5", "5-", "1_000",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }
}

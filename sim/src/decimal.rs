//! Numbers written in decimal without Rust's float printing.
//!
//! `{}` and `{:.1}` on an `f64` link Grisu and Dragon4 into the binary:
//! 12 KB of the page's WebAssembly, to write coordinates with one decimal
//! and settings with a few. These writers use integer arithmetic instead;
//! they are exact for what synack writes (values well within ±9·10¹²).

use std::fmt;

/// `x` with exactly `decimals` decimals (at most 6), as `{:.N}` writes it,
/// except that ties round away from zero and `-0.0` is written `0.0`.
/// Values beyond ±9·10¹² (±1.8·10¹⁹ with no decimals) are clamped and NaN is written as 0: for
/// coordinates, percentages and settings, never for echoing input (that is
/// [`Decimal`]).
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

/// One decimal: SVG coordinates' precision.
pub fn px(x: f64) -> Fixed {
    Fixed(x, 1)
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let decimals = self.1.min(6);
        let scale = 10u64.pow(decimals);
        // u64 holds them all; whole numbers are exact up to 2^53.
        let limit = if decimals == 0 {
            1.8e19
        } else {
            9e12 * scale as f64
        };
        let scaled = (self.0 * scale as f64).round();
        let scaled = if scaled.is_nan() {
            0.0
        } else {
            scaled.max(-limit).min(limit)
        };
        let n = scaled.abs() as u64;
        let sign = if scaled < 0.0 && n != 0 { "-" } else { "" };
        if decimals == 0 {
            return write!(f, "{sign}{n}");
        }
        let width = decimals as usize;
        write!(f, "{sign}{}.{:0width$}", n / scale, n % scale)
    }
}

/// `x` to at most `decimals` decimals with trailing zeros dropped: `0.25`,
/// `3`. How settings are written into form fields and links.
pub fn trimmed(x: f64, decimals: u32) -> String {
    // A whole number (a seed up to 2^53) is written whole: with decimals
    // the scaled value would be clamped at 9e12.
    if x.fract() == 0.0 && x.abs() < 1.8e19 {
        return Fixed(x, 0).to_string();
    }
    let text = Fixed(x, decimals).to_string();
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Any number as a message echoes it: up to six decimals (`1.5`, `-0.001`),
/// large ones with an exponent (`1.5e300`), `NaN`, `Infinity`.
#[derive(Clone, Copy, Debug)]
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x < 0.0 { "-Infinity" } else { "Infinity" });
        }
        if x.abs() < 1e12 {
            return f.write_str(&trimmed(x, 6));
        }
        // x = m · 10^e with 1 ≤ |m| < 10; powi keeps it to one libm call.
        let mut e = x.abs().log10().floor() as i32;
        let mut m = x / 10f64.powi(e);
        if m.abs() >= 9.9995 {
            m /= 10.0;
            e += 1;
        }
        write!(f, "{}e{e}", trimmed(m, 3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_agree_with_format() {
        for (x, d) in [
            (0.0, 1),
            (12.34, 1),
            (-7.25, 2),
            (99.96, 1),
            (1280.0, 0),
            (0.049, 1),
            (123456.789, 3),
            (-3.5, 0),
            (1e9 + 0.5, 1),
            (-0.75, 1),
        ] {
            assert_eq!(
                Fixed(x, d).to_string(),
                format!("{x:.*}", d as usize),
                "{x} to {d}"
            );
        }
        assert_eq!(px(-0.04).to_string(), "0.0", "no negative zero");
        assert_eq!(Fixed(f64::NAN, 1).to_string(), "0.0");
        assert_eq!(Fixed(f64::INFINITY, 1).to_string(), "9000000000000.0");
        assert_eq!(Fixed(f64::INFINITY, 0).to_string(), "18000000000000000000");
        // A seed's limit, 2^53, in full.
        assert_eq!(
            Fixed(9_007_199_254_740_992.0, 0).to_string(),
            "9007199254740992"
        );
    }

    #[test]
    fn trimmed_drops_trailing_zeros() {
        assert_eq!(trimmed(0.25, 6), "0.25");
        assert_eq!(trimmed(3.0, 3), "3");
        assert_eq!(trimmed(-1.1000004, 3), "-1.1");
        assert_eq!(trimmed(1e6, 3), "1000000");
        assert_eq!(trimmed(0.0004, 3), "0");
        // Seeds beyond 9e12 are whole and written exactly (they were clamped).
        assert_eq!(trimmed(4_503_599_627_370_497.0, 6), "4503599627370497");
        assert_eq!(trimmed(-0.0, 3), "0");
    }

    #[test]
    fn echoes_any_number() {
        for (x, want) in [
            (1.5, "1.5"),
            (-5.0, "-5"),
            (600000.5, "600000.5"),
            (0.1 + 0.2, "0.3"),
            (1e300, "1e300"),
            (-2.5e15, "-2.5e15"),
            (9.99999e20, "1e21"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(Decimal(x).to_string(), want, "{x}");
        }
    }
}

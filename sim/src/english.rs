//! The core's English sentences (why a segment was sent, the rule behind a
//! state change), read from the page's English catalog, so each sentence is
//! written once: the trace's `reason` and `rule` texts and the page's words
//! are the same lines of `static/i18n/en.txt`. The build script (build.rs)
//! keeps the catalog's values only, one per line, with the places of the
//! `why_*` and `rule_*` lines.

/// Every value of `en.txt`, one per line, in its order.
pub const VALUES: &str = include_str!(concat!(env!("OUT_DIR"), "/en.values"));

/// (prefix, code, line of VALUES): `why_syn_in_listen` is ("why_", "syn-in-listen", n).
const INDEX: &[(&str, &str, usize)] = include!(concat!(env!("OUT_DIR"), "/en_index.rs"));

/// The catalog's text for `{prefix}{code}` (the code's `-` is the key's
/// `_`). Empty if there is no such line; the tests see that every code has one.
pub fn sentence(prefix: &str, code: &str) -> &'static str {
    INDEX
        .iter()
        .find(|(p, c, _)| *p == prefix && *c == code)
        .and_then(|&(_, _, n)| VALUES.lines().nth(n))
        .unwrap_or("")
}

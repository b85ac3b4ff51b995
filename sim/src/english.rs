//! The core's English sentences (why a segment was sent, the rule behind a
//! state change), read from the page's English catalog, so each sentence is
//! written once: the trace's `reason` and `rule` texts and the page's words
//! are the same lines of `static/i18n/en.txt`.

const CATALOG: &str = include_str!("../../static/i18n/en.txt");

/// The catalog's text for `{prefix}{code}`, with the code's `-` written `_`
/// (`why_` and `syn-in-listen` is the line `why_syn_in_listen = ...`).
/// Empty if there is no such line; the tests see that every code has one.
pub fn sentence(prefix: &str, code: &str) -> &'static str {
    let is_key = |key: &str| {
        key.len() == prefix.len() + code.len()
            && key.starts_with(prefix)
            && key[prefix.len()..]
                .bytes()
                .zip(code.bytes())
                .all(|(k, c)| k == c || (k == b'_' && c == b'-'))
    };
    CATALOG
        .lines()
        .filter_map(|line| line.split_once(" = "))
        .find(|(key, _)| is_key(key))
        .map_or("", |(_, value)| value)
}

//! The English catalog (`static/i18n/en.txt`, `key = value` lines) made
//! into what the code carries: its values alone, one per line, in order,
//! and the places of the lines the core reads by code (`why_*`, `rule_*`).
//! The key names stay out of the page (about 1.7 KB gzip); the page reads
//! its words by place (src/i18n/catalog.rs), the tests check every key.

use std::fmt::Write as _;

fn main() {
    let path = "../static/i18n/en.txt";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("static/i18n/en.txt");
    let (mut values, mut index) = (String::new(), String::new());
    let mut n = 0;
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(" = ")
            .expect("en.txt: a `key = value` line");
        // As catalog::lines reads it: quotes keep spaces at either end.
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        values.push_str(value);
        values.push('\n');
        for prefix in ["why_", "rule_"] {
            if let Some(code) = key.strip_prefix(prefix) {
                let code = code.replace('_', "-");
                writeln!(index, "    ({prefix:?}, {code:?}, {n}),").unwrap();
            }
        }
        n += 1;
    }
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(format!("{out}/en.values"), values).unwrap();
    std::fs::write(format!("{out}/en_index.rs"), format!("&[\n{index}]\n")).unwrap();
}

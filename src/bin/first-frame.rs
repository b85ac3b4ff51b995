//! Writes the page's first frame into a built index.html, inside its
//! `<div id="app">` (scripts/post-build.sh): `first-frame dist/index.html`.
//! See src/first_frame.rs.

#[cfg(not(target_arch = "wasm32"))]
use std::process::exit;

#[cfg(not(target_arch = "wasm32"))]
const ROOT: &str = r#"<div id="app">"#;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: first-frame INDEX_HTML");
        exit(2);
    };
    let fail = |why: String| -> ! {
        eprintln!("first-frame: {}: {why}", path.to_string_lossy());
        exit(1);
    };
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(e.to_string()));
    let Some(at) = html.find(ROOT).map(|i| i + ROOT.len()) else {
        fail(format!("no {ROOT} to write into"));
    };
    if html[at..].starts_with(r#"<template id="first-"#) {
        return; // written already (trunk serve rebuilds in place)
    }
    let frame = synack::first_frame::page();
    let out = format!("{}{frame}{}", &html[..at], &html[at..]);
    std::fs::write(&path, out).unwrap_or_else(|e| fail(e.to_string()));
}

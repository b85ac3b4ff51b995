//! The traces in tests/golden/ are what the native core produces; tests/web.rs
//! checks that the browser build produces the very same JSON for the same configs.
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test golden`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let config = std::fs::read_to_string(dir.join(format!("{name}.config.json"))).unwrap();
    let cfg: synack_sim::Config = serde_json::from_str(&config).unwrap();
    let trace = serde_json::to_string(&synack_sim::simulate(&cfg).unwrap()).unwrap();
    let path = dir.join(format!("{name}.trace.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &trace).unwrap();
    }
    let golden =
        std::fs::read_to_string(&path).expect("golden trace exists (UPDATE_GOLDEN=1 to create)");
    assert!(
        trace == golden.trim_end(),
        "{name}: the native trace differs from {path:?}"
    );
}

#[test]
fn default_trace_matches_golden() {
    check("default");
}

#[test]
fn lossy_trace_matches_golden() {
    check("lossy");
}

//! Captures of this machine's Linux (6.18) made by scripts/kernel-check.sh,
//! kept with the configs that match them: the simulator must still agree
//! with each, segment by segment, on machines that cannot run the kernel
//! check (no root, no network namespaces). Record again with
//! `KC_KEEP=1 scripts/kernel-check.sh NAME` and copy NAME.pcap and NAME.json.

use std::path::Path;
use synack_sim::differential::{agree, compare, from_capture, from_simulation, table, Tolerance};

fn check(name: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/kernel");
    let bytes = std::fs::read(dir.join(format!("{name}.pcap"))).unwrap();
    let config = std::fs::read_to_string(dir.join(format!("{name}.config.json"))).unwrap();
    let capture = synack_sim::import::read(&bytes).unwrap();
    let stream = capture
        .streams
        .iter()
        .max_by_key(|s| s.packets.len())
        .unwrap();
    let trace = synack_sim::simulate(&serde_json::from_str(&config).unwrap()).unwrap();
    let rows = compare(
        &from_capture(stream),
        &from_simulation(&trace),
        Tolerance::default(),
    );
    assert!(agree(&rows), "{name}:\n{}", table(&rows));
    rows.len()
}

#[test]
fn a_server_closing_at_once_closes_in_three_segments() {
    assert_eq!(check("close-at-once"), 8);
}

#[test]
fn timers_due_together_run_the_last_armed_first() {
    assert_eq!(check("first-syn-ack-lost"), 7);
}

#[test]
fn a_cookie_syn_ack_keeps_timestamps_and_data_brings_the_cookie_back() {
    assert_eq!(check("syn-cookie-final-ack-lost"), 5);
}

#[test]
fn keepalive_gives_up_with_a_socket_rst() {
    assert_eq!(check("keepalive-silent-client"), 10);
}

#[test]
fn a_send_waiting_during_the_handshake_rides_on_the_third_segment() {
    assert_eq!(check("send-waiting-in-handshake"), 5);
}

#[test]
fn a_simultaneous_open_acks_the_repeated_syn_with_a_d_sack_block() {
    assert_eq!(check("simultaneous-open"), 8);
}

#[test]
fn with_syncookies_always_no_syn_ack_comes_again_and_late_data_opens() {
    assert_eq!(check("syncookies-always-final-ack-lost"), 5);
}

#[test]
fn a_repeated_segment_is_reported_by_a_dsack_block() {
    assert_eq!(check("data-ack-lost-dsack"), 7);
}

#[test]
fn time_wait_acknowledges_a_repeated_fin() {
    assert_eq!(check("time-wait-fin-again"), 10);
}

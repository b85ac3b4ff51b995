//! The native `synack` command's exports, opened by Wireshark's own
//! dissector (tshark, installed by `scripts/setup.sh --test`): flags, seq and
//! ack as the trace says, IP and TCP checksums good, and tshark's analysis
//! marks exactly the trace's retransmissions.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use synack::scenarios;
use synack_sim::pcap::seen;
use synack_sim::{simulate, Capture, Flags, Trace};

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn synack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .expect("runs")
}

fn scenario_trace(name: &str) -> Trace {
    simulate(&(scenarios::find(name).unwrap().config)()).unwrap()
}

/// One line per packet: flags, raw seq, raw ack, TCP checksum status, IP
/// checksum status, whether tshark's analysis calls it a retransmission, the
/// payload length, and the MSS, SACK-permitted, TSval and window-scale options.
fn tshark(pcap: &Path) -> Vec<Vec<String>> {
    let out = Command::new("tshark")
        .args(["-n", "-r"])
        .arg(pcap)
        .args([
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
        ])
        .args(["-o", "tcp.relative_sequence_numbers:FALSE"])
        .args(["-T", "fields", "-E", "separator=,"])
        .args(["-e", "tcp.flags", "-e", "tcp.seq", "-e", "tcp.ack"])
        .args(["-e", "tcp.checksum.status", "-e", "ip.checksum.status"])
        .args(["-e", "tcp.analysis.retransmission", "-e", "tcp.len"])
        .args(["-e", "tcp.options.mss_val", "-e", "tcp.options.sack_perm"])
        .args([
            "-e",
            "tcp.options.timestamp.tsval",
            "-e",
            "tcp.options.wscale.shift",
        ])
        .output()
        .expect("tshark is missing: run scripts/setup.sh --test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn exported_captures_read_in_tshark_as_the_trace_says() {
    let mut retransmissions = 0;
    for name in [
        "syn-ack-lost",
        "syn-lost",
        "final-ack-lost-data",
        "byte-counting",
    ] {
        let trace = scenario_trace(name);
        for capture in [Capture::Wire, Capture::Client, Capture::Server] {
            let path = out_dir().join(format!("{name}-{}.pcap", capture.name()));
            let run = synack(&[
                "--scenario",
                name,
                "--capture",
                capture.name(),
                "--pcap",
                path.to_str().unwrap(),
            ]);
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let packets = tshark(&path);
            let want = seen(&trace, capture);
            assert_eq!(packets.len(), want.len(), "{name} at {capture:?}");
            for (i, (p, (_, s))) in packets.iter().zip(&want).enumerate() {
                let what = format!("{name} at {capture:?}, segment {} {}", s.id, s.flags);
                assert_eq!(
                    u16::from_str_radix(p[0].trim_start_matches("0x"), 16).unwrap(),
                    s.flags.bits() as u16,
                    "{what}"
                );
                assert_eq!(p[1], s.seq.to_string(), "{what}");
                if s.flags.contains(Flags::ACK) {
                    assert_eq!(p[2], s.ack.to_string(), "{what}");
                }
                assert_eq!(p[3], "1", "TCP checksum good: {what}");
                assert_eq!(p[4], "1", "IP checksum good: {what}");
                assert_eq!(p[6], s.len.to_string(), "{what}");
                // The options Linux puts on SYN and SYN-ACK, as Wireshark decodes them.
                if let Some(o) = s.options {
                    assert_eq!(p[7], o.mss.to_string(), "MSS: {what}");
                    assert!(!p[8].is_empty(), "SACK-permitted: {what}");
                    assert_eq!(p[10], o.window_scale.to_string(), "window scale: {what}");
                }
                if let Some(ts) = s.timestamps {
                    assert_eq!(p[9], ts.tsval.to_string(), "TSval: {what}");
                }

                // tshark's analysis marks a SYN, FIN or data sent again, when
                // this capture saw the earlier copy (a copy lost before the
                // capture point leaves nothing to compare with).
                let earlier_copy = want[..i].iter().any(|(_, e)| {
                    e.from == s.from
                        && e.seq == s.seq
                        && e.flags.intersects(Flags::SYN | Flags::FIN)
                            == s.flags.intersects(Flags::SYN | Flags::FIN)
                });
                let occupies = s.len > 0 || s.flags.intersects(Flags::SYN | Flags::FIN);
                let rtx_by_tshark = !p[5].is_empty();
                assert_eq!(
                    rtx_by_tshark,
                    s.retransmission && occupies && earlier_copy,
                    "{what}"
                );
                if s.retransmission && occupies && earlier_copy {
                    retransmissions += 1;
                }
            }
        }
    }
    assert!(
        retransmissions >= 5,
        "the scenarios retransmit SYNs, SYN-ACKs and data: {retransmissions}"
    );
}

#[test]
fn the_command_writes_svg_and_json_and_rejects_bad_input() {
    let dir = out_dir();
    let (svg, json) = (dir.join("d.svg"), dir.join("t.json"));
    let run = synack(&[
        "--scenario",
        "syn-ack-lost",
        "--svg",
        svg.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert!(run.status.success());
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("<svg") && svg.contains("客户端") && svg.contains("url(#cross)"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(
        json["segments"].as_array().unwrap().len(),
        scenario_trace("syn-ack-lost").segments.len()
    );
    // Without outputs it prints tcpdump lines.
    let run = synack(&["--scenario", "handshake"]);
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(
        text.starts_with("0.000000 client > server: Flags [S], seq 0"),
        "{text}"
    );
    // Bad input: a clear message and exit status 2, never a panic.
    for bad in [
        &["--scenario", "nope"][..],
        &["--capture", "moon"],
        &["--seed", "x"],
        &["--config", "/nonexistent.json"],
        &["--frobnicate"],
    ] {
        let run = synack(bad);
        assert_eq!(run.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8(run.stderr).unwrap();
        assert!(err.starts_with("synack: "), "{bad:?}: {err}");
    }
    // A config file with a bad field names it.
    let cfg = dir.join("bad.json");
    std::fs::write(&cfg, r#"{"c2s":{"delay_ms":-5}}"#).unwrap();
    let run = synack(&["--config", cfg.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8(run.stderr)
        .unwrap()
        .contains("c2s.delay_ms"));
}

#[test]
fn a_pcapng_written_by_wireshark_imports_like_the_pcap() {
    let dir = out_dir();
    let (pcap, pcapng) = (dir.join("rt.pcap"), dir.join("rt.pcapng"));
    let run = synack(&[
        "--scenario",
        "final-ack-lost-data",
        "--capture",
        "server",
        "--pcap",
        pcap.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    // editcap (Wireshark's, beside tshark) rewrites it as pcapng.
    let conv = Command::new("editcap")
        .args(["-F", "pcapng"])
        .arg(&pcap)
        .arg(&pcapng)
        .output()
        .expect("editcap comes with tshark");
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    let ng = std::fs::read(&pcapng).unwrap();
    assert_eq!(&ng[..4], &[0x0a, 0x0d, 0x0d, 0x0a], "pcapng");
    let a = synack_sim::import::read(&std::fs::read(&pcap).unwrap()).unwrap();
    let b = synack_sim::import::read(&ng).unwrap();
    assert_eq!(a.streams, b.streams, "same packets, same microsecond times");
    let t = synack_sim::import::trace(&b.streams[0]);
    assert_eq!(
        t.segments.len(),
        seen(&scenario_trace("final-ack-lost-data"), Capture::Server).len()
    );
}

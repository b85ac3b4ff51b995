//! `synack`: the simulator from the command line, for teachers preparing
//! material. Runs a scenario or a config file and writes the capture (pcap,
//! opens in Wireshark), the sequence diagram (SVG) and the trace (JSON).
//!
//!     cargo run --release --bin synack -- --scenario syn-ack-lost --pcap out.pcap --svg out.svg

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match cli::run(std::env::args_os().skip(1)) {
        Ok(true) => std::process::ExitCode::SUCCESS,
        // --compare: the real run and synack's differ.
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("synack: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::path::PathBuf;
    use synack::i18n::Lang;
    use synack::{figure, scenarios};
    use synack_sim::{pcap, simulate, Capture, Config};

    const HELP: &str = "\
synack: simulate a TCP connection and export it

usage: synack [--scenario NAME | --config FILE.json] [options]

  --scenario NAME     one of the guided scenarios (--list names them)
  --config FILE       a config as JSON (the format of docs/api.md)
  --seed N            override the config's seed
  --pcap FILE         write the capture (pcap, LINKTYPE_RAW) for Wireshark
  --capture POINT     wire (default), client or server: where the capture is taken
  --svg FILE          write the sequence diagram as SVG
  --json FILE         write the whole trace as JSON
  --lang en|zh        language of the SVG's labels (default en)
  --absolute          absolute sequence numbers in the SVG (default relative)
  --compare FILE      compare a real loopback capture (pcap/pcapng) with this
                      run, segment by segment; exit 1 if they differ
                      (scripts/kernel-check.sh)
  --calls FILE        with --compare: the socket calls the real applications
                      logged (`client connect ok`, `server read eof`, …),
                      compared with the run's calls and their errno
  --list              list the scenarios and exit
  -h, --help          this text

With no output file, the run is printed as tcpdump lines.";

    /// A flag's value as text.
    fn text(parser: &mut lexopt::Parser, flag: &str) -> Result<String, String> {
        parser
            .value()
            .map_err(|e| e.to_string())?
            .into_string()
            .map_err(|_| format!("{flag}: not UTF-8"))
    }

    /// A flag's value as a file path.
    fn file(parser: &mut lexopt::Parser) -> Result<PathBuf, String> {
        parser.value().map(PathBuf::from).map_err(|e| e.to_string())
    }

    /// Run the command; `Ok(false)` when `--compare` found a difference.
    pub fn run(args: impl Iterator<Item = OsString>) -> Result<bool, String> {
        use lexopt::prelude::*;
        let mut parser = lexopt::Parser::from_args(args);
        let (mut config, mut title) = (None::<Config>, String::from("default config"));
        let mut scenario: Option<&'static str> = None;
        let (mut pcap_out, mut svg_out, mut json_out) =
            (None::<PathBuf>, None::<PathBuf>, None::<PathBuf>);
        let (mut compare_with, mut calls_log) = (None::<PathBuf>, None::<PathBuf>);
        let (mut capture, mut lang, mut relative, mut seed) =
            (Capture::Wire, Lang::En, None::<bool>, None::<u64>);
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Long("scenario") => {
                    let name = text(&mut parser, "--scenario")?;
                    let s = scenarios::find(&name)
                        .ok_or_else(|| format!("unknown scenario `{name}` (--list names them)"))?;
                    config = Some((s.config)());
                    relative.get_or_insert(!s.absolute);
                    title = format!("scenario {name}");
                    scenario = Some(s.name);
                }
                Long("config") => {
                    let path = file(&mut parser)?;
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    let mut de = serde_json::Deserializer::from_str(&text);
                    let c: Config = serde_path_to_error::deserialize(&mut de)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    config = Some(c);
                    title = path.display().to_string();
                    scenario = None;
                }
                Long("seed") => {
                    let v = text(&mut parser, "--seed")?;
                    seed = Some(v.parse().map_err(|e| format!("--seed: `{v}`: {e}"))?)
                }
                Long("pcap") => pcap_out = Some(file(&mut parser)?),
                Long("svg") => svg_out = Some(file(&mut parser)?),
                Long("json") => json_out = Some(file(&mut parser)?),
                Long("compare") => compare_with = Some(file(&mut parser)?),
                Long("calls") => calls_log = Some(file(&mut parser)?),
                Long("capture") => {
                    let v = text(&mut parser, "--capture")?;
                    capture = Capture::parse(&v)
                        .ok_or_else(|| format!("--capture: `{v}` is not wire, client or server"))?;
                }
                Long("lang") => {
                    let v = text(&mut parser, "--lang")?;
                    lang =
                        Lang::parse(&v).ok_or_else(|| format!("--lang: `{v}` is not en or zh"))?;
                }
                Long("absolute") => relative = Some(false),
                Long("list") => {
                    for s in scenarios::ALL {
                        println!("{:<24} {}", s.name, scenarios::say(Lang::En, s.title));
                    }
                    return Ok(true);
                }
                Short('h') | Long("help") => {
                    println!("{HELP}");
                    return Ok(true);
                }
                _ => return Err(format!("{}\n\n{HELP}", arg.unexpected())),
            }
        }
        let mut config = config.unwrap_or_default();
        if let Some(seed) = seed {
            config.seed = seed;
        }
        let trace = simulate(&config).map_err(|e| e.to_string())?;
        let relative = relative.unwrap_or(true);
        let write = |path: &PathBuf, bytes: &[u8], what: &str| -> Result<(), String> {
            std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!(
                "wrote {what} of {title} to {} ({} bytes)",
                path.display(),
                bytes.len()
            );
            Ok(())
        };
        if let Some(path) = &pcap_out {
            write(
                path,
                &pcap::pcap(&trace, capture),
                &format!("the {} capture", capture.name()),
            )?;
        }
        if let Some(path) = &svg_out {
            let (svg, _, _) = figure::of_run(&trace, &config, scenario, None, relative, lang);
            write(path, svg.as_bytes(), "the diagram")?;
        }
        if let Some(path) = &json_out {
            let json = serde_json::to_string_pretty(&trace).map_err(|e| e.to_string())?;
            write(path, json.as_bytes(), "the trace")?;
        }
        if let Some(path) = &compare_with {
            return compare(path, calls_log.as_ref(), &trace);
        }
        if pcap_out.is_none() && svg_out.is_none() && json_out.is_none() {
            for s in &trace.segments {
                println!(
                    "{}{}",
                    s.tcpdump(relative),
                    if s.lost { "  ✕ lost" } else { "" }
                );
            }
        }
        Ok(true)
    }

    /// The real capture's connection (the one with the most packets) against
    /// the simulated run: a table of both, and whether they agree.
    fn compare(
        path: &PathBuf,
        calls_log: Option<&PathBuf>,
        trace: &synack_sim::Trace,
    ) -> Result<bool, String> {
        use synack_sim::differential;
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let capture =
            synack_sim::import::read(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        let stream = capture
            .streams
            .iter()
            .max_by_key(|s| s.packets.len())
            .ok_or_else(|| format!("{}: no TCP connection", path.display()))?;
        let rows = differential::compare(
            &differential::from_capture(stream),
            &differential::from_simulation(trace),
            differential::Tolerance::default(),
        );
        print!("{}", differential::table(&rows));
        let mut agree = differential::agree(&rows);
        if let Some(log) = calls_log {
            let text =
                std::fs::read_to_string(log).map_err(|e| format!("{}: {e}", log.display()))?;
            match differential::compare_calls(&text, trace) {
                Ok(calls) => {
                    let list: Vec<String> = calls
                        .iter()
                        .map(|(s, c)| format!("{} {c}", s.name()))
                        .collect();
                    println!("calls agree: {}", list.join(", "));
                }
                Err(e) => {
                    println!("calls DIFFER: {e}");
                    agree = false;
                }
            }
        }
        Ok(agree)
    }
}

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

With no output file, the run is printed as tcpdump lines.

synack scorm: an exercise as a SCORM package for an LMS

usage: synack scorm --link LINK --out FILE.zip [--version 1.2|2004]
                    [--title TITLE] [--dist DIR]

  --link LINK         the exercise's link (copied from the page, or just its
                      query: \"exercise=fill&ask=1,2,3&numbers=absolute\");
                      each learner's numbers come from their LMS identifier
  --out FILE          the package to write
  --version V         1.2 (default) or 2004
  --title TITLE       the activity's title in the LMS (default: the scenario's)
  --dist DIR          the built page to package (default dist, from
                      scripts/serve.sh or trunk build --release)";

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
        let mut args = args.peekable();
        if args.peek().is_some_and(|a| a == "scorm") {
            args.next();
            return scorm(lexopt::Parser::from_args(args)).map(|()| true);
        }
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

    /// `synack scorm`: the exercise of a link, with the built page, as a
    /// SCORM package.
    fn scorm(mut parser: lexopt::Parser) -> Result<(), String> {
        use lexopt::prelude::*;
        use synack::package::{self, Scorm};
        let (mut link, mut out, mut title) = (None::<String>, None::<PathBuf>, None::<String>);
        let (mut version, mut dist) = (Scorm::V12, PathBuf::from("dist"));
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Long("link") => link = Some(text(&mut parser, "--link")?),
                Long("out") => out = Some(file(&mut parser)?),
                Long("title") => title = Some(text(&mut parser, "--title")?),
                Long("dist") => dist = file(&mut parser)?,
                Long("version") => {
                    let v = text(&mut parser, "--version")?;
                    version = Scorm::parse(&v)
                        .ok_or_else(|| format!("--version: `{v}` is not 1.2 or 2004"))?;
                }
                Short('h') | Long("help") => {
                    println!("{HELP}");
                    return Ok(());
                }
                _ => return Err(format!("{}\n\n{HELP}", arg.unexpected())),
            }
        }
        let link = link.ok_or("scorm: --link is needed (the exercise's link)")?;
        let out = out.ok_or("scorm: --out is needed (the package to write)")?;
        // The query of a whole link or the query alone.
        let query = link.split_once('?').map_or(link.as_str(), |(_, q)| q);
        let query = query.split('#').next().unwrap_or_default();
        let (settings, notices) = synack::url::parse(query);
        if !notices.is_empty() {
            let said: Vec<String> = notices.iter().map(|n| n.text(Lang::En)).collect();
            return Err(format!(
                "scorm: the link is not a valid exercise:\n  {}",
                said.join("\n  ")
            ));
        }
        let exercise = settings
            .exercise
            .as_ref()
            .ok_or("scorm: the link has no exercise (exercise=fill, order, play or predict, and its options)")?;
        if exercise.student.is_some() {
            return Err("scorm: leave student= out: in an LMS each learner's numbers come from their own identifier".into());
        }
        if !synack::url::progress_query(exercise, &settings.config).is_empty() {
            return Err("scorm: leave a student's progress out (answers=, order=, moves=, predicted=, checked=): every learner starts afresh".into());
        }
        let title = title.unwrap_or_else(|| {
            settings
                .scenario
                .and_then(scenarios::find)
                .map_or("synack".into(), |s| {
                    scenarios::say(Lang::En, s.title).to_string()
                })
        });
        if !dist.join("index.html").is_file() || !dist.join("scorm.js").is_file() {
            return Err(format!(
                "scorm: {} is not a built page (scripts/serve.sh or trunk build --release makes one)",
                dist.display()
            ));
        }
        let mut files = Vec::new();
        read_dir(&dist, &dist, &mut files)?;
        // The link as the page writes it: only what it sets, in its order.
        let query = synack::url::to_query(&settings);
        let zip = package::package(version, &title, &query, files);
        std::fs::write(&out, &zip).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!(
            "wrote the SCORM {} package of {title} to {} ({} bytes): launches index.html?scorm={}&{query}",
            version.name(),
            out.display(),
            zip.len(),
            version.name(),
        );
        Ok(())
    }

    /// Every file under `dir`, as (path from `root` with `/`, bytes).
    fn read_dir(
        root: &std::path::Path,
        dir: &std::path::Path,
        out: &mut Vec<(String, Vec<u8>)>,
    ) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                read_dir(root, &path, out)?;
            } else {
                let name = path
                    .strip_prefix(root)
                    .map_err(|e| e.to_string())?
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                out.push((name, bytes));
            }
        }
        Ok(())
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

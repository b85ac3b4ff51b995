//! What a run is made of. Every field has a default (a clean handshake over a
//! 50 ms link), and `validate` names the field of any value it refuses.

use crate::decimal::Decimal;
use crate::timer::Preset;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A direction on the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Client to server.
    C2s,
    /// Server to client.
    S2c,
}

impl Dir {
    pub fn name(self) -> &'static str {
        match self {
            Dir::C2s => "c2s",
            Dir::S2c => "s2c",
        }
    }
}

/// How a connection opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// TCP as it is: SYN, SYN-ACK, ACK.
    #[default]
    ThreeWay,
    /// The thought experiment of "why not two": the server opens as soon as it
    /// answers SYN-ACK, and the client sends no third segment. Not TCP.
    TwoWay,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub seed: u64,
    pub timers: Preset,
    pub protocol: Protocol,
    pub client: ClientConfig,
    pub server: ServerConfig,
    pub c2s: LinkConfig,
    pub s2c: LinkConfig,
    /// Drop the nth segment (counting from 1) sent in a direction.
    pub drop: Vec<DropRule>,
    /// Deliver the nth segment in a direction even if random loss would take it.
    pub deliver: Vec<DropRule>,
    /// Hold the nth segment in a direction for extra time (it arrives late).
    pub hold: Vec<HoldRule>,
    /// Stale segments put into the network (old duplicates).
    pub inject: Vec<Inject>,
    /// Spoofed SYNs from forged addresses that never answer (a SYN flood).
    pub flood: Option<FloodConfig>,
    /// A side a student plays: its segments are their choices (an exercise).
    pub play: Option<crate::play::Play>,
    /// Simulated time after which the run stops.
    pub duration_ms: f64,
    /// Bound on processed events, so every run ends.
    pub max_events: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            timers: Preset::Linux,
            protocol: Protocol::ThreeWay,
            client: ClientConfig::default(),
            server: ServerConfig::default(),
            c2s: LinkConfig::default(),
            s2c: LinkConfig::default(),
            drop: Vec::new(),
            deliver: Vec::new(),
            hold: Vec::new(),
            inject: Vec::new(),
            flood: None,
            play: None,
            // Three hours: long enough for keepalive (2 h 11 min) to play out.
            duration_ms: 3.0 * 3600.0 * 1000.0,
            max_events: 100_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkConfig {
    pub delay_ms: f64,
    pub jitter_ms: f64,
    /// Probability from 0 to 1 that a segment is lost.
    pub loss: f64,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            delay_ms: 50.0,
            jitter_ms: 0.0,
            loss: 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropRule {
    pub dir: Dir,
    pub nth: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldRule {
    pub dir: Dir,
    pub nth: u32,
    pub extra_ms: f64,
}

/// A stale segment that enters the network at `at_ms` and travels like any other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub at_ms: f64,
    pub dir: Dir,
    pub flags: Vec<String>,
    /// Offset from the sender's ISN for this 4-tuple at time 0 (may be negative).
    #[serde(default)]
    pub seq: i64,
    /// Offset from the receiver's ISN at time 0, for segments with ACK.
    #[serde(default)]
    pub ack: i64,
    #[serde(default)]
    pub len: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClientConfig {
    /// When the application calls connect().
    pub connect_ms: f64,
    /// A second connect(), e.g. after a crash and reboot (RFC 9293 Fig. 9).
    pub reconnect_ms: Option<f64>,
    /// Bytes written right after connect(): they ride on the third segment.
    pub data: u32,
    /// Bytes sent on the SYN itself (sendto with MSG_FASTOPEN).
    pub syn_data: u32,
    /// The client holds a valid Fast Open cookie for this server (RFC 7413).
    pub fastopen_cookie: bool,
    pub writes: Vec<Write>,
    pub close_ms: Option<f64>,
    /// The host dies at this time (no FIN, no RST: it just stops).
    pub crash_ms: Option<f64>,
    /// After the crash the host comes back at once with no TCB, so it answers RST.
    pub reboot: bool,
    pub keepalive: Option<KeepaliveConfig>,
    /// Fix the ISN (at time 0) instead of the keyed hash, to match textbook figures.
    pub isn: Option<u32>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_ms: 0.0,
            reconnect_ms: None,
            data: 0,
            syn_data: 0,
            fastopen_cookie: false,
            writes: Vec::new(),
            close_ms: None,
            crash_ms: None,
            reboot: false,
            keepalive: None,
            isn: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Whether listen() was called; if not, SYNs meet a closed port.
    pub listening: bool,
    /// The server side calls connect() too (simultaneous open, RFC 9293 Fig. 7).
    pub connect_ms: Option<f64>,
    pub writes: Vec<Write>,
    pub close_ms: Option<f64>,
    /// The server application closes as soon as it reads end of file.
    pub close_on_eof: bool,
    /// The server accepts Fast Open (Linux tcp_fastopen & 2; off by default).
    pub fastopen: bool,
    /// The listen() backlog: how many half-open connections the SYN queue holds.
    pub backlog: u32,
    /// When to answer with SYN cookies: `true` when the SYN queue is full
    /// (Linux tcp_syncookies = 1), `false` never, `"always"` for every SYN (2).
    pub syncookies: SynCookies,
    pub crash_ms: Option<f64>,
    pub reboot: bool,
    pub keepalive: Option<KeepaliveConfig>,
    pub isn: Option<u32>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listening: true,
            connect_ms: None,
            writes: Vec::new(),
            close_ms: None,
            close_on_eof: true,
            fastopen: false,
            backlog: 128,
            syncookies: SynCookies::WhenFull,
            crash_ms: None,
            reboot: false,
            keepalive: None,
            isn: None,
        }
    }
}

/// Linux's `tcp_syncookies`: when a listener answers a SYN with a cookie
/// instead of keeping a request. In a config: `false`, `true` or `"always"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynCookies {
    /// 0: a SYN that finds the queue full is dropped.
    Off,
    /// 1: a cookie when the SYN queue is full (the default).
    WhenFull,
    /// 2: a cookie for every SYN; no request is kept, no SYN-ACK repeated.
    Always,
}

impl From<bool> for SynCookies {
    fn from(on: bool) -> SynCookies {
        if on {
            SynCookies::WhenFull
        } else {
            SynCookies::Off
        }
    }
}

impl Serialize for SynCookies {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SynCookies::Off => s.serialize_bool(false),
            SynCookies::WhenFull => s.serialize_bool(true),
            SynCookies::Always => s.serialize_str("always"),
        }
    }
}

impl<'de> Deserialize<'de> for SynCookies {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SynCookies, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = SynCookies;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or \"always\"")
            }
            fn visit_bool<E>(self, on: bool) -> Result<SynCookies, E> {
                Ok(on.into())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SynCookies, E> {
                match v {
                    "always" => Ok(SynCookies::Always),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A SYN flood: `syns` spoofed SYNs, evenly spaced at `rate_per_s` from `start_ms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FloodConfig {
    pub syns: u32,
    pub start_ms: f64,
    pub rate_per_s: f64,
}

impl Default for FloodConfig {
    fn default() -> Self {
        FloodConfig {
            syns: 10_000,
            start_ms: 0.0,
            rate_per_s: 2000.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Write {
    pub at_ms: f64,
    pub bytes: u32,
}

/// Keepalive settings; `{}` means Linux's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeepaliveConfig {
    pub idle_s: f64,
    pub interval_s: f64,
    pub probes: u32,
}

impl Default for KeepaliveConfig {
    fn default() -> Self {
        KeepaliveConfig {
            idle_s: 7200.0,
            interval_s: 75.0,
            probes: 9,
        }
    }
}

/// A refused configuration value, naming its field (`c2s.delay_ms`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Ten days of simulated time, far beyond any lesson, keeps times in range.
pub const MAX_TIME_MS: f64 = 10.0 * 24.0 * 3600.0 * 1000.0;
pub const MAX_BYTES: u32 = 10_000_000;
pub const MAX_LIST: usize = 1000;
/// Segments in one trace: a run stops there (`truncated`), as at
/// `max_events`. More cannot be drawn or read, and turning them into JS
/// objects for `window.synack` would hold the page for seconds.
pub const MAX_SEGMENTS: usize = 5_000;

fn err(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError {
        field: field.into(),
        message: message.into(),
    }
}

/// `field` makes the field's name, only when there is an error to name it
/// in: a valid config (every run) builds no string.
fn check_ms(field: impl FnOnce() -> String, v: f64, max: f64) -> Result<(), ConfigError> {
    if !v.is_finite() {
        return Err(err(
            field(),
            format!(
                "must be a finite number of milliseconds, not {}",
                Decimal(v)
            ),
        ));
    }
    if v < 0.0 {
        return Err(err(
            field(),
            format!("must not be negative (got {})", Decimal(v)),
        ));
    }
    if v > max {
        return Err(err(
            field(),
            format!("must be at most {} ms (got {})", Decimal(max), Decimal(v)),
        ));
    }
    Ok(())
}

fn check_list<T>(field: impl FnOnce() -> String, v: &[T]) -> Result<(), ConfigError> {
    if v.len() > MAX_LIST {
        return Err(err(field(), format!("at most {MAX_LIST} entries")));
    }
    Ok(())
}

impl LinkConfig {
    fn validate(&self, dir: &str) -> Result<(), ConfigError> {
        check_ms(|| format!("{dir}.delay_ms"), self.delay_ms, 600_000.0)?;
        check_ms(|| format!("{dir}.jitter_ms"), self.jitter_ms, 600_000.0)?;
        if !(self.loss.is_finite() && (0.0..=1.0).contains(&self.loss)) {
            return Err(err(
                format!("{dir}.loss"),
                format!(
                    "must be a probability from 0 to 1 (got {})",
                    Decimal(self.loss)
                ),
            ));
        }
        Ok(())
    }
}

impl KeepaliveConfig {
    fn validate(&self, who: &str) -> Result<(), ConfigError> {
        let f = |name: &str| format!("{who}.keepalive.{name}");
        check_ms(|| f("idle_s"), self.idle_s * 1000.0, MAX_TIME_MS)?;
        check_ms(|| f("interval_s"), self.interval_s * 1000.0, MAX_TIME_MS)?;
        if self.idle_s < 1.0 || self.interval_s < 1.0 {
            return Err(err(f("idle_s"), "keepalive times are at least 1 s"));
        }
        if !(1..=100).contains(&self.probes) {
            return Err(err(
                f("probes"),
                format!("must be from 1 to 100 (got {})", self.probes),
            ));
        }
        Ok(())
    }
}

fn check_writes(who: &str, writes: &[Write]) -> Result<(), ConfigError> {
    check_list(|| format!("{who}.writes"), writes)?;
    let mut total = 0u64;
    for (i, w) in writes.iter().enumerate() {
        check_ms(|| format!("{who}.writes[{i}].at_ms"), w.at_ms, MAX_TIME_MS)?;
        total += u64::from(w.bytes);
    }
    if total > u64::from(MAX_BYTES) {
        return Err(err(
            format!("{who}.writes"),
            format!("at most {MAX_BYTES} bytes in all"),
        ));
    }
    Ok(())
}

impl Config {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.seed > (1u64 << 53) {
            return Err(err("seed", "must be an integer from 0 to 2^53"));
        }
        self.c2s.validate("c2s")?;
        self.s2c.validate("s2c")?;
        check_ms(|| "duration_ms".into(), self.duration_ms, MAX_TIME_MS)?;
        if self.duration_ms == 0.0 {
            return Err(err("duration_ms", "must be more than 0"));
        }
        if !(1..=1_000_000).contains(&self.max_events) {
            return Err(err("max_events", "must be from 1 to 1000000"));
        }
        check_list(|| "drop".into(), &self.drop)?;
        for (i, d) in self.drop.iter().enumerate() {
            if d.nth == 0 {
                return Err(err(format!("drop[{i}].nth"), "counts from 1"));
            }
        }
        check_list(|| "deliver".into(), &self.deliver)?;
        for (i, d) in self.deliver.iter().enumerate() {
            if d.nth == 0 {
                return Err(err(format!("deliver[{i}].nth"), "counts from 1"));
            }
        }
        check_list(|| "hold".into(), &self.hold)?;
        for (i, h) in self.hold.iter().enumerate() {
            if h.nth == 0 {
                return Err(err(format!("hold[{i}].nth"), "counts from 1"));
            }
            check_ms(|| format!("hold[{i}].extra_ms"), h.extra_ms, MAX_TIME_MS)?;
        }
        check_list(|| "inject".into(), &self.inject)?;
        for (i, inj) in self.inject.iter().enumerate() {
            check_ms(|| format!("inject[{i}].at_ms"), inj.at_ms, MAX_TIME_MS)?;
            if inj.flags.is_empty() {
                return Err(err(format!("inject[{i}].flags"), "name at least one flag"));
            }
            for f in &inj.flags {
                if crate::segment::Flags::parse_name(f).is_none() {
                    return Err(err(
                        format!("inject[{i}].flags"),
                        format!(
                            "unknown flag \"{}\"; use SYN, ACK, FIN, RST, PSH, URG, ECE, CWR",
                            f.chars().take(20).collect::<String>()
                        ),
                    ));
                }
            }
            if inj.seq.unsigned_abs() > u64::from(u32::MAX)
                || inj.ack.unsigned_abs() > u64::from(u32::MAX)
            {
                return Err(err(
                    format!("inject[{i}].seq"),
                    "offsets must fit in 32 bits",
                ));
            }
            if inj.len > 65_495 {
                return Err(err(format!("inject[{i}].len"), "at most 65495 bytes"));
            }
        }
        if let Some(p) = &self.play {
            if p.moves.len() > crate::play::MAX_MOVES {
                return Err(err(
                    "play.moves",
                    format!("at most {} moves", crate::play::MAX_MOVES),
                ));
            }
            for (i, m) in p.moves.iter().enumerate() {
                let Some(m) = m else { continue };
                if m.flags.is_empty() || m.flags.len() > 8 {
                    return Err(err(format!("play.moves[{i}].flags"), "name 1 to 8 flags"));
                }
                if m.flags
                    .iter()
                    .any(|f| crate::segment::Flags::parse_name(f).is_none())
                {
                    return Err(err(
                        format!("play.moves[{i}].flags"),
                        "use SYN, ACK, FIN, RST, PSH, URG, ECE, CWR",
                    ));
                }
                if m.len > 1460 {
                    return Err(err(format!("play.moves[{i}].len"), "at most 1460 bytes"));
                }
            }
        }
        let c = &self.client;
        check_ms(|| "client.connect_ms".into(), c.connect_ms, MAX_TIME_MS)?;
        if let Some(v) = c.reconnect_ms {
            check_ms(|| "client.reconnect_ms".into(), v, MAX_TIME_MS)?;
        }
        if c.data > MAX_BYTES {
            return Err(err("client.data", format!("at most {MAX_BYTES} bytes")));
        }
        // Linux puts at most one MSS of data on a SYN.
        if c.syn_data > 1460 {
            return Err(err(
                "client.syn_data",
                "at most 1460 bytes (one MSS) fit on a SYN",
            ));
        }
        check_writes("client", &c.writes)?;
        if let Some(v) = c.close_ms {
            check_ms(|| "client.close_ms".into(), v, MAX_TIME_MS)?;
        }
        if let Some(v) = c.crash_ms {
            check_ms(|| "client.crash_ms".into(), v, MAX_TIME_MS)?;
        }
        if let Some(k) = &c.keepalive {
            k.validate("client")?;
        }
        if let Some(f) = &self.flood {
            if !(1..=100_000).contains(&f.syns) {
                return Err(err("flood.syns", "must be from 1 to 100000"));
            }
            check_ms(|| "flood.start_ms".into(), f.start_ms, MAX_TIME_MS)?;
            if !(f.rate_per_s.is_finite() && (1.0..=1_000_000.0).contains(&f.rate_per_s)) {
                return Err(err(
                    "flood.rate_per_s",
                    "must be from 1 to 1000000 SYNs per second",
                ));
            }
        }
        let s = &self.server;
        if !(1..=65_535).contains(&s.backlog) {
            return Err(err("server.backlog", "must be from 1 to 65535"));
        }
        if let Some(v) = s.connect_ms {
            check_ms(|| "server.connect_ms".into(), v, MAX_TIME_MS)?;
        }
        check_writes("server", &s.writes)?;
        if let Some(v) = s.close_ms {
            check_ms(|| "server.close_ms".into(), v, MAX_TIME_MS)?;
        }
        if let Some(v) = s.crash_ms {
            check_ms(|| "server.crash_ms".into(), v, MAX_TIME_MS)?;
        }
        if let Some(k) = &s.keepalive {
            k.validate("server")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field() {
        let mut c = Config::default();
        c.c2s.delay_ms = -5.0;
        assert_eq!(c.validate().unwrap_err().field, "c2s.delay_ms");
        let mut c = Config::default();
        c.s2c.loss = f64::NAN;
        assert_eq!(c.validate().unwrap_err().field, "s2c.loss");
        let mut c = Config::default();
        c.drop.push(DropRule {
            dir: Dir::S2c,
            nth: 0,
        });
        assert_eq!(c.validate().unwrap_err().field, "drop[0].nth");
        assert!(Config::default().validate().is_ok());
    }

    #[test]
    fn unknown_fields_and_directions_are_refused() {
        let e = serde_json::from_str::<Config>(r#"{"c2s":{"dealy_ms":5}}"#).unwrap_err();
        assert!(e.to_string().contains("dealy_ms"), "{e}");
        let e = serde_json::from_str::<Config>(r#"{"drop":[{"dir":"up","nth":1}]}"#).unwrap_err();
        assert!(e.to_string().contains("up"), "{e}");
    }
}

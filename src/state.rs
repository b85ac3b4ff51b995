//! The app's one model and the actions a user takes on it.
//!
//! The view is a pure function of (trace, playhead). The run on show (its
//! trace, its figure, a compared run) is one slice, `Run`, derived from its
//! inputs alone and replaced whole (`Model::change_run`); the playhead is a
//! position on the figure's compressed time axis.

mod run;

pub use run::{Compared, Inputs, Run, Source};

use crate::exercise::fill::Answer;
use crate::exercise::{Checked, Exercise, Kind};
use crate::geometry::{Frame, Layout};
use crate::i18n::Lang;
use crate::number::{parse_decimal, within};
use crate::quiz::{self, Grades, Prediction};
use std::rc::Rc;
use synack_sim::config::DropRule;
use synack_sim::network::Loss;
use synack_sim::trace::Blanks;
use synack_sim::{Config, Dir, Preset, Side, Trace};
use yew::Reducible;

/// Display pixels per wall-clock second at 1× (one 50 ms hop takes about a second).
pub const PX_PER_SECOND: f64 = 50.0;
pub const SPEEDS: [f64; 10] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0];
/// Where playback starts: just above the first event, so nothing has happened yet.
const START_OFFSET: f64 = 24.0;

/// The editable number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Delay(Dir),
    Jitter(Dir),
    Loss(Dir),
    Seed,
    Data,
    Backlog,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Delay(Dir::C2s),
        Field::Jitter(Dir::C2s),
        Field::Loss(Dir::C2s),
        Field::Delay(Dir::S2c),
        Field::Jitter(Dir::S2c),
        Field::Loss(Dir::S2c),
        Field::Seed,
        Field::Data,
        Field::Backlog,
    ];

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// Accepted range, and whether only whole numbers are.
    pub fn range(self) -> (f64, f64, bool) {
        match self {
            Field::Delay(_) | Field::Jitter(_) => (0.0, 60_000.0, false),
            Field::Loss(_) => (0.0, 100.0, false),
            // 2^53, as the core and the JS API accept.
            Field::Seed => (0.0, 9_007_199_254_740_992.0, true),
            Field::Data => (0.0, 1_000_000.0, true),
            Field::Backlog => (1.0, 65_535.0, true),
        }
    }

    /// The field's value in a config, as the user edits it (loss in percent).
    pub fn read(self, c: &Config) -> f64 {
        match self {
            Field::Delay(d) => link(c, d).delay_ms,
            Field::Jitter(d) => link(c, d).jitter_ms,
            Field::Loss(d) => link(c, d).loss * 100.0,
            Field::Seed => c.seed as f64,
            Field::Data => f64::from(c.client.data),
            Field::Backlog => f64::from(c.server.backlog),
        }
    }

    pub fn write(self, c: &mut Config, v: f64) {
        match self {
            Field::Delay(d) => link_mut(c, d).delay_ms = v,
            Field::Jitter(d) => link_mut(c, d).jitter_ms = v,
            Field::Loss(d) => link_mut(c, d).loss = v / 100.0,
            Field::Seed => c.seed = v as u64,
            Field::Data => c.client.data = v as u32,
            Field::Backlog => c.server.backlog = v as u32,
        }
    }
}

fn link(c: &Config, d: Dir) -> &synack_sim::config::LinkConfig {
    match d {
        Dir::C2s => &c.c2s,
        Dir::S2c => &c.s2c,
    }
}

fn link_mut(c: &mut Config, d: Dir) -> &mut synack_sim::config::LinkConfig {
    match d {
        Dir::C2s => &mut c.c2s,
        Dir::S2c => &mut c.s2c,
    }
}

/// Why a field's text was refused; rendered in the current language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldError {
    NotANumber,
    OutOfRange {
        min: f64,
        max: f64,
        /// Only whole numbers are accepted.
        whole: bool,
    },
    /// A valid number that the config as a whole refuses.
    Conflict,
}

/// What the user typed into a field, which may not be valid.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub text: String,
    pub error: Option<FieldError>,
}

/// Parse a field's text: a finite number in range (a whole one where required).
pub fn parse_field(field: Field, text: &str) -> Result<f64, FieldError> {
    let (min, max, whole) = field.range();
    let v = parse_decimal(text.trim()).ok_or(FieldError::NotANumber)?;
    if !v.is_finite() {
        return Err(FieldError::NotANumber);
    }
    if v < min || v > max || (whole && v.fract() != 0.0) {
        return Err(FieldError::OutOfRange { min, max, whole });
    }
    Ok(v)
}

/// How many languages' words are here (`Inputs::languages`).
fn languages() -> usize {
    [Lang::En, Lang::Zh]
        .into_iter()
        .filter(|l| crate::i18n::catalog::installed(*l).is_some())
        .count()
}

fn drafts_for(config: &Config) -> Vec<Draft> {
    Field::ALL
        .iter()
        .map(|f| Draft {
            text: format_value(f.read(config)),
            error: None,
        })
        .collect()
}

fn format_value(v: f64) -> String {
    crate::number::trimmed(v, 3)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The run on show and its figure (the one derived slice).
    pub run: Run,
    /// What the user typed in each number field.
    pub drafts: Vec<Draft>,
    /// The playhead: a position on the layout's time axis.
    pub pos: f64,
    pub playing: bool,
    pub speed: f64,
    pub lang: Lang,
    pub selected: Option<usize>,
    /// Whether the user asked for reduced motion (playback jumps event to event).
    pub reduced_motion: bool,
    /// Quiz mode: playback stops as each segment leaves, until it is predicted.
    pub quiz: bool,
    /// Segments already predicted (None: skipped), with their grades.
    pub grades: Rc<Grades>,
    /// Presentation mode: the diagram alone, for a projector.
    pub presenting: bool,
    /// An exercise on show, and its answers once checked (a new run clears them).
    pub exercise: Option<Rc<Exercise>>,
    pub checked: Option<Rc<Checked>>,
    /// Sequence and acknowledgment numbers on the diagram's labels.
    pub labels: bool,
}

/// What a student gave for an exercise, as its link keeps it.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// The fill-in boxes, by place among the asked segments.
    Answers(Vec<Answer>),
    /// The segments' order (numbers from 1).
    Order(Vec<u32>),
    /// Moves are the run's own (`Config::play`): nothing more to keep.
    Moves,
}

/// How much of a segment's header is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Veil {
    Open,
    /// Some fields are `?` (an exercise asks for them).
    Fields(Blanks),
    /// Nothing but a `?` (the quiz, before a prediction).
    Whole,
}

/// A capture file on show: its streams, and the one being played.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub file: String,
    pub capture: Rc<synack_sim::import::Capture>,
    pub stream: usize,
}

impl Imported {
    /// A segment's TCP header as captured.
    pub fn header_of(&self, seg: &synack_sim::trace::SegmentRecord) -> Option<Rc<Vec<u8>>> {
        let p = self.capture.streams.get(self.stream)?.packet_of(seg)?;
        Some(Rc::new(p.header.clone()))
    }

    /// The stream a capture opens with: the first whose handshake it holds.
    pub fn first_stream(capture: &synack_sim::import::Capture) -> usize {
        capture
            .streams
            .iter()
            .position(|s| {
                s.packets
                    .iter()
                    .any(|p| p.flags.contains(synack_sim::Flags::SYN))
            })
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A frame passed while playing.
    Tick {
        dt_ms: f64,
    },
    TogglePlay,
    StepForward,
    StepBack,
    /// Jump to a display position (the scrubber).
    Seek(f64),
    /// Jump to a simulated time (a click in the log).
    SeekTime(u64),
    SetSpeed(f64),
    Restart,
    /// Drop a delivered segment, or let a lost one through.
    ToggleDrop(usize),
    Select(Option<usize>),
    /// Jump to a segment's sending and open it in the inspector (a click in the log).
    Inspect(usize),
    Edit(Field, String),
    Reroll(u64),
    SetQuiz(bool),
    /// A prediction for the segment in flight.
    Answer(usize, Prediction),
    /// Reveal the segment in flight without predicting it.
    Skip(usize),
    /// Load a scenario's preset (by name); its controls stay editable.
    LoadScenario(&'static str),
    SetPreset(Preset),
    SetListening(bool),
    SetSynCookies(bool),
    /// Keepalive probes before giving up: 9 as Linux, 10 as the article says.
    SetKeepaliveProbes(u32),
    SetRelative(bool),
    SetLang(Lang),
    SetFrame(Frame),
    /// Replace the config (already validated), keeping the view.
    Replace(Box<Config>),
    /// Show a capture file's stream (`Imported::stream`).
    ShowCapture(Rc<Imported>),
    /// Back from a capture to the simulation.
    CloseCapture,
    /// The student's identifier: their own numbers (`exercise::student`).
    SetStudent(String),
    /// An exercise's answers, graded (by its panel, whose code holds the
    /// grading: the page loads it with the exercise), and what the student
    /// gave, which the link keeps.
    Checked(Rc<Checked>, Given),
    /// Playing an endpoint: the student's next segment (`None`: nothing).
    Move(Option<synack_sim::play::Move>),
    /// Hide the graded answers and try again.
    Retry,
    /// Show or hide seq and ack on the diagram's labels.
    SetLabels(bool),
    Play,
    Pause,
    /// Jump to the end of the run and stop there.
    ToEnd,
    /// The diagram alone, large, for a projector; or back.
    TogglePresentation,
    StopPresenting,
}

impl Model {
    pub fn new(config: Config, lang: Lang, frame: Frame, reduced_motion: bool) -> Model {
        let inputs = |config| Inputs {
            source: Source::Simulated(Rc::new(config)),
            scenario: None,
            relative: true,
            frame,
            languages: languages(),
        };
        let drafts = drafts_for(&config);
        // The default config always runs (a test says so); matched rather
        // than `expect`ed, which would print the error with Debug and bring
        // Rust's string escaping (1 KB) into the page for nothing.
        let run = match Run::of(inputs(config)) {
            Ok(run) => run,
            Err(_) => match Run::of(inputs(Config::default())) {
                Ok(run) => run,
                Err(_) => unreachable!("the default config is valid"),
            },
        };
        Model {
            pos: run.layout().axis.first_y() - START_OFFSET,
            run,
            drafts,
            playing: false,
            speed: 1.0,
            lang,
            selected: None,
            reduced_motion,
            quiz: false,
            grades: Rc::default(),
            presenting: false,
            exercise: None,
            checked: None,
            labels: true,
        }
    }

    pub fn trace(&self) -> &Rc<Trace> {
        self.run.trace()
    }

    pub fn layout(&self) -> &Rc<Layout> {
        self.run.layout()
    }

    pub fn compared(&self) -> Option<&Rc<Compared>> {
        self.run.compared()
    }

    pub fn imported(&self) -> Option<&Rc<Imported>> {
        self.run.imported()
    }

    pub fn scenario(&self) -> Option<&'static str> {
        self.run.inputs().scenario
    }

    pub fn relative(&self) -> bool {
        self.run.inputs().relative
    }

    /// The simulation's config: the run's, or while a capture is on show,
    /// the one it replaced.
    pub fn config(&self) -> &Config {
        self.run.config()
    }

    /// The same, shared: a component compares it by identity.
    pub fn shared_config(&self) -> Rc<Config> {
        self.run.config().clone()
    }

    /// The segment the quiz is about: the first one in flight at the playhead.
    pub fn quiz_target(&self) -> Option<usize> {
        if !self.quiz {
            return None;
        }
        self.layout()
            .arrows
            .iter()
            .find(|a| self.reached(a.y1) && !self.reached(a.y2) && a.y2 > a.y1)
            .map(|a| a.id)
    }

    /// The segment waiting for a prediction, if any.
    pub fn quiz_pending(&self) -> Option<usize> {
        self.quiz_target()
            .filter(|id| !self.grades.contains_key(id))
    }

    /// Whether a segment's numbers must stay hidden (quiz mode, not yet predicted or arrived).
    pub fn masked(&self, id: usize) -> bool {
        self.quiz
            && !self.grades.contains_key(&id)
            && self
                .layout()
                .arrows
                .get(id)
                .is_none_or(|a| !self.reached(a.y2))
    }

    /// How much of segment `id` may be seen: the quiz hides a segment whole
    /// until it is predicted or has arrived; an exercise hides its asked
    /// fields until its answers are checked.
    pub fn veil(&self, id: usize) -> Veil {
        if self.masked(id) {
            return Veil::Whole;
        }
        match (&self.exercise, &self.checked) {
            (Some(ex), None) if ex.kind == Kind::Fill => {
                let asked = ex.asked(self.trace().segments.len());
                match crate::exercise::fill::blanks(ex, &asked, id) {
                    b if b.any() => Veil::Fields(b),
                    _ => Veil::Open,
                }
            }
            _ => Veil::Open,
        }
    }

    /// Every segment's veil, by id; empty when nothing is hidden.
    pub fn veils(&self) -> Vec<Veil> {
        // Only the quiz and an open fill-in exercise hide anything: other
        // kinds get no list of open veils to build every frame.
        let fill_open =
            self.checked.is_none() && self.exercise.as_ref().is_some_and(|e| e.kind == Kind::Fill);
        if !self.quiz && !fill_open {
            return Vec::new();
        }
        (0..self.trace().segments.len())
            .map(|id| self.veil(id))
            .collect()
    }

    /// Whether an exercise is waiting for its answers (the run stays as it is).
    pub fn exercise_open(&self) -> bool {
        // Predicting is the quiz, which holds the run back its own way.
        self.exercise
            .as_ref()
            .is_some_and(|e| e.kind != Kind::Predict)
            && self.checked.is_none()
    }

    /// Predicting as an exercise: the student's predictions kept for the
    /// link, and once every segment has one (or was skipped), the score.
    fn predicted(&mut self, id: usize, p: Option<crate::quiz::Prediction>) {
        let segments = self.trace().segments.len();
        let Some(ex) = self.exercise.as_mut().filter(|e| e.kind == Kind::Predict) else {
            return;
        };
        let ex = Rc::make_mut(ex);
        if ex.predicted.len() <= id {
            ex.predicted.resize(id + 1, None);
        }
        ex.predicted[id] = p;
        let answered = (0..segments).all(|id| self.grades.contains_key(&id));
        if answered && segments > 0 {
            let right = self
                .grades
                .values()
                .flatten()
                .filter(|g| g.all_right())
                .count();
            ex.checked = true;
            self.checked = Some(Rc::new(Checked::Predict {
                right,
                total: segments,
            }));
        }
    }

    /// Whether segments wait to be put in order: the run is the answer,
    /// so it is not shown, and the playhead stays at its start.
    pub fn order_open(&self) -> bool {
        self.exercise_open()
            && self
                .exercise
                .as_ref()
                .is_some_and(|e| e.kind == Kind::Order)
    }

    /// In quiz mode, moving forward stops where an unpredicted segment leaves.
    fn stop_for_quiz(&mut self, from: f64) {
        if !self.quiz {
            return;
        }
        let stop = self
            .layout()
            .arrows
            .iter()
            .filter(|a| a.y1 > from + 1e-6 && a.y1 <= self.pos + 1e-6 && a.y2 > a.y1)
            .filter(|a| !self.grades.contains_key(&a.id))
            .map(|a| a.y1)
            .fold(f64::INFINITY, f64::min);
        if stop.is_finite() {
            self.pos = stop;
            self.playing = false;
        }
    }

    /// A model that starts from a scenario's preset.
    pub fn with_scenario(
        s: &'static crate::scenarios::Scenario,
        lang: Lang,
        frame: Frame,
        reduced_motion: bool,
    ) -> Model {
        let mut m = Model::new((s.config)(), lang, frame, reduced_motion);
        m.load(s);
        m
    }

    /// Start as a link or an embed says: its scenario, config, view and playhead.
    pub fn from_settings(
        s: &crate::url::Settings,
        lang: Lang,
        frame: Frame,
        reduced: bool,
    ) -> Model {
        let mut m = match s.scenario.and_then(crate::scenarios::find) {
            Some(sc) => Model::with_scenario(sc, lang, frame, reduced),
            None => Model::new(s.config.clone(), lang, frame, reduced),
        };
        if *m.config() != s.config {
            m.replace_config(s.config.clone());
        }
        if let Some(r) = s.relative {
            let _ = m.change_run(|i| i.relative = r);
        }
        m.quiz = s.quiz;
        m.exercise = s.exercise.clone().map(Rc::new);
        // Predictions a link brings back are graded again, in order.
        let predicted = m
            .exercise
            .as_ref()
            .map(|e| e.predicted.clone())
            .unwrap_or_default();
        for (id, p) in predicted.into_iter().enumerate() {
            if id >= m.trace().segments.len() {
                break;
            }
            let g = p.map(|p| quiz::grade(m.trace(), id, &p, m.relative()));
            Rc::make_mut(&mut m.grades).insert(id, g);
            m.predicted(id, p);
        }
        m.labels = s.labels;
        m.speed = within(s.speed, SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
        if m.order_open() {
            // The run is the answer: it waits at its start, unseen.
            m.pos = m.start_pos();
        } else if let Some(t) = s.t_us {
            m.pos = within(m.layout().axis.y(t), m.start_pos(), m.end_pos());
        } else if m.exercise.as_ref().is_some_and(|e| e.kind == Kind::Play) {
            // Playing a side: what happened up to the student's move is shown.
            m.pos = m.end_pos();
        }
        m
    }

    /// What a link to this view carries (the language only if chosen).
    pub fn settings(
        &self,
        lang_chosen: bool,
        embed: Option<crate::url::Embed>,
    ) -> crate::url::Settings {
        crate::url::Settings {
            scenario: self.scenario(),
            config: self.config().clone(),
            lang: lang_chosen.then_some(self.lang),
            t_us: (self.pos > self.start_pos()).then(|| self.time()),
            speed: self.speed,
            // Only when it differs from the scenario's own choice: shorter links.
            relative: {
                let default = !self
                    .scenario()
                    .and_then(crate::scenarios::find)
                    .is_some_and(|s| s.absolute);
                (self.relative() != default).then_some(self.relative())
            },
            quiz: self.quiz,
            embed,
            exercise: self.exercise.as_deref().cloned(),
            labels: self.labels,
        }
    }

    /// A whole new config (the JavaScript API's `setConfig`), re-simulated.
    fn replace_config(&mut self, config: Config) {
        let drafts = drafts_for(&config);
        if self.simulate(config).is_ok() {
            self.drafts = drafts;
        }
    }

    /// Show a simulation of `config` (leaving any capture).
    fn simulate(&mut self, config: Config) -> Result<(), synack_sim::ConfigError> {
        self.change_run(|i| i.source = Source::Simulated(Rc::new(config)))
    }

    fn load(&mut self, s: &'static crate::scenarios::Scenario) {
        let config = (s.config)();
        let drafts = drafts_for(&config);
        let loaded = self.change_run(|i| {
            i.source = Source::Simulated(Rc::new(config));
            i.scenario = Some(s.name);
            i.relative = !s.absolute;
        });
        if loaded.is_ok() {
            self.drafts = drafts;
            self.selected = None;
            self.playing = false;
            self.pos = self.start_pos();
        }
    }

    pub fn draft(&self, f: Field) -> &Draft {
        &self.drafts[f.index()]
    }

    /// The simulated time at the playhead (0 before anything has happened).
    pub fn time(&self) -> u64 {
        if self.pos < self.layout().axis.first_y() {
            0
        } else {
            self.layout().axis.time_at(self.pos)
        }
    }

    pub fn start_pos(&self) -> f64 {
        self.layout().axis.first_y() - START_OFFSET
    }

    pub fn end_pos(&self) -> f64 {
        self.layout().axis.last_y()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.end_pos()
    }

    /// Has this display position been reached by the playhead?
    pub fn reached(&self, y: f64) -> bool {
        y <= self.pos + 1e-6
    }

    /// Index of the latest moment at or before the playhead, if any.
    pub fn moment(&self) -> Option<usize> {
        let axis = &self.layout().axis;
        let n = axis
            .moments()
            .iter()
            .take_while(|&&t| self.reached(axis.y(t)))
            .count();
        n.checked_sub(1)
    }

    /// The one way the run changes: new inputs, a run derived from them,
    /// the playhead kept in place. A config that cannot run changes nothing
    /// and says why (the run on show stays what it was).
    fn change_run(
        &mut self,
        change: impl FnOnce(&mut Inputs),
    ) -> Result<(), synack_sim::ConfigError> {
        let mut inputs = self.run.inputs().clone();
        change(&mut inputs);
        self.show(inputs)
    }

    // Apart from `change_run`, which is made once per kind of change: this
    // is the code that each would otherwise repeat.
    fn show(&mut self, inputs: Inputs) -> Result<(), synack_sim::ConfigError> {
        let run = self.run.with(inputs)?;
        let new_source = run.inputs().source != self.run.inputs().source;
        self.keeping_place(|m| m.run = run);
        if new_source {
            // A new run: its segments are new questions, and what the
            // student gave for the old one leaves the link too.
            self.grades = Rc::default();
            self.checked = None;
            if let Some(ex) = &mut self.exercise {
                let ex = Rc::make_mut(ex);
                ex.answers.clear();
                ex.order.clear();
                ex.predicted.clear();
                ex.checked = false;
            }
            if self
                .selected
                .is_some_and(|id| id >= self.trace().segments.len())
            {
                self.selected = None;
            }
        }
        Ok(())
    }

    /// Change the run or its layout and keep the playhead's place: at the
    /// start, at the end, or at its time. Someone who has watched the whole
    /// run sees the whole new one: a later end must not leave the playhead
    /// short of it, with segments that look as if they never arrived.
    fn keeping_place(&mut self, change: impl FnOnce(&mut Model)) {
        let time = self.time();
        let before_start = self.pos < self.layout().axis.first_y();
        let at_end = !before_start && self.at_end();
        change(self);
        self.pos = if before_start {
            self.start_pos()
        } else if at_end {
            self.end_pos()
        } else {
            self.layout().axis.y(time).min(self.end_pos())
        };
    }

    fn toggle_drop(&mut self, id: usize) {
        // A capture is what happened: there is nothing to drop.
        if self.imported().is_some() {
            return;
        }
        let Some(seg) = self.trace().segments.get(id) else {
            return;
        };
        if seg.injected {
            return;
        }
        let rule = DropRule {
            dir: match seg.from {
                Side::Client => Dir::C2s,
                Side::Server => Dir::S2c,
            },
            nth: seg.nth,
        };
        let mut c = self.config().clone();
        match seg.loss {
            Some(Loss::Dropped) => c.drop.retain(|r| *r != rule),
            Some(Loss::Random) => c.deliver.push(rule),
            None => {
                c.deliver.retain(|r| *r != rule);
                c.drop.push(rule);
            }
        }
        self.selected = Some(id);
        let _ = self.simulate(c);
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Segments waiting to be put in order: playing the run would tell.
        let playback = matches!(
            action,
            Action::Tick { .. }
                | Action::Play
                | Action::TogglePlay
                | Action::StepForward
                | Action::StepBack
                | Action::Seek(_)
                | Action::SeekTime(_)
                | Action::Restart
                | Action::ToEnd
                | Action::Inspect(_)
        );
        if playback && self.order_open() {
            return self;
        }
        let mut m = (*self).clone();
        match action {
            Action::Tick { dt_ms } => {
                if !m.playing {
                    return self;
                }
                // Bounded, so a tab woken after minutes does not leap to the end.
                let dt = within(dt_ms, 0.0, 100.0) / 1000.0;
                let from = m.pos;
                let first = m.layout().axis.first_y();
                // The first frame reaches the first event: at 0.1× the
                // blank strip above it would take seconds of nothing.
                m.pos = if m.pos < first {
                    first
                } else {
                    (m.pos + dt * PX_PER_SECOND * m.speed).min(m.end_pos())
                };
                m.stop_for_quiz(from);
                if m.at_end() {
                    m.playing = false;
                }
            }
            Action::Play if m.playing => return self,
            Action::TogglePlay | Action::Play => {
                if !m.playing && m.quiz_pending().is_some() {
                    return self;
                }
                if !m.playing && m.at_end() {
                    m.pos = m.start_pos();
                }
                m.playing = !m.playing;
            }
            Action::StepForward => {
                if m.quiz_pending().is_some() {
                    m.playing = false;
                    return Rc::new(m);
                }
                let now = m.pos;
                let next = m.layout().axis.stops().find(|&y| y > now + 1e-6);
                if let Some(y) = next {
                    m.pos = y;
                    m.stop_for_quiz(now);
                }
                // Reduced-motion playback advances by steps: it too stops at the end.
                if m.at_end() {
                    m.playing = false;
                }
            }
            Action::StepBack => {
                m.playing = false;
                let now = m.pos;
                let prev = m.layout().axis.stops().filter(|&y| y < now - 1e-6).last();
                m.pos = prev.unwrap_or_else(|| m.start_pos());
            }
            Action::Seek(y) => m.pos = within(y, m.start_pos(), m.end_pos()),
            Action::SeekTime(t) => m.pos = m.layout().axis.y(t),
            Action::SetSpeed(s) => m.speed = within(s, SPEEDS[0], SPEEDS[SPEEDS.len() - 1]),
            Action::Restart => {
                m.pos = m.start_pos();
                m.playing = true;
            }
            Action::ToggleDrop(id) => m.toggle_drop(id),
            Action::Select(id) => m.selected = id,
            Action::Inspect(id) => {
                if let Some(a) = m.layout().arrows.get(id) {
                    m.pos = a.y1;
                    m.selected = Some(id);
                }
            }
            Action::Edit(field, text) => {
                let result = parse_field(field, &text).and_then(|v| {
                    let mut c = m.config().clone();
                    field.write(&mut c, v);
                    // A number in range that the config as a whole refuses
                    // leaves the last valid run on show, and says so.
                    m.simulate(c).map_err(|_| FieldError::Conflict)
                });
                m.drafts[field.index()] = Draft {
                    text,
                    error: result.err(),
                };
            }
            Action::Reroll(seed) => {
                let mut c = m.config().clone();
                c.seed = seed;
                if m.simulate(c).is_ok() {
                    m.drafts[Field::Seed.index()] = Draft {
                        text: seed.to_string(),
                        error: None,
                    };
                }
            }
            Action::SetQuiz(on) => {
                m.quiz = on;
                m.grades = Rc::default();
                m.playing = false;
            }
            Action::Answer(id, prediction) => {
                if id < m.trace().segments.len() {
                    let g = quiz::grade(m.trace(), id, &prediction, m.relative());
                    Rc::make_mut(&mut m.grades).insert(id, Some(g));
                    m.predicted(id, Some(prediction));
                }
            }
            Action::Skip(id) => {
                if id < m.trace().segments.len() {
                    Rc::make_mut(&mut m.grades).insert(id, None);
                    m.predicted(id, None);
                }
            }
            Action::SetStudent(text) => {
                let Some(ex) = m.exercise.clone() else {
                    return self;
                };
                let Some(who) = crate::exercise::parse_student(&text) else {
                    return self;
                };
                let mut c = m.config().clone();
                crate::exercise::student::vary(&mut c, &who, ex.vary);
                // Moves sent with another student's numbers start afresh.
                if let Some(p) = c.play.as_mut() {
                    p.moves.clear();
                }
                let drafts = drafts_for(&c);
                if m.simulate(c).is_ok() {
                    m.drafts = drafts;
                    // Another student's numbers: their answers start afresh.
                    m.exercise = Some(Rc::new(Exercise {
                        student: Some(who),
                        answers: Vec::new(),
                        order: Vec::new(),
                        predicted: Vec::new(),
                        checked: false,
                        ..(*ex).clone()
                    }));
                }
            }
            Action::Checked(graded, given) => {
                let was_open = m.order_open();
                if let Some(ex) = &mut m.exercise {
                    let ex = Rc::make_mut(ex);
                    match given {
                        Given::Answers(a) => ex.answers = a,
                        Given::Order(o) => ex.order = o,
                        Given::Moves => {}
                    }
                    ex.checked = true;
                    m.checked = Some(graded);
                }
                // The order checked: the run plays, in its true order.
                if was_open {
                    m.pos = m.start_pos();
                    m.playing = true;
                }
            }
            Action::Move(next) => {
                let mut c = m.config().clone();
                let Some(play) = c.play.as_mut() else {
                    return self;
                };
                if play.moves.len() >= synack_sim::play::MAX_MOVES {
                    return self;
                }
                play.moves.push(next);
                let from = m.time();
                if m.simulate(c).is_ok() {
                    // The peer's answer plays from the move on.
                    m.pos = m.layout().axis.y(from);
                    m.playing = true;
                }
            }
            Action::Retry => {
                m.checked = None;
                if let Some(ex) = &mut m.exercise {
                    Rc::make_mut(ex).checked = false;
                }
                // Playing again starts from the first move.
                let mut c = m.config().clone();
                if let Some(play) = c.play.as_mut().filter(|p| !p.moves.is_empty()) {
                    play.moves.clear();
                    let _ = m.simulate(c);
                }
                if m.order_open() {
                    m.pos = m.start_pos();
                    m.playing = false;
                }
            }
            Action::SetLabels(on) => m.labels = on,
            Action::LoadScenario(name) => {
                if let Some(s) = crate::scenarios::find(name) {
                    m.load(s);
                }
            }
            Action::SetPreset(p) => {
                let mut c = m.config().clone();
                c.timers = p;
                let _ = m.simulate(c);
            }
            Action::SetListening(on) => {
                let mut c = m.config().clone();
                c.server.listening = on;
                let _ = m.simulate(c);
            }
            Action::SetSynCookies(on) => {
                let mut c = m.config().clone();
                c.server.syncookies = on.into();
                let _ = m.simulate(c);
            }
            Action::SetKeepaliveProbes(n) => {
                let mut c = m.config().clone();
                if let Some(k) = &mut c.server.keepalive {
                    k.probes = n.clamp(1, 100);
                    let _ = m.simulate(c);
                }
            }
            Action::SetRelative(r) => {
                let _ = m.change_run(|i| i.relative = r);
            }
            // Only a language whose words are here (app::choose_language).
            // Labels keep room for every language whose words are here, so
            // the figure is laid out again when one arrives.
            Action::SetLang(l) if crate::i18n::catalog::installed(l).is_some() => {
                m.lang = l;
                let _ = m.change_run(|i| i.languages = languages());
            }
            Action::SetLang(_) => {}
            Action::Replace(c) => m.replace_config(*c),
            Action::ShowCapture(imported) => {
                // What to go back to: the simulation this capture replaces
                // (another stream of a capture replaces none).
                let replaced = match &m.run.inputs().source {
                    Source::Captured { replaced, .. } => replaced.clone(),
                    Source::Simulated(c) => (c.clone(), m.scenario()),
                };
                let shown = m.change_run(|i| {
                    i.source = Source::Captured { imported, replaced };
                    i.scenario = None;
                });
                if shown.is_err() {
                    return self;
                }
                m.quiz = false;
                m.selected = None;
                m.playing = false;
                m.pos = m.start_pos();
            }
            Action::CloseCapture => {
                let Source::Captured { replaced, .. } = &m.run.inputs().source else {
                    return self;
                };
                let (config, scenario) = replaced.clone();
                let _ = m.change_run(|i| {
                    i.source = Source::Simulated(config);
                    i.scenario = scenario;
                });
                m.pos = m.start_pos();
            }
            Action::Pause => m.playing = false,
            Action::TogglePresentation => m.presenting = !m.presenting,
            Action::StopPresenting if !m.presenting => return self,
            Action::StopPresenting => m.presenting = false,
            Action::ToEnd => {
                m.pos = m.end_pos();
                m.playing = false;
            }
            Action::SetFrame(f) => {
                if f == m.run.inputs().frame {
                    return self;
                }
                let _ = m.change_run(|i| i.frame = f);
            }
        }
        Rc::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Rc<Model> {
        Rc::new(Model::new(Config::default(), Lang::En, Frame::WIDE, false))
    }

    #[test]
    fn an_exercise_hides_what_it_asks_until_checked_and_a_student_gets_new_numbers() {
        let (settings, _) = crate::url::parse("?exercise=fill&ask=2,3&vary=isn,delay");
        let m = Rc::new(Model::from_settings(
            &settings,
            Lang::En,
            Frame::WIDE,
            false,
        ));
        let hidden = Veil::Fields(Blanks {
            flags: false,
            seq: true,
            ack: true,
        });
        assert_eq!(m.veils(), vec![Veil::Open, hidden, hidden]);
        assert!(m.exercise_open());
        // Alice's run: another one, still hidden.
        let before = m.trace().segments[1].seq;
        let m = m.reduce(Action::SetStudent(" alice ".into()));
        assert_ne!(m.trace().segments[1].seq, before);
        assert_eq!(
            m.exercise.as_ref().unwrap().student.as_deref(),
            Some("alice")
        );
        // An identifier that is no identifier changes nothing.
        let same = m.clone().reduce(Action::SetStudent("a\u{202E}b".into()));
        assert_eq!(same.trace().segments[1].seq, m.trace().segments[1].seq);
        // Checked: graded, and everything shows.
        let right = |id: usize| {
            let s = &m.trace().segments[id];
            crate::exercise::fill::Answer {
                seq: s.rel_seq.to_string(),
                ack: s.rel_ack.to_string(),
                ..crate::exercise::fill::Answer::default()
            }
        };
        let ex = m.exercise.clone().unwrap();
        let answers = [(1, right(1)), (2, right(2))];
        let graded = crate::exercise::fill::grade(m.trace(), &ex, &answers, m.relative());
        let m = m.clone().reduce(Action::Checked(
            Rc::new(Checked::Fill(graded)),
            Given::Answers(vec![right(1), right(2)]),
        ));
        assert_eq!(m.checked.as_ref().unwrap().score(), (4, 4));
        assert_eq!(m.veils(), Vec::<Veil>::new());
        let m = m.reduce(Action::Retry);
        assert!(m.exercise_open());
        // The link carries the exercise and the student.
        let q = crate::url::to_query(&m.settings(false, None));
        assert!(
            q.contains("exercise=fill") && q.contains("student=alice"),
            "{q}"
        );
        // And the answers, checked or not: the link opens where the student left off.
        assert!(q.contains("answers=") && !q.contains("checked=1"), "{q}");
    }

    #[test]
    fn predicting_gives_each_student_numbers_a_score_and_a_link_to_resume() {
        let (settings, notices) = crate::url::parse("?exercise=predict&student=alice");
        assert!(notices.is_empty(), "{notices:?}");
        let plain = crate::url::parse("?exercise=predict").0;
        assert_ne!(
            settings.config.seed, plain.config.seed,
            "alice's own numbers"
        );
        let m = Rc::new(Model::from_settings(
            &settings,
            Lang::En,
            Frame::WIDE,
            false,
        ));
        assert!(m.quiz && !m.exercise_open());
        let n = m.trace().segments.len();
        // The SYN predicted right, the rest skipped: a score of 1 of n.
        let syn = &m.trace().segments[0];
        let right = quiz::Prediction {
            flags: syn.flags & synack_sim::Flags::SYN,
            seq: Some(syn.rel_seq),
            ack: None,
            state: Some(quiz::receiver_state_after(m.trace(), 0)),
        };
        let mut m = m.reduce(Action::Answer(0, right));
        assert_eq!(m.checked, None, "not every segment is answered yet");
        let q = crate::url::to_query(&m.settings(false, None));
        assert!(q.contains("predicted=SYN"), "{q}");
        for id in 1..n {
            m = m.reduce(Action::Skip(id));
        }
        assert_eq!(m.checked.as_ref().unwrap().score(), (1, n));
        // The link with the predictions opens graded, with the same score.
        let q = crate::url::to_query(&m.settings(false, None));
        let back = Model::from_settings(&crate::url::parse(&q).0, Lang::En, Frame::WIDE, false);
        assert_eq!(back.checked.as_ref().unwrap().score(), (1, n));
        assert_eq!(back.grades, m.grades);
        // Another run (the controls stay open while predicting): its
        // segments are new questions, and the link forgets the old answers.
        let m = m.reduce(Action::Reroll(7));
        assert_eq!(m.checked, None);
        let q = crate::url::to_query(&m.settings(false, None));
        assert!(!q.contains("predicted=") && !q.contains("checked=1"), "{q}");
    }

    #[test]
    fn a_move_plays_on_from_it_and_retry_starts_over() {
        let (settings, _) = crate::url::parse("?exercise=play&vary=none");
        let m = Rc::new(Model::from_settings(
            &settings,
            Lang::En,
            Frame::WIDE,
            false,
        ));
        assert!(m.exercise_open());
        let waiting = |m: &Model| m.trace().play.as_ref().unwrap().waiting.clone();
        let right = waiting(&m).unwrap().right.unwrap();
        let m = m.reduce(Action::Move(Some(synack_sim::play::Move {
            flags: vec!["SYN".into(), "ACK".into()],
            seq: right.seq,
            ack: right.ack,
            len: 0,
        })));
        assert_eq!(m.trace().segments.len(), 3, "the client answered");
        assert!(m.playing, "its answer plays");
        let m = m.reduce(Action::Move(None));
        assert_eq!(waiting(&m), None, "the run is over");
        let q = crate::url::to_query(&m.settings(false, None));
        assert!(q.contains("moves="), "{q}");
        let m = m.reduce(Action::Retry);
        assert_eq!(m.config().play.as_ref().unwrap().moves, vec![]);
        assert_eq!(m.trace().segments.len(), 1);
    }

    #[test]
    fn segments_to_order_keep_the_run_hidden_until_checked() {
        let (settings, _) = crate::url::parse("?exercise=order");
        let m = Rc::new(Model::from_settings(
            &settings,
            Lang::En,
            Frame::WIDE,
            false,
        ));
        assert!(m.order_open());
        let start = m.pos;
        for a in [
            Action::TogglePlay,
            Action::ToEnd,
            Action::StepForward,
            Action::Seek(500.0),
        ] {
            assert_eq!(m.clone().reduce(a).pos, start, "the run stays unseen");
        }
        let ex = m.exercise.clone().unwrap();
        let g = crate::exercise::order::grade(m.trace(), &ex, &[0, 1, 2]);
        let m = m.reduce(Action::Checked(
            Rc::new(Checked::Order(g)),
            Given::Order(vec![1, 2, 3]),
        ));
        assert!(!m.order_open() && m.playing, "checked: the run plays");
        assert_eq!(m.checked.as_ref().unwrap().score(), (3, 3));
    }

    #[test]
    fn a_capture_is_shown_as_is_and_closing_it_returns_to_the_simulation() {
        let lossy: Config = serde_json::from_str(r#"{"drop":[{"dir":"s2c","nth":1}]}"#).unwrap();
        let bytes = synack_sim::pcap::pcap(
            &synack_sim::simulate(&lossy).unwrap(),
            synack_sim::Capture::Client,
        );
        let capture = synack_sim::import::read(&bytes).unwrap();
        let imported = Rc::new(Imported {
            file: "c.pcap".into(),
            stream: Imported::first_stream(&capture),
            capture: Rc::new(capture),
        });
        let m = model().reduce(Action::LoadScenario("handshake"));
        let m = m.reduce(Action::ShowCapture(imported.clone()));
        assert!(m.imported().is_some() && m.scenario().is_none());
        // Another connection of the same file still goes back to the lesson.
        let m = m.reduce(Action::ShowCapture(imported));
        assert_eq!(m.trace().segments.len(), 4, "what the client's NIC saw");
        // Nothing to drop in a capture.
        let same = m.clone().reduce(Action::ToggleDrop(0));
        assert!(Rc::ptr_eq(same.trace(), m.trace()));
        let back = m.reduce(Action::CloseCapture);
        assert!(back.imported().is_none());
        assert_eq!(
            back.scenario(),
            Some("handshake"),
            "the lesson on show before"
        );
        assert_eq!(
            back.trace().segments.len(),
            3,
            "the default handshake again"
        );
    }

    /// The run on show is the one its inputs make, after any action.
    fn assert_derived(m: &Model) {
        if m.imported().is_none() {
            let t = synack_sim::simulate(m.config()).unwrap();
            assert_eq!(**m.trace(), t, "the trace is the config's");
        }
        let again = Run::of(m.run.inputs().clone()).unwrap();
        assert_eq!(again.layout(), m.layout(), "the layout is the trace's");
    }

    #[test]
    fn derived_data_never_goes_stale() {
        let mut m = model();
        let actions = [
            Action::LoadScenario("syn-ack-lost"),
            Action::Edit(Field::Delay(Dir::C2s), "80".into()),
            Action::SetRelative(false),
            Action::ToggleDrop(0),
            Action::SetFrame(Frame::COMPACT),
            Action::LoadScenario("two-way-old-duplicate"),
            Action::Reroll(7),
            Action::SetPreset(Preset::Rfc),
            Action::Edit(Field::Delay(Dir::C2s), "abc".into()),
            Action::LoadScenario("handshake"),
        ];
        for a in actions {
            m = m.reduce(a);
            assert_derived(&m);
        }
        // A config that cannot run is refused whole: the config shown and
        // the run shown stay each other's.
        let mut bad = m.config().clone();
        bad.c2s.delay_ms = -5.0;
        let before = m.clone();
        let m = m.reduce(Action::Replace(Box::new(bad)));
        assert_eq!(m.config(), before.config());
        assert_eq!(m.trace(), before.trace());
        assert_derived(&m);
    }

    #[test]
    fn fields_refuse_bad_text_and_keep_the_last_valid_run() {
        let m = model();
        let before = m.trace().clone();
        for text in ["-5", "abc", "1e12", "NaN", ""] {
            let m2 = m
                .clone()
                .reduce(Action::Edit(Field::Delay(Dir::C2s), text.into()));
            assert!(
                m2.draft(Field::Delay(Dir::C2s)).error.is_some(),
                "{text:?} is refused"
            );
            assert_eq!(*m2.trace(), before, "{text:?} keeps the last valid run");
            assert_eq!(m2.draft(Field::Delay(Dir::C2s)).text, text);
        }
        let m3 = m.reduce(Action::Edit(Field::Delay(Dir::C2s), "20".into()));
        assert!(m3.draft(Field::Delay(Dir::C2s)).error.is_none());
        assert_eq!(m3.trace().segments[0].arrive_us, Some(20_000));
    }

    #[test]
    fn clicking_a_segment_drops_it_and_clicking_again_lets_it_through() {
        let m = model().reduce(Action::ToggleDrop(1));
        assert!(m.trace().segments[1].lost);
        assert_eq!(
            m.trace().segments[2].sent_us,
            1_000_000,
            "the SYN is retransmitted at 1 s"
        );
        let m = m.reduce(Action::ToggleDrop(1));
        assert!(!m.trace().segments[1].lost);
        assert_eq!(m.trace().segments.len(), 3);
        // A randomly lost segment can be let through.
        let lossy = model().reduce(Action::Edit(Field::Loss(Dir::C2s), "100".into()));
        assert!(lossy.trace().segments[0].lost);
        let through = lossy.reduce(Action::ToggleDrop(0));
        assert!(!through.trace().segments[0].lost);
    }

    #[test]
    fn stepping_visits_every_moment_and_playback_stops_at_the_end() {
        let mut m = model();
        let mut times = vec![];
        while !m.at_end() {
            m = m.reduce(Action::StepForward);
            times.push(m.time());
        }
        assert_eq!(times, [0, 50_000, 100_000, 150_000]);
        m = m.reduce(Action::StepBack);
        assert_eq!(m.time(), 100_000);
        let mut m = m.reduce(Action::Restart);
        assert!(m.playing && m.moment().is_none());
        m = m.reduce(Action::Tick { dt_ms: 0.0 });
        assert_eq!(
            m.moment(),
            Some(0),
            "the first frame of play reaches the SYN"
        );
        for _ in 0..10_000 {
            m = m.reduce(Action::Tick { dt_ms: 16.7 });
        }
        assert!(m.at_end() && !m.playing);
    }

    #[test]
    fn step_by_step_playback_stops_at_the_end() {
        let mut m = model().reduce(Action::TogglePlay);
        for _ in 0..10 {
            m = m.reduce(Action::StepForward);
        }
        assert!(m.at_end());
        assert!(!m.playing, "reaching the end stops playback");
    }

    #[test]
    fn loading_a_scenario_resets_the_run_and_keeps_it_editable() {
        let m = model().reduce(Action::SeekTime(100_000));
        let m = m.reduce(Action::LoadScenario("byte-counting"));
        assert_eq!(m.scenario(), Some("byte-counting"));
        assert!(!m.relative(), "the article's example uses absolute numbers");
        assert_eq!(m.trace().segments[2].seq, 1000);
        assert!(m.moment().is_none(), "back to the start");
        assert_eq!(m.draft(Field::Data).text, "1000");
        let m = m.reduce(Action::Edit(Field::Data, "10".into()));
        assert_eq!(m.trace().segments[3].ack, 1010);
    }

    #[test]
    fn quiz_mode_stops_each_segment_until_it_is_predicted() {
        let mut m = model()
            .reduce(Action::SetQuiz(true))
            .reduce(Action::TogglePlay);
        for _ in 0..200 {
            m = m.reduce(Action::Tick { dt_ms: 16.7 });
        }
        assert!(!m.playing, "stopped at the SYN");
        assert_eq!(m.quiz_pending(), Some(0));
        assert!(m.masked(0));
        assert_eq!(m.time(), 0);
        // Nothing moves on until the SYN is predicted.
        assert_eq!(m.clone().reduce(Action::StepForward).pos, m.pos);
        let p = Prediction {
            flags: synack_sim::Flags::SYN,
            seq: Some(0),
            ack: None,
            state: Some(synack_sim::State::SynReceived),
        };
        let m = m.reduce(Action::Answer(0, p));
        assert!(m.grades.get(&0).unwrap().unwrap().all_right());
        assert!(!m.masked(0) && m.quiz_pending().is_none());
        let m = m.reduce(Action::StepForward);
        assert_eq!(m.time(), 50_000);
        assert_eq!(m.quiz_pending(), Some(1), "the SYN-ACK is next");
    }

    #[test]
    fn the_article_s_ten_probes_are_a_switch_away() {
        let m = model().reduce(Action::LoadScenario("keepalive-dead-client"));
        let probes = |m: &Model| {
            m.trace()
                .segments
                .iter()
                .filter(|s| s.reason_code == "keepalive-probe")
                .count()
        };
        assert_eq!(probes(&m), 9);
        let m = m.reduce(Action::SetKeepaliveProbes(10));
        assert_eq!(probes(&m), 10);
    }

    #[test]
    fn backlog_and_syn_cookies_are_controls() {
        let m = model().reduce(Action::LoadScenario("syn-flood"));
        assert!(m.trace().segments[0].discarded.is_some());
        let on = m.clone().reduce(Action::SetSynCookies(true));
        assert_eq!(on.trace().segments[1].reason_code, "syn-cookie");
        // A backlog larger than the flood leaves room for the real client.
        let big = m.reduce(Action::Edit(Field::Backlog, "20000".into()));
        assert!(big.trace().segments[0].discarded.is_none());
        assert_eq!(big.trace().segments[1].reason_code, "syn-in-listen");
    }

    #[test]
    fn editing_keeps_the_playhead_time() {
        let m = model().reduce(Action::SeekTime(1_000));
        let m = m.reduce(Action::Edit(Field::Jitter(Dir::S2c), "5".into()));
        assert_eq!(m.time(), 1_000);
    }

    #[test]
    fn compared_runs_share_one_clock_until_both_have_ended() {
        let m = model().reduce(Action::LoadScenario("two-way-old-duplicate"));
        let c = m.compared().cloned().expect("a comparison");
        assert_eq!(c.layout.axis, m.layout().axis, "one axis for both");
        assert_eq!(m.layout().frame, Frame::COMPARE);
        let m = m.reduce(Action::ToEnd);
        // Every segment of both runs has arrived or been lost by the end.
        for l in [m.layout(), &c.layout] {
            assert!(l.arrows.iter().all(|a| m.reached(a.y2)));
        }
        assert_eq!(m.time(), m.trace().end_us.max(c.trace.end_us));
        // Leaving the comparison gives the page's own frame back.
        let m = m.reduce(Action::LoadScenario("handshake"));
        assert!(m.compared().is_none());
        assert_eq!(m.layout().frame, Frame::WIDE);
    }

    #[test]
    fn at_the_end_of_the_run_an_edit_shows_all_of_the_new_run() {
        let m = model();
        let end = m.end_pos();
        let m = m.reduce(Action::Seek(end));
        let before = m.time();
        let slower = m.reduce(Action::Edit(Field::Delay(Dir::C2s), "80".into()));
        assert!(
            slower.at_end() && slower.time() > before,
            "{} ms",
            slower.time()
        );
        let faster = slower.reduce(Action::Edit(Field::Delay(Dir::C2s), "10".into()));
        assert!(faster.at_end() && faster.time() < before);
    }
}

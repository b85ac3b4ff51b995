//! The run on show and everything derived from it: its trace, its figure
//! and the run a scenario draws beside it. A `Run` is made only from its
//! `Inputs` (`Run::of`, `Run::with`), so none of these can go stale: a
//! change of config re-simulates, a change of numbering or frame lays out
//! again, and a config that cannot run leaves the run as it was.

use super::Imported;
use crate::geometry::{self, Frame, Layout};
use std::rc::Rc;
use synack_sim::{simulate, Config, ConfigError, Trace};

/// Where a run's segments come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A simulation of this config.
    Simulated(Rc<Config>),
    /// A capture file's stream, as it was recorded, and the simulation it
    /// replaced (its config and scenario), to go back to.
    Captured {
        imported: Rc<Imported>,
        replaced: (Rc<Config>, Option<&'static str>),
    },
}

/// What a run and its figure are made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub source: Source,
    /// The scenario on show: whether another run is drawn beside this one.
    pub scenario: Option<&'static str>,
    /// Sequence numbers relative to each side's ISN.
    pub relative: bool,
    pub frame: Frame,
    /// How many languages' words are here: labels keep room for each
    /// (`i18n::mark_width`), so the figure is laid out again when one arrives.
    pub languages: usize,
}

/// The run a scenario draws beside its own, laid out on the same axis.
#[derive(Debug)]
pub struct Compared {
    /// The scenario that compares: its other run is simulated once.
    pub scenario: &'static str,
    /// What each diagram is: over this run, and over the other.
    pub this: crate::scenarios::Words,
    pub other: crate::scenarios::Words,
    pub trace: Rc<Trace>,
    pub layout: Rc<Layout>,
}

// The labels are the scenario's: the same scenario, the same labels.
impl PartialEq for Compared {
    fn eq(&self, other: &Compared) -> bool {
        self.scenario == other.scenario && self.trace == other.trace && self.layout == other.layout
    }
}

/// A run and its figure, derived from `inputs` alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    inputs: Inputs,
    trace: Rc<Trace>,
    layout: Rc<Layout>,
    compared: Option<Rc<Compared>>,
}

impl Run {
    /// The run these inputs make, or why their config cannot run.
    pub fn of(inputs: Inputs) -> Result<Run, ConfigError> {
        Run::derive(inputs, None)
    }

    /// The run for other inputs, reusing whatever they leave as it was (an
    /// unchanged source is not simulated again). On an error, `self` is
    /// still the run on show.
    pub fn with(&self, inputs: Inputs) -> Result<Run, ConfigError> {
        if inputs == self.inputs {
            return Ok(self.clone());
        }
        Run::derive(inputs, Some(self))
    }

    fn derive(inputs: Inputs, old: Option<&Run>) -> Result<Run, ConfigError> {
        let trace = match old.filter(|o| o.inputs.source == inputs.source) {
            Some(o) => o.trace.clone(),
            None => Rc::new(match &inputs.source {
                Source::Simulated(config) => simulate(config)?,
                Source::Captured { imported, .. } => {
                    match imported.capture.streams.get(imported.stream) {
                        Some(stream) => synack_sim::import::trace(stream),
                        None => {
                            return Err(ConfigError {
                                field: "stream".into(),
                                message: "the capture has no such stream".into(),
                            })
                        }
                    }
                }
            }),
        };
        let compare = inputs
            .scenario
            .and_then(crate::scenarios::find)
            .and_then(|s| s.compare.as_ref())
            .filter(|_| matches!(inputs.source, Source::Simulated(_)));
        let Some(c) = compare else {
            return Ok(Run {
                layout: Rc::new(geometry::layout(&trace, inputs.relative, inputs.frame)),
                trace,
                compared: None,
                inputs,
            });
        };
        // Two runs side by side each get a frame of their own, on one axis.
        let frame = Frame::COMPARE;
        let kept = old
            .and_then(|o| o.compared.as_ref())
            .filter(|k| Some(k.scenario) == inputs.scenario)
            .map(|k| k.trace.clone());
        let other = match kept {
            Some(t) => t,
            None => match simulate(&(c.config)()) {
                Ok(t) => Rc::new(t),
                // The other run is the scenario's own: it always runs, but
                // if it did not, this one is still drawn, alone.
                Err(_) => {
                    return Ok(Run {
                        layout: Rc::new(geometry::layout(&trace, inputs.relative, frame)),
                        trace,
                        compared: None,
                        inputs,
                    })
                }
            },
        };
        let beside = |a: &Trace, b: &Trace| {
            Rc::new(geometry::layout_beside(a, inputs.relative, frame, Some(b)))
        };
        Ok(Run {
            layout: beside(&trace, &other),
            compared: Some(Rc::new(Compared {
                scenario: inputs.scenario.unwrap_or_default(),
                this: c.this,
                other: c.other,
                layout: beside(&other, &trace),
                trace: other,
            })),
            trace,
            inputs,
        })
    }

    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    pub fn trace(&self) -> &Rc<Trace> {
        &self.trace
    }

    pub fn layout(&self) -> &Rc<Layout> {
        &self.layout
    }

    pub fn compared(&self) -> Option<&Rc<Compared>> {
        self.compared.as_ref()
    }

    /// The capture on show, if the run is one.
    pub fn imported(&self) -> Option<&Rc<Imported>> {
        match &self.inputs.source {
            Source::Captured { imported, .. } => Some(imported),
            Source::Simulated(_) => None,
        }
    }

    /// The simulation's config: the run's, or the one a capture replaced.
    pub fn config(&self) -> &Rc<Config> {
        match &self.inputs.source {
            Source::Simulated(c) => c,
            Source::Captured { replaced, .. } => &replaced.0,
        }
    }
}

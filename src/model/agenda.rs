//! The workshop's agenda: steps in order, each with an optional time box.

use super::StepId;
use serde::{Deserialize, Serialize};

/// What the room does during a step, so the app can show the right canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activity {
    /// Talking: welcome, introductions, a break, the close.
    Talk,
    /// Working through the prompt wheel.
    Wheel,
    /// Working on the needs map.
    Map,
    /// Dot voting on the notes.
    Vote,
    /// Agreeing the action plan.
    Actions,
}

impl Activity {
    /// Every activity, in the order a workshop usually meets them.
    pub const ALL: [Activity; 5] = [Activity::Talk, Activity::Wheel, Activity::Map, Activity::Vote, Activity::Actions];

    /// The words shown for the activity.
    pub fn label(self) -> &'static str {
        match self {
            Activity::Talk => "Talk",
            Activity::Wheel => "Prompt wheel",
            Activity::Map => "Needs map",
            Activity::Vote => "Dot voting",
            Activity::Actions => "Action plan",
        }
    }
}

/// The longest time box a step can have, in minutes (a working day); the agenda's editor offers
/// 1 to this many, and a file with any other time box is refused when it is opened, rather than
/// changed because it was looked at.
pub const MAX_STEP_MINUTES: u32 = 480;

/// One step of the agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaStep {
    /// Stable id.
    pub id: StepId,
    /// What the step is called, e.g. "Welcome and introductions".
    pub title: String,
    /// What the room does.
    pub activity: Activity,
    /// The time box in minutes, if the step has one.
    pub minutes: Option<u32>,
}

impl AgendaStep {
    /// A new step with a fresh id.
    pub fn new(title: impl Into<String>, activity: Activity, minutes: Option<u32>) -> Self {
        Self { id: StepId::new_random(), title: title.into(), activity, minutes }
    }
}

/// The steps of a workshop, and which one the room is on.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Agenda {
    /// The steps, in order.
    pub steps: Vec<AgendaStep>,
    /// The step the room is on; `None` before the workshop starts.
    pub current: Option<StepId>,
}

impl Agenda {
    /// The agenda a new workshop starts from: the guide's two tools, then agreeing what to do.
    pub fn suggested() -> Self {
        let steps = vec![
            AgendaStep::new("Welcome and introductions", Activity::Talk, Some(15)),
            AgendaStep::new("Exploring assumptions: the prompt wheel", Activity::Wheel, Some(40)),
            AgendaStep::new("Needs and sources of help: the map", Activity::Map, Some(30)),
            AgendaStep::new("Dot voting on priorities", Activity::Vote, Some(10)),
            AgendaStep::new("Agreeing the action plan", Activity::Actions, Some(20)),
            AgendaStep::new("Close and next steps", Activity::Talk, Some(5)),
        ];
        Self { steps, current: None }
    }

    /// The step with this id.
    pub fn step(&self, id: StepId) -> Option<&AgendaStep> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// The position of the current step.
    pub fn current_index(&self) -> Option<usize> {
        let current = self.current?;
        self.steps.iter().position(|step| step.id == current)
    }

    /// The current step.
    pub fn current_step(&self) -> Option<&AgendaStep> {
        self.current_index().map(|index| &self.steps[index])
    }

    /// The step after the current one (the first step before the workshop starts).
    pub fn next_step(&self) -> Option<&AgendaStep> {
        match self.current_index() {
            None => self.steps.first(),
            Some(index) => self.steps.get(index + 1),
        }
    }

    /// The step before the current one.
    pub fn previous_step(&self) -> Option<&AgendaStep> {
        self.current_index().and_then(|index| index.checked_sub(1)).map(|index| &self.steps[index])
    }

    /// The time boxes added up, in minutes.
    pub fn total_minutes(&self) -> u32 {
        // Saturating, so no agenda, however many steps it has, adds up to a wrapped-round total.
        self.steps.iter().filter_map(|step| step.minutes).fold(0, u32::saturating_add)
    }

    /// A time box outside 1 to [`MAX_STEP_MINUTES`], described, if any step has one.
    pub fn time_box_problem(&self) -> Option<String> {
        let step = self
            .steps
            .iter()
            .find(|step| step.minutes.is_some_and(|minutes| !(1..=MAX_STEP_MINUTES).contains(&minutes)))?;
        Some(format!(
            "the agenda step “{}” has a time box of {} minutes; a step has 1 to {MAX_STEP_MINUTES}",
            step.title,
            step.minutes.unwrap_or_default()
        ))
    }
}

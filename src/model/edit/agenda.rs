//! Edits of the agenda: its steps and which one the room is on.

use super::{Edit, EditError, check_insert, find_mut, position, single_or_batch};
use crate::model::{AgendaStep, MAX_STEP_MINUTES, Session, StepId};

/// A step's time box must be one a file can hold and be read back with (1 to
/// [`MAX_STEP_MINUTES`]), so no edit stores one the loader would refuse.
fn check_time_box(step: &AgendaStep) -> Result<(), EditError> {
    match step.minutes {
        Some(minutes) if !(1..=MAX_STEP_MINUTES).contains(&minutes) => {
            Err(EditError::TimeBox { max: MAX_STEP_MINUTES })
        }
        _ => Ok(()),
    }
}

pub(super) fn insert_step(session: &mut Session, index: usize, step: AgendaStep) -> Result<Edit, EditError> {
    check_time_box(&step)?;
    check_insert("agenda step", index, &session.agenda.steps, |s| s.id == step.id)?;
    let id = step.id;
    session.agenda.steps.insert(index, step);
    Ok(Edit::RemoveStep(id))
}

pub(super) fn update_step(session: &mut Session, step: AgendaStep) -> Result<Edit, EditError> {
    check_time_box(&step)?;
    let slot = find_mut("agenda step", &mut session.agenda.steps, |s| s.id == step.id)?;
    Ok(Edit::UpdateStep(std::mem::replace(slot, step)))
}

pub(super) fn remove_step(session: &mut Session, id: StepId) -> Result<Edit, EditError> {
    let index = position("agenda step", &session.agenda.steps, |s| s.id == id)?;
    let step = session.agenda.steps.remove(index);
    let mut undo = vec![Edit::InsertStep { index, step }];
    if session.agenda.current == Some(id) {
        session.agenda.current = None;
        undo.push(Edit::SetCurrentStep(Some(id)));
    }
    Ok(single_or_batch(undo))
}

pub(super) fn move_step(session: &mut Session, id: StepId, to: usize) -> Result<Edit, EditError> {
    let from = position("agenda step", &session.agenda.steps, |s| s.id == id)?;
    let len = session.agenda.steps.len();
    if to >= len {
        return Err(EditError::IndexOutOfRange { kind: "agenda step", index: to, len });
    }
    let step = session.agenda.steps.remove(from);
    session.agenda.steps.insert(to, step);
    Ok(Edit::MoveStep { id, to: from })
}

pub(super) fn set_current_step(session: &mut Session, current: Option<StepId>) -> Result<Edit, EditError> {
    if let Some(id) = current {
        position("agenda step", &session.agenda.steps, |s| s.id == id)?;
    }
    Ok(Edit::SetCurrentStep(std::mem::replace(&mut session.agenda.current, current)))
}

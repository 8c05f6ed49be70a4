//! Edits of the agenda: its steps and which one the room is on.

use super::{Edit, EditError, check_insert, find_mut, position, single_or_batch};
use crate::model::{AgendaStep, Session, StepId};

pub(super) fn insert_step(session: &mut Session, index: usize, step: AgendaStep) -> Result<Edit, EditError> {
    check_insert("agenda step", index, &session.agenda.steps, |s| s.id == step.id)?;
    let id = step.id;
    session.agenda.steps.insert(index, step);
    Ok(Edit::RemoveStep(id))
}

pub(super) fn update_step(session: &mut Session, step: AgendaStep) -> Result<Edit, EditError> {
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

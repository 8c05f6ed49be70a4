//! Edits of the action plan.

use super::{Edit, EditError, check_insert, find_mut, people::check_organisation, position};
use crate::model::{Action, ActionId, Session};

pub(super) fn insert_action(session: &mut Session, index: usize, action: Action) -> Result<Edit, EditError> {
    check_action_organisations(session, &action)?;
    check_insert("action", index, &session.actions, |a| a.id == action.id)?;
    let id = action.id;
    session.actions.insert(index, action);
    Ok(Edit::RemoveAction(id))
}

pub(super) fn update_action(session: &mut Session, action: Action) -> Result<Edit, EditError> {
    check_action_organisations(session, &action)?;
    let slot = find_mut("action", &mut session.actions, |a| a.id == action.id)?;
    Ok(Edit::UpdateAction(std::mem::replace(slot, action)))
}

pub(super) fn remove_action(session: &mut Session, id: ActionId) -> Result<Edit, EditError> {
    let index = position("action", &session.actions, |a| a.id == id)?;
    let action = session.actions.remove(index);
    Ok(Edit::InsertAction { index, action })
}

pub(super) fn check_action_organisations(session: &Session, action: &Action) -> Result<(), EditError> {
    action.organisations().try_for_each(|id| check_organisation(session, Some(id)))
}

//! Edits of the wheel's prompts: adding, renaming, reordering and removing them.

use super::{Edit, EditError, apply_all, check_insert, find_mut, position};
use crate::model::{MAX_PROMPTS, MIN_PROMPTS, Session, WheelPrompt};

pub(super) fn insert_prompt(session: &mut Session, index: usize, prompt: WheelPrompt) -> Result<Edit, EditError> {
    if session.wheel.prompts.len() >= MAX_PROMPTS {
        return Err(EditError::PromptLimit { min: MIN_PROMPTS, max: MAX_PROMPTS });
    }
    check_insert("prompt", index, &session.wheel.prompts, |p| p.key == prompt.key)?;
    let key = prompt.key.clone();
    session.wheel.prompts.insert(index, prompt);
    Ok(Edit::RemovePrompt(key))
}

pub(super) fn update_prompt(session: &mut Session, prompt: WheelPrompt) -> Result<Edit, EditError> {
    let slot = find_mut("prompt", &mut session.wheel.prompts, |p| p.key == prompt.key)?;
    Ok(Edit::UpdatePrompt(std::mem::replace(slot, prompt)))
}

pub(super) fn move_prompt(session: &mut Session, key: String, to: usize) -> Result<Edit, EditError> {
    let from = position("prompt", &session.wheel.prompts, |p| p.key == key)?;
    let len = session.wheel.prompts.len();
    if to >= len {
        return Err(EditError::IndexOutOfRange { kind: "prompt", index: to, len });
    }
    let prompt = session.wheel.prompts.remove(from);
    session.wheel.prompts.insert(to, prompt);
    Ok(Edit::MovePrompt { key, to: from })
}

pub(super) fn remove_prompt(session: &mut Session, key: &str) -> Result<Edit, EditError> {
    let index = position("prompt", &session.wheel.prompts, |p| p.key == key)?;
    if session.wheel.prompts.len() <= MIN_PROMPTS {
        return Err(EditError::PromptLimit { min: MIN_PROMPTS, max: MAX_PROMPTS });
    }
    let on_prompt: Vec<Edit> = session
        .notes
        .iter()
        .filter(|note| note.placement.wheel_spot().is_some_and(|(prompt, _)| prompt == key))
        .map(|note| Edit::DeleteNote(note.id))
        .collect();
    let mut note_inverses = apply_all(session, on_prompt)?;
    note_inverses.reverse();
    let prompt = session.wheel.prompts.remove(index);
    // The prompt must be back on the wheel before its notes can return to it.
    let mut undo = vec![Edit::InsertPrompt { index, prompt }];
    undo.extend(note_inverses);
    Ok(Edit::Batch(undo))
}

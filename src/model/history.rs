//! Undo and redo.
//!
//! Each entry holds the inverse edits of one gesture. A gesture is one thing a person did: a
//! click, or a whole drag, or a run of typing in one field. Edits that belong to the gesture
//! that is still open are folded into its entry, so undo never steps back one frame of a drag
//! or one letter at a time.

use super::edit::apply_all;
use super::{Edit, EditError, Session};
use std::collections::VecDeque;

/// How many gestures can be undone by default.
pub const DEFAULT_HISTORY_CAPACITY: usize = 200;

/// Names a gesture so its edits can be folded together, e.g. `"drag note 3f2…"` or
/// `"details.title"`. Two edits with equal keys in a row belong to the same gesture until
/// [`History::end_gesture`] is called.
pub type GestureKey = String;

#[derive(Debug, Clone)]
struct Entry {
    /// Inverses in the order their edits were applied; undo applies them back to front.
    inverses: Vec<Edit>,
    description: &'static str,
}

/// The undo and redo stacks of one open session. Never saved to the file.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
    capacity: usize,
    open_gesture: Option<GestureKey>,
}

impl Default for History {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_HISTORY_CAPACITY)
    }
}

impl History {
    /// An empty history that keeps at most `capacity` undo steps.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { undo: VecDeque::new(), redo: Vec::new(), capacity: capacity.max(1), open_gesture: None }
    }

    /// Apply `edit` as a gesture of its own.
    pub fn apply(&mut self, session: &mut Session, edit: Edit) -> Result<(), EditError> {
        self.end_gesture();
        self.apply_in_gesture(session, edit, None)
    }

    /// Apply `edit` as part of the gesture `key`: if that gesture is still open, the edit joins
    /// its undo step; otherwise it opens a new one. With `None` it is a step of its own.
    pub fn apply_in_gesture(
        &mut self,
        session: &mut Session,
        edit: Edit,
        key: Option<GestureKey>,
    ) -> Result<(), EditError> {
        let description = edit.describe();
        let inverse = edit.apply(session)?;
        self.redo.clear();
        let joins_open_gesture = key.is_some() && key == self.open_gesture && !self.undo.is_empty();
        match self.undo.back_mut() {
            Some(entry) if joins_open_gesture => entry.inverses.push(inverse),
            _ => {
                self.undo.push_back(Entry { inverses: vec![inverse], description });
                if self.undo.len() > self.capacity {
                    self.undo.pop_front();
                }
            }
        }
        self.open_gesture = key;
        Ok(())
    }

    /// Close the open gesture, so the next edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.open_gesture = None;
    }

    /// Undo the last gesture. Returns `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.end_gesture();
        let Some(entry) = self.undo.pop_back() else { return Ok(false) };
        match replay(session, &entry) {
            Ok(redo) => {
                self.redo.push(redo);
                Ok(true)
            }
            Err(error) => {
                self.undo.push_back(entry);
                Err(error)
            }
        }
    }

    /// Redo the last undone gesture. Returns `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.end_gesture();
        let Some(entry) = self.redo.pop() else { return Ok(false) };
        match replay(session, &entry) {
            Ok(undo) => {
                self.undo.push_back(undo);
                Ok(true)
            }
            Err(error) => {
                self.redo.push(entry);
                Err(error)
            }
        }
    }

    /// What undo would undo, e.g. "move note".
    pub fn undo_description(&self) -> Option<&'static str> {
        self.undo.back().map(|entry| entry.description)
    }

    /// What redo would redo.
    pub fn redo_description(&self) -> Option<&'static str> {
        self.redo.last().map(|entry| entry.description)
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

/// Applies an entry's edits back to front as one batch, so a failure part-way leaves the session
/// untouched; returns the entry that reverses it.
fn replay(session: &mut Session, entry: &Entry) -> Result<Entry, EditError> {
    let inverses = apply_all(session, entry.inverses.iter().rev().cloned().collect())?;
    Ok(Entry { inverses, description: entry.description })
}

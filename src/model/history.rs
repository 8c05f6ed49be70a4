//! Undo and redo.
//!
//! Each entry holds the inverse edits of one gesture. A gesture is one thing a person did: a
//! click, or a whole drag, or a run of typing in one field. Edits that belong to the gesture
//! that is still open are folded into its entry, so undo never steps back one frame of a drag
//! or one letter at a time.
//!
//! Changes made by someone else (notes from participants' phones) are applied with
//! [`History::apply_external`]: they are not undo steps, they neither close the open gesture
//! nor clear redo, and the stored inverse edits are rebased over them (a participant's new text
//! replaces the text an undo would put back; edits about a note its writer withdrew are
//! dropped), so the facilitator's own steps still undo and redo cleanly on top.

use super::edit::apply_all;
use super::{Edit, EditError, NoteId, Session};
use std::collections::VecDeque;
use time::OffsetDateTime;

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
    /// Whether rebasing over someone else's change took edits out of it: if it then fails to
    /// replay, it is dropped rather than kept (it can never succeed, and would block the steps
    /// beneath it).
    trimmed: bool,
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
                self.undo.push_back(Entry { inverses: vec![inverse], description, trimmed: false });
                if self.undo.len() > self.capacity {
                    self.undo.pop_front();
                }
            }
        }
        self.open_gesture = key;
        Ok(())
    }

    /// Apply a change someone else made (a participant's note from a phone): not an undo step,
    /// so it leaves the open gesture open and redo as it was; the stored steps are rebased over
    /// it so they still apply.
    pub fn apply_external(&mut self, session: &mut Session, edit: Edit) -> Result<(), EditError> {
        let rebase = Rebase::of(&edit);
        edit.apply(session)?;
        if let Some(rebase) = rebase {
            for entry in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                rebase.entry(entry);
            }
            self.undo.retain(|entry| !entry.inverses.is_empty());
            self.redo.retain(|entry| !entry.inverses.is_empty());
        }
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
                if !entry.trimmed {
                    self.undo.push_back(entry);
                }
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
                if !entry.trimmed {
                    self.redo.push(entry);
                }
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
    let mut edits: Vec<Edit> = entry.inverses.iter().rev().cloned().collect();
    if entry.trimmed {
        // A withdrawn note can leave a note's old place past the end of the list; the end is
        // the nearest place that still exists.
        let len = session.notes.len();
        for edit in &mut edits {
            clamp_note_index(edit, len);
        }
    }
    let inverses = apply_all(session, edits)?;
    Ok(Entry { inverses, description: entry.description, trimmed: false })
}

fn clamp_note_index(edit: &mut Edit, len: usize) {
    match edit {
        Edit::InsertNote { index, .. } => *index = (*index).min(len),
        Edit::Batch(edits) => edits.iter_mut().for_each(|edit| clamp_note_index(edit, len)),
        _ => {}
    }
}

/// How stored inverse edits must change after someone else's change.
enum Rebase {
    /// A note's text was changed by its writer: what undo would restore carries the new text.
    Text { id: NoteId, text: String, at: OffsetDateTime },
    /// A note was withdrawn by its writer: edits about it can no longer apply.
    Gone(NoteId),
}

impl Rebase {
    fn of(edit: &Edit) -> Option<Self> {
        match edit {
            Edit::EditNoteText { id, text, at } => Some(Rebase::Text { id: *id, text: text.clone(), at: *at }),
            Edit::DeleteNote(id) => Some(Rebase::Gone(*id)),
            _ => None,
        }
    }

    fn entry(&self, entry: &mut Entry) {
        match self {
            Rebase::Text { id, text, at } => {
                for edit in &mut entry.inverses {
                    carry_text(edit, *id, text, *at);
                }
            }
            Rebase::Gone(id) => {
                let before = entry.inverses.len();
                entry.inverses = std::mem::take(&mut entry.inverses)
                    .into_iter()
                    .filter_map(|edit| without_note(edit, *id))
                    .collect();
                // Anything about the note taken out, or an edit that the note's going may have
                // undermined (a group it emptied, a link it had): either way, it may not replay.
                entry.trimmed |= entry.inverses.len() != before || mentions(&entry.inverses, *id);
                if !entry.trimmed {
                    // Nothing mentioned the note, yet a place in the list may have moved.
                    entry.trimmed = entry.inverses.iter().any(inserts_note);
                }
            }
        }
    }
}

/// Puts the participant's new text (and its time) into every copy of the note an inverse holds.
fn carry_text(edit: &mut Edit, id: NoteId, text: &str, at: OffsetDateTime) {
    match edit {
        Edit::RestoreNote(note) | Edit::InsertNote { note, .. } if note.id == id => {
            text.clone_into(&mut note.text);
            note.edited = at;
        }
        Edit::Batch(edits) => edits.iter_mut().for_each(|edit| carry_text(edit, id, text, at)),
        _ => {}
    }
}

/// `edit` without whatever it does to note `id`; `None` when nothing is left.
fn without_note(edit: Edit, id: NoteId) -> Option<Edit> {
    match edit {
        Edit::InsertNote { ref note, .. } | Edit::RestoreNote(ref note) if note.id == id => None,
        Edit::EditNoteText { id: of, .. }
        | Edit::SetNoteAuthor { id: of, .. }
        | Edit::SetNoteOrganisation { id: of, .. }
        | Edit::SetNoteTags { id: of, .. }
        | Edit::MoveNote { id: of, .. }
        | Edit::SetNoteGroup { id: of, .. }
        | Edit::DeleteNote(of)
            if of == id =>
        {
            None
        }
        Edit::InsertLink { ref link, .. } | Edit::UpdateLink(ref link) if link.need == id || link.help == id => None,
        Edit::CastDot { ref dot, .. } | Edit::WithdrawDot { ref dot, .. } if dot.note == id => None,
        Edit::SetNotesHidden { mut ids, hidden } => {
            ids.retain(|hidden_id| *hidden_id != id);
            (!ids.is_empty()).then_some(Edit::SetNotesHidden { ids, hidden })
        }
        Edit::Batch(edits) => {
            let edits: Vec<Edit> = edits.into_iter().filter_map(|edit| without_note(edit, id)).collect();
            (!edits.is_empty()).then_some(Edit::Batch(edits))
        }
        other => Some(other),
    }
}

/// Whether any of `edits` still refers to note `id` in a way [`without_note`] leaves in (an
/// action's links, a vote's dots).
fn mentions(edits: &[Edit], id: NoteId) -> bool {
    edits.iter().any(|edit| match edit {
        Edit::InsertAction { action, .. } | Edit::UpdateAction(action) => action.linked_notes.contains(&id),
        Edit::InsertVote { vote, .. } | Edit::RestoreVote(vote) => vote.dots.iter().any(|dot| dot.note == id),
        Edit::Batch(edits) => mentions(edits, id),
        _ => false,
    })
}

fn inserts_note(edit: &Edit) -> bool {
    match edit {
        Edit::InsertNote { .. } => true,
        Edit::Batch(edits) => edits.iter().any(inserts_note),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapArc, Note, Placement, WorkshopDetails};
    use time::macros::datetime;

    const AT: OffsetDateTime = datetime!(2026-11-22 10:00 UTC);

    fn on_map(text: &str, along: f32) -> Note {
        Note::new(text, Placement::Map { arc: MapArc::Need, along }, AT)
    }

    fn insert(session: &Session, note: Note) -> Edit {
        Edit::InsertNote { index: session.notes.len(), note }
    }

    fn texts(session: &Session) -> Vec<&str> {
        session.notes.iter().map(|note| note.text.as_str()).collect()
    }

    #[test]
    fn an_external_edit_neither_splits_the_open_gesture_nor_clears_redo() {
        let mut session = Session::new_workshop(WorkshopDetails::default());
        let mut history = History::default();
        let mine = on_map("mine", 0.2);
        let id = mine.id;
        let edit = insert(&session, mine);
        history.apply(&mut session, edit).unwrap();
        let drag = |along| Edit::MoveNote { id, placement: Placement::Map { arc: MapArc::Need, along } };
        history.apply_in_gesture(&mut session, drag(0.3), Some("drag".into())).unwrap();
        let edit = insert(&session, on_map("phone", 0.9));
        history.apply_external(&mut session, edit).unwrap();
        history.apply_in_gesture(&mut session, drag(0.4), Some("drag".into())).unwrap();
        history.end_gesture();
        assert_eq!(history.undo_len(), 2, "the drag is one step, the phone's note none");
        assert!(history.undo(&mut session).unwrap());
        assert_eq!(session.note(id).unwrap().placement, Placement::Map { arc: MapArc::Need, along: 0.2 });
        let edit = insert(&session, on_map("phone 2", 0.8));
        history.apply_external(&mut session, edit).unwrap();
        assert_eq!(history.redo_len(), 1, "redo survives the phone's note");
        assert!(history.undo(&mut session).unwrap());
        assert!(!history.undo(&mut session).unwrap());
        assert_eq!(texts(&session), ["phone", "phone 2"], "undo never removes a participant's note");
    }

    #[test]
    fn undo_puts_back_the_facilitators_change_with_the_participants_latest_words() {
        let mut session = Session::new_workshop(WorkshopDetails::default());
        let mut history = History::default();
        let phone = on_map("first words", 0.5);
        let id = phone.id;
        let edit = insert(&session, phone);
        history.apply_external(&mut session, edit).unwrap();
        let moved = Placement::Map { arc: MapArc::Need, along: 0.7 };
        history.apply(&mut session, Edit::MoveNote { id, placement: moved.clone() }).unwrap();
        history.apply_external(&mut session, Edit::EditNoteText { id, text: "second words".into(), at: AT }).unwrap();
        assert!(history.undo(&mut session).unwrap());
        let note = session.note(id).unwrap();
        assert_eq!((note.text.as_str(), note.placement.clone()), ("second words", on_map("", 0.5).placement));
        assert!(history.redo(&mut session).unwrap());
        assert_eq!(session.note(id).unwrap().placement, moved);
        assert_eq!(session.note(id).unwrap().text, "second words");
    }

    #[test]
    fn a_withdrawn_note_leaves_the_other_steps_undoable() {
        let mut session = Session::new_workshop(WorkshopDetails::default());
        let mut history = History::default();
        let phone = on_map("phone", 0.5);
        let phone_id = phone.id;
        let edit = insert(&session, phone);
        history.apply_external(&mut session, edit).unwrap();
        let mine = on_map("mine", 0.1);
        let mine_id = mine.id;
        let edit = insert(&session, mine);
        history.apply(&mut session, edit).unwrap();
        let moved = Placement::Map { arc: MapArc::Need, along: 0.9 };
        history.apply(&mut session, Edit::MoveNote { id: phone_id, placement: moved }).unwrap();
        // The facilitator deletes their own note, the last in the list; its undo puts it back at
        // position 1, which the withdrawal below leaves past the end.
        history.apply(&mut session, Edit::DeleteNote(mine_id)).unwrap();
        history.apply_external(&mut session, Edit::DeleteNote(phone_id)).unwrap();
        assert_eq!(history.undo_len(), 2, "the move of the withdrawn note is dropped");
        assert!(history.undo(&mut session).unwrap(), "the delete undoes");
        assert_eq!(texts(&session), ["mine"]);
        assert!(history.undo(&mut session).unwrap());
        assert!(session.notes.is_empty());
        assert!(history.redo(&mut session).unwrap());
        assert_eq!(texts(&session), ["mine"]);
    }
}

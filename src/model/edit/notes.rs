//! Edits of the notes themselves: writing, moving, hiding, restoring and deleting them.

use super::{
    Edit, EditError, check_insert, find_mut,
    groups::{check_group, check_joins_group, remove_group_if_empty},
    links::remove_links_of,
    people::check_organisation,
    position, single_or_batch,
    votes::remove_dots,
};
use crate::model::{Note, NoteId, OrganisationId, Placement, Session};
use time::OffsetDateTime;

pub(super) fn insert_note(session: &mut Session, index: usize, note: Note) -> Result<Edit, EditError> {
    check_organisation(session, note.organisation)?;
    check_placement(session, &note.placement)?;
    check_joins_group(session, note.id, note.group, &note.placement)?;
    check_insert("note", index, &session.notes, |n| n.id == note.id)?;
    let id = note.id;
    session.notes.insert(index, note);
    Ok(Edit::DeleteNote(id))
}

pub(super) fn edit_note_text(
    session: &mut Session,
    id: NoteId,
    text: String,
    at: OffsetDateTime,
) -> Result<Edit, EditError> {
    change_note(session, id, |note| {
        note.text = text;
        note.edited = at;
    })
}

pub(super) fn set_note_author(
    session: &mut Session,
    id: NoteId,
    author: Option<String>,
    at: OffsetDateTime,
) -> Result<Edit, EditError> {
    change_note(session, id, |note| {
        note.author = author;
        note.edited = at;
    })
}

pub(super) fn set_note_organisation(
    session: &mut Session,
    id: NoteId,
    organisation: Option<OrganisationId>,
    at: OffsetDateTime,
) -> Result<Edit, EditError> {
    check_organisation(session, organisation)?;
    change_note(session, id, |note| {
        note.organisation = organisation;
        note.edited = at;
    })
}

pub(super) fn set_note_tags(
    session: &mut Session,
    id: NoteId,
    tags: Vec<String>,
    at: OffsetDateTime,
) -> Result<Edit, EditError> {
    change_note(session, id, |note| {
        note.tags = tags;
        note.edited = at;
    })
}

pub(super) fn restore_note(session: &mut Session, restored: Note) -> Result<Edit, EditError> {
    check_organisation(session, restored.organisation)?;
    check_placement(session, &restored.placement)?;
    // Only that the group exists: a restore puts back a state that was whole, and
    // while a moved group is being put back, its notes are briefly in two places.
    check_group(session, restored.group)?;
    let slot = find_mut("note", &mut session.notes, |note| note.id == restored.id)?;
    Ok(Edit::RestoreNote(std::mem::replace(slot, restored)))
}

pub(super) fn delete_note(session: &mut Session, id: NoteId) -> Result<Edit, EditError> {
    let index = position("note", &session.notes, |note| note.id == id)?;
    let note = session.notes.remove(index);
    let group = note.group;
    let mut undo = vec![Edit::InsertNote { index, note }];
    // The group must be back before its note can rejoin it.
    if let Some(restore_group) = remove_group_if_empty(session, group) {
        undo.insert(0, restore_group);
    }
    for action in session.actions.iter_mut().filter(|action| action.linked_notes.contains(&id)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.linked_notes.retain(|linked| *linked != id);
    }
    undo.extend(remove_links_of(session, id));
    undo.extend(remove_dots(session, |dot| dot.note == id));
    Ok(single_or_batch(undo))
}

pub(super) fn move_note(session: &mut Session, id: NoteId, placement: Placement) -> Result<Edit, EditError> {
    check_placement(session, &placement)?;
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    let leaves_arc = before.placement.map_arc() != placement.map_arc();
    // A note that goes to another band or arc leaves its group; along the same arc it stays.
    let leaves_spot = before.placement.spot() != placement.spot();
    note.placement = placement;
    if leaves_spot {
        note.group = None;
    }
    let old_group = before.group;
    let mut undo = vec![Edit::RestoreNote(before)];
    if leaves_spot && let Some(restore_group) = remove_group_if_empty(session, old_group) {
        undo.insert(0, restore_group);
    }
    if leaves_arc {
        undo.extend(remove_links_of(session, id));
    }
    Ok(single_or_batch(undo))
}

pub(super) fn set_notes_hidden(session: &mut Session, ids: Vec<NoteId>, hidden: bool) -> Result<Edit, EditError> {
    if ids.iter().any(|id| session.note(*id).is_none()) {
        return Err(EditError::Missing { kind: "note" });
    }
    let mut changed = Vec::new();
    for note in session.notes.iter_mut().filter(|note| ids.contains(&note.id) && note.hidden != hidden) {
        note.hidden = hidden;
        changed.push(note.id);
    }
    Ok(Edit::SetNotesHidden { ids: changed, hidden: !hidden })
}

pub(super) fn change_note(
    session: &mut Session,
    id: NoteId,
    change: impl FnOnce(&mut Note),
) -> Result<Edit, EditError> {
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    change(note);
    Ok(Edit::RestoreNote(before))
}

pub(super) fn check_placement(session: &Session, placement: &Placement) -> Result<(), EditError> {
    let on_wheel = match placement {
        Placement::Wheel { prompt, .. } => session.wheel.prompt(prompt).is_some(),
        Placement::Unplaced | Placement::Map { .. } => true,
    };
    if placement.is_valid() && on_wheel { Ok(()) } else { Err(EditError::InvalidPlacement) }
}

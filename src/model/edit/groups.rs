//! Edits of groups: their headings, which notes they gather, and moving them as one.

use super::{
    Edit, EditError, check_insert, find_mut, links::remove_links_of, notes::check_placement, position, single_or_batch,
};
use crate::model::{GroupId, NoteGroup, NoteId, Placement, Session};

pub(super) fn insert_group(session: &mut Session, index: usize, group: NoteGroup) -> Result<Edit, EditError> {
    check_insert("group", index, &session.groups, |g| g.id == group.id)?;
    let id = group.id;
    session.groups.insert(index, group);
    Ok(Edit::RemoveGroup(id))
}

pub(super) fn update_group(session: &mut Session, group: NoteGroup) -> Result<Edit, EditError> {
    let slot = find_mut("group", &mut session.groups, |g| g.id == group.id)?;
    Ok(Edit::UpdateGroup(std::mem::replace(slot, group)))
}

/// Removes a group that no note belongs to any more, returning the edit that puts it back.
pub(super) fn remove_group_if_empty(session: &mut Session, id: Option<GroupId>) -> Option<Edit> {
    let id = id?;
    if session.notes.iter().any(|note| note.group == Some(id)) {
        return None;
    }
    let index = session.groups.iter().position(|group| group.id == id)?;
    let group = session.groups.remove(index);
    Some(Edit::InsertGroup { index, group })
}

pub(super) fn remove_group(session: &mut Session, id: GroupId) -> Result<Edit, EditError> {
    let index = position("group", &session.groups, |group| group.id == id)?;
    let group = session.groups.remove(index);
    let mut undo = vec![Edit::InsertGroup { index, group }];
    for note in session.notes.iter_mut().filter(|note| note.group == Some(id)) {
        undo.push(Edit::RestoreNote(note.clone()));
        note.group = None;
    }
    Ok(Edit::Batch(undo))
}

pub(super) fn set_note_group(session: &mut Session, id: NoteId, group: Option<GroupId>) -> Result<Edit, EditError> {
    let placement = session.note(id).ok_or(EditError::Missing { kind: "note" })?.placement.clone();
    check_joins_group(session, id, group, &placement)?;
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    note.group = group;
    let old_group = before.group;
    let mut undo = vec![Edit::RestoreNote(before)];
    if old_group != group
        && let Some(restore_group) = remove_group_if_empty(session, old_group)
    {
        undo.insert(0, restore_group);
    }
    Ok(single_or_batch(undo))
}

/// The spacing along an arc given to a group's notes when they arrive from the wheel.
const GROUP_SPACING_ALONG: f32 = 0.04;

pub(super) fn move_group(session: &mut Session, id: GroupId, placement: Placement) -> Result<Edit, EditError> {
    position("group", &session.groups, |group| group.id == id)?;
    check_placement(session, &placement)?;
    if placement.spot().is_none() {
        return Err(EditError::InvalidPlacement);
    }
    let members: Vec<(NoteId, Placement)> =
        session.group_members(id).map(|note| (note.id, note.placement.clone())).collect();
    let Some((_, first)) = members.first() else {
        return Err(EditError::Missing { kind: "note" });
    };
    let targets: Vec<Placement> = match &placement {
        Placement::Map { arc, along } => {
            let alongs: Vec<f32> = match first {
                // Along an arc, the notes keep their distances from the first one...
                Placement::Map { along: first_along, .. } => members
                    .iter()
                    .map(|(_, old)| match old {
                        Placement::Map { along: old_along, .. } => along + (old_along - first_along),
                        _ => *along,
                    })
                    .collect(),
                // ...and from the wheel they arrive spaced out after it.
                _ => (0..members.len()).map(|index| along + GROUP_SPACING_ALONG * index as f32).collect(),
            };
            // Shift the whole group back onto the arc rather than squashing it at an end.
            let low = alongs.iter().copied().fold(f32::INFINITY, f32::min);
            let high = alongs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let shift = if low < 0.0 {
                -low
            } else if high > 1.0 {
                1.0 - high
            } else {
                0.0
            };
            alongs
                .into_iter()
                .map(|value| Placement::Map { arc: *arc, along: (value + shift).clamp(0.0, 1.0) })
                .collect()
        }
        _ => vec![placement.clone(); members.len()],
    };
    let mut undo = Vec::new();
    let mut left_arc = Vec::new();
    for ((note_id, old), target) in members.iter().zip(targets) {
        if old.map_arc() != target.map_arc() {
            left_arc.push(*note_id);
        }
        let note = find_mut("note", &mut session.notes, |note| note.id == *note_id)?;
        undo.push(Edit::RestoreNote(note.clone()));
        note.placement = target;
    }
    // Links go back after every note is back on its arc.
    for note_id in left_arc {
        undo.extend(remove_links_of(session, note_id));
    }
    Ok(Edit::Batch(undo))
}

pub(super) fn check_group(session: &Session, group: Option<GroupId>) -> Result<(), EditError> {
    match group {
        Some(id) if session.group(id).is_none() => Err(EditError::Missing { kind: "group" }),
        _ => Ok(()),
    }
}

/// A note can join a group only where the group's other notes are.
pub(super) fn check_joins_group(
    session: &Session,
    note: NoteId,
    group: Option<GroupId>,
    placement: &Placement,
) -> Result<(), EditError> {
    let Some(group) = group else { return Ok(()) };
    check_group(session, Some(group))?;
    let spot = placement.spot().ok_or(EditError::GroupSpot)?;
    let elsewhere = session
        .notes
        .iter()
        .any(|other| other.group == Some(group) && other.id != note && other.placement.spot() != Some(spot));
    if elsewhere { Err(EditError::GroupSpot) } else { Ok(()) }
}

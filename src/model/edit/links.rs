//! Edits of the links between needs and sources of help on the map.

use super::{Edit, EditError, check_insert, find_mut, position, single_or_batch};
use crate::model::{Link, LinkId, NoteId, Session};

pub(super) fn insert_link(session: &mut Session, index: usize, link: Link) -> Result<Edit, EditError> {
    check_link(session, &link)?;
    check_insert("link", index, &session.links, |l| l.id == link.id)?;
    let id = link.id;
    session.links.insert(index, link);
    Ok(Edit::RemoveLink(id))
}

pub(super) fn update_link(session: &mut Session, link: Link) -> Result<Edit, EditError> {
    check_link(session, &link)?;
    let slot = find_mut("link", &mut session.links, |l| l.id == link.id)?;
    Ok(Edit::UpdateLink(std::mem::replace(slot, link)))
}

pub(super) fn remove_link(session: &mut Session, id: LinkId) -> Result<Edit, EditError> {
    let index = position("link", &session.links, |l| l.id == id)?;
    let link = session.links.remove(index);
    let mut undo = vec![Edit::InsertLink { index, link }];
    undo.extend(unlink_actions_from_link(session, id));
    Ok(single_or_batch(undo))
}

/// Takes a removed link out of the actions that answered it, returning the edits that put it back.
pub(super) fn unlink_actions_from_link(session: &mut Session, link: LinkId) -> Vec<Edit> {
    let mut undo = Vec::new();
    for action in session.actions.iter_mut().filter(|action| action.linked_links.contains(&link)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.linked_links.retain(|linked| *linked != link);
    }
    undo
}

/// Removes every link that starts or ends at `note`, returning the edits that put them back
/// (in the order they must be applied).
pub(super) fn remove_links_of(session: &mut Session, note: NoteId) -> Vec<Edit> {
    let mut undo = Vec::new();
    let mut index = 0;
    let mut original_index = 0;
    while index < session.links.len() {
        if session.links[index].need == note || session.links[index].help == note {
            let link = session.links.remove(index);
            undo.push(Edit::InsertLink { index: original_index, link });
        } else {
            index += 1;
        }
        original_index += 1;
    }
    let removed: Vec<LinkId> = undo
        .iter()
        .filter_map(|edit| match edit {
            Edit::InsertLink { link, .. } => Some(link.id),
            _ => None,
        })
        .collect();
    for link in removed {
        undo.extend(unlink_actions_from_link(session, link));
    }
    undo
}

pub(super) fn check_link(session: &Session, link: &Link) -> Result<(), EditError> {
    if !session.link_ends_fit(link) {
        return Err(EditError::InvalidLink);
    }
    let duplicate =
        session.links.iter().any(|other| other.id != link.id && other.need == link.need && other.help == link.help);
    if duplicate { Err(EditError::AlreadyLinked) } else { Ok(()) }
}

//! Edits of the partner organisations and the people in the room.

use super::{Edit, EditError, check_insert, find_mut, position, single_or_batch, votes::remove_dots};
use crate::model::{Action, Organisation, OrganisationId, Participant, ParticipantId, Session, Voter};

pub(super) fn insert_organisation(
    session: &mut Session,
    index: usize,
    organisation: Organisation,
) -> Result<Edit, EditError> {
    check_insert("organisation", index, &session.organisations, |org| org.id == organisation.id)?;
    let id = organisation.id;
    session.organisations.insert(index, organisation);
    Ok(Edit::RemoveOrganisation(id))
}

pub(super) fn update_organisation(session: &mut Session, organisation: Organisation) -> Result<Edit, EditError> {
    let slot = find_mut("organisation", &mut session.organisations, |org| org.id == organisation.id)?;
    Ok(Edit::UpdateOrganisation(std::mem::replace(slot, organisation)))
}

pub(super) fn insert_participant(
    session: &mut Session,
    index: usize,
    participant: Participant,
) -> Result<Edit, EditError> {
    check_organisation(session, participant.organisation)?;
    check_insert("participant", index, &session.participants, |p| p.id == participant.id)?;
    let id = participant.id;
    session.participants.insert(index, participant);
    Ok(Edit::RemoveParticipant(id))
}

pub(super) fn update_participant(session: &mut Session, participant: Participant) -> Result<Edit, EditError> {
    check_organisation(session, participant.organisation)?;
    let slot = find_mut("participant", &mut session.participants, |p| p.id == participant.id)?;
    Ok(Edit::UpdateParticipant(std::mem::replace(slot, participant)))
}

pub(super) fn remove_participant(session: &mut Session, id: ParticipantId) -> Result<Edit, EditError> {
    let index = position("participant", &session.participants, |p| p.id == id)?;
    let participant = session.participants.remove(index);
    let mut undo = vec![Edit::InsertParticipant { index, participant }];
    undo.extend(remove_dots(session, |dot| dot.voter == Voter::Participant(id)));
    Ok(single_or_batch(undo))
}

pub(super) fn remove_organisation(session: &mut Session, id: OrganisationId) -> Result<Edit, EditError> {
    let index = position("organisation", &session.organisations, |org| org.id == id)?;
    let organisation = session.organisations.remove(index);
    // The inverse first puts the organisation back, then restores every reference to it.
    let mut undo = vec![Edit::InsertOrganisation { index, organisation }];
    for participant in session.participants.iter_mut().filter(|p| p.organisation == Some(id)) {
        undo.push(Edit::UpdateParticipant(participant.clone()));
        participant.organisation = None;
    }
    for note in session.notes.iter_mut().filter(|note| note.organisation == Some(id)) {
        undo.push(Edit::RestoreNote(note.clone()));
        note.organisation = None;
    }
    let names_it = |action: &Action| action.lead == Some(id) || action.supporting.contains(&id);
    for action in session.actions.iter_mut().filter(|action| names_it(action)) {
        undo.push(Edit::UpdateAction(action.clone()));
        if action.lead == Some(id) {
            action.lead = None;
        }
        action.supporting.retain(|supporter| *supporter != id);
    }
    undo.extend(remove_dots(session, |dot| dot.voter == Voter::Organisation(id)));
    Ok(Edit::Batch(undo))
}

pub(super) fn check_organisation(session: &Session, id: Option<OrganisationId>) -> Result<(), EditError> {
    match id {
        Some(id) if session.organisation(id).is_none() => Err(EditError::Missing { kind: "organisation" }),
        _ => Ok(()),
    }
}

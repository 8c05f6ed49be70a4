//! The session as the room has seen it: what summaries and pictures are made from.

use super::{GroupId, LinkId, NoteId, Session};
use std::collections::HashSet;

impl Session {
    /// The session as the room has seen it: notes written in private and not yet revealed are
    /// left out, with their links, dots and places in actions, and any group they leave empty,
    /// exactly as deleting each of them would (since a summary goes to every partner). Returns
    /// that session and how many notes were left out.
    ///
    /// One pass over each list, however many notes are hidden, rather than one delete (each a
    /// pass over every list) per hidden note.
    pub fn as_revealed(&self) -> (Session, usize) {
        let hidden: HashSet<NoteId> = self.hidden_notes().map(|note| note.id).collect();
        if hidden.is_empty() {
            return (self.clone(), 0);
        }
        let mut revealed = self.clone();
        revealed.notes.retain(|note| !hidden.contains(&note.id));
        // A group goes when deleting its last note would take it: it had a hidden note and has
        // no note left. A group that was already empty stays, as it would.
        let emptied: HashSet<GroupId> =
            self.notes.iter().filter(|note| hidden.contains(&note.id)).filter_map(|note| note.group).collect();
        let still_used: HashSet<GroupId> = revealed.notes.iter().filter_map(|note| note.group).collect();
        revealed.groups.retain(|group| !emptied.contains(&group.id) || still_used.contains(&group.id));
        let removed_links: HashSet<LinkId> = self
            .links
            .iter()
            .filter(|link| hidden.contains(&link.need) || hidden.contains(&link.help))
            .map(|link| link.id)
            .collect();
        revealed.links.retain(|link| !removed_links.contains(&link.id));
        for action in &mut revealed.actions {
            action.linked_notes.retain(|note| !hidden.contains(note));
            action.linked_links.retain(|link| !removed_links.contains(link));
        }
        for vote in &mut revealed.votes {
            vote.dots.retain(|dot| !hidden.contains(&dot.note));
        }
        let left_out = self.notes.len() - revealed.notes.len();
        (revealed, left_out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Action, Dot, DotVote, Edit, NoteGroup, ParticipantId, Session, VoteScope, Voter, VoterKind, synthetic_session,
    };
    use time::macros::datetime;

    /// A busy workshop: the synthetic notes and links, with groups (one already empty), an
    /// action tied to notes and links, and a vote with dots on many notes.
    fn busy_session() -> Session {
        let mut session = synthetic_session(80);
        let groups: Vec<NoteGroup> = (0..6).map(|index| NoteGroup::new(format!("Group {index}"))).collect();
        for (index, note) in session.notes.iter_mut().enumerate().filter(|(index, _)| index % 3 == 0) {
            note.group = Some(groups[index % 5].id);
        }
        session.groups = groups;
        let mut action = Action::new("Follow up");
        action.linked_notes = session.notes.iter().step_by(4).map(|note| note.id).collect();
        action.linked_links = session.links.iter().step_by(3).map(|link| link.id).collect();
        session.actions.push(action);
        let mut vote =
            DotVote::new("First?", VoteScope::Wheel, VoterKind::Participants, 50, datetime!(2026-03-12 11:00 UTC));
        let voter = Voter::Participant(ParticipantId::new_random());
        vote.dots = session.notes.iter().step_by(2).map(|note| Dot { voter, note: note.id }).collect();
        session.votes.push(vote);
        session
    }

    #[test]
    fn leaving_out_hidden_notes_matches_deleting_each_of_them() {
        for every in [1, 2, 3, 7, 1000] {
            let mut session = busy_session();
            for note in session.notes.iter_mut().step_by(every) {
                note.hidden = true;
            }
            let mut deleted = session.clone();
            let hidden: Vec<_> = session.hidden_notes().map(|note| note.id).collect();
            for id in &hidden {
                Edit::DeleteNote(*id).apply(&mut deleted).expect("the note is there");
            }
            let (revealed, left_out) = session.as_revealed();
            assert_eq!(left_out, hidden.len(), "every {every}th note hidden");
            assert_eq!(revealed, deleted, "every {every}th note hidden");
        }
    }

    #[test]
    fn a_session_with_nothing_hidden_is_left_as_it_is() {
        let session = busy_session();
        assert_eq!(session.as_revealed(), (session.clone(), 0));
    }
}

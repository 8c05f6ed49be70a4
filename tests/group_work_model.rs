//! Group work in the model: dot votes, groups of notes, the agenda, the action plan and private
//! writing, each undoable, with the rules a facilitator relies on.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::model::{
    Action, Activity, Agenda, AgendaStep, Dot, DotVote, Edit, EditError, History, Link, LinkKind, MapArc, Note,
    NoteGroup, Organisation, Participant, Placement, Rgb, Sector, Session, VoteScope, Voter, VoterKind, WheelBand,
    WorkshopDetails,
};
use time::macros::datetime;

mod common;
use common::{assert_undo_redo, now};

fn money(band: WheelBand) -> Placement {
    Placement::Wheel { prompt: "money".into(), band }
}

fn on_arc(arc: MapArc, along: f32) -> Placement {
    Placement::Map { arc, along }
}

/// Two organisations, three participants, four notes on "What about money?", two needs and two
/// sources of help with a link, an action, and the suggested agenda.
fn workshop() -> Session {
    let mut session = Session::new_workshop(WorkshopDetails::default());
    let mind = Organisation::new("Bristol Mind", Sector::Voluntary, Rgb::palette_colour(0));
    let college = Organisation::new("City College", Sector::Education, Rgb::palette_colour(1));
    session.participants = vec![
        Participant::new(Some("Emily".into()), Some(mind.id)),
        Participant::new(Some("Jenny".into()), Some(college.id)),
        Participant::new(None, None),
    ];
    session.organisations = vec![mind, college];
    for text in ["Short-term funding", "Pooled budgets", "Nobody owns the money"] {
        session.notes.push(Note::new(text, money(WheelBand::Assumption), now()));
    }
    session.notes.push(Note::new("Match funding from the college", money(WheelBand::Opportunity), now()));
    let need = Note::new("Isolation after discharge", on_arc(MapArc::Need, 0.6), now());
    let other_need = Note::new("Debt worries", on_arc(MapArc::Need, 0.2), now());
    let help = Note::new("Peer walking group", on_arc(MapArc::Help, 0.1), now());
    let other_help = Note::new("Citizens Advice", on_arc(MapArc::Help, 0.5), now());
    session.links.push(Link::new(need.id, help.id, LinkKind::CouldWithSupport));
    session.notes.extend([need, other_need, help, other_help]);
    let mut action = Action::new("Start a walking group from the ward");
    action.lead = Some(session.organisations[0].id);
    action.supporting.push(session.organisations[1].id);
    action.linked_links.push(session.links[0].id);
    session.actions.push(action);
    session
}

fn participant_voter(session: &Session, index: usize) -> Voter {
    Voter::Participant(session.participants[index].id)
}

fn open_vote(session: &mut Session, scope: VoteScope, voters: VoterKind, dots: u32) -> DotVote {
    let vote = DotVote::new("What matters most?", scope, voters, dots, now());
    Edit::InsertVote { index: session.votes.len(), vote: vote.clone() }.apply(session).unwrap();
    vote
}

fn cast(session: &mut Session, vote: &DotVote, voter: Voter, note: usize) -> Result<Edit, EditError> {
    let dot = Dot { voter, note: session.notes[note].id };
    Edit::CastDot { vote: vote.id, dot }.apply(session)
}

/// A session with a group of the first two notes on "money", and the group.
fn grouped(mut session: Session) -> (Session, NoteGroup) {
    let group = NoteGroup::new("Funding is short-term");
    let first_two = [session.notes[0].id, session.notes[1].id];
    Edit::group_notes(0, group.clone(), &first_two).apply(&mut session).unwrap();
    (session, group)
}

#[test]
fn every_group_work_edit_undoes_and_redoes_exactly() {
    let (base, group) = grouped(workshop());
    let mut base = base;
    let vote = open_vote(&mut base, VoteScope::Prompt("money".into()), VoterKind::Participants, 3);
    let emily = participant_voter(&base, 0);
    cast(&mut base, &vote, emily, 2).unwrap();
    let third = base.notes[2].id;
    let step = base.agenda.steps[1].clone();
    let action = base.actions[0].clone();
    let dot = Dot { voter: participant_voter(&base, 1), note: base.notes[3].id };
    let later = datetime!(2026-11-22 11:00 UTC);

    let edits = vec![
        Edit::SetNotesHidden { ids: vec![third], hidden: true },
        Edit::SetPrivateWriting(true),
        Edit::InsertGroup { index: 1, group: NoteGroup::new("Another") },
        Edit::UpdateGroup(NoteGroup { heading: "Money is short-term".into(), collapsed: true, ..group.clone() }),
        Edit::RemoveGroup(group.id),
        Edit::SetNoteGroup { id: third, group: Some(group.id) },
        Edit::SetNoteGroup { id: base.notes[0].id, group: None },
        Edit::MoveGroup { id: group.id, placement: money(WheelBand::Opportunity) },
        Edit::CastDot { vote: vote.id, dot },
        Edit::WithdrawDot { vote: vote.id, dot: Dot { voter: emily, note: third } },
        Edit::SetVoteClosed { vote: vote.id, closed: Some(later) },
        Edit::RemoveVote(vote.id),
        Edit::RestoreVote(DotVote { question: "Changed".into(), ..vote.clone() }),
        Edit::InsertStep { index: 2, step: AgendaStep::new("Break", Activity::Talk, Some(15)) },
        Edit::UpdateStep(AgendaStep { minutes: None, ..step.clone() }),
        Edit::RemoveStep(step.id),
        Edit::MoveStep { id: step.id, to: 4 },
        Edit::SetCurrentStep(Some(step.id)),
        Edit::UpdateAction(Action { agreed: true, supporting: Vec::new(), ..action.clone() }),
        // Cascades: each takes something out of votes, groups or actions, and undo puts it back.
        Edit::DeleteNote(third),
        Edit::DeleteNote(base.notes[0].id),
        Edit::RemoveParticipant(base.participants[0].id),
        Edit::RemoveOrganisation(base.organisations[1].id),
        Edit::RemoveLink(base.links[0].id),
        Edit::DeleteNote(base.links[0].help),
        Edit::MoveNote { id: base.notes[1].id, placement: money(WheelBand::Opportunity) },
    ];
    for edit in edits {
        assert_undo_redo(base.clone(), edit);
    }
}

#[test]
fn each_voter_has_only_their_dots_and_may_stack_them() {
    let mut session = workshop();
    let vote = open_vote(&mut session, VoteScope::Prompt("money".into()), VoterKind::Participants, 2);
    let emily = participant_voter(&session, 0);
    cast(&mut session, &vote, emily, 0).unwrap();
    cast(&mut session, &vote, emily, 0).unwrap();
    assert_eq!(cast(&mut session, &vote, emily, 1), Err(EditError::NoDotsLeft { limit: 2 }));
    let jenny = participant_voter(&session, 1);
    cast(&mut session, &vote, jenny, 1).unwrap();
    let ballot = session.vote(vote.id).unwrap();
    assert_eq!((ballot.dots_used_by(emily), ballot.dots_left(emily)), (2, 0));
    assert_eq!((ballot.dots_by_on(emily, session.notes[0].id), ballot.dots_left(jenny)), (2, 1));
    // Taking a dot back gives it back to spend.
    let dot = Dot { voter: emily, note: session.notes[0].id };
    Edit::WithdrawDot { vote: vote.id, dot }.apply(&mut session).unwrap();
    cast(&mut session, &vote, emily, 3).unwrap();
    assert_eq!(session.vote(vote.id).unwrap().dots.len(), 3);
}

#[test]
fn only_the_votes_voters_and_notes_count() {
    let mut session = workshop();
    let vote = open_vote(&mut session, VoteScope::Prompt("money".into()), VoterKind::Organisations, 3);
    let emily = participant_voter(&session, 0);
    assert_eq!(cast(&mut session, &vote, emily, 0), Err(EditError::NotAVoter), "a person, in a vote by organisation");
    let stranger = Voter::Organisation(Organisation::new("Elsewhere", Sector::Other, Rgb::palette_colour(2)).id);
    assert_eq!(cast(&mut session, &vote, stranger, 0), Err(EditError::NotAVoter));
    let mind = Voter::Organisation(session.organisations[0].id);
    assert_eq!(cast(&mut session, &vote, mind, 4), Err(EditError::NotInVote), "a need on the map");
    cast(&mut session, &vote, mind, 3).unwrap();
    // One vote at a time.
    let second = DotVote::new("Another", VoteScope::Map, VoterKind::Participants, 3, now());
    assert_eq!(Edit::InsertVote { index: 1, vote: second }.apply(&mut session), Err(EditError::VoteAlreadyOpen));
}

#[test]
fn a_closed_vote_takes_no_more_dots_and_ranks_its_notes_with_ties_sharing_a_rank() {
    let mut session = workshop();
    let vote = open_vote(&mut session, VoteScope::Wheel, VoterKind::Participants, 3);
    let (emily, jenny, anonymous) =
        (participant_voter(&session, 0), participant_voter(&session, 1), participant_voter(&session, 2));
    for (voter, note) in [(emily, 1), (emily, 1), (emily, 3), (jenny, 3), (jenny, 1), (jenny, 0), (anonymous, 0)] {
        cast(&mut session, &vote, voter, note).unwrap();
    }
    Edit::SetVoteClosed { vote: vote.id, closed: Some(now()) }.apply(&mut session).unwrap();
    assert_eq!(cast(&mut session, &vote, anonymous, 2), Err(EditError::VoteClosed));
    let dot = Dot { voter: emily, note: session.notes[1].id };
    assert_eq!(Edit::WithdrawDot { vote: vote.id, dot }.apply(&mut session), Err(EditError::VoteClosed));

    let ballot = session.last_closed_vote().unwrap();
    let tallies = ballot.tallies(&session.notes);
    let summary: Vec<(&str, u32, u32)> =
        tallies.iter().map(|tally| (session.note(tally.note).unwrap().text.as_str(), tally.dots, tally.rank)).collect();
    assert_eq!(
        summary,
        vec![
            ("Pooled budgets", 3, 1),
            ("Short-term funding", 2, 2),
            ("Match funding from the college", 2, 2),
            ("Nobody owns the money", 0, 4),
        ],
        "the map's notes are not in a vote on the wheel; ties keep the order the notes were written"
    );
    // Reopening is refused while another vote is open, and allowed otherwise.
    Edit::SetVoteClosed { vote: vote.id, closed: None }.apply(&mut session).unwrap();
    assert!(session.open_vote().is_some());
}

#[test]
fn deleting_a_note_or_a_voter_takes_their_dots_and_undo_returns_them() {
    let mut session = workshop();
    let vote = open_vote(&mut session, VoteScope::Prompt("money".into()), VoterKind::Participants, 3);
    let emily = participant_voter(&session, 0);
    cast(&mut session, &vote, emily, 0).unwrap();
    cast(&mut session, &vote, emily, 1).unwrap();
    let mut history = History::default();
    let before = session.clone();
    history.apply(&mut session, Edit::DeleteNote(before.notes[0].id)).unwrap();
    assert_eq!(session.vote(vote.id).unwrap().dots.len(), 1);
    history.apply(&mut session, Edit::RemoveParticipant(before.participants[0].id)).unwrap();
    assert!(session.vote(vote.id).unwrap().dots.is_empty());
    history.undo(&mut session).unwrap();
    history.undo(&mut session).unwrap();
    assert_eq!(session, before);
}

#[test]
fn a_group_gathers_notes_of_one_band_and_moves_as_one() {
    let (mut session, group) = grouped(workshop());
    assert_eq!(session.group_members(group.id).count(), 2);
    // A note from another band cannot join; one from the same band can.
    let opportunity = session.notes[3].id;
    let refused = Edit::SetNoteGroup { id: opportunity, group: Some(group.id) }.apply(&mut session);
    assert_eq!(refused, Err(EditError::GroupSpot));
    Edit::SetNoteGroup { id: session.notes[2].id, group: Some(group.id) }.apply(&mut session).unwrap();

    Edit::MoveGroup { id: group.id, placement: money(WheelBand::Opportunity) }.apply(&mut session).unwrap();
    assert!(session.group_members(group.id).all(|note| note.placement == money(WheelBand::Opportunity)));
    assert_eq!(session.group_members(group.id).count(), 3);

    // Collapsing is a change of the group, not of its notes.
    Edit::UpdateGroup(NoteGroup { collapsed: true, ..group.clone() }).apply(&mut session).unwrap();
    assert!(session.group(group.id).unwrap().collapsed);
    assert_eq!(session.integrity_problem(), None);
}

#[test]
fn a_note_leaves_its_group_when_moved_away_and_the_last_one_out_removes_the_group() {
    let (mut session, group) = grouped(workshop());
    let (first, second) = (session.notes[0].id, session.notes[1].id);
    let mut history = History::default();
    let before = session.clone();
    history.apply(&mut session, Edit::MoveNote { id: first, placement: money(WheelBand::Opportunity) }).unwrap();
    assert_eq!(session.note(first).unwrap().group, None);
    assert!(session.group(group.id).is_some(), "one note is still in it");
    history.apply(&mut session, Edit::SetNoteGroup { id: second, group: None }).unwrap();
    assert!(session.group(group.id).is_none(), "an empty group goes");
    history.undo(&mut session).unwrap();
    history.undo(&mut session).unwrap();
    assert_eq!(session, before);
}

/// Checks a note is on the need arc at `expected`, give or take rounding.
fn assert_along(session: &Session, id: common_ground::model::NoteId, expected: f32) {
    let Placement::Map { arc: MapArc::Need, along } = session.note(id).unwrap().placement else {
        panic!("not on the need arc")
    };
    assert!((along - expected).abs() < 1e-5, "at {along}, expected {expected}");
}

#[test]
fn a_group_on_the_map_keeps_its_spacing_and_stays_on_the_arc() {
    let mut session = workshop();
    let group = NoteGroup::new("Money and isolation");
    let (need, other_need) = (session.notes[4].id, session.notes[5].id);
    Edit::group_notes(0, group.clone(), &[need, other_need]).apply(&mut session).unwrap();
    // The first note (at 0.6) goes to 0.9; the other (at 0.2) would follow to 0.5.
    Edit::MoveGroup { id: group.id, placement: on_arc(MapArc::Need, 0.9) }.apply(&mut session).unwrap();
    assert_along(&session, need, 0.9);
    assert_along(&session, other_need, 0.5);
    // Pushed past the end, the whole group shifts back rather than squashing.
    Edit::MoveGroup { id: group.id, placement: on_arc(MapArc::Need, 1.0) }.apply(&mut session).unwrap();
    assert_along(&session, need, 1.0);
    assert_along(&session, other_need, 0.6);
    // Moving one note along the arc keeps it in the group.
    Edit::MoveNote { id: other_need, placement: on_arc(MapArc::Need, 0.1) }.apply(&mut session).unwrap();
    assert_eq!(session.note(other_need).unwrap().group, Some(group.id));
    // An unplaced note cannot be grouped.
    let loose = Note::new("Not placed", Placement::Unplaced, now());
    let loose_id = loose.id;
    Edit::InsertNote { index: 0, note: loose }.apply(&mut session).unwrap();
    assert_eq!(
        Edit::SetNoteGroup { id: loose_id, group: Some(group.id) }.apply(&mut session),
        Err(EditError::GroupSpot)
    );
}

#[test]
fn the_agenda_starts_suggested_and_the_room_moves_through_it() {
    let mut session = workshop();
    let agenda = &session.agenda;
    let titles: Vec<&str> = agenda.steps.iter().map(|step| step.title.as_str()).collect();
    assert_eq!(titles.len(), 6);
    assert_eq!(titles[0], "Welcome and introductions");
    assert_eq!(agenda.steps.iter().map(|step| step.activity).collect::<Vec<_>>(), {
        use Activity::*;
        vec![Talk, Wheel, Map, Vote, Actions, Talk]
    });
    assert_eq!(agenda.total_minutes(), 120);
    assert_eq!(agenda.current_step(), None);
    assert_eq!(agenda.next_step().map(|step| step.id), Some(agenda.steps[0].id));

    let second = session.agenda.steps[1].id;
    Edit::SetCurrentStep(Some(second)).apply(&mut session).unwrap();
    assert_eq!(session.agenda.previous_step().map(|step| step.id), Some(session.agenda.steps[0].id));
    assert_eq!(session.agenda.next_step().map(|step| step.activity), Some(Activity::Map));
    // Moving the current step keeps it current; removing it leaves the room "not started".
    Edit::MoveStep { id: second, to: 5 }.apply(&mut session).unwrap();
    assert_eq!(session.agenda.current_index(), Some(5));
    assert_eq!(session.agenda.next_step(), None, "it is now the last step");
    Edit::RemoveStep(second).apply(&mut session).unwrap();
    assert_eq!(session.agenda.current, None);
    let missing = AgendaStep::new("Not on the agenda", Activity::Talk, None);
    assert_eq!(
        Edit::SetCurrentStep(Some(missing.id)).apply(&mut session),
        Err(EditError::Missing { kind: "agenda step" })
    );
    assert_eq!(
        Edit::MoveStep { id: session.agenda.steps[0].id, to: 9 }.apply(&mut session).map(|_| ()),
        Err(EditError::IndexOutOfRange { kind: "agenda step", index: 9, len: 5 })
    );
    assert_eq!(Agenda::default().next_step(), None);
}

#[test]
fn actions_name_a_lead_and_supporters_and_lose_links_that_go() {
    let mut session = workshop();
    let action = session.actions[0].clone();
    assert_eq!(action.organisations().count(), 2);
    // Supporters must be organisations of the workshop.
    let stranger = Organisation::new("Elsewhere", Sector::Other, Rgb::palette_colour(3));
    let refused = Edit::UpdateAction(Action { supporting: vec![stranger.id], ..action.clone() }).apply(&mut session);
    assert_eq!(refused, Err(EditError::Missing { kind: "organisation" }));
    // Agreeing is an edit like any other.
    Edit::UpdateAction(Action { agreed: true, ..action.clone() }).apply(&mut session).unwrap();
    assert!(session.actions[0].agreed);
    // A link that goes (here because its help is deleted) leaves the action, and undo restores it.
    let mut history = History::default();
    let before = session.clone();
    history.apply(&mut session, Edit::DeleteNote(before.links[0].help)).unwrap();
    assert!(session.actions[0].linked_links.is_empty());
    history.apply(&mut session, Edit::RemoveOrganisation(before.organisations[1].id)).unwrap();
    assert!(session.actions[0].supporting.is_empty());
    history.undo(&mut session).unwrap();
    history.undo(&mut session).unwrap();
    assert_eq!(session, before);
}

#[test]
fn private_writing_hides_notes_until_all_are_revealed_at_once() {
    let mut session = workshop();
    let ids: Vec<_> = session.notes.iter().take(3).map(|note| note.id).collect();
    Edit::SetNotesHidden { ids: ids.clone(), hidden: true }.apply(&mut session).unwrap();
    assert_eq!(session.hidden_notes().count(), 3);
    let all_hidden: Vec<_> = session.hidden_notes().map(|note| note.id).collect();
    let undo = Edit::SetNotesHidden { ids: all_hidden, hidden: false }.apply(&mut session).unwrap();
    assert_eq!(session.hidden_notes().count(), 0);
    assert_eq!(undo, Edit::SetNotesHidden { ids, hidden: true });
    let ghost = Note::new("Not here", Placement::Unplaced, now());
    let refused = Edit::SetNotesHidden { ids: vec![ghost.id], hidden: true }.apply(&mut session);
    assert_eq!(refused, Err(EditError::Missing { kind: "note" }));
}

#[test]
fn a_file_with_broken_group_work_is_refused_as_inconsistent() {
    let (mut session, group) = grouped(workshop());
    session.notes[3].group = Some(group.id);
    assert!(session.integrity_problem().unwrap().contains("not all in one place"));

    let mut session = workshop();
    open_vote(&mut session, VoteScope::Map, VoterKind::Participants, 3);
    session.votes.push(DotVote::new("Second", VoteScope::Wheel, VoterKind::Participants, 3, now()));
    assert!(session.integrity_problem().unwrap().contains("more than one vote"));

    let mut session = workshop();
    session.agenda.current = Some(AgendaStep::new("Gone", Activity::Talk, None).id);
    assert!(session.integrity_problem().unwrap().contains("agenda"));
}

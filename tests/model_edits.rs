//! Edits and undo/redo through the model's public API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use common_ground::model::{
    Action, Edit, EditError, History, MapArc, Note, Organisation, Participant, Placement, Rgb, Sector, Session,
    WheelBand, WorkshopDetails,
};
use time::macros::datetime;

fn now() -> time::OffsetDateTime {
    datetime!(2026-11-22 10:00 UTC)
}

/// A session with one of everything, and the ids of those things.
fn populated() -> Session {
    let mut session = Session::default();
    let org = Organisation::new("Bristol Mind", Sector::Voluntary, Rgb::palette_colour(0));
    let mut person = Participant::new(Some("Emily".into()), Some(org.id));
    person.name = Some("Emily".into());
    let mut note = Note::new("Peer support on Wednesdays", Placement::Unplaced, now());
    note.organisation = Some(org.id);
    let mut action = Action::new("Run a taster course");
    action.lead = Some(org.id);
    action.linked_notes.push(note.id);
    session.organisations.push(org);
    session.participants.push(person);
    session.notes.push(note);
    session.actions.push(action);
    session
}

/// Applies `edit` through a history, checks undo restores the exact session and redo the
/// edited one.
fn assert_undo_redo(start: Session, edit: Edit) -> Session {
    let mut session = start.clone();
    let mut history = History::default();
    history.apply(&mut session, edit.clone()).unwrap_or_else(|e| panic!("{edit:?} failed: {e}"));
    let edited = session.clone();
    assert_ne!(edited, start, "{edit:?} changed nothing");
    assert!(history.undo(&mut session).unwrap());
    assert_eq!(session, start, "undo of {edit:?}");
    assert!(history.redo(&mut session).unwrap());
    assert_eq!(session, edited, "redo of {edit:?}");
    edited
}

#[test]
fn every_edit_kind_undoes_and_redoes_exactly() {
    let base = populated();
    let org = base.organisations[0].clone();
    let person = base.participants[0].clone();
    let note = base.notes[0].clone();
    let action = base.actions[0].clone();
    let later = datetime!(2026-11-22 11:00 UTC);

    let edits = vec![
        Edit::SetDetails(WorkshopDetails { title: "Renamed".into(), ..Default::default() }),
        Edit::InsertOrganisation {
            index: 0,
            organisation: Organisation::new("College", Sector::Education, Rgb::palette_colour(1)),
        },
        Edit::UpdateOrganisation(Organisation { name: "Mind Bristol".into(), ..org.clone() }),
        Edit::RemoveOrganisation(org.id),
        Edit::InsertParticipant { index: 1, participant: Participant::new(None, None) },
        Edit::UpdateParticipant(Participant { name: None, ..person.clone() }),
        Edit::RemoveParticipant(person.id),
        Edit::InsertNote { index: 1, note: Note::new("New", Placement::Unplaced, later) },
        Edit::EditNoteText { id: note.id, text: "Changed".into(), at: later },
        Edit::SetNoteAuthor { id: note.id, author: Some("Jenny".into()), at: later },
        Edit::SetNoteOrganisation { id: note.id, organisation: None, at: later },
        Edit::MoveNote {
            id: note.id,
            placement: Placement::Wheel { prompt: "money".into(), band: WheelBand::Opportunity },
        },
        Edit::MoveNote { id: note.id, placement: Placement::Map { arc: MapArc::Help, along: 0.25 } },
        Edit::DeleteNote(note.id),
        Edit::RestoreNote(Note { text: "Restored".into(), ..note.clone() }),
        Edit::InsertAction { index: 0, action: Action::new("Another") },
        Edit::UpdateAction(Action { what: "Changed".into(), ..action.clone() }),
        Edit::RemoveAction(action.id),
        Edit::Batch(vec![
            Edit::EditNoteText { id: note.id, text: "One".into(), at: later },
            Edit::RemoveOrganisation(org.id),
        ]),
    ];
    for edit in edits {
        assert_undo_redo(base.clone(), edit);
    }
}

#[test]
fn removing_an_organisation_clears_references_and_undo_restores_them() {
    let base = populated();
    let org = base.organisations[0].id;
    let edited = assert_undo_redo(base, Edit::RemoveOrganisation(org));
    assert!(edited.organisations.is_empty());
    assert_eq!(edited.participants[0].organisation, None);
    assert_eq!(edited.notes[0].organisation, None);
    assert_eq!(edited.actions[0].lead, None);
}

#[test]
fn deleting_a_note_unlinks_it_from_actions() {
    let base = populated();
    let note = base.notes[0].id;
    let edited = assert_undo_redo(base, Edit::DeleteNote(note));
    assert!(edited.notes.is_empty());
    assert!(edited.actions[0].linked_notes.is_empty());
}

#[test]
fn text_edits_record_when_the_note_was_edited() {
    let mut session = populated();
    let id = session.notes[0].id;
    let later = datetime!(2026-11-22 12:30 UTC);
    Edit::EditNoteText { id, text: "x".into(), at: later }.apply(&mut session).unwrap();
    assert_eq!(session.notes[0].edited, later);
    assert_eq!(session.notes[0].created, now());
}

#[test]
fn invalid_edits_fail_and_change_nothing() {
    let base = populated();
    let note = base.notes[0].clone();
    let stranger = Organisation::new("Not in this workshop", Sector::Other, Rgb::palette_colour(2));
    let cases = vec![
        (Edit::DeleteNote(common_ground::model::NoteId::new_random()), EditError::Missing { kind: "note" }),
        (Edit::InsertNote { index: 0, note: note.clone() }, EditError::DuplicateId { kind: "note" }),
        (
            Edit::InsertNote { index: 5, note: Note::new("x", Placement::Unplaced, now()) },
            EditError::IndexOutOfRange { kind: "note", index: 5, len: 1 },
        ),
        (
            Edit::SetNoteOrganisation { id: note.id, organisation: Some(stranger.id), at: now() },
            EditError::Missing { kind: "organisation" },
        ),
        (
            Edit::MoveNote { id: note.id, placement: Placement::Map { arc: MapArc::Need, along: f32::NAN } },
            EditError::InvalidPlacement,
        ),
        (
            Edit::MoveNote { id: note.id, placement: Placement::Map { arc: MapArc::Need, along: 1.5 } },
            EditError::InvalidPlacement,
        ),
        // A batch whose second edit fails must roll back its first.
        (
            Edit::Batch(vec![
                Edit::EditNoteText { id: note.id, text: "half-done".into(), at: now() },
                Edit::RemoveAction(common_ground::model::ActionId::new_random()),
            ]),
            EditError::Missing { kind: "action" },
        ),
    ];
    for (edit, expected) in cases {
        let mut session = base.clone();
        let mut history = History::default();
        assert_eq!(history.apply(&mut session, edit.clone()), Err(expected), "{edit:?}");
        assert_eq!(session, base, "{edit:?} must leave the session unchanged");
        assert_eq!(history.undo_len(), 0);
    }
}

#[test]
fn a_whole_drag_is_one_undo_step() {
    let mut session = populated();
    let start = session.clone();
    let id = session.notes[0].id;
    let mut history = History::default();
    for step in 0..=10 {
        let placement = Placement::Map { arc: MapArc::Need, along: step as f32 / 10.0 };
        history.apply_in_gesture(&mut session, Edit::MoveNote { id, placement }, Some(format!("drag {id}"))).unwrap();
    }
    history.end_gesture();
    assert_eq!(history.undo_len(), 1);
    assert_eq!(history.undo_description(), Some("move note"));
    history.undo(&mut session).unwrap();
    assert_eq!(session, start);
    history.redo(&mut session).unwrap();
    assert_eq!(session.notes[0].placement, Placement::Map { arc: MapArc::Need, along: 1.0 });
}

#[test]
fn typing_in_one_field_is_one_step_until_the_field_is_left() {
    let mut session = Session::default();
    let mut history = History::default();
    let key = || Some("details.title".to_owned());
    for title in ["C", "Co", "Com"] {
        let details = WorkshopDetails { title: title.into(), ..Default::default() };
        history.apply_in_gesture(&mut session, Edit::SetDetails(details), key()).unwrap();
    }
    history.end_gesture();
    let details = WorkshopDetails { title: "Comm".into(), ..Default::default() };
    history.apply_in_gesture(&mut session, Edit::SetDetails(details), key()).unwrap();
    assert_eq!(history.undo_len(), 2);
    history.undo(&mut session).unwrap();
    assert_eq!(session.details.title, "Com");
    history.undo(&mut session).unwrap();
    assert_eq!(session.details.title, "");
}

#[test]
fn gestures_with_different_keys_are_separate_steps() {
    let mut session = Session::default();
    let mut history = History::default();
    let set = |title: &str| Edit::SetDetails(WorkshopDetails { title: title.into(), ..Default::default() });
    history.apply_in_gesture(&mut session, set("a"), Some("one".into())).unwrap();
    history.apply_in_gesture(&mut session, set("b"), Some("two".into())).unwrap();
    history.apply_in_gesture(&mut session, set("c"), None).unwrap();
    assert_eq!(history.undo_len(), 3);
}

#[test]
fn a_new_edit_clears_redo_and_history_is_capped() {
    let mut session = Session::default();
    let mut history = History::with_capacity(5);
    for n in 0..8 {
        let details = WorkshopDetails { title: n.to_string(), ..Default::default() };
        history.apply(&mut session, Edit::SetDetails(details)).unwrap();
    }
    assert_eq!(history.undo_len(), 5);
    while history.undo(&mut session).unwrap() {}
    // The three oldest steps fell off the cap, so undo stops at title "2".
    assert_eq!(session.details.title, "2");
    assert_eq!(history.redo_len(), 5);
    history.apply(&mut session, Edit::SetDetails(WorkshopDetails::default())).unwrap();
    assert_eq!(history.redo_len(), 0);
    assert!(!history.redo(&mut session).unwrap());
}

#[test]
fn undo_with_nothing_to_undo_reports_false() {
    let mut session = Session::default();
    let mut history = History::default();
    assert!(!history.undo(&mut session).unwrap());
    assert!(!history.redo(&mut session).unwrap());
}

#[test]
fn edits_are_plain_values_that_serialise() {
    // Edits will arrive from participants' phones later; they must survive a round trip.
    let edit = Edit::MoveNote {
        id: common_ground::model::NoteId::new_random(),
        placement: Placement::Wheel { prompt: "money".into(), band: WheelBand::Assumption },
    };
    let text = ron::to_string(&edit).unwrap();
    let back: Edit = ron::from_str(&text).unwrap();
    assert_eq!(back, edit);
}

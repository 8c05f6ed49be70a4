//! Edits and undo/redo through the model's public API.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::model::{
    Action, Edit, EditError, History, Link, LinkKind, MAX_PROMPTS, MIN_PROMPTS, MapArc, Note, Organisation,
    Participant, Placement, Rgb, Sector, Session, WheelBand, WheelPrompt, WorkshopDetails,
};
use time::macros::datetime;

mod common;
use common::{assert_undo_redo, now};

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
    let need = Note::new("Isolation after discharge", Placement::Map { arc: MapArc::Need, along: 0.6 }, now());
    let help = Note::new("Peer walking group", Placement::Map { arc: MapArc::Help, along: 0.1 }, now());
    session.links.push(Link::new(need.id, help.id, LinkKind::CouldWithSupport));
    session.notes.push(need);
    session.notes.push(help);
    let mut on_money = Note::new(
        "Short-term funding",
        Placement::Wheel { prompt: "money".into(), band: WheelBand::Assumption },
        now(),
    );
    on_money.tags.push("example".into());
    session.notes.push(on_money);
    session
}

#[test]
fn every_edit_kind_undoes_and_redoes_exactly() {
    let base = populated();
    let org = base.organisations[0].clone();
    let person = base.participants[0].clone();
    let note = base.notes[0].clone();
    let action = base.actions[0].clone();
    let need = base.notes[1].clone();
    let help = base.notes[2].clone();
    let link = base.links[0].clone();
    let second_help = Note::new("Job club", Placement::Map { arc: MapArc::Help, along: 0.5 }, now());
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
        Edit::SetNoteTags { id: need.id, tags: vec!["Homeless people".into()], at: later },
        Edit::MoveNote { id: need.id, placement: Placement::Map { arc: MapArc::Need, along: 0.9 } },
        Edit::MoveNote {
            id: need.id,
            placement: Placement::Wheel { prompt: "money".into(), band: WheelBand::Assumption },
        },
        Edit::DeleteNote(help.id),
        Edit::InsertPrompt { index: 3, prompt: WheelPrompt::new_custom("Who is missing from the room?") },
        Edit::UpdatePrompt(WheelPrompt { question: "Money?".into(), discussed: true, ..base.wheel.prompts[6].clone() }),
        Edit::RemovePrompt("money".into()),
        Edit::MovePrompt { key: "money".into(), to: 0 },
        Edit::Batch(vec![
            Edit::InsertNote { index: 0, note: second_help.clone() },
            Edit::InsertLink { index: 0, link: Link::new(need.id, second_help.id, LinkKind::Gap) },
        ]),
        Edit::UpdateLink(Link { kind: LinkKind::MeetsNow, ..link.clone() }),
        Edit::RemoveLink(link.id),
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
    let edited = assert_undo_redo(base.clone(), Edit::DeleteNote(note));
    assert_eq!(edited.notes.len(), base.notes.len() - 1);
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
            EditError::IndexOutOfRange { kind: "note", index: 5, len: 4 },
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

#[test]
fn links_only_join_a_need_to_a_source_of_help_once() {
    let mut session = populated();
    let need = session.notes[1].id;
    let help = session.notes[2].id;
    let unplaced = session.notes[0].id;
    let before = session.clone();
    assert_eq!(
        Edit::InsertLink { index: 0, link: Link::new(help, need, LinkKind::MeetsNow) }.apply(&mut session),
        Err(EditError::InvalidLink),
        "backwards"
    );
    assert_eq!(
        Edit::InsertLink { index: 0, link: Link::new(need, unplaced, LinkKind::MeetsNow) }.apply(&mut session),
        Err(EditError::InvalidLink),
        "to a note that is not on the map"
    );
    assert_eq!(
        Edit::InsertLink { index: 0, link: Link::new(need, help, LinkKind::Gap) }.apply(&mut session),
        Err(EditError::AlreadyLinked)
    );
    assert_eq!(session, before);
}

#[test]
fn deleting_or_moving_a_linked_note_off_its_arc_removes_its_links_and_undo_brings_them_back() {
    let base = populated();
    let need = base.notes[1].id;
    let deleted = assert_undo_redo(base.clone(), Edit::DeleteNote(need));
    assert!(deleted.links.is_empty());
    let moved = assert_undo_redo(base.clone(), Edit::MoveNote { id: need, placement: Placement::Unplaced });
    assert!(moved.links.is_empty());
    let along = assert_undo_redo(
        base,
        Edit::MoveNote { id: need, placement: Placement::Map { arc: MapArc::Need, along: 0.2 } },
    );
    assert_eq!(along.links.len(), 1, "moving along its own arc keeps the link");
}

#[test]
fn removing_a_prompt_takes_its_notes_and_undo_puts_both_back() {
    let base = populated();
    let edited = assert_undo_redo(base.clone(), Edit::RemovePrompt("money".into()));
    assert!(edited.wheel.prompt("money").is_none());
    assert_eq!(edited.notes.len(), base.notes.len() - 1);
    assert!(edited.integrity_problem().is_none());
}

#[test]
fn the_wheel_keeps_between_three_and_sixteen_prompts() {
    let mut session = Session::default();
    assert_eq!(session.wheel.prompts.len(), 11, "a new workshop has the guide's eleven prompts");
    while session.wheel.prompts.len() < MAX_PROMPTS {
        let index = session.wheel.prompts.len();
        Edit::InsertPrompt { index, prompt: WheelPrompt::new_custom("Extra") }.apply(&mut session).unwrap();
    }
    let full = session.clone();
    assert!(matches!(
        Edit::InsertPrompt { index: 0, prompt: WheelPrompt::new_custom("One too many") }.apply(&mut session),
        Err(EditError::PromptLimit { .. })
    ));
    assert_eq!(session, full);
    while session.wheel.prompts.len() > MIN_PROMPTS {
        let key = session.wheel.prompts[0].key.clone();
        Edit::RemovePrompt(key).apply(&mut session).unwrap();
    }
    let key = session.wheel.prompts[0].key.clone();
    assert!(matches!(Edit::RemovePrompt(key).apply(&mut session), Err(EditError::PromptLimit { .. })));
}

#[test]
fn a_note_cannot_be_put_on_a_prompt_that_is_not_on_the_wheel() {
    let mut session = populated();
    let id = session.notes[0].id;
    let before = session.clone();
    let nowhere = Placement::Wheel { prompt: "not-a-prompt".into(), band: WheelBand::Assumption };
    assert_eq!(Edit::MoveNote { id, placement: nowhere.clone() }.apply(&mut session), Err(EditError::InvalidPlacement));
    assert_eq!(
        Edit::InsertNote { index: 0, note: Note::new("x", nowhere, now()) }.apply(&mut session),
        Err(EditError::InvalidPlacement)
    );
    assert_eq!(session, before);
}

#[test]
fn reordering_prompts_moves_one_and_keeps_the_rest_in_order() {
    let base = Session::default();
    let edited = assert_undo_redo(base.clone(), Edit::MovePrompt { key: "money".into(), to: 0 });
    assert_eq!(edited.wheel.prompts[0].key, "money");
    assert_eq!(edited.wheel.prompts[1].key, base.wheel.prompts[0].key);
    assert_eq!(edited.wheel.progress_label(), "0 of 11 discussed");
}

//! In the room, the record is what was said (issue 19, points 1–7): the scribe and the note boxes
//! put exactly the words, organisation and speaker into the session, lists show every choice
//! above the box they belong to, Esc never silently throws a note away, and a vote is over the
//! selected prompt. Driven through the real app by role, label and key, checked on the session.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::App;

use common_ground::model::{Note, Sector, VoteScope};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// The example workshop: eleven prompts, six participants, five organisations.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");

impl App {
    /// A copy of the example, open on a projector-sized screen.
    fn example() -> Self {
        Self::with_copy_of(EXAMPLE)
    }

    fn find_note(&self, text: &str) -> Option<&Note> {
        self.session().notes.iter().find(|note| note.text == text)
    }

    fn note(&self, text: &str) -> &Note {
        self.find_note(text).unwrap_or_else(|| panic!("no note {text:?}"))
    }

    /// Clicks the one widget with exactly this accessible name with the pointer, as a person
    /// would: a widget hidden under another, or clipped out of its list, does not get the click.
    fn click(&mut self, label: &str) {
        self.get_by_label(label).click();
        self.run();
    }

    /// Clicks a choice in an open list (its rows are buttons) with the pointer.
    fn click_choice(&mut self, label: &str) {
        self.get_by_role_and_label(Role::Button, label).click();
        self.run();
    }

    fn organisation_named(&self, name: &str) -> common_ground::model::OrganisationId {
        self.session().organisations.iter().find(|org| org.name == name).unwrap().id
    }
}

#[test]
fn alt_and_a_number_picks_the_organisation_without_typing_the_digit() {
    let mut app = App::example();
    app.press(Key::S);
    app.type_text("Scribbled on a fag packet");
    // The platform sends Alt+3 as a key and as the typed text "3", in one frame (kittest's own
    // key helpers give each event a frame of its own, so the frame is built here).
    let alt_key =
        |pressed| Event::Key { key: Key::Num3, pressed, modifiers: Modifiers::ALT, repeat: false, physical_key: None };
    let frame = [Event::ModifiersChanged(Modifiers::ALT), alt_key(true), Event::Text("3".to_owned()), alt_key(false)];
    app.input_mut().events.extend(frame);
    app.step();
    app.event(Event::ModifiersChanged(Modifiers::NONE));
    app.run();
    app.press(Key::Enter);
    let third = app.session().organisations[2].id;
    let note = app.note("Scribbled on a fag packet");
    assert_eq!(note.organisation, Some(third));

    // And when the digit arrives in the next frame, Alt still held.
    app.type_text("Said over tea");
    app.key_press_modifiers(Modifiers::ALT, Key::Num2);
    app.event_modifiers(Event::Text("2".to_owned()), Modifiers::ALT);
    app.run();
    app.press(Key::Enter);
    assert_eq!(app.note("Said over tea").organisation, Some(app.session().organisations[1].id));
}

#[test]
fn said_by_is_replaced_not_appended_and_a_stranger_is_kept_visibly() {
    let mut app = App::example();
    app.press(Key::S);
    for (text, speaker) in [("First point", "Jon"), ("Second point", "Colin")] {
        app.type_text(text);
        app.press(Key::Tab);
        app.press(Key::Tab);
        app.type_text(speaker);
        app.press(Key::Enter);
        assert_eq!(app.note(text).author.as_deref(), Some(speaker), "{text}");
    }
    // A name that is no participant is shown as such, kept as typed, and can join the list.
    app.type_text("Third point");
    app.press(Key::Tab);
    app.press(Key::Tab);
    app.type_text("Samira");
    app.get_by_label("not on the participant list");
    app.click("Add “Samira” as a participant");
    assert!(app.session().participants.iter().any(|person| person.name.as_deref() == Some("Samira")));
    app.get_by_label("Said by").focus();
    app.run();
    app.press(Key::Enter);
    assert_eq!(app.note("Third point").author.as_deref(), Some("Samira"));
}

#[test]
fn enter_in_said_by_adds_the_note_from_every_note_box() {
    let mut app = App::example();
    // The wheel's note box.
    app.press(Key::A);
    app.get_by_label("What is the assumption?").type_text("Nobody asks the carers");
    app.run();
    app.get_by_label("Said by").focus();
    app.run();
    app.type_text("Emily");
    app.press(Key::Enter);
    assert_eq!(app.note("Nobody asks the carers").author.as_deref(), Some("Emily"));
    assert!(app.query_by_label("New assumption").is_none(), "the box closed once the note was added");

    // The map's note box.
    app.click("Needs map");
    app.press(Key::N);
    app.get_by_role_and_label(Role::TextInput, "New need").type_text("A lift to the clinic");
    app.run();
    app.get_by_label("Said by").focus();
    app.run();
    app.type_text("Kate");
    app.press(Key::Enter);
    assert_eq!(app.note("A lift to the clinic").author.as_deref(), Some("Kate"));
}

#[test]
fn after_a_note_is_added_the_keyboard_is_on_the_new_note() {
    let mut app = App::example();
    app.press(Key::A);
    app.type_text("Ask the carers first");
    app.press(Key::Enter);
    let focused = app.focused_label().expect("something has the keyboard");
    assert!(focused.starts_with("Note, ") && focused.contains("Ask the carers first"), "{focused}");
    app.press(Key::Tab);
    assert_ne!(app.focused_label().as_deref(), Some("File"), "Tab carries on from the note");

    app.click("Needs map");
    app.press(Key::N);
    app.type_text("Transport to appointments");
    app.press(Key::Enter);
    let focused = app.focused_label().expect("something has the keyboard");
    assert!(focused.contains("Transport to appointments"), "{focused}");
    // The keys act on it: M opens "Move to…" for the new note.
    app.press(Key::M);
    assert!(app.query_by_label_contains("Move “Transport").is_some());
}

#[test]
fn a_note_box_keeps_tab_inside_itself() {
    let mut app = App::example();
    app.press(Key::A);
    let inside = ["What is the assumption?", "Organisation of the new note", "Said by", "Add assumption", "Cancel"];
    let mut reached = Vec::new();
    for _ in 0..12 {
        app.press(Key::Tab);
        let focused = app.focused_label().unwrap_or_default();
        assert!(inside.contains(&focused.as_str()), "Tab left the box for {focused:?}");
        reached.push(focused);
    }
    app.type_text("Typed after twelve Tabs");
    assert!(reached.iter().any(|label| label == "What is the assumption?"), "Tab comes round to the text");

    app.press(Key::Escape);
    app.press(Key::Escape);
    app.click("Needs map");
    app.press(Key::N);
    let inside = ["New need", "Organisation of the new note", "Said by", "Add", "Cancel"];
    for _ in 0..12 {
        app.press(Key::Tab);
        let focused = app.focused_label().unwrap_or_default();
        assert!(inside.contains(&focused.as_str()), "Tab left the map box for {focused:?}");
    }
}

#[test]
fn the_map_note_box_lists_every_organisation_above_itself() {
    let mut app = App::example();
    app.click("Needs map");
    let names: Vec<String> = app.session().organisations.iter().map(|org| org.name.clone()).collect();
    for name in names {
        let text = format!("Help from {name}");
        app.press(Key::H);
        app.get_by_role_and_label(Role::TextInput, "New source of help").type_text(&text);
        app.run();
        app.click("Organisation of the new note");
        app.click_choice(&format!("• {name}"));
        app.get_by_role_and_label(Role::TextInput, "New source of help").focus();
        app.run();
        app.press(Key::Enter);
        let id = app.organisation_named(&name);
        assert_eq!(app.note(&text).organisation, Some(id), "the click on {name} reached the list");
    }
}

#[test]
fn esc_in_an_open_list_closes_the_list_and_a_note_with_text_needs_a_second_esc() {
    let mut app = App::example();
    app.press(Key::A);
    app.get_by_label("What is the assumption?").type_text("Half a thought");
    app.run();
    app.click("Organisation of the new note");
    assert!(app.query_by_label("No organisation").is_some(), "the list is open");
    app.press(Key::Escape);
    assert!(app.query_by_label("No organisation").is_none(), "Esc closed the list");
    assert!(app.query_by_label("New assumption").is_some(), "and only the list");

    app.press(Key::Escape);
    assert!(app.query_by_label("New assumption").is_some(), "one Esc never discards what was typed");
    app.get_by_label("Press Esc again to discard this note");
    app.press(Key::Escape);
    assert!(app.query_by_label("New assumption").is_none(), "the second Esc discards it");
    assert!(app.find_note("Half a thought").is_none());

    // The same on the map.
    app.click("Needs map");
    app.press(Key::N);
    app.get_by_role_and_label(Role::TextInput, "New need").type_text("Somewhere warm");
    app.run();
    app.click("Organisation of the new note");
    app.press(Key::Escape);
    app.press(Key::Escape);
    assert!(
        app.query_by_role_and_label(Role::TextInput, "New need").is_some(),
        "still open after the list and one Esc"
    );
    app.press(Key::Escape);
    assert!(app.query_by_role_and_label(Role::TextInput, "New need").is_none());

    // And the scribe: the first Esc keeps the words, the second closes.
    app.click("Prompt wheel");
    app.press(Key::S);
    app.type_text("Said in passing");
    app.press(Key::Escape);
    assert!(app.state().room().scribe_open(), "one Esc never discards what was typed");
    app.press(Key::Escape);
    assert!(!app.state().room().scribe_open());
}

#[test]
fn drop_down_lists_show_every_choice() {
    let mut app = App::example();
    app.click("Workshop details");
    let label = "Sector of Bristol Mind";
    app.get_by_label(label).scroll_to_me();
    app.run();
    app.click(label);
    app.click_choice("Education");
    let mind = app.organisation_named("Bristol Mind");
    let sector = app.session().organisation(mind).unwrap().sector;
    assert_eq!(sector, Sector::Education);
}

#[test]
fn a_dot_vote_defaults_to_the_selected_prompt() {
    let mut app = App::example();
    app.press(Key::ArrowRight);
    let prompt = app.session().wheel.prompts[1].key.clone();
    app.click("Workshop");
    app.get_by_label_contains("Dot voting…").click();
    app.run();
    app.click("Open the vote");
    assert_eq!(app.session().open_vote().unwrap().scope, VoteScope::Prompt(prompt));
}

#[test]
fn tabbing_over_the_notes_leaves_the_projection_on_the_chosen_prompt() {
    let mut app = App::example();
    app.press(Key::F6);
    let first = app.session().wheel.prompts[0].question.clone();
    // The projection's line above the question (the first prompt has been discussed already).
    let kicker = "Prompt 1 of 11 · discussed";
    let shown = |app: &App| app.query_all_by_label(kicker).count();
    assert_eq!(shown(&app), 1, "the projection shows the first prompt");
    // Tab on until a note of another prompt has the keyboard.
    let mut reached = None;
    for _ in 0..200 {
        app.press(Key::Tab);
        if let Some(label) = app.focused_label()
            && label.starts_with("Note, ")
            && !label.contains(&format!("“{first}”"))
        {
            reached = Some(label);
            break;
        }
    }
    let reached = reached.expect("Tab reaches a note of another prompt");
    assert_eq!(shown(&app), 1, "Tab passing over {reached} moved the projection");
    // Choosing moves it: Enter on the note.
    app.press(Key::Enter);
    assert_eq!(shown(&app), 0, "Enter on {reached} chose its prompt");
}

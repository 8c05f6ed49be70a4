//! Undo stays the facilitator's while phones send notes: a participant's note arriving in the
//! middle of a drag, in the middle of typing, or after an undo neither splits the facilitator's
//! step nor wipes Redo, and Ctrl+Z / Ctrl+Y then do exactly what the facilitator did and undid,
//! never taking away what a participant wrote. Driven through the real app and a real phone
//! over HTTP on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::NoFilePicker;

mod phone;

use common_ground::model::{Note, Placement, Session};
use common_ground::store::DataDir;
use common_ground::ui::{AppConfig, CommonGroundApp};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::time::Duration;

type App = Harness<'static, CommonGroundApp>;

/// The app with a new workshop on the needs map, one need written by the facilitator, and
/// joining open on this computer; returns the app and a phone that has joined.
fn app_with_a_phone(folder: &std::path::Path) -> (App, phone::Phone) {
    let config = AppConfig { data_dir: DataDir::at(folder), file_to_open: None, file_picker: Box::new(NoFilePicker) };
    let mut app = Harness::builder()
        .with_size(vec2(1800.0, 1000.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    app.run();
    app.get_by_role_and_label(Role::Button, "New workshop").click();
    app.run();
    app.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::J);
    app.run();
    let loopback = app.get_by_label_contains("This computer only").accesskit_node().label().unwrap();
    app.get_by_label(&loopback).click();
    app.run();
    app.get_by_label("Start joining").click();
    app.run();
    let link = app.get_by_label_contains("QR code to join: ").accesskit_node().label().unwrap();
    let link = link.trim_start_matches("QR code to join: ").to_owned();
    let (base, code) = link.split_once("/?code=").map(|(base, code)| (base.to_owned(), code.to_owned())).unwrap();
    let phone = with_phone(&mut app, move || {
        let mut phone = phone::Phone::new(&base);
        assert_eq!(phone.post_form("/join", &[("code", &code)]).status, 303);
        assert_eq!(phone.post_form("/about-you", &[("organisation", "none"), ("name", "Dee")]).status, 303);
        phone
    });
    (app, phone)
}

/// Runs the app's frames while a phone (on another thread) does its part.
fn with_phone<R: Send + 'static>(app: &mut App, phone_does: impl FnOnce() -> R + Send + 'static) -> R {
    let phone = std::thread::spawn(phone_does);
    while !phone.is_finished() {
        app.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    app.step();
    phone.join().unwrap()
}

/// The phone posts a need to the map while the app keeps drawing frames.
fn phone_adds_a_need(app: &mut App, phone: phone::Phone, text: &'static str) -> phone::Phone {
    with_phone(app, move || {
        let mut phone = phone;
        assert_eq!(phone.add_to_map(text, "need").status, 303);
        phone
    })
}

fn session(app: &App) -> Session {
    app.state().document().unwrap().session().clone()
}

fn steps(app: &App) -> (usize, usize) {
    let history = app.state().document().unwrap().history();
    (history.undo_len(), history.redo_len())
}

fn note(session: &Session, text: &str) -> Option<Note> {
    session.notes.iter().find(|note| note.text == text).cloned()
}

fn undo(app: &mut App) {
    app.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.run();
}

fn redo(app: &mut App) {
    app.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    app.run();
}

/// Writes a need with the map's toolbar: button, type, Enter.
fn facilitator_adds_a_need(app: &mut App, text: &str) {
    app.get_by_label("Needs map").click();
    app.run();
    app.get_by_role_and_label(Role::Button, "Add a need N").click();
    app.run();
    app.get_by_role_and_label(Role::TextInput, "New need").type_text(text);
    app.run();
    app.key_press(Key::Enter);
    app.run();
}

#[test]
fn a_phone_note_arriving_mid_drag_leaves_the_drag_one_step() {
    let folder = tempfile::tempdir().unwrap();
    let (mut app, phone) = app_with_a_phone(folder.path());
    facilitator_adds_a_need(&mut app, "Isolation after discharge");
    let placed = note(&session(&app), "Isolation after discharge").unwrap().placement;
    let before = steps(&app);

    let card = app.get_by_label_contains("Need: Isolation after discharge.").rect();
    let (from, to) = (card.center(), card.center() + vec2(220.0, 0.0));
    let at = |step: u32| -> Pos2 { from.lerp(to, step as f32 / 6.0) };
    app.hover_at(from);
    app.run();
    app.drag_at(from);
    app.run();
    for step in 1..=3 {
        app.hover_at(at(step));
        app.run();
    }
    let phone = phone_adds_a_need(&mut app, phone, "Somewhere to go at night");
    for step in 4..=6 {
        app.hover_at(at(step));
        app.run();
    }
    app.drop_at(to);
    app.run();
    drop(phone);

    let dragged = note(&session(&app), "Isolation after discharge").unwrap().placement;
    assert_ne!(dragged, placed, "the drag moved the note");
    assert!(note(&session(&app), "Somewhere to go at night").is_some());
    assert_eq!(steps(&app), (before.0 + 1, 0), "the whole drag is one step; the phone's note is none");

    undo(&mut app);
    let session_now = session(&app);
    assert_eq!(note(&session_now, "Isolation after discharge").unwrap().placement, placed, "the whole drag undone");
    assert!(note(&session_now, "Somewhere to go at night").is_some(), "the participant's note stays");
    redo(&mut app);
    assert_eq!(note(&session(&app), "Isolation after discharge").unwrap().placement, dragged, "redo redoes the drag");
    undo(&mut app);
    undo(&mut app);
    let session_now = session(&app);
    assert!(note(&session_now, "Isolation after discharge").is_none(), "the second undo takes the facilitator's note");
    assert!(note(&session_now, "Somewhere to go at night").is_some(), "undo never takes the participant's note");
    undo(&mut app);
    assert!(note(&session(&app), "Somewhere to go at night").is_some());
}

#[test]
fn a_phone_note_arriving_mid_typing_leaves_the_typing_one_step() {
    let folder = tempfile::tempdir().unwrap();
    let (mut app, phone) = app_with_a_phone(folder.path());
    let before = steps(&app);
    app.get_by_role_and_label(Role::TextInput, "Title").focus();
    app.run();
    for character in "Har".chars() {
        app.get_by_role_and_label(Role::TextInput, "Title").type_text(&character.to_string());
        app.run();
    }
    let _phone = phone_adds_a_need(&mut app, phone, "A lift to the clinic");
    assert!(app.get_by_role_and_label(Role::TextInput, "Title").is_focused(), "the phone did not take the cursor");
    for character in "bour".chars() {
        app.get_by_role_and_label(Role::TextInput, "Title").type_text(&character.to_string());
        app.run();
    }
    app.key_press(Key::Escape);
    app.run();
    assert_eq!(session(&app).details.title, "Harbour");
    assert_eq!(steps(&app), (before.0 + 1, 0), "the typing is one step; the phone's note is none");

    undo(&mut app);
    assert_eq!(session(&app).details.title, "", "one undo takes back all the typing, not half of it");
    assert!(note(&session(&app), "A lift to the clinic").is_some(), "the participant's note stays");
    redo(&mut app);
    assert_eq!(session(&app).details.title, "Harbour");
    assert!(note(&session(&app), "A lift to the clinic").is_some());
}

#[test]
fn a_phone_note_arriving_after_an_undo_keeps_redo() {
    let folder = tempfile::tempdir().unwrap();
    let (mut app, phone) = app_with_a_phone(folder.path());
    facilitator_adds_a_need(&mut app, "Childcare during sessions");
    let before = steps(&app);
    undo(&mut app);
    assert!(note(&session(&app), "Childcare during sessions").is_none());
    assert_eq!(steps(&app), (before.0 - 1, 1));

    let _phone = phone_adds_a_need(&mut app, phone, "Evening opening hours");
    assert_eq!(steps(&app), (before.0 - 1, 1), "the phone's note leaves Redo as it was");
    redo(&mut app);
    let session_now = session(&app);
    assert!(note(&session_now, "Childcare during sessions").is_some(), "redo brings back what was undone");
    assert!(note(&session_now, "Evening opening hours").is_some());
    undo(&mut app);
    let session_now = session(&app);
    assert!(note(&session_now, "Childcare during sessions").is_none());
    assert!(note(&session_now, "Evening opening hours").is_some(), "Ctrl+Z never removes a participant's note");
    assert!(matches!(note(&session_now, "Evening opening hours").unwrap().placement, Placement::Map { .. }));
}

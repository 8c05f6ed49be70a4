//! The joining console in the real app, driven through its accessibility tree: the command
//! opens the panel, "Start joining" opens a real server on this computer, the card shows the QR
//! code, address and room code; a phone's note arrives (and Ctrl+Z leaves it), the approval queue
//! holds notes until approved, and stopping or closing the workshop ends the server.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::NoFilePicker;

mod phone;

use common_ground::model::Session;
use common_ground::store::DataDir;
use common_ground::ui::{AppConfig, CommonGroundApp};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::time::Duration;

const BRISTOL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");

/// The tests here check that the port stops answering when joining ends. Joining offers the same
/// port first (8787), so another test's server started in parallel could take it over at once and
/// answer in its place; one server at a time keeps the check about this test's own server.
fn one_server_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static SERVERS: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERVERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn app(folder: &std::path::Path) -> Harness<'static, CommonGroundApp> {
    let copy = folder.join("workshop.ron");
    std::fs::copy(BRISTOL, &copy).unwrap();
    let config = AppConfig {
        data_dir: DataDir::at(folder.join("data")),
        file_to_open: Some(copy),
        file_picker: Box::new(NoFilePicker),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    harness
}

fn session(harness: &Harness<'_, CommonGroundApp>) -> Session {
    harness.state().document().unwrap().session().clone()
}

fn click(harness: &mut Harness<'_, CommonGroundApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Starts joining on this computer only and returns the join link the QR code holds.
fn start_joining(harness: &mut Harness<'_, CommonGroundApp>, by_keyboard: bool) -> String {
    if by_keyboard {
        harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::J);
        harness.run();
    } else {
        click(harness, "Workshop");
        click(harness, "Let people join from their phones… Ctrl+Shift+J");
    }
    assert!(harness.query_by_label_contains("QR code to join").is_none(), "nothing listens before Start");
    let loopback = harness.get_by_label_contains("This computer only").accesskit_node().label().unwrap();
    click(harness, &loopback);
    click(harness, "Start joining");
    let qr = harness.get_by_label_contains("QR code to join: http://127.0.0.1:").accesskit_node().label().unwrap();
    harness.get_by_label("Room code");
    harness.get_by_label("Stop joining");
    qr.trim_start_matches("QR code to join: ").to_owned()
}

/// Runs the app's frames while a phone (on another thread) does its part.
fn with_phone<R: Send + 'static>(
    harness: &mut Harness<'_, CommonGroundApp>,
    phone_does: impl FnOnce() -> R + Send + 'static,
) -> R {
    let phone = std::thread::spawn(phone_does);
    while !phone.is_finished() {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run();
    phone.join().unwrap()
}

#[test]
fn a_phone_joins_through_the_console_and_its_note_stays_through_undo() {
    let _one_server_at_a_time = one_server_at_a_time();
    let folder = tempfile::tempdir().unwrap();
    let mut harness = app(folder.path());
    let link = start_joining(&mut harness, false);
    let (base, code) = link.split_once("/?code=").map(|(base, code)| (base.to_owned(), code.to_owned())).unwrap();
    assert_eq!(code.len(), 5);
    harness.get_by_label(code.as_str());

    let before = session(&harness);
    let organisation = before.organisations[0].id.to_string();
    let prompt = before.wheel.prompts[0].key.clone();
    let undo_steps = harness.state().document().unwrap().history().undo_len();
    let phone_base = base.clone();
    let status = with_phone(&mut harness, move || {
        let mut phone = phone::Phone::new(&phone_base);
        assert_eq!(phone.post_form("/join", &[("code", &code)]).status, 303);
        phone.post_form("/about-you", &[("organisation", &organisation), ("name", "Dee")]);
        phone.add_to_wheel("From a phone in the room", "assumption", &prompt).status
    });
    assert_eq!(status, 303);
    let after = session(&harness);
    assert_eq!(after.notes.len(), before.notes.len() + 1);
    let note = after.notes.last().unwrap();
    assert_eq!((note.text.as_str(), note.author.as_deref()), ("From a phone in the room", Some("Dee")));
    assert_eq!(
        harness.state().document().unwrap().history().undo_len(),
        undo_steps,
        "a participant's note is not one of the facilitator's undo steps"
    );
    harness.get_by_label("1 phone joined");
    harness.get_by_label_contains(&format!("{}: 1", before.organisations[0].name));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(session(&harness).notes.len(), before.notes.len() + 1, "Ctrl+Z never removes a participant's note");

    // With approval on, the note waits in the console until the facilitator lets it in.
    click(&mut harness, "Approve each note before it goes into the workshop");
    let phone_base = base.clone();
    let code = link.rsplit('=').next().unwrap().to_owned();
    let location = with_phone(&mut harness, move || {
        let mut phone = phone::Phone::new(&phone_base);
        phone.post_form("/join", &[("code", &code)]);
        phone.post_form("/about-you", &[("organisation", "none"), ("name", "")]);
        phone.add_to_map("Waiting for the nod", "need").location
    });
    assert_eq!(location.as_deref(), Some("/?done=waiting"));
    assert_eq!(session(&harness).notes.len(), before.notes.len() + 1, "the waiting note is not in yet");
    harness.get_by_label("Waiting for approval: 1");
    harness.get_by_label("Waiting for the nod");
    click(&mut harness, "Approve");
    assert!(session(&harness).notes.iter().any(|note| note.text == "Waiting for the nod"));

    let address = base.trim_start_matches("http://").to_owned();
    assert!(std::net::TcpStream::connect(&address).is_ok());
    click(&mut harness, "Stop joining");
    assert!(std::net::TcpStream::connect(&address).is_err(), "Stop joining stops the server");
    harness.get_by_label("Start joining");
}

#[test]
fn closing_the_workshop_ends_joining() {
    let _one_server_at_a_time = one_server_at_a_time();
    let folder = tempfile::tempdir().unwrap();
    let mut harness = app(folder.path());
    let link = start_joining(&mut harness, true);
    let address = link.trim_start_matches("http://").split('/').next().unwrap().to_owned();
    assert!(std::net::TcpStream::connect(&address).is_ok());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    assert!(harness.state().document().is_none());
    assert!(std::net::TcpStream::connect(&address).is_err(), "closing the workshop stops the server");
}

#[test]
fn the_console_pauses_joining_rejects_all_and_removes_one_phones_notes_in_one_step() {
    let _one_server_at_a_time = one_server_at_a_time();
    let folder = tempfile::tempdir().unwrap();
    let mut harness = app(folder.path());
    let link = start_joining(&mut harness, false);
    let (base, code) = link.split_once("/?code=").map(|(base, code)| (base.to_owned(), code.to_owned())).unwrap();
    let before = session(&harness).notes.len();
    let undo_steps = harness.state().document().unwrap().history().undo_len();

    let (phone_base, phone_code) = (base.clone(), code.clone());
    let flooder = with_phone(&mut harness, move || {
        let mut phone = phone::Phone::new(&phone_base);
        assert_eq!(phone.post_form("/join", &[("code", &phone_code)]).status, 303);
        phone.post_form("/about-you", &[("organisation", "none"), ("name", "Flood")]);
        for n in 0..3 {
            assert_eq!(phone.add_to_map(&format!("Flood {n}"), "need").status, 303);
        }
        phone
    });
    assert_eq!(session(&harness).notes.len(), before + 3);

    // Reject all: every waiting note is turned away, none enters the workshop.
    click(&mut harness, "Approve each note before it goes into the workshop");
    let flooder = with_phone(&mut harness, move || {
        let mut phone = flooder;
        for n in 0..2 {
            assert_eq!(
                phone.add_to_map(&format!("Waiting flood {n}"), "need").location.as_deref(),
                Some("/?done=waiting")
            );
        }
        phone
    });
    harness.get_by_label("Waiting for approval: 2");
    click(&mut harness, "Reject all");
    harness.get_by_label("Waiting for approval: 0");
    assert_eq!(session(&harness).notes.len(), before + 3);

    // Pause joining: a new phone is turned away, and let in again once joining resumes.
    click(&mut harness, "Pause joining");
    let (phone_base, phone_code) = (base.clone(), code.clone());
    let status = with_phone(&mut harness, move || {
        phone::Phone::new(&phone_base).post_form("/join", &[("code", &phone_code)]).status
    });
    assert_eq!(status, 503, "no new phones while paused");
    click(&mut harness, "Pause joining");
    let (phone_base, phone_code) = (base.clone(), code.clone());
    let status = with_phone(&mut harness, move || {
        phone::Phone::new(&phone_base).post_form("/join", &[("code", &phone_code)]).status
    });
    assert_eq!(status, 303);

    // Remove everything one phone sent: one step, which Ctrl+Z undoes.
    click(&mut harness, "Phones, one by one");
    click(&mut harness, "Remove everything from Flood");
    assert_eq!(session(&harness).notes.len(), before, "all the phone's notes are gone");
    assert_eq!(harness.state().document().unwrap().history().undo_len(), undo_steps + 1, "as one step");
    let status = with_phone(&mut harness, move || {
        let mut phone = flooder;
        phone.add_to_map("Still flooding", "need").status
    });
    assert_eq!(status, 401, "the phone is signed out");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(session(&harness).notes.len(), before + 3, "Ctrl+Z brings the three notes back");
}

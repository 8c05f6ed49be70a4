//! In the room (issue 5): the projection, private writing, the scribe, the timer, the keyboard
//! and the screen reader, driven through the real app (and the projection's own function) by
//! AccessKit role and label and by the keys a facilitator presses, checked against the session.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::NoFilePicker;

use common_ground::model::{MapArc, Note, Placement, Session, WheelBand};
use common_ground::store::DataDir;
use common_ground::ui::room::{ManualClock, ProjectedCanvas, Projection, ProjectorLook, RoomTimer, projection_ui};
use common_ground::ui::wheel::WheelView;
use common_ground::ui::{AppConfig, CommonGroundApp, NeedsMapState};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::time::Duration;
use tempfile::TempDir;

/// The example workshop: eleven prompts, 40 notes on the wheel, five organisations.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");
/// The example's agenda step "Exploring assumptions: the prompt wheel", 40 minutes.
const WHEEL_STEP: &str = "f7c53f99-1603-4704-81da-57e6bb1f6556";
/// A projector's screen.
const PROJECTOR: Vec2 = egui::vec2(1920.0, 1080.0);

/// Roles a person can act on: each must have a name, and none may be on the projection.
const CONTROL_ROLES: [Role; 13] = [
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::ComboBox,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::Slider,
    Role::SpinButton,
    Role::Link,
    Role::MenuItem,
    Role::Tab,
    Role::Switch,
    Role::ListBoxOption,
];

/// The app on a projector-sized screen, with a copy of the example open and a clock that only
/// moves when the test says.
struct Room {
    harness: Harness<'static, CommonGroundApp>,
    clock: ManualClock,
    _folder: TempDir,
}

impl Room {
    /// The example, optionally on the agenda's wheel step.
    fn open(on_wheel_step: bool) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let copy = folder.path().join("workshop.ron");
        let mut text = std::fs::read_to_string(EXAMPLE).unwrap();
        if on_wheel_step {
            text = text.replace("current: None,", &format!("current: Some(\"{WHEEL_STEP}\"),"));
        }
        std::fs::write(&copy, text).unwrap();
        let config = AppConfig {
            data_dir: DataDir::at(folder.path().join("data")),
            file_to_open: Some(copy),
            file_picker: Box::new(NoFilePicker),
        };
        let mut harness = Harness::builder()
            .with_size(PROJECTOR)
            .with_step_dt(1.0 / 60.0)
            // The wheel re-plans its rings within a time budget a frame (`SETTLING_PER_FRAME`), so on a
            // busy machine a change takes more frames to settle; kittest's default of four was
            // exceeded now and then (six) with other tests running beside this one.
            .with_max_steps(32)
            .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
        let clock = ManualClock::default();
        harness.state_mut().set_clock(Box::new(clock.clone()));
        harness.run();
        Self { harness, clock, _folder: folder }
    }

    fn session(&self) -> &Session {
        self.harness.state().document().unwrap().session()
    }

    fn note(&self, text: &str) -> &Note {
        self.session().notes.iter().find(|note| note.text == text).unwrap_or_else(|| panic!("no note {text:?}"))
    }

    fn press(&mut self, key: Key) {
        self.harness.key_press(key);
        self.harness.run();
    }

    fn type_text(&mut self, text: &str) {
        self.harness.event(Event::Text(text.to_owned()));
        self.harness.run();
    }

    fn advance(&mut self, seconds: u64) {
        self.clock.advance(Duration::from_secs(seconds));
        self.harness.run();
    }

    /// Every node's label (a text's label is its words).
    fn labels(&self) -> Vec<String> {
        words_of(&self.harness.root())
    }

    fn has_label(&self, label: &str) -> bool {
        self.labels().iter().any(|text| text == label)
    }

    /// The label of the widget that has the keyboard.
    fn focused(&self) -> Option<String> {
        self.harness
            .root()
            .children_recursive()
            .find(|node| node.accesskit_node().is_focused())
            .and_then(|node| node.accesskit_node().label())
    }

    /// Presses Tab until the widget called `label` has the keyboard, as a person without a mouse
    /// would; fails if it is never reached.
    fn tab_to(&mut self, label: &str) {
        self.tab_until(|focused| focused == label);
    }

    /// Presses Tab until a widget whose label `wanted` accepts has the keyboard; returns its label.
    fn tab_until(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        for _ in 0..200 {
            if let Some(focused) = self.focused().filter(|label| wanted(label)) {
                return focused;
            }
            self.press(Key::Tab);
        }
        panic!("Tab never reached the widget; the keyboard is on {:?}", self.focused());
    }
}

/// Every node's label, or its value for texts whose words are their value.
fn words_of(root: &egui_kittest::Node<'_>) -> Vec<String> {
    root.children_recursive()
        .filter_map(|node| node.accesskit_node().label().or_else(|| node.accesskit_node().value()))
        .collect()
}

/// Nodes a person could act on, as "Role label" for messages.
fn controls(root: &egui_kittest::Node<'_>) -> Vec<String> {
    root.children_recursive()
        .filter(|node| {
            let node = node.accesskit_node();
            CONTROL_ROLES.contains(&node.role()) || node.data().supports_action(egui::accesskit::Action::Focus)
        })
        .map(|node| format!("{:?} {:?}", node.accesskit_node().role(), node.accesskit_node().label()))
        .collect()
}

/// What the projection's function is drawn from in the direct tests.
struct Projected {
    session: Session,
    canvas: ProjectedCanvas,
    wheel: WheelView,
    map: NeedsMapState,
    look: ProjectorLook,
    timer: RoomTimer,
    join: Option<common_ground::ui::JoinInfo>,
}

fn projection_harness(canvas: ProjectedCanvas, focus_view: bool) -> Harness<'static, Projected> {
    let session = common_ground::store::load_session(std::path::Path::new(EXAMPLE)).unwrap();
    let mut timer = RoomTimer::default();
    timer.start(Duration::from_mins(10), Duration::ZERO);
    let mut wheel = WheelView::default();
    wheel.focus_mode = focus_view;
    let state = Projected {
        session,
        canvas,
        wheel,
        map: NeedsMapState::default(),
        look: ProjectorLook::default(),
        timer,
        join: None,
    };
    let mut harness = Harness::builder().with_size(PROJECTOR).build_ui_state(
        |ui, state: &mut Projected| {
            projection_ui(
                ui,
                Projection {
                    session: &state.session,
                    // The session is not changed while this projection is shown.
                    revision: 1,
                    canvas: state.canvas,
                    wheel: &mut state.wheel,
                    map: &mut state.map,
                    look: state.look,
                    timer: &state.timer,
                    now: Duration::from_secs(61),
                    join: state.join.as_ref(),
                    voting: common_ground::ui::VoteOnCanvas::default(),
                },
            );
        },
        state,
    );
    harness.run();
    harness
}

#[test]
fn while_joining_is_open_the_projection_shows_the_join_card_beside_the_canvas() {
    for canvas in [ProjectedCanvas::Wheel, ProjectedCanvas::Map] {
        let mut harness = projection_harness(canvas, false);
        let link = "http://192.168.1.20:8787/?code=K7QX2";
        harness.state_mut().join =
            Some(common_ground::ui::JoinInfo::new("http://192.168.1.20:8787".into(), link.into(), "K7QX2".into()));
        harness.run();
        harness.get_by_label(&format!("QR code to join: {link}"));
        harness.get_by_label("http://192.168.1.20:8787");
        harness.get_by_label("K7QX2");
        assert!(controls(&harness.root()).is_empty(), "the card adds nothing to click on the projection");
        // The canvas and its question still show beside it.
        let labels = words_of(&harness.root());
        let canvas_words = match canvas {
            ProjectedCanvas::Wheel => "Whose welfare comes first?",
            ProjectedCanvas::Map => "What elements of support",
        };
        assert!(labels.iter().any(|label| label.contains(canvas_words)), "{canvas:?}: {labels:?}");
        harness.state_mut().join = None;
        harness.run();
        assert!(harness.query_by_label_contains("QR code to join").is_none(), "the card goes when joining stops");
    }
}

#[test]
fn the_projected_view_shows_no_controls() {
    for (canvas, focus_view) in
        [(ProjectedCanvas::Wheel, false), (ProjectedCanvas::Wheel, true), (ProjectedCanvas::Map, false)]
    {
        let harness = projection_harness(canvas, focus_view);
        let controls = controls(&harness.root());
        assert!(controls.is_empty(), "{canvas:?} (focus view {focus_view}) has controls: {controls:?}");
        // It does show the board: the question, the timer and the notes, for screen readers too.
        let labels = words_of(&harness.root());
        assert!(labels.iter().any(|label| label == "8:59"), "the timer shows: {labels:?}");
        let question = match canvas {
            ProjectedCanvas::Wheel => "Whose welfare comes first?",
            ProjectedCanvas::Map => "What elements of support can be put together to meet this need?",
        };
        assert!(labels.iter().any(|label| label.starts_with(&question[..20])), "{question} shows: {labels:?}");
    }
}

#[test]
fn presenting_shows_the_projection_alone_and_esc_comes_back() {
    let mut room = Room::open(true);
    room.press(Key::F5);
    assert!(room.harness.state().room().presenting);
    let controls = controls(&room.harness.root());
    assert!(controls.is_empty(), "presenting shows controls: {controls:?}");
    assert!(room.has_label("Now: Exploring assumptions: the prompt wheel · 40 min   ·   Prompt 1 of 11 · discussed"));
    // The keys still run the room: the next prompt shows on the projection.
    room.press(Key::ArrowRight);
    assert!(room.has_label("Who’s in control?"), "{:?}", room.labels());
    room.press(Key::Escape);
    assert!(!room.harness.state().room().presenting);
    room.harness.get_by_label("Projector window F6");
}

#[test]
fn the_projector_window_follows_the_console() {
    let mut room = Room::open(false);
    room.press(Key::F6);
    assert!(room.harness.state().room().projector_open);
    // The test harness has no second window, so egui shows the projector's viewport as a window
    // inside this one: the same projection, titled as the real window is.
    room.harness.get_by_label("Community involvement: education and work after outreach — projector — Common Ground");
    room.press(Key::ArrowRight);
    let projected = room.labels().iter().filter(|label| *label == "Who’s in control?").count();
    assert!(projected >= 1, "the projection shows the prompt the console chose");
    room.press(Key::F6);
    assert!(!room.harness.state().room().projector_open);
}

#[test]
fn the_scribe_adds_a_note_to_the_selected_prompt_with_the_chosen_organisation() {
    let mut room = Room::open(false);
    room.press(Key::ArrowRight);
    let prompt = room.session().wheel.prompts[1].key.clone();
    let notes_before = room.session().notes.len();
    room.press(Key::S);
    assert_eq!(room.focused().as_deref(), Some("Note"), "the scribe box takes the keyboard");
    room.type_text("Bus passes for carers");
    room.press(Key::Tab);
    room.type_text("bm");
    room.harness.get_by_label("Bristol Mind (BM)");
    room.press(Key::Tab);
    room.type_text("Sam");
    room.press(Key::Enter);

    let note = room.note("Bus passes for carers");
    assert_eq!(note.placement, Placement::Wheel { prompt: prompt.clone(), band: WheelBand::Assumption });
    let mind = room.session().organisations.iter().find(|org| org.name == "Bristol Mind").unwrap().id;
    assert_eq!(note.organisation, Some(mind));
    assert_eq!(note.author.as_deref(), Some("Sam"));
    assert!(!note.hidden);
    // On the board at once: the console's wheel has it, selected, and the box waits for the next.
    room.harness.get_by_label("Note, assumption on “Who’s in control?”: Bus passes for carers — Bristol Mind, Sam");
    assert!(room.harness.state().room().scribe_open());
    assert_eq!(room.focused().as_deref(), Some("Note"));

    // The next one keeps the organisation and speaker; Alt and a number picks another organisation.
    room.type_text("Evening drop-in");
    room.harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    room.harness.run();
    room.press(Key::Enter);
    let second = room.note("Evening drop-in");
    assert_eq!(second.placement, Placement::Wheel { prompt, band: WheelBand::Assumption });
    assert_eq!(second.organisation, Some(room.session().organisations[0].id));
    assert_eq!(room.session().notes.len(), notes_before + 2);

    room.press(Key::Escape);
    assert!(!room.harness.state().room().scribe_open());
}

#[test]
fn the_scribe_writes_onto_the_needs_map_arc() {
    let mut room = Room::open(false);
    room.harness.get_by_label("Needs map").click();
    room.harness.run();
    room.press(Key::S);
    room.harness.get_by_label("Potential sources of help").click();
    room.harness.run();
    room.harness.get_by_label("Note").focus();
    room.harness.run();
    room.type_text("Library homework club");
    room.press(Key::Enter);
    let note = room.note("Library homework club");
    assert_eq!(note.placement.map_arc(), Some(MapArc::Help));
}

#[test]
fn hidden_notes_are_blank_on_the_projection_until_revealed() {
    let mut room = Room::open(false);
    room.press(Key::W);
    assert!(room.session().private_writing);
    room.press(Key::A);
    room.type_text("Nobody asks the families");
    room.press(Key::Enter);
    assert!(room.note("Nobody asks the families").hidden, "written in private");

    // The console shows the words, marked hidden.
    let console = "Hidden note (blank on the projection), assumption on “Whose welfare comes first?”: Nobody asks the \
                   families — No organisation, Anonymous";
    assert!(room.has_label(console), "{:?}", room.labels());

    // The projection shows a blank card: the screen reader hears only that a note is hidden.
    room.press(Key::F5);
    assert!(room.has_label("Hidden note, assumption on “Whose welfare comes first?”"));
    assert!(!room.labels().iter().any(|label| label.contains("Nobody asks")), "{:?}", room.labels());
    assert!(room.has_label("1 note hidden until it is revealed"));

    // One key reveals every hidden note at once; one undo hides them again.
    room.press(Key::R);
    assert_eq!(room.session().hidden_notes().count(), 0);
    assert!(room.labels().iter().any(|label| label.contains("Nobody asks the families")));
    room.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    room.harness.run();
    assert!(room.note("Nobody asks the families").hidden);
}

#[test]
fn the_timer_counts_down_with_the_clock() {
    let mut room = Room::open(true);
    room.press(Key::F5);
    // T then Enter: the agenda step's 40 minutes.
    room.press(Key::T);
    room.press(Key::Enter);
    assert!(room.has_label("40:00"), "{:?}", room.labels());
    room.advance(61);
    assert!(room.has_label("38:59"));

    // T, digits, Enter: any time box.
    room.press(Key::T);
    room.type_text("10");
    room.press(Key::Enter);
    assert!(room.has_label("10:00"));
    room.advance(90);
    assert!(room.has_label("8:30"));

    // P pauses (the clock moves on, the timer does not), P carries on, + adds a minute.
    room.press(Key::P);
    room.advance(300);
    assert!(room.has_label("8:30") && room.has_label("Paused"));
    room.press(Key::P);
    room.press(Key::Plus);
    assert!(room.has_label("9:30") && room.has_label("Time left"));

    room.advance(570);
    assert!(room.has_label("0:00") && room.has_label("Time is up"), "{:?}", room.labels());
}

#[test]
fn a_keyboard_alone_adds_moves_and_links_notes() {
    let mut room = Room::open(false);
    // The wheel: A writes an assumption on the selected prompt, M moves it to the other ring.
    room.press(Key::A);
    room.type_text("Carers are not asked");
    room.press(Key::Enter);
    let prompt = room.session().wheel.prompts[0].key.clone();
    assert_eq!(
        room.note("Carers are not asked").placement,
        Placement::Wheel { prompt: prompt.clone(), band: WheelBand::Assumption }
    );
    room.press(Key::M);
    assert_eq!(room.focused().as_deref(), Some("Whose welfare comes first? — Making the most of opportunities"));
    room.press(Key::Enter);
    assert_eq!(room.note("Carers are not asked").placement, Placement::Wheel { prompt, band: WheelBand::Opportunity });
    // ... or on to another prompt, further down the list.
    room.press(Key::M);
    room.press(Key::Tab);
    assert_eq!(room.focused().as_deref(), Some("Who’s in control? — Exploring assumptions"));
    room.press(Key::Enter);
    let in_control = room.session().wheel.prompts[1].key.clone();
    assert_eq!(
        room.note("Carers are not asked").placement,
        Placement::Wheel { prompt: in_control, band: WheelBand::Assumption }
    );

    // Tab reaches a note on the canvas and selects it, for M and the panel to act on.
    let reached = room.tab_until(|label| label.starts_with("Note, "));
    let text = reached.split(": ").nth(1).unwrap().split(" — ").next().unwrap().to_owned();
    room.press(Key::M);
    let heading = room.labels().into_iter().find(|label| label.starts_with("Move “")).unwrap();
    assert!(text.starts_with(heading.trim_start_matches("Move “").split(' ').next().unwrap()), "{heading} for {text}");
    room.press(Key::Escape);

    // The needs map, reached with Tab and Enter.
    room.tab_to("Needs map");
    room.press(Key::Enter);
    room.press(Key::N);
    room.type_text("Somewhere to go in the evening");
    room.press(Key::Enter);
    room.press(Key::H);
    room.type_text("Youth club");
    room.press(Key::Enter);
    let need = room.note("Somewhere to go in the evening").id;
    let help = room.note("Youth club").id;

    // L links the selected note (the source of help just added) to a need chosen from a list.
    room.press(Key::L);
    assert!(room.has_label("Link “Youth club” to…"));
    room.tab_to("Somewhere to go in the evening (No organisation)");
    room.press(Key::Enter);
    assert!(room.session().links.iter().any(|link| link.need == need && link.help == help), "linked");

    // M moves a note to another stage of its arc.
    room.press(Key::Escape);
    room.tab_until(|label| label.starts_with("Source of help: Youth club."));
    room.press(Key::M);
    let before = room.note("Youth club").placement.clone();
    room.press(Key::Tab);
    room.press(Key::Enter);
    let after = room.note("Youth club").placement.clone();
    assert_ne!(before, after, "moved along its arc");
    assert_eq!(after.map_arc(), Some(MapArc::Help));
}

#[test]
fn every_control_has_a_label_for_screen_readers() {
    let mut room = Room::open(true);
    let check = |room: &Room, state: &str| {
        let unlabelled: Vec<String> = room
            .harness
            .root()
            .children_recursive()
            .filter(|node| {
                let node = node.accesskit_node();
                let control =
                    CONTROL_ROLES.contains(&node.role()) || node.data().supports_action(egui::accesskit::Action::Focus);
                control && node.label().is_none_or(|label| label.trim().is_empty())
            })
            .map(|node| format!("{:?} at {:?}", node.accesskit_node().role(), node.rect()))
            .collect();
        assert!(unlabelled.is_empty(), "{state}: controls without a label: {unlabelled:?}");
    };
    check(&room, "the wheel");
    room.press(Key::S);
    room.press(Key::Escape);
    room.press(Key::T);
    check(&room, "the timer's minutes");
    room.press(Key::Escape);
    room.press(Key::S);
    check(&room, "the scribe box");
    room.press(Key::Escape);
    room.press(Key::F1);
    check(&room, "the shortcuts sheet");
    room.press(Key::F1);
    room.harness.get_by_label("Needs map").click();
    room.harness.run();
    check(&room, "the needs map");
    room.harness.get_by_label("All notes").click();
    room.harness.run();
    check(&room, "all notes");
    room.harness.get_by_label("Workshop details").click();
    room.harness.run();
    check(&room, "the workshop details");
    room.harness.get_by_label("Action plan").click();
    room.harness.run();
    check(&room, "the action plan");
    room.harness.get_by_label("Agenda").click();
    room.harness.run();
    check(&room, "the agenda");
    room.harness.get_by_label("Prompt wheel").click();
    room.harness.run();
    room.harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    room.harness.run();
    assert!(room.has_label("Open the vote"), "the dot voting panel is showing");
    check(&room, "the dot voting panel");
    room.harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::J);
    room.harness.run();
    assert!(room.has_label("Start joining"), "the joining panel is showing");
    check(&room, "the joining panel");
    let loopback = room.harness.get_by_label_contains("This computer only").accesskit_node().label().unwrap();
    room.harness.get_by_label(&loopback).click();
    room.harness.run();
    room.harness.get_by_label("Start joining").click();
    room.harness.run();
    assert!(room.has_label("Stop joining"), "joining is open");
    check(&room, "the joining panel while joining is open");
}

#[test]
fn the_shortcuts_sheet_lists_every_command_from_the_table() {
    let mut room = Room::open(false);
    room.press(Key::F1);
    for label in ["Keyboard shortcuts", "In the room (with a workshop open)", "On the needs map", "Reveal all", "F5"] {
        assert!(room.has_label(label), "the sheet shows {label:?}");
    }
    assert!(room.has_label("Ctrl+Equals, Ctrl+Plus") || room.has_label("Ctrl+=, Ctrl++"), "{:?}", room.labels());
    room.press(Key::Escape);
    assert!(!room.has_label("In the room (with a workshop open)"));
    room.press(Key::Questionmark);
    assert!(room.has_label("In the room (with a workshop open)"), "? opens it too");
}

/// The projection on a projector's screen in one theme, with the timer running.
fn snapshot_projection(dark: bool, name: &str) {
    let mut room = Room::open(true);
    room.harness.get_by_label("Projector theme").click();
    room.harness.run();
    room.harness.get_by_label(if dark { "High contrast dark" } else { "High contrast light" }).click();
    room.harness.run();
    room.press(Key::T);
    room.press(Key::Enter);
    room.advance(95);
    room.press(Key::F5);
    room.harness.remove_cursor();
    room.harness.run();
    room.harness.snapshot(name);
}

#[test]
fn snapshot_projection_light() {
    snapshot_projection(false, "projection_light");
}

#[test]
fn snapshot_projection_dark() {
    snapshot_projection(true, "projection_dark");
}

#[test]
fn presenting_shows_the_votes_as_they_are_now_whatever_tab_the_console_last_showed() {
    let mut room = Room::open(false);
    // The example's closed vote: the console's wheel shows its totals.
    assert!(room.labels().iter().any(|label| label.contains("in the vote")), "{:?}", room.labels());
    // On another tab the facilitator reopens the vote: nobody may see running totals now.
    room.harness.get_by_label("All notes").click();
    room.harness.run();
    room.harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    room.harness.run();
    room.harness.get_by_label("Reopen the vote").click();
    room.harness.run();
    assert!(room.session().open_vote().is_some());
    room.press(Key::F5);
    assert!(room.harness.state().room().presenting);
    let totals: Vec<String> = room.labels().into_iter().filter(|label| label.contains("in the vote")).collect();
    assert!(totals.is_empty(), "the projection shows an open vote's running totals: {totals:?}");
}

//! Focus, keyboard and screen readers (issue 19, points 8 and 10–13): after every action the
//! keyboard is on something a person can see and act on, and the accessibility tree says what a
//! screen reader needs: the window's name, lists' values, fields' text, dialogs, headings, tabs,
//! and announcements of what just happened. Driven through the real app by role, label and key.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::{App, wait_for_export};

use egui::accesskit::{Live, Role};
use egui::{Event, Key};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The example workshop: eleven prompts, six participants, five organisations, an agenda.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");

impl App {
    fn example() -> Self {
        Self::with_copy_of(EXAMPLE)
    }

    fn click(&mut self, label: &str) {
        self.get_by_label(label).click();
        self.run();
    }

    /// What the live region says now.
    fn announced(&self) -> String {
        let node = self
            .root()
            .children_recursive()
            .find(|node| node.accesskit_node().role() == Role::Status && node.accesskit_node().live() == Live::Polite)
            .expect("the live region is always in the tree");
        node.accesskit_node().label().unwrap_or_default().replace('\u{200B}', "")
    }
}

#[test]
fn after_moving_a_note_the_keyboard_follows_it() {
    let mut app = App::example();
    app.press(Key::A);
    app.type_text("Carers are asked last");
    app.press(Key::Enter);
    app.press(Key::M);
    // "Move to…" starts on the other ring of the same prompt; Enter moves the note there.
    app.press(Key::Enter);
    let focused = app.focused_label().expect("something has the keyboard after the move");
    assert!(focused.starts_with("Note, opportunity") && focused.contains("Carers are asked last"), "{focused}");
}

#[test]
fn in_the_focus_view_a_new_note_takes_the_keyboard() {
    let mut app = App::example();
    app.press(Key::F);
    app.press(Key::O);
    app.type_text("A shared minibus");
    app.press(Key::Enter);
    let focused = app.focused_label().expect("something has the keyboard after adding in the focus view");
    assert!(focused.contains("A shared minibus"), "{focused}");
}

#[test]
fn on_the_map_the_keyboard_stays_with_the_note_through_moving_linking_and_deleting() {
    let mut app = App::example();
    app.click("Needs map");
    app.press(Key::N);
    app.type_text("A lift to the clinic");
    app.press(Key::Enter);
    let on_the_note = |app: &App, after: &str| {
        let focused = app.focused_label().unwrap_or_else(|| panic!("nothing has the keyboard after {after}"));
        assert!(focused.contains("A lift to the clinic"), "after {after}: {focused}");
    };
    on_the_note(&app, "adding");
    // Move to… the first stage of the arc.
    app.press(Key::M);
    app.press(Key::Enter);
    on_the_note(&app, "moving");
    // Link to… the first source of help.
    let links = app.session().links.len();
    app.press(Key::L);
    app.press(Key::Enter);
    assert_eq!(app.session().links.len(), links + 1, "Enter made the link");
    on_the_note(&app, "linking");
    // Delete removes the selected link; the keyboard is on its need.
    app.press(Key::Delete);
    assert_eq!(app.session().links.len(), links);
    on_the_note(&app, "deleting the link");
    // Enter selects the note; Delete removes it, and the map itself has the keyboard.
    app.press(Key::Enter);
    app.press(Key::Delete);
    assert!(app.session().notes.iter().all(|note| note.text != "A lift to the clinic"));
    let focused = app.focused_label().expect("the map has the keyboard after the note is deleted");
    assert!(focused.starts_with("Needs map."), "{focused}");
}

/// On a busy computer one frame can hold the key that opens a box and the first letters meant for
/// it: they land in the box instead of being lost ("Volunteer drivers" was saved as "eer drivers").
#[test]
fn letters_typed_with_the_key_that_opens_a_box_land_in_the_box() {
    let mut app = App::example();
    let typed_in_one_frame = |app: &mut App, key: Key, letter: &str, first_words: &str| {
        // Straight into the next frame's input: `event` would give each event a frame of its own.
        let key_event =
            |pressed| Event::Key { key, physical_key: None, pressed, repeat: false, modifiers: egui::Modifiers::NONE };
        app.input_mut().events.extend([
            key_event(true),
            Event::Text(letter.to_owned()),
            key_event(false),
            Event::Text(first_words.to_owned()),
        ]);
        app.run();
    };
    typed_in_one_frame(&mut app, Key::A, "a", "Carers ");
    app.type_text("asked last");
    app.press(Key::Enter);
    assert!(
        app.session().notes.iter().any(|note| note.text == "Carers asked last"),
        "the wheel's note box lost letters"
    );

    app.click("Needs map");
    typed_in_one_frame(&mut app, Key::N, "n", "Volun");
    app.type_text("teer drivers");
    app.press(Key::Enter);
    assert!(app.session().notes.iter().any(|note| note.text == "Volunteer drivers"), "the map's note box lost letters");

    // The next frame too can come before the box has the keyboard: its letters are the note's,
    // not one-key commands (the "o" would open an opportunity's box, the "d" mark the prompt discussed).
    app.click("Prompt wheel");
    let typed = |app: &mut App, key: Key, letter: &str| {
        let key_event =
            |pressed| Event::Key { key, physical_key: None, pressed, repeat: false, modifiers: egui::Modifiers::NONE };
        app.input_mut().events.extend([key_event(true), Event::Text(letter.to_owned()), key_event(false)]);
    };
    typed(&mut app, Key::A, "a");
    app.step();
    for (key, letter) in [(Key::D, "D"), (Key::O, "o"), (Key::R, "r")] {
        typed(&mut app, key, letter);
    }
    app.step();
    app.run();
    app.type_text("s open late");
    app.press(Key::Enter);
    let added = app.session().notes.iter().find(|note| note.text.ends_with("open late")).map(|note| note.text.clone());
    assert_eq!(added.as_deref(), Some("Dors open late"), "letters typed before the box had the keyboard");
}

#[test]
fn a_note_box_given_up_hands_the_keyboard_back() {
    let mut app = App::example();
    // The wheel: back to the note that was selected when the box opened.
    app.press(Key::A);
    app.type_text("First thought");
    app.press(Key::Enter);
    app.press(Key::A);
    app.press(Key::Escape);
    let focused = app.focused_label().expect("the keyboard is back on the selected note");
    assert!(focused.contains("First thought"), "{focused}");

    // The map: back to the map itself.
    app.click("Needs map");
    app.press(Key::N);
    app.type_text("Somewhere warm");
    app.press(Key::Escape);
    app.press(Key::Escape);
    let focused = app.focused_label().expect("the keyboard is back on the map");
    assert!(focused.starts_with("Needs map."), "{focused}");
    // And N starts another note from there.
    app.press(Key::N);
    assert!(app.query_by_role_and_label(Role::TextInput, "New need").is_some());
}

#[test]
fn the_window_is_named_after_the_workshop_and_the_projector_window_is_in_the_tree() {
    let mut app = App::example();
    let title = app.session().display_title().to_owned();
    assert_eq!(app.root().accesskit_node().label().as_deref(), Some(format!("Common Ground — {title}").as_str()));
    let projector_windows = |app: &App| {
        app.root()
            .children_recursive()
            .filter(|node| node.accesskit_node().role() == Role::Window)
            .filter_map(|node| node.accesskit_node().label())
            .collect::<Vec<_>>()
    };
    assert!(projector_windows(&app).is_empty(), "no projector window yet");
    app.press(Key::F6);
    let names = projector_windows(&app);
    assert!(names.iter().any(|name| name.contains(&title) && name.contains("projector")), "{names:?}");
}

#[test]
fn lists_say_their_value_and_fields_their_text() {
    let mut app = App::example();
    let theme = app.get_by_role_and_label(Role::ComboBox, "Projector theme");
    let value = theme.accesskit_node().value().expect("the list has a value");
    assert!(!value.is_empty());
    // The description is what the Linux bridge (AT-SPI) passes on for a combo box.
    assert_eq!(theme.accesskit_node().description().as_deref(), Some(value.as_str()));
    app.click("Workshop details");
    let title = app.get_by_role_and_label(Role::TextInput, "Title");
    assert_eq!(title.accesskit_node().value().as_deref(), Some(app.session().details.title.as_str()));
}

#[test]
fn note_boxes_are_dialogs_sections_are_headings_and_the_tabs_are_tabs() {
    let mut app = App::example();
    app.press(Key::A);
    assert!(app.query_by_role_and_label(Role::Dialog, "New assumption").is_some(), "the wheel's note box");
    app.press(Key::Escape);
    app.click("Needs map");
    app.press(Key::N);
    assert!(app.query_by_role_and_label(Role::Dialog, "New need").is_some(), "the map's note box");
    app.press(Key::Escape);

    let tab = app.get_by_role_and_label(Role::Tab, "Needs map");
    assert!(tab.accesskit_node().is_selected() == Some(true), "the tab showing is the selected one");
    assert!(app.get_by_role_and_label(Role::Tab, "Prompt wheel").accesskit_node().is_selected() == Some(false));
    assert!(app.query_by_role_and_label(Role::Heading, "What can be put together?").is_some());

    // Dialogs' titles, written with egui's own `ui.heading`, are headings too.
    app.press(Key::F1);
    assert!(app.query_by_role_and_label(Role::Heading, "Keyboard shortcuts").is_some(), "the shortcuts sheet's title");
    app.press(Key::Escape);
    app.click("Prompt wheel");
    app.press(Key::A);
    app.type_text("Carers are asked last");
    app.press(Key::Enter);
    app.press(Key::M);
    let move_heading = app
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().label().is_some_and(|label| label.starts_with("Move “Carers")))
        .expect("Move to… has a title");
    assert_eq!(move_heading.accesskit_node().role(), Role::Heading, "Move to…'s title is a heading");
}

#[test]
fn what_happens_is_announced() {
    let mut app = App::example();
    assert_eq!(app.announced(), "");
    app.press(Key::A);
    app.type_text("Ask the carers");
    app.press(Key::Enter);
    let said = app.announced();
    assert!(said.starts_with("Note added.") && said.contains("Ask the carers"), "{said}");

    app.press(Key::PageDown);
    let said = app.announced();
    assert!(said.starts_with("Agenda step 1 of") && said.contains("Welcome and introductions"), "{said}");

    app.click("Workshop");
    app.get_by_label_contains("Dot voting…").click();
    app.run();
    app.click("Open the vote");
    app.click("Close the vote and show the totals");
    let said = app.announced();
    assert!(said.starts_with("Vote closed on"), "{said}");

    // A note written in private is announced without its words, as the projection shows it blank.
    app.click("Prompt wheel");
    app.press(Key::W);
    app.press(Key::A);
    app.type_text("Nobody asks the families");
    app.press(Key::Enter);
    let said = app.announced();
    assert!(said.starts_with("Note added, hidden until revealed.") && !said.contains("Nobody asks"), "{said}");
}

#[test]
fn the_side_panel_divider_moves_from_the_keyboard() {
    let mut app = App::example();
    // The side panel's left edge, read from where a widget at its left sits.
    let left_of = |app: &App, label: &str| app.get_by_label(label).rect().left();
    let before = left_of(&app, "Previous");
    app.key_press_modifiers(egui::Modifiers::COMMAND, Key::OpenBracket);
    app.run();
    let wider = left_of(&app, "Previous");
    assert!((before - wider - 40.0).abs() < 1.0, "Ctrl+[ widens the panel by 40 points: {before} to {wider}");
    app.key_press_modifiers(egui::Modifiers::COMMAND, Key::OpenBracket);
    app.run();
    app.key_press_modifiers(egui::Modifiers::COMMAND, Key::CloseBracket);
    app.run();
    // (Not narrower than it started: a panel is never narrower than its widest row of buttons.)
    let narrower = left_of(&app, "Previous");
    assert!((before - narrower - 40.0).abs() < 1.0, "twice Ctrl+[, once Ctrl+]: {before} to {narrower}");

    // The map's answer panel, within its limits (260 to 520 points).
    app.click("Needs map");
    let before = left_of(&app, "What can be put together?");
    for _ in 0..10 {
        app.key_press_modifiers(egui::Modifiers::COMMAND, Key::OpenBracket);
        app.run();
    }
    let widest = left_of(&app, "What can be put together?");
    assert!(widest < before - 100.0, "the answer panel widened: {before} to {widest}");
    assert!(widest > before - 200.0, "no wider than its 520 points: {before} to {widest}");

    // With the keyboard in the details panel on the left, the keys move that panel's divider.
    app.click("Workshop details");
    app.get_by_role_and_label(Role::TextInput, "Title").focus();
    app.run();
    let tabs_before = app.get_by_label("Prompt wheel").rect().left();
    app.key_press_modifiers(egui::Modifiers::COMMAND, Key::OpenBracket);
    app.run();
    let tabs_after = app.get_by_label("Prompt wheel").rect().left();
    assert!((tabs_after - tabs_before - 40.0).abs() < 1.0, "the details panel widened: {tabs_before} to {tabs_after}");
}

/// Tab through the map's answer panel, longer than the window: each need it lands on is scrolled
/// into view, never left below the panel's foot.
#[test]
fn tabbing_through_the_answer_panel_keeps_the_focused_need_in_view() {
    let mut app = App::with_copy_of(concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/needs-map-example.ron"));
    app.click("Needs map");
    let needs: Vec<String> = app
        .session()
        .notes
        .iter()
        .filter(|note| note.placement.map_arc() == Some(common_ground::model::MapArc::Need))
        .map(|note| note.text.clone())
        .collect();
    assert!(needs.len() >= 10, "the example has enough needs to overflow the panel");
    let screen_bottom = 1080.0;
    // A need's entry in the panel is the button holding just its words.
    let entry = |app: &App, need: &str| {
        app.query_all_by_label(need).find(|node| node.accesskit_node().role() == Role::Button).map(|node| node.rect())
    };
    let last_need_seen = needs
        .iter()
        .find(|need| entry(&app, need).is_some_and(|rect| rect.bottom() > screen_bottom))
        .cloned()
        .expect("some need's entry starts below the window's foot before tabbing");
    let first = needs.iter().find(|need| entry(&app, need).is_some()).expect("a need is in the panel").clone();
    app.query_all_by_label(&first).find(|node| node.accesskit_node().role() == Role::Button).unwrap().focus();
    app.run();
    let mut reached = false;
    for _ in 0..120 {
        app.press(Key::Tab);
        let Some(node) = app.root().children_recursive().find(|node| node.accesskit_node().is_focused()) else {
            continue;
        };
        let label = node.accesskit_node().label().unwrap_or_default();
        if needs.contains(&label) {
            let rect = node.rect();
            assert!(
                rect.top() >= 0.0 && rect.bottom() <= screen_bottom + 1.0,
                "“{label}” has the keyboard but is out of view at {rect:?}"
            );
            reached |= label == last_need_seen;
        }
        if reached {
            break;
        }
    }
    assert!(reached, "Tab reached “{last_need_seen}”, which started below the window's foot");
}

#[test]
fn a_focused_note_on_the_map_has_a_ring_of_at_least_three_to_one() {
    let mut app = App::example();
    app.click("Needs map");
    app.press(Key::N);
    app.type_text("A ring around me");
    app.press(Key::Enter);
    let card = app
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .expect("the new note has the keyboard")
        .rect();
    let focused = app.render().expect("the screen renders");
    // Deselect and take the keyboard away (Esc), and look at the same spot without the ring.
    app.press(Key::Escape);
    assert!(app.focused_label().is_none());
    let unfocused = app.render().expect("the screen renders");
    let luminance = |pixel: [u8; 4]| {
        let linear = |channel: u8| {
            let value = f64::from(channel) / 255.0;
            if value <= 0.040_45 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(pixel[0]) + 0.7152 * linear(pixel[1]) + 0.0722 * linear(pixel[2])
    };
    let ratio = |x: f32, y: f32| {
        let (x, y) = (x as u32, y as u32);
        let (a, b) = (luminance(focused.get_pixel(x, y).0), luminance(unfocused.get_pixel(x, y).0));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    };
    // Across the ring's band (1 to 6 points outside the card), on each side and at the corners'
    // ends: the ring's best contrast there with what is behind it.
    let (left, right, top, bottom) = (card.left(), card.right(), card.top(), card.bottom());
    for along in [0.25, 0.5, 0.75] {
        let x = left + along * card.width();
        let y = top + along * card.height();
        let across = |spot: &dyn Fn(f32) -> f64| (1..=6).map(|out| spot(out as f32 + 0.5)).fold(0.0, f64::max);
        let sides = [
            ("above", across(&|out| ratio(x, top - out))),
            ("below", across(&|out| ratio(x, bottom + out))),
            ("left of", across(&|out| ratio(left - out, y))),
            ("right of", across(&|out| ratio(right + out, y))),
        ];
        for (side, best) in sides {
            assert!(best >= 3.0, "{side} the card at {along}: the ring stands out only {best:.2}:1");
        }
    }
}

/// One step of the keyboard-only path: a key (with modifiers) or words typed.
enum Step {
    Key(egui::Modifiers, Key),
    Type(&'static str),
}

/// Presses Tab until the widget with the keyboard is called `label` (or starts with it); returns
/// how many Tabs that took (none if it has the keyboard already).
fn tab_to(app: &mut App, label: &str) -> usize {
    for count in 0..=80 {
        if app.focused_label().is_some_and(|focused| focused.starts_with(label)) {
            return count;
        }
        app.press(Key::Tab);
    }
    panic!("80 Tabs never reached {label:?}");
}

#[test]
fn the_keyboard_only_path_from_the_start_screen_to_an_export() {
    use Step::{Key as K, Type};
    let none = egui::Modifiers::NONE;
    let mut app = App::on_projector_screen(egui::Theme::Dark, |_| None);
    let mut keys = 0;
    let mut typed = 0;
    let mut run = |app: &mut App, steps: &[Step]| {
        for step in steps {
            match step {
                K(modifiers, key) => {
                    app.key_press_modifiers(*modifiers, *key);
                    app.run();
                    keys += 1;
                }
                Type(words) => {
                    app.type_text(words);
                    typed += words.chars().count();
                }
            }
        }
    };
    // Open the example.
    let tabs = tab_to(&mut app, "Bristol inter-agency outreach group");
    eprintln!("WALK open the example: {tabs} Tab, Enter");
    run(&mut app, &[K(none, Key::Enter)]);
    let mut tabs_total = tabs;
    assert!(app.state().document().is_some(), "the example is open");
    // Add a note and move it to the other ring.
    run(
        &mut app,
        &[K(none, Key::A), Type("Carers are asked last"), K(none, Key::Enter), K(none, Key::M), K(none, Key::Enter)],
    );
    let note = app.session().notes.iter().find(|note| note.text == "Carers are asked last").expect("the note");
    assert!(matches!(note.placement.wheel_spot(), Some((_, common_ground::model::WheelBand::Opportunity))));
    // To the map's tab (Ctrl+2; Tab reaches the tab too, 39 Tabs from the note).
    run(&mut app, &[K(egui::Modifiers::COMMAND, Key::Num2)]);
    assert!(app.get_by_role_and_label(Role::Tab, "Needs map").accesskit_node().is_selected() == Some(true));
    // A need and a source of help, linked from the source of help to the need.
    run(&mut app, &[K(none, Key::N), Type("A lift to the clinic"), K(none, Key::Enter)]);
    run(&mut app, &[K(none, Key::H), Type("Volunteer drivers"), K(none, Key::Enter), K(none, Key::L)]);
    let tabs = {
        let mut count = 0;
        while !app.focused_label().is_some_and(|focused| focused.starts_with("A lift to the clinic")) {
            app.press(Key::Tab);
            count += 1;
            assert!(count < 20, "the new need is in the list");
        }
        count
    };
    eprintln!("WALK choose the need in Link to…: {tabs} Tab, Enter");
    tabs_total += tabs;
    run(&mut app, &[K(none, Key::Enter)]);
    assert_eq!(app.session().links.len(), 1, "linked");
    // Start the timer (Enter takes the agenda step's time box, or type the minutes).
    run(&mut app, &[K(none, Key::T), Type("10"), K(none, Key::Enter)]);
    assert!(app.state().room().timer.is_set() && !app.state().room().timer.is_paused(), "the timer runs");
    // Present, and come back.
    run(&mut app, &[K(none, Key::F5)]);
    assert!(app.state().room().presenting);
    run(&mut app, &[K(none, Key::Escape)]);
    // Export: File ▸ Export ▸ Summary as Markdown, then Enter on the suggested path.
    let tabs = tab_to(&mut app, "File");
    eprintln!("WALK to File: {tabs} Tab, Enter");
    tabs_total += tabs;
    run(&mut app, &[K(none, Key::Enter)]);
    let tabs = tab_to(&mut app, "Export");
    eprintln!("WALK to Export: {tabs} Tab, Enter");
    tabs_total += tabs;
    run(&mut app, &[K(none, Key::Enter)]);
    let tabs = tab_to(&mut app, "Summary as Markdown");
    eprintln!("WALK to Summary as Markdown: {tabs} Tab, Enter");
    tabs_total += tabs;
    run(&mut app, &[K(none, Key::Enter)]);
    // No file chooser here: the app asks for the path, suggesting one; replace it with ours.
    assert_eq!(app.focused_label().as_deref(), Some("File path"));
    let out = tempfile::tempdir().expect("a temporary folder");
    let target = out.path().join("summary.md");
    let target_text: &'static str = Box::leak(target.display().to_string().into_boxed_str());
    run(&mut app, &[K(egui::Modifiers::COMMAND, Key::A), Type(target_text), K(none, Key::Enter)]);
    wait_for_export(&mut app);
    assert!(target.exists(), "the summary was written");
    let said = app.announced();
    assert!(said.contains("Exported") && said.contains("summary.md"), "{said}");
    // The count the README's walk-through gives: keys pressed (Tab included), besides the words.
    eprintln!("WALK keys {keys} typed {typed} tabs {tabs_total}");
    assert_eq!(keys + tabs_total, 33, "keys for the whole path, Tab included");
}

//! Drives the prompt wheel (issue 3) as a facilitator would, through its accessibility tree, the
//! keyboard and the pointer, and checks the workshop's session after each step.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::App;

use common_ground::canvas::headless::paint_shapes;
use common_ground::canvas::wheel::geometry::{WheelGeometry, WheelHit};
use common_ground::canvas::wheel::paint::LabelLayout;
use common_ground::model::{Note, OrganisationId, Placement, Session, WheelBand};
use common_ground::ui::wheel::console_geometry;
use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers, Pos2, Rect, Theme};
use egui_kittest::Node;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The example workshop, with 40 notes on the wheel. Tests open a copy of it.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");

impl App {
    /// Starts the app; with `example`, it opens a copy of the example workshop straight away.
    fn start(theme: Theme, example: bool) -> Self {
        // The copy keeps the example's name, which the snapshots show in the status bar.
        App::on_projector_screen(theme, |folder| {
            example.then(|| {
                let copy = folder.join("bristol-outreach.ron");
                std::fs::copy(EXAMPLE, &copy).unwrap();
                copy
            })
        })
    }

    /// The example workshop, open on its wheel (the tab a workshop opens on).
    fn example() -> Self {
        Self::start(Theme::Dark, true)
    }

    /// A new workshop made from the start screen, on its wheel tab with the details hidden.
    fn new_workshop(theme: Theme) -> Self {
        let mut app = Self::start(theme, false);
        app.click("New workshop");
        assert!(app.state().document().is_some());
        // A new workshop opens with its details showing, to be filled in.
        app.click("Hide details");
        app.click("Prompt wheel");
        app
    }

    /// How many changes Undo could take back.
    fn undo_steps(&self) -> usize {
        self.state().document().unwrap().history().undo_len()
    }

    fn press_with(&mut self, modifiers: Modifiers, key: Key) {
        self.key_press_modifiers(modifiers, key);
        self.run();
    }

    fn undo(&mut self) {
        self.press_with(Modifiers::COMMAND, Key::Z);
    }

    fn redo(&mut self) {
        self.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    }

    /// Clicks the one widget with exactly this accessible name, scrolling it into view first.
    fn click(&mut self, label: &str) {
        self.get_by_label(label).scroll_to_me();
        self.run();
        self.get_by_label(label).click();
        self.run();
    }

    /// Focuses the text box with this accessible name and types into it.
    fn type_into(&mut self, label: &str, text: &str) {
        self.get_by_label(label).focus();
        self.run();
        assert!(self.get_by_label(label).is_focused(), "{label} takes the keyboard");
        self.get_by_label(label).type_text(text);
        self.run();
    }

    /// Replaces the words in a text box of this role and name, then leaves it (with Escape),
    /// which ends the typing as one undoable step.
    fn retype(&mut self, role: Role, label: &str, text: &str) {
        self.get_by_role_and_label(role, label).focus();
        self.run();
        self.press_with(Modifiers::COMMAND, Key::A);
        self.get_by_role_and_label(role, label).type_text(text);
        self.run();
        self.press(Key::Escape);
        assert!(!self.get_by_role_and_label(role, label).is_focused());
    }

    /// The button of the prompt at `index` (counted from 0) on the canvas.
    fn prompt_button(&self, index: usize) -> Node<'_> {
        let prefix = format!("Prompt {} of {}: ", index + 1, self.session().wheel.prompts.len());
        self.get_by(move |node| node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with(&prefix)))
    }

    /// Clicks the label of the prompt at `index` on the canvas, which chooses it.
    fn choose_prompt(&mut self, index: usize) {
        self.prompt_button(index).click();
        self.run();
        self.assert_selected(index);
    }

    /// The index of the prompt the canvas says is selected; exactly one must be. (egui tells
    /// AccessKit a widget's "selected" state as its toggled state.)
    fn selected_prompt(&self) -> usize {
        let count = self.session().wheel.prompts.len();
        let selected: Vec<usize> = (0..count)
            .filter(|&index| self.prompt_button(index).accesskit_node().toggled() == Some(Toggled::True))
            .collect();
        assert_eq!(selected.len(), 1, "one prompt is selected: {selected:?}");
        selected[0]
    }

    /// Checks, through what the canvas and the side panel show, that the prompt at `index` is
    /// the selected one.
    fn assert_selected(&self, index: usize) {
        assert_eq!(self.selected_prompt(), index, "the canvas marks the selected prompt");
        let count = self.session().wheel.prompts.len();
        self.get_by_label(&format!("Prompt {} of {count}", index + 1));
        let question = self.session().wheel.prompts[index].question.clone();
        // The panel's heading is the question alone (so is the note box's, while it is open);
        // everything else quotes it inside more words.
        assert!(self.query_all_by_label(&question).next().is_some(), "the panel's heading is {question}");
    }

    /// The button of the note on the canvas that says `text`.
    fn note_button(&self, text: &str) -> Node<'_> {
        let middle = format!(": {text} — ");
        self.get_by(move |node| {
            node.role() == Role::Button
                && node.label().is_some_and(|label| label.starts_with("Note, ") && label.contains(&middle))
        })
    }

    fn prompt_key(&self, index: usize) -> String {
        self.session().wheel.prompts[index].key.clone()
    }

    /// The texts of the notes on a prompt's band, in order.
    fn texts_on(&self, index: usize, band: WheelBand) -> Vec<String> {
        let key = self.prompt_key(index);
        self.session().notes_on_prompt(&key, band).map(|note| note.text.clone()).collect()
    }

    fn note_with_text(&self, text: &str) -> &Note {
        self.session().notes.iter().find(|note| note.text == text).unwrap_or_else(|| panic!("no note says {text:?}"))
    }

    fn organisation_id(&self, name: &str) -> OrganisationId {
        self.session().organisations.iter().find(|org| org.name == name).unwrap().id
    }

    /// How the canvas maps the wheel's world to the screen right now.
    fn wheel_map(&self) -> WheelMap {
        WheelMap::measure(self)
    }

    /// Lets `seconds` pass, a frame at a time, with nothing happening.
    fn wait(&mut self, seconds: f32) {
        for _ in 0..(seconds * 60.0).ceil() as usize {
            self.step();
        }
    }

    /// Clicks twice at `pos`, a tenth of a second apart, as a person double-clicks.
    fn double_click_at(&mut self, pos: Pos2) {
        // Clicks close together count as a triple click: leave time since any earlier click.
        self.wait(0.5);
        self.hover_at(pos);
        for pressed in [true, false, true, false] {
            self.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            if !pressed {
                self.step();
                self.wait(0.1);
            }
        }
        self.run();
    }

    /// Presses the pointer at `from`, moves it in steps to `to` and lets go there.
    fn drag(&mut self, from: Pos2, to: Pos2) {
        self.hover_at(from);
        self.drag_at(from);
        for step in 1..=12 {
            self.hover_at(from.lerp(to, step as f32 / 12.0));
        }
        self.drop_at(to);
        self.run();
    }
}

/// Where the wheel is on the screen: the canvas draws world point `p` at `origin + p * zoom`.
/// Measured from the accessibility bounds of the selected prompt's label, whose place in world
/// units the public label layout gives (laid out by the same fonts without a window); and what
/// covers the wheel: the notes, headings and counts, by their accessibility bounds.
struct WheelMap {
    geometry: WheelGeometry,
    origin: Pos2,
    zoom: f32,
    covered: Vec<Rect>,
}

impl WheelMap {
    fn measure(app: &App) -> Self {
        let selected = app.selected_prompt();
        let geometry = console_geometry(WheelGeometry::new(app.session().wheel.prompts.len()).widening(selected));
        let questions: Vec<String> = app.session().wheel.prompts.iter().map(|prompt| prompt.question.clone()).collect();
        let (_, labels) = paint_shapes(|painter| LabelLayout::new(painter, geometry, &questions));
        let world = labels.rects[selected];
        let rect = app.prompt_button(selected).rect();
        let zoom = rect.width() / world.width();
        assert!((rect.height() / world.height() - zoom).abs() < 0.01, "labels keep their shape: {rect:?} {world:?}");
        let covered = app
            .query_all_by(|node| {
                node.role() == Role::Button
                    && node.label().is_some_and(|label| {
                        label.starts_with("Note, ")
                            || label.ends_with("open the focus view")
                            || label.starts_with("Group")
                    })
            })
            .map(|node| node.rect())
            .collect();
        Self { geometry, origin: rect.center() - world.center().to_vec2() * zoom, zoom, covered }
    }

    fn to_screen(&self, world: Pos2) -> Pos2 {
        self.origin + world.to_vec2() * self.zoom
    }

    /// A point on the screen in this band of this segment that no note or count covers, so a
    /// click there reaches the wheel itself.
    fn empty_spot(&self, _session: &Session, segment: usize, band: WheelBand) -> Pos2 {
        let (inner, outer) = WheelGeometry::band_radii(band);
        let (start, end) = self.geometry.segment_angles(segment);
        let centre = self.geometry.centre_angle(segment);
        // Try the segment's centre line first, then lines either side of it, further out each
        // time; along each line, from the outer edge of the band inwards.
        let turns = (0..12).flat_map(|step: i32| [step, -step]).map(|step| step as f32 * (end - start) / 24.0);
        for angle in turns.map(|turn| centre + turn) {
            for step in 0..20 {
                let radius = outer - 12.0 - step as f32 * (outer - inner - 24.0) / 20.0;
                let world = WheelGeometry::point(angle, radius);
                let screen = self.to_screen(world);
                let clear = self.covered.iter().all(|rect| !rect.expand(6.0).contains(screen));
                if clear && self.geometry.hit(world) == Some(WheelHit { segment, band }) {
                    return screen;
                }
            }
        }
        panic!("no empty spot in segment {segment} {band:?}");
    }

    /// The middle of a band of a segment on the screen (a count or note may be there).
    fn band_middle(&self, segment: usize, band: WheelBand) -> Pos2 {
        let (inner, outer) = WheelGeometry::band_radii(band);
        self.to_screen(WheelGeometry::point(self.geometry.centre_angle(segment), f32::midpoint(inner, outer)))
    }
}

#[test]
fn arrow_keys_choose_a_prompt_and_tab_then_enter_chooses_one_too() {
    let mut app = App::example();
    let before = app.session().clone();
    app.assert_selected(0);
    #[allow(
        clippy::redundant_closure_for_method_calls,
        reason = "the method path does not satisfy the node's lifetime"
    )]
    let nothing_focused = app.query_by(|node| node.is_focused()).is_none();
    assert!(nothing_focused, "no widget has the keyboard at first");

    app.press(Key::ArrowRight);
    app.press(Key::ArrowRight);
    app.assert_selected(2);
    app.get_by_label("Are we speaking the same language?");

    app.press(Key::ArrowLeft);
    app.assert_selected(1);
    app.press(Key::ArrowDown);
    app.assert_selected(2);
    app.press(Key::ArrowUp);
    app.press(Key::ArrowUp);
    app.press(Key::ArrowUp);
    app.assert_selected(10);
    app.press(Key::ArrowRight);
    app.assert_selected(0);

    // Tab from one prompt label to the next, then Enter chooses it.
    app.prompt_button(6).focus();
    app.run();
    assert!(app.prompt_button(6).is_focused());
    app.assert_selected(0);
    app.press(Key::Tab);
    assert!(app.prompt_button(7).is_focused(), "Tab goes on to the next prompt round the wheel");
    app.assert_selected(0);
    app.press(Key::Enter);
    app.assert_selected(7);

    assert_eq!(*app.session(), before, "choosing a prompt changes nothing in the workshop");
    assert_eq!(app.undo_steps(), 0);
}

#[test]
fn arrows_and_shortcuts_still_work_after_tab_and_enter_chose_a_prompt() {
    let mut app = App::example();
    app.prompt_button(6).focus();
    app.run();
    app.press(Key::Tab);
    app.press(Key::Enter);
    app.assert_selected(7);
    app.press(Key::ArrowRight);
    app.assert_selected(8);
    app.press(Key::A);
    app.get_by_label("New assumption");
}

#[test]
fn clicking_a_prompt_label_chooses_it() {
    let mut app = App::example();
    app.choose_prompt(4);
    assert_eq!(app.undo_steps(), 0);
}

#[test]
fn shortcuts_add_an_assumption_and_an_opportunity_with_organisation_and_author() {
    let mut app = App::example();
    app.choose_prompt(1);
    let key = app.prompt_key(1);
    let notes_before = app.session().notes.len();

    app.press(Key::A);
    app.get_by_label("New assumption");
    assert!(app.get_by_label("What is the assumption?").is_focused(), "the note's text box takes the keyboard");
    app.get_by_label("What is the assumption?").type_text("Referrals feed the college, not the other way");
    app.run();
    // While the box is open, the wheel's single-key shortcuts are keys like any other.
    for key in [Key::O, Key::F, Key::D, Key::E, Key::ArrowRight] {
        app.press(key);
    }
    assert!(app.query_by_label("New opportunity").is_none());
    assert!(app.query_by_label("Back to the whole wheel").is_none());
    assert!(app.query_by_label("Hide the guide's examples  (E)").is_none());
    app.assert_selected(1);
    assert!(app.session().wheel.prompts[1].discussed, "as the example has it");
    app.click("Organisation of the new note");
    app.click("• Bristol Mind");
    app.type_into("Said by", "Emily");
    app.get_by_label("What is the assumption?").focus();
    app.run();
    app.press(Key::Enter);

    assert!(app.query_by_label("What is the assumption?").is_none(), "Enter closes the box");
    assert_eq!(app.session().notes.len(), notes_before + 1);
    let assumption = app.note_with_text("Referrals feed the college, not the other way");
    assert_eq!(assumption.placement, Placement::Wheel { prompt: key.clone(), band: WheelBand::Assumption });
    assert_eq!(assumption.organisation, Some(app.organisation_id("Bristol Mind")));
    assert_eq!(assumption.author.as_deref(), Some("Emily"));

    // The next note offers the same organisation and author again; Shift+Enter starts a line.
    app.press(Key::O);
    app.get_by_label("New opportunity");
    assert_eq!(app.get_by_label("Said by").value().as_deref(), Some("Emily"));
    app.get_by_label("What is the opportunity?").type_text("A shared induction day");
    app.press_with(Modifiers::SHIFT, Key::Enter);
    app.get_by_label("What is the opportunity?").type_text("every September");
    app.run();
    app.press(Key::Enter);

    assert_eq!(app.session().notes.len(), notes_before + 2);
    let opportunity = app.note_with_text("A shared induction day\nevery September");
    assert_eq!(opportunity.placement, Placement::Wheel { prompt: key.clone(), band: WheelBand::Opportunity });
    assert_eq!(opportunity.organisation, Some(app.organisation_id("Bristol Mind")));
    assert_eq!(opportunity.author.as_deref(), Some("Emily"));
    assert!(
        app.prompt_button(1).accesskit_node().label().unwrap().ends_with(", 6 notes"),
        "the prompt's label counts the new notes"
    );

    // Escape cancels without adding anything.
    app.press(Key::A);
    app.get_by_label("What is the assumption?").type_text("Never mind");
    app.run();
    // A box holding words asks for a second Escape before discarding them (issue 19).
    app.press(Key::Escape);
    assert!(app.query_by_label("New assumption").is_some(), "one Escape keeps the words");
    app.press(Key::Escape);
    assert!(app.query_by_label("New assumption").is_none(), "Escape closes the box");
    assert_eq!(app.session().notes.len(), notes_before + 2);
    assert!(app.session().notes.iter().all(|note| note.text != "Never mind"));

    // Each note is one undo step.
    app.undo();
    assert_eq!(app.session().notes.len(), notes_before + 1);
    assert_eq!(app.texts_on(1, WheelBand::Assumption).last().unwrap(), "Referrals feed the college, not the other way");
}

#[test]
fn the_side_panel_buttons_add_notes_too() {
    let mut app = App::example();
    let notes_before = app.session().notes.len();
    app.click("Add an opportunity  (O)");
    app.get_by_label("What is the opportunity?").type_text("Joint training");
    app.run();
    app.click("Add opportunity");
    assert_eq!(app.session().notes.len(), notes_before + 1);
    let note = app.note_with_text("Joint training");
    assert_eq!(note.placement, Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity });
    assert_eq!(note.organisation, None);
    assert_eq!(note.author, None, "a note with no one named is anonymous");
    // It shows on the wheel, described for a screen reader.
    assert!(
        app.note_button("Joint training").accesskit_node().label().unwrap().ends_with("— No organisation, Anonymous")
    );
}

#[test]
fn double_click_in_the_selected_prompts_ring_adds_a_note_there() {
    let mut app = App::example();
    app.assert_selected(0);
    let spot = app.wheel_map().empty_spot(app.session(), 0, WheelBand::Opportunity);
    app.double_click_at(spot);
    app.get_by_label("New opportunity");
    app.get_by_label("What is the opportunity?").type_text("Open days for families");
    app.run();
    app.press(Key::Enter);
    let note = app.note_with_text("Open days for families");
    assert_eq!(note.placement, Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity });

    let spot = app.wheel_map().empty_spot(app.session(), 0, WheelBand::Assumption);
    app.double_click_at(spot);
    app.get_by_label("What is the assumption?").type_text("Families are not partners");
    app.run();
    app.press(Key::Enter);
    let note = app.note_with_text("Families are not partners");
    assert_eq!(note.placement, Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Assumption });
}

/// Double-clicks an empty place in a band of a prompt that is not selected, writes a note and
/// checks that it went to that prompt and band.
fn double_click_another_prompts_ring(segment: usize, band: WheelBand) {
    let mut app = App::example();
    app.assert_selected(0);
    assert_ne!(segment, 0);
    let spot = app.wheel_map().empty_spot(app.session(), segment, band);
    app.double_click_at(spot);
    let (title, field) = match band {
        WheelBand::Assumption => ("New assumption", "What is the assumption?"),
        WheelBand::Opportunity => ("New opportunity", "What is the opportunity?"),
    };
    assert!(app.query_by_label(title).is_some(), "double-clicking a ring opens the box for a note there");
    app.get_by_label(field).type_text("Written after a double-click");
    app.run();
    app.press(Key::Enter);
    let note = app.note_with_text("Written after a double-click");
    assert_eq!(
        note.placement,
        Placement::Wheel { prompt: app.prompt_key(segment), band },
        "the note goes on the prompt whose ring was double-clicked"
    );
    app.assert_selected(segment);
}

#[test]
fn double_click_in_another_prompts_ring_adds_the_note_to_that_prompt() {
    // "What about money?", seventh on the wheel: nothing moves under the pointer when the
    // first click widens its segment.
    double_click_another_prompts_ring(6, WheelBand::Opportunity);
}

#[test]
fn double_click_where_a_note_moves_in_after_the_first_click_still_adds_a_note() {
    // "Are we speaking the same language?", third on the wheel, inner ring near its outer edge:
    // once selected, its segment opens wide and the note "A one-page glossary…" lands there.
    double_click_another_prompts_ring(2, WheelBand::Assumption);
}

#[test]
fn drag_a_note_to_another_prompt_then_undo_and_redo() {
    let mut app = App::example();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let home = Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Assumption };
    assert_eq!(app.note_with_text(text).placement, home);

    let from = app.note_button(text).rect().center();
    // Drop it on the middle of "What about money?"'s inner ring, over the count shown there.
    let to = app.wheel_map().band_middle(6, WheelBand::Assumption);
    app.drag(from, to);

    let moved = Placement::Wheel { prompt: app.prompt_key(6), band: WheelBand::Assumption };
    assert_eq!(app.note_with_text(text).placement, moved, "the note is on the prompt it was dropped on");
    app.assert_selected(6);
    assert_eq!(app.undo_steps(), 1, "the move is one step");

    app.undo();
    assert_eq!(app.note_with_text(text).placement, home, "Undo puts it back");
    app.redo();
    assert_eq!(app.note_with_text(text).placement, moved);
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(app.note_with_text(text).placement, home);
}

#[test]
fn drag_a_note_from_the_inner_ring_to_the_outer_ring_of_its_prompt() {
    let mut app = App::example();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let from = app.note_button(text).rect().center();
    let to = app.wheel_map().empty_spot(app.session(), 0, WheelBand::Opportunity);
    app.drag(from, to);
    assert_eq!(
        app.note_with_text(text).placement,
        Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity }
    );
    app.assert_selected(0);
    assert!(
        app.note_button(text).accesskit_node().label().unwrap().starts_with("Note, opportunity on "),
        "the note is now described as an opportunity"
    );
}

#[test]
fn dropping_a_note_off_the_wheel_leaves_it_where_it_was() {
    let mut app = App::example();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let from = app.note_button(text).rect().center();
    let map = app.wheel_map();
    // Far outside the rim, towards the top left corner of the canvas.
    let to = map.to_screen(egui::pos2(-700.0, -480.0));
    app.drag(from, to);
    assert_eq!(
        app.note_with_text(text).placement,
        Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Assumption }
    );
    assert_eq!(app.undo_steps(), 0);
}

const FIRST_EXAMPLE: &str = "• Psychiatric services may concentrate on individual patients and families.";

#[test]
fn the_guides_examples_are_hidden_until_shown() {
    let mut app = App::example();
    let before = app.session().clone();
    assert!(app.query_by_label(FIRST_EXAMPLE).is_none(), "hidden at first, so the room answers first");
    assert!(app.query_by_label("For example").is_none());
    app.get_by_label("Hidden, so the room answers first.");

    app.click("Show the guide's examples  (E)");
    app.get_by_label(FIRST_EXAMPLE);
    app.get_by_label("For example");
    app.get_by_label("What others said");
    app.get_by_label_contains("Carole Furnivall");

    app.click("Hide the guide's examples  (E)");
    assert!(app.query_by_label(FIRST_EXAMPLE).is_none());
    assert!(app.query_by_label("What others said").is_none());

    // E shows them; choosing another prompt hides them again.
    app.press(Key::E);
    app.get_by_label(FIRST_EXAMPLE);
    app.press(Key::ArrowRight);
    app.assert_selected(1);
    assert!(app.query_by_label("For example").is_none(), "the next prompt's examples start hidden");
    app.get_by_label("Show the guide's examples  (E)");
    app.press(Key::E);
    app.get_by_label_contains("Power imbalance between statutory and voluntary sectors");
    assert!(app.query_by_label(FIRST_EXAMPLE).is_none(), "only the selected prompt's examples show");
    app.press(Key::E);
    assert!(app.query_by_label("For example").is_none());

    assert_eq!(*app.session(), before, "showing examples changes nothing in the workshop");
}

/// Checks that the fifth prompt's discussed mark, in the session, on the checkbox, on the
/// prompt's label and in the progress count, is `discussed`, with `count` prompts discussed.
fn assert_fifth_prompt_discussed(app: &App, discussed: bool, count: usize) {
    assert_eq!(app.session().wheel.prompts[4].discussed, discussed);
    assert_eq!(app.session().wheel.discussed_count(), count);
    app.get_by_label(&format!("{count} of 11 discussed"));
    let ticked = if discussed { Toggled::True } else { Toggled::False };
    assert_eq!(app.get_by_role_and_label(Role::CheckBox, "Discussed").accesskit_node().toggled(), Some(ticked));
    let label = app.prompt_button(4).accesskit_node().label().unwrap();
    assert_eq!(label.contains("is this the choice? (discussed), "), discussed, "{label}");
}

#[test]
fn mark_a_prompt_discussed_with_d_and_the_checkbox() {
    let mut app = App::example();
    // The fifth prompt has not been discussed in the example; four others have.
    app.choose_prompt(4);
    assert_fifth_prompt_discussed(&app, false, 4);

    app.press(Key::D);
    assert_fifth_prompt_discussed(&app, true, 5);
    app.click("Discussed");
    assert_fifth_prompt_discussed(&app, false, 4);
    app.click("Discussed");
    assert_fifth_prompt_discussed(&app, true, 5);
    app.press(Key::D);
    assert_fifth_prompt_discussed(&app, false, 4);

    app.undo();
    assert_fifth_prompt_discussed(&app, true, 5);
    app.undo();
    app.undo();
    app.undo();
    assert_fifth_prompt_discussed(&app, false, 4);
    assert_eq!(app.undo_steps(), 0, "each tick was one step");
}

/// The accessible names of the focus view's cards for a band, in order.
fn focus_cards(app: &App, band: WheelBand) -> Vec<(String, Rect)> {
    let prefix = match band {
        WheelBand::Assumption => "Note, assumption: ",
        WheelBand::Opportunity => "Note, opportunity: ",
    };
    app.get_all_by(move |node| node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with(prefix)))
        .map(|node| (node.accesskit_node().label().unwrap(), node.rect()))
        .collect()
}

/// Checks that the focus view shows the prompt at `index` with all its notes, assumptions in
/// the left column and opportunities in the right.
fn assert_focus_view_of(app: &App, index: usize) {
    let count = app.session().wheel.prompts.len();
    app.get_by_label("Back to the whole wheel");
    assert!(app.query_by_label_contains(&format!("Prompt 1 of {count}: ")).is_none(), "the wheel is hidden");
    assert_eq!(app.get_all_by_label(&format!("Prompt {} of {count}", index + 1)).count(), 2, "header and panel");
    let assumptions = focus_cards(app, WheelBand::Assumption);
    let opportunities = focus_cards(app, WheelBand::Opportunity);
    for ((label, _), text) in assumptions.iter().zip(app.texts_on(index, WheelBand::Assumption)) {
        assert!(label.starts_with(&format!("Note, assumption: {text} — ")), "{label}");
    }
    for ((label, _), text) in opportunities.iter().zip(app.texts_on(index, WheelBand::Opportunity)) {
        assert!(label.starts_with(&format!("Note, opportunity: {text} — ")), "{label}");
    }
    assert_eq!(assumptions.len(), app.texts_on(index, WheelBand::Assumption).len());
    assert_eq!(opportunities.len(), app.texts_on(index, WheelBand::Opportunity).len());
    let right_of_assumptions = assumptions.iter().map(|(_, rect)| rect.right()).fold(f32::MIN, f32::max);
    for (label, rect) in &opportunities {
        assert!(rect.left() > right_of_assumptions, "{label} is in the right-hand column");
    }
}

#[test]
fn focus_view_shows_a_prompts_notes_in_two_columns() {
    let mut app = App::example();
    let before = app.session().clone();
    app.press(Key::F);
    assert_focus_view_of(&app, 0);
    assert_eq!(focus_cards(&app, WheelBand::Assumption).len(), 2);
    app.get_by_label("Back to the wheel  (F)");

    app.click("Next prompt");
    assert_focus_view_of(&app, 1);
    app.click("Next prompt");
    assert_focus_view_of(&app, 2);
    app.click("Previous prompt");
    assert_focus_view_of(&app, 1);

    app.click("Back to the whole wheel");
    assert!(app.query_by_label("Back to the whole wheel").is_none());
    app.assert_selected(1);

    // Double-clicking the selected prompt's label opens it in the focus view.
    app.choose_prompt(6);
    let label = app.prompt_button(6).rect().center();
    app.double_click_at(label);
    assert_focus_view_of(&app, 6);
    assert_eq!(focus_cards(&app, WheelBand::Assumption).len() + focus_cards(&app, WheelBand::Opportunity).len(), 5);

    // F (or Escape) goes back.
    app.press(Key::F);
    app.assert_selected(6);
    app.press(Key::F);
    assert_focus_view_of(&app, 6);
    app.press(Key::Escape);
    app.assert_selected(6);

    // The count of notes that do not fit opens the focus view too (issue 18: which rings are
    // too full for their notes' first lines depends on the layout; any count will do). At
    // 1920×1080 every one of the example's notes is on a card, so the window is made smaller.
    app.set_size(egui::vec2(1366.0, 768.0));
    app.run();
    let chip = app
        .query_all_by(|node| node.label().is_some_and(|label| label.ends_with(": open the focus view")))
        .map(|node| node.accesskit_node().label().unwrap())
        .next()
        .expect("a ring too full for its notes shows a count");
    let prompt = app
        .session()
        .wheel
        .prompts
        .iter()
        .position(|prompt| chip.ends_with(&format!(" on {}: open the focus view", prompt.question)))
        .unwrap();
    app.click(&chip);
    assert_focus_view_of(&app, prompt);

    assert_eq!(*app.session(), before, "looking closer changes nothing");
}

#[test]
fn double_click_on_a_prompt_that_is_not_selected_opens_its_focus_view() {
    let mut app = App::example();
    app.assert_selected(0);
    // "What about money?" moves from about y 942–971 to y 985–1017 when it is selected.
    let label = app.prompt_button(6).rect().center();
    app.double_click_at(label);
    assert_focus_view_of(&app, 6);
}

#[test]
fn add_a_note_from_the_focus_view() {
    let mut app = App::example();
    app.press(Key::F);
    let first = focus_cards(&app, WheelBand::Opportunity).len();
    app.get_all_by_label("+ Add an opportunity").next().unwrap().click();
    app.run();
    app.get_by_label("What is the opportunity?").type_text("A peer worker in the college");
    app.run();
    app.press(Key::Enter);
    assert_eq!(
        app.note_with_text("A peer worker in the college").placement,
        Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity }
    );
    assert_focus_view_of(&app, 0);
    assert_eq!(focus_cards(&app, WheelBand::Opportunity).len(), first + 1);
}

fn questions(app: &App) -> Vec<String> {
    app.session().wheel.prompts.iter().map(|prompt| prompt.question.clone()).collect()
}

#[test]
fn rename_add_and_remove_prompts_each_undoable() {
    let mut app = App::example();
    let original = questions(&app);
    app.click("Edit this wheel's prompts…");
    app.get_by_label("Finish editing prompts");

    // Rename the third prompt: select its words and type new ones.
    app.retype(Role::TextInput, "Prompt 3", "Do we mean the same by ‘recovery’?");
    assert_eq!(questions(&app)[2], "Do we mean the same by ‘recovery’?");
    assert_eq!(app.session().wheel.prompts[2].key, "same-language", "a renamed prompt keeps its notes");
    assert_eq!(app.texts_on(2, WheelBand::Assumption).len(), 2);
    app.get_by_label_contains("Prompt 3 of 11: Do we mean the same by ‘recovery’?");
    app.undo();
    assert_eq!(questions(&app), original, "one undo takes back the rename");

    // Add a prompt after the selected one (the first): it is selected, ready to be renamed.
    app.click("+ Add a prompt");
    assert_eq!(app.session().wheel.prompts.len(), 12);
    assert_eq!(questions(&app)[1], "New prompt");
    assert!(app.session().wheel.prompts[1].key.starts_with("custom-"));
    app.assert_selected(1);
    app.get_by_label("This is your own prompt; the guide has no examples for it.");
    app.undo();
    assert_eq!(questions(&app), original);

    // Remove the fourth prompt and its four notes, after saying yes.
    let notes_before = app.session().notes.len();
    let key = app.prompt_key(3);
    app.click("Remove prompt 4");
    let question = original[3].clone();
    app.get_by_label(&format!("Remove “{question}” and its 4 notes? Undo brings them back."));
    assert_eq!(app.session().wheel.prompts.len(), 11, "nothing goes before saying yes");
    app.click("Keep it");
    assert!(app.query_by_label_contains("Undo brings them back").is_none());
    assert_eq!(questions(&app), original);

    app.click("Remove prompt 4");
    app.click("Yes, remove it");
    assert_eq!(app.session().wheel.prompts.len(), 10);
    assert!(app.session().wheel.prompt(&key).is_none());
    assert_eq!(app.session().notes.len(), notes_before - 4, "its notes go with it");
    assert!(app.query_by_label_contains(&question).is_none(), "the prompt is gone from the wheel");

    app.undo();
    assert_eq!(questions(&app), original, "undo brings the prompt back in its place");
    assert_eq!(app.session().notes.len(), notes_before, "and its notes");
    assert_eq!(app.texts_on(3, WheelBand::Assumption).len() + app.texts_on(3, WheelBand::Opportunity).len(), 4);
}

#[test]
fn reorder_prompts() {
    let mut app = App::example();
    let original = questions(&app);
    app.click("Edit this wheel's prompts…");
    app.click("Move prompt 1 later");
    let mut expected = original.clone();
    expected.swap(0, 1);
    assert_eq!(questions(&app), expected);
    app.get_by_label_contains(&format!("Prompt 1 of 11: {}", original[1]));
    app.undo();
    assert_eq!(questions(&app), original);
}

#[test]
fn single_key_shortcuts_leave_the_wheel_alone_while_a_text_box_has_the_keyboard() {
    let mut app = App::example();
    let before = app.session().clone();
    app.click("Edit this wheel's prompts…");
    app.get_by_role_and_label(Role::TextInput, "Prompt 5").focus();
    app.run();
    for key in [Key::A, Key::O, Key::F, Key::D, Key::E, Key::ArrowRight, Key::ArrowDown] {
        app.press(key);
    }
    assert!(app.get_by_role_and_label(Role::TextInput, "Prompt 5").is_focused());
    assert!(app.query_by_label("New assumption").is_none() && app.query_by_label("New opportunity").is_none());
    assert!(app.query_by_label("Back to the whole wheel").is_none());
    app.get_by_label("Show the guide's examples  (E)");
    app.assert_selected(0);
    assert_eq!(*app.session(), before);

    // Once the box lets go of the keyboard, the keys work again.
    app.press(Key::Escape);
    app.press(Key::ArrowRight);
    app.assert_selected(1);
}

#[test]
fn zoom_keys_and_fit_to_screen_change_only_the_view() {
    let mut app = App::example();
    let before = app.session().clone();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let width = |app: &App| app.note_button(text).rect().width();
    let fitted = width(&app);
    let ratio = |app: &App| width(app) / fitted;

    app.press_with(Modifiers::COMMAND, Key::Equals);
    assert!((ratio(&app) - 1.25).abs() < 0.01, "Ctrl+= zooms in: {}", ratio(&app));
    app.press_with(Modifiers::COMMAND, Key::Plus);
    assert!((ratio(&app) - 1.25 * 1.25).abs() < 0.01, "Ctrl++ zooms in too: {}", ratio(&app));
    app.press_with(Modifiers::COMMAND, Key::Num0);
    assert!((ratio(&app) - 1.0).abs() < 0.01, "Ctrl+0 fits the wheel again: {}", ratio(&app));
    app.press_with(Modifiers::COMMAND, Key::Minus);
    assert!((ratio(&app) - 0.8).abs() < 0.01, "Ctrl+- zooms out: {}", ratio(&app));
    app.click("Fit to screen  (Ctrl+0)");
    assert!((ratio(&app) - 1.0).abs() < 0.01, "the panel's button fits too: {}", ratio(&app));

    assert_eq!(*app.session(), before, "zoom is not part of the workshop");
    assert_eq!(app.undo_steps(), 0);
}

#[test]
fn dragging_the_background_pans_the_wheel() {
    let mut app = App::example();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let before = app.note_button(text).rect();
    // Off the wheel, above and left of it, where no label or note is.
    let from = app.wheel_map().to_screen(egui::pos2(-560.0, -410.0));
    assert!(app.query_by(move |node| node.role() == Role::Button && contains(node, from)).is_none());
    app.drag(from, from + egui::vec2(120.0, 60.0));
    let after = app.note_button(text).rect();
    assert!((after.center() - before.center() - egui::vec2(120.0, 60.0)).length() < 1.0, "{before:?} → {after:?}");
    app.assert_selected(0);
    assert_eq!(app.undo_steps(), 0);

    app.press_with(Modifiers::COMMAND, Key::Num0);
    assert!((app.note_button(text).rect().center() - before.center()).length() < 1.0);
}

/// Whether an AccessKit node's bounds hold a point (in points; the harness draws at one pixel
/// per point).
fn contains(node: &egui_kittest::kittest::AccessKitNode<'_>, point: Pos2) -> bool {
    node.bounding_box().is_some_and(|bounds| {
        Rect::from_min_max(
            egui::pos2(bounds.x0 as f32, bounds.y0 as f32),
            egui::pos2(bounds.x1 as f32, bounds.y1 as f32),
        )
        .contains(point)
    })
}

#[test]
fn edit_recolour_move_and_delete_a_selected_note_in_the_side_panel() {
    let mut app = App::example();
    let original = app.session().clone();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let id = app.note_with_text(text).id;
    let note = |app: &App| app.session().note(id).cloned();

    app.note_button(text).click();
    app.run();
    app.get_by_label("Selected note");
    assert_eq!(app.get_by_role_and_label(Role::MultilineTextInput, "Text").value().as_deref(), Some(text));

    app.click("Organisation of the selected note");
    app.click("• Service users and carers");
    assert_eq!(note(&app).unwrap().organisation, Some(app.organisation_id("Service users and carers")));

    app.click("Opportunity");
    assert_eq!(
        note(&app).unwrap().placement,
        Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity }
    );

    app.click("Prompt of the selected note");
    app.click("What about money?");
    assert_eq!(
        note(&app).unwrap().placement,
        Placement::Wheel { prompt: app.prompt_key(6), band: WheelBand::Opportunity }
    );

    app.retype(Role::MultilineTextInput, "Text", "Our first duty is to the person.");
    assert_eq!(note(&app).unwrap().text, "Our first duty is to the person.");

    app.click("Delete note");
    assert!(note(&app).is_none());
    assert!(app.query_by_label("Selected note").is_none());

    assert_eq!(app.undo_steps(), 5, "organisation, ring, prompt, text and deletion: a step each");
    for _ in 0..5 {
        app.undo();
    }
    assert_eq!(*app.session(), original, "undo brings the note back as it was");
}

#[test]
fn right_click_menu_moves_a_note_to_the_other_ring_and_deletes_it() {
    let mut app = App::example();
    let text = "Clinical teams think of the patient; the college thinks of the student. Same person, two different welfare questions.";
    let id = app.note_with_text(text).id;
    app.note_button(text).click_secondary();
    app.run();
    app.click("Move to making the most of opportunities");
    assert_eq!(
        app.session().note(id).unwrap().placement,
        Placement::Wheel { prompt: app.prompt_key(0), band: WheelBand::Opportunity }
    );
    app.note_button(text).click_secondary();
    app.run();
    app.click("Delete note");
    assert!(app.session().note(id).is_none());
    app.undo();
    assert!(app.session().note(id).is_some(), "undo restores the deleted note");
}

#[test]
fn the_wheel_and_edit_menus_run_the_same_commands() {
    let mut app = App::example();
    app.choose_prompt(4);
    app.click("Wheel");
    app.get_by_label_contains("Mark the prompt as discussed").click();
    app.run();
    assert!(app.session().wheel.prompts[4].discussed);
    app.click("Edit");
    app.get_by_label_contains("Undo change prompt").click();
    app.run();
    assert!(!app.session().wheel.prompts[4].discussed);
    app.click("Wheel");
    app.get_by_label_contains("Focus on the prompt").click();
    app.run();
    assert_focus_view_of(&app, 4);
}

#[test]
fn wheel_changes_are_saved_in_the_workshop_file() {
    let mut app = App::example();
    let text = "Our first duty is to the person on our caseload, not the wider community.";
    let from = app.note_button(text).rect().center();
    let to = app.wheel_map().band_middle(6, WheelBand::Assumption);
    app.drag(from, to);
    app.press(Key::D);
    app.click("Edit this wheel's prompts…");
    app.retype(Role::TextInput, "Prompt 9", "Are our policies facing in the same direction? Really?");
    app.press_with(Modifiers::COMMAND, Key::S);

    let path = app.state().document().unwrap().location().path().to_owned();
    let saved = common_ground::store::load_session(&path).unwrap();
    assert_eq!(saved, *app.session());
    let note = saved.notes.iter().find(|note| note.text == text).unwrap();
    assert_eq!(note.placement, Placement::Wheel { prompt: "money".to_owned(), band: WheelBand::Assumption });
    assert!(saved.wheel.prompt("money").unwrap().discussed, "the dropped-on prompt is selected, and D ticked it");
    assert_eq!(saved.wheel.prompts[8].question, "Are our policies facing in the same direction? Really?");
}

#[test]
fn a_count_of_one_hidden_note_is_singular() {
    // Issue 18: which rings show a count depends on the layout, so every count on a crowded
    // wheel, with each prompt chosen in turn, is checked: "1 more … note", "2 more … notes". The
    // example's wheel now shows every note on a card (its rings are shared out between their
    // notes), so the wheel is a workshop of 400 notes, about 18 a ring.
    let mut app = App::on_projector_screen(Theme::Dark, |folder| {
        let path = folder.join("crowded.ron");
        common_ground::store::save_session(&common_ground::model::synthetic_session(400), &path).unwrap();
        Some(path)
    });
    let mut seen = Vec::new();
    for _ in 0..app.session().wheel.prompts.len() {
        let chips: Vec<String> = app
            .query_all_by(|node| node.label().is_some_and(|label| label.ends_with(": open the focus view")))
            .map(|node| node.accesskit_node().label().unwrap())
            .collect();
        seen.extend(chips);
        app.press(Key::ArrowRight);
    }
    assert!(!seen.is_empty(), "the crowded rings show counts");
    for chip in &seen {
        let count: usize = chip.split(' ').next().unwrap().parse().unwrap();
        let plural = chip.split(" on ").next().unwrap().ends_with("notes");
        assert_eq!(plural, count != 1, "{chip}");
    }
}

/// The wheel tab on a projector's screen, with the pointer off the window.
fn snapshot_wheel(mut app: App, name: &str) {
    app.remove_cursor();
    app.run();
    app.snapshot(name);
}

#[test]
fn snapshot_empty_wheel_dark() {
    snapshot_wheel(App::new_workshop(Theme::Dark), "wheel_empty_dark");
}

#[test]
fn snapshot_empty_wheel_light() {
    snapshot_wheel(App::new_workshop(Theme::Light), "wheel_empty_light");
}

#[test]
fn snapshot_example_wheel_dark() {
    snapshot_wheel(App::start(Theme::Dark, true), "wheel_example_dark");
}

#[test]
fn snapshot_example_wheel_light() {
    snapshot_wheel(App::start(Theme::Light, true), "wheel_example_light");
}

/// The test workshop with one or two notes in each ring (issue 18).
const ONE_OR_TWO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wheel-one-or-two-notes.ron");

#[test]
fn snapshot_one_or_two_notes_wheel_dark() {
    snapshot_wheel(App::with_copy_of(ONE_OR_TWO), "wheel_one_or_two_dark");
}

#[test]
fn snapshot_one_or_two_notes_wheel_light() {
    let app = App::on_projector_screen(Theme::Light, |folder| {
        let copy = folder.join("workshop.ron");
        std::fs::copy(ONE_OR_TWO, &copy).unwrap();
        Some(copy)
    });
    snapshot_wheel(app, "wheel_one_or_two_light");
}

#[test]
fn the_projection_fits_the_wheel_at_the_zoom_the_layout_tests_assume() {
    // tests/wheel_layout.rs lays the projection's rings out at its fitted zoom at 1920×1080; this
    // checks it is the app's when presenting there, at type size 150%.
    let mut app = App::example();
    app.get_by_label("Type size").click();
    app.run();
    app.get_by_label("150%").click();
    app.run();
    app.key_press(Key::F5);
    app.run();
    assert!(app.state().room().presenting);
    let selected = 0;
    let geometry = WheelGeometry::new(app.session().wheel.prompts.len()).widening(selected);
    let questions: Vec<String> = app.session().wheel.prompts.iter().map(|prompt| prompt.question.clone()).collect();
    let (_, labels) = paint_shapes(|painter| LabelLayout::new(painter, geometry, &questions));
    let prefix = format!("Prompt 1 of {}: ", questions.len());
    let label = app.get_by(move |node| {
        node.role() == Role::Label
            && (node.label().is_some_and(|l| l.starts_with(&prefix))
                || node.value().is_some_and(|l| l.starts_with(&prefix)))
    });
    let zoom = label.rect().width() / labels.rects[selected].width();
    assert!((zoom - 0.89).abs() < 0.005, "the projection's zoom at 1920×1080: {zoom}");
}

#[test]
fn the_console_fits_the_wheel_at_the_zooms_the_layout_tests_assume() {
    // tests/wheel_layout.rs lays the rings out at the console's fitted zoom; this checks it is the
    // app's, at 1920×1080 and 1366×768.
    let mut app = App::example();
    let zoom = app.wheel_map().zoom;
    assert!((zoom - 0.8375).abs() < 0.005, "the console's zoom at 1920×1080: {zoom}");
    app.set_size(egui::vec2(1366.0, 768.0));
    app.run();
    let zoom = app.wheel_map().zoom;
    assert!((zoom - 0.385).abs() < 0.005, "the console's zoom at 1366×768: {zoom}");
}

/// The font size of every text on the screen that says exactly `text`.
fn sizes_of_text(app: &App, text: &str) -> Vec<f32> {
    app.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(shape) if shape.galley.job.text == text => {
                shape.galley.job.sections.first().map(|section| section.format.font_id.size)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_wide_console_shows_the_selected_prompts_notes_in_full_beside_the_wheel() {
    // Issue 18: at 1920×1080 the fitted wheel leaves the canvas's right side empty; the selected
    // prompt's notes go there, whole, at 16 points or more.
    let mut app = App::example();
    for index in [0, 6, 3] {
        app.choose_prompt(index);
        let map = app.wheel_map();
        let rim = map.to_screen(Pos2::new(common_ground::canvas::wheel::geometry::OUTER_RADIUS, 0.0)).x;
        let question = app.session().wheel.prompts[index].question.clone();
        let side_panel = app.get_by_label(&format!("Prompt {} of 11", index + 1)).rect().left();
        let mut cards = Vec::new();
        for (band, word, ring) in [
            (WheelBand::Assumption, "assumption", "Exploring assumptions"),
            (WheelBand::Opportunity, "opportunity", "Making the most of opportunities"),
        ] {
            let texts = app.texts_on(index, band);
            let ring_heading = app.get_by_label(&format!("{ring} ({})", texts.len())).rect();
            for text in texts {
                // The card's accessible name holds the note's whole text.
                let prefix = format!("Note in full, {word}: {text} — ");
                let card = app
                    .query_all_by(|node| {
                        node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with(&prefix))
                    })
                    .map(|node| node.rect())
                    .find(|rect| rect.left() > rim)
                    .unwrap_or_else(|| panic!("{text:?} whole, in a card beside the wheel"));
                assert!(card.top() > ring_heading.bottom(), "{text:?} under its ring's name");
                assert!(card.right() < side_panel, "{text:?} left of the side panel");
                // Measured: the words painted at 16 points or more.
                let sizes = sizes_of_text(&app, &text);
                assert!(sizes.iter().any(|&size| size >= 16.0), "{text:?} at 16 points or more: {sizes:?}");
                cards.push(card);
            }
        }
        assert!(cards.len() >= 2, "prompt {index} has notes to show");
        let column_left = cards.iter().map(Rect::left).fold(f32::MAX, f32::min);
        let top = cards.iter().map(Rect::top).fold(f32::MAX, f32::min);
        // A label's words are its AccessKit value.
        let headed =
            app.query_all_by(|node| node.value().is_some_and(|words| words.starts_with(&question))).any(|node| {
                node.rect().left() >= column_left - 40.0
                    && node.rect().left() < column_left + 40.0
                    && node.rect().bottom() < top
            });
        assert!(headed, "the column is headed by {question:?}");
    }

    // A note in the column is chosen by a click, as its card on the wheel is: M then moves it.
    let text = app.texts_on(3, WheelBand::Assumption)[0].clone();
    let prefix = format!("Note in full, assumption: {text} — ");
    app.get_by(|node| node.role() == Role::Button && node.label().is_some_and(|label| label.starts_with(&prefix)))
        .click();
    app.run();
    app.press(Key::M);
    let first_word = text.split(' ').next().unwrap();
    assert!(
        app.query_by_label_contains(&format!("Move “{first_word}")).is_some(),
        "the clicked note is the one to move"
    );
}

#[test]
fn the_notes_beside_the_wheel_keep_their_words_clear_of_their_vote_badges() {
    // The example's first prompt has notes with 3 and 4 dots from the closed vote. Beside the
    // wheel a badge sits over its card's top right corner; the card's words used to run under it.
    let app = App::example();
    let output = app.output();
    let badges: Vec<Rect> = output
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Circle(circle) if circle.fill == common_ground::canvas::marks::DOT_BADGE_FILL => {
                Some(Rect::from_center_size(circle.center, egui::Vec2::splat(2.0 * circle.radius)))
            }
            _ => None,
        })
        .collect();
    let prompt = app.session().wheel.prompts[0].key.clone();
    let voted: Vec<String> = app
        .session()
        .notes
        .iter()
        .filter(|note| matches!(&note.placement, Placement::Wheel { prompt: key, .. } if *key == prompt))
        .filter(|note| app.session().shown_vote(true).is_some_and(|vote| vote.dots_on(note.id) > 0))
        .map(|note| note.text.clone())
        .collect();
    assert!(voted.len() >= 2, "the example's first prompt has voted notes: {voted:?}");
    let mut checked = 0;
    for clipped in &output.shapes {
        let egui::Shape::Text(text) = &clipped.shape else { continue };
        if !voted.contains(&text.galley.job.text) {
            continue;
        }
        // A row's rect starts a little above its letters (the line's leading): 2 pt of it may touch.
        let words = text.galley.rect.translate(text.pos.to_vec2()).shrink2(egui::vec2(0.0, 2.0));
        for badge in &badges {
            assert!(
                !words.intersects(*badge),
                "“{}” ({words:?}) runs under a vote badge ({badge:?})",
                text.galley.job.text
            );
        }
        checked += 1;
    }
    assert!(checked >= 2, "the voted notes' words were found on the screen ({checked})");
}

/// The app with a copy of the example workshop open on its wheel, drawn by kittest's wgpu
/// renderer (1280×800), its canvases kept as tiles if `kept`, each tile made in the frame it is
/// needed (so the picture is complete at once); and the folder the copy is in.
fn example_wheel_harness(
    kept: bool,
) -> (egui_kittest::Harness<'static, common_ground::ui::CommonGroundApp>, tempfile::TempDir) {
    use common_ground::store::DataDir;
    use common_ground::ui::{AppConfig, CommonGroundApp, kept_tiles};
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("bristol-outreach.ron");
    std::fs::copy(EXAMPLE, &copy).unwrap();
    let config = AppConfig {
        data_dir: DataDir::at(folder.path().join("data")),
        file_to_open: Some(copy),
        file_picker: Box::new(common::harness::NoFilePicker),
    };
    let settings = kept.then_some(kept_tiles::Settings { budget: std::time::Duration::MAX, in_background: false });
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .wgpu()
        .build_eframe(move |cc| {
            if let Some(settings) = settings {
                kept_tiles::install(&cc.egui_ctx, settings);
            }
            CommonGroundApp::new(&cc.egui_ctx, config)
        });
    harness.run_steps(4);
    (harness, folder)
}

/// The example wheel as [`example_wheel_harness`] draws it, painted live or (`kept`) from the
/// kept tiles the app uses where glow draws the window: a note on the last prompt clicked
/// (which selects it and chooses its prompt, whose rings then settle into new plans over
/// several frames), the wheel panned by dragging its background by `pan`, and the pointer on the
/// first prompt's label, whose outline is painted over the tiles; and how many textures egui
/// holds (each kept tile is one).
fn wheel_drawn_live_or_kept(kept: bool, pan: egui::Vec2) -> (Vec<u8>, usize) {
    let (mut harness, _folder) = example_wheel_harness(kept);
    let notes = harness.query_all_by(|node| {
        node.role() == Role::Button && node.label().is_some_and(|label| label.starts_with("Note, "))
    });
    notes.last().expect("the example's notes are on the wheel").click();
    // The chosen prompt's rings settle into their new plans a few milliseconds a frame.
    harness.run_steps(60);
    if pan != egui::Vec2::ZERO {
        let canvas = harness.get_by_role(Role::Canvas).rect();
        let corner = canvas.left_top() + egui::vec2(8.0, 8.0);
        harness.hover_at(corner);
        harness.drag_at(corner);
        harness.run_steps(2);
        for step in 1..=6 {
            harness.hover_at(corner + pan * step as f32 / 6.0);
            harness.run_steps(1);
        }
        harness.drop_at(corner + pan);
        harness.run_steps(2);
    }
    let label = harness.get_by_label_contains("Prompt 1 of").rect();
    harness.hover_at(label.center());
    harness.run_steps(6);
    let textures = harness.ctx.tex_manager().read().num_allocated();
    (harness.render().unwrap().into_raw(), textures)
}

#[test]
fn the_wheel_kept_as_tiles_looks_as_the_wheel_painted_live() {
    for pan in [egui::Vec2::ZERO, egui::vec2(-300.0, 60.0)] {
        let (live, live_textures) = wheel_drawn_live_or_kept(false, pan);
        let (kept, kept_textures) = wheel_drawn_live_or_kept(true, pan);
        // The canvas (some 800 by 700 pixels) takes several 512-pixel tiles, and the ones around
        // it are made ahead: if the wheel were painted live there would be none.
        assert!(
            kept_textures >= live_textures + 4,
            "panned by {pan:?}: {kept_textures} textures kept as tiles against {live_textures} painted live"
        );
        let pixels = live.len() / 4;
        let differing = |tolerance: u8| {
            live.chunks_exact(4)
                .zip(kept.chunks_exact(4))
                .filter(|(a, b)| a.iter().zip(b.iter()).any(|(a, b)| a.abs_diff(*b) > tolerance))
                .count()
        };
        // Small differences of rounding and of the edges' coverage are allowed (egui's wgpu
        // renderer against the tiles' rasteriser); a tile missing, misplaced or resampled, a
        // layer left out or a highlight not painted over the tiles would differ over hundreds
        // of pixels or more.
        let far = differing(16);
        assert!(far * 10_000 < pixels, "panned by {pan:?}: {far} of {pixels} pixels differ");
        let roughly = differing(4);
        assert!(roughly * 1000 < pixels, "panned by {pan:?}: {roughly} of {pixels} pixels differ by more than 4");
    }
}

#[test]
fn the_wheels_tiles_are_let_go_while_another_tab_is_shown() {
    let (mut harness, _folder) = example_wheel_harness(true);
    harness.run_steps(4);
    let textures = |harness: &egui_kittest::Harness<'_, _>| harness.ctx.tex_manager().read().num_allocated();
    let with_tiles = textures(&harness);
    harness.get_by_label("All notes").click();
    harness.run_steps(4);
    let elsewhere = textures(&harness);
    assert!(elsewhere + 4 <= with_tiles, "{with_tiles} textures on the wheel's tab, {elsewhere} on another");
    harness.get_by_label("Prompt wheel").click();
    harness.run_steps(4);
    assert!(textures(&harness) >= with_tiles, "the tiles are made again when the wheel is shown");
}

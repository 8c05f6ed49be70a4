//! Group work (issue 6) driven through the real app's accessibility tree by role and label, with
//! the pointer where a facilitator would use it: dot voting, grouping notes, the agenda and the
//! action plan. Each step is checked against the workshop's session.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::App;

use common_ground::model::{Activity, Note, NoteId, Placement, Session, VoteScope, Voter, VoterKind, WheelBand};
use common_ground::store::save_session;
use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::PathBuf;

const BRISTOL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");
const NEEDS_MAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/needs-map-example.ron");

impl App {
    fn open(file: impl FnOnce(&std::path::Path) -> PathBuf) -> Self {
        Self::on_projector_screen(egui::Theme::Dark, |folder| Some(file(folder)))
    }

    /// A copy of an example workshop file.
    fn example(source: &'static str) -> Self {
        Self::open(|folder| {
            let copy = folder.join("workshop.ron");
            std::fs::copy(source, &copy).unwrap();
            copy
        })
    }

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

    /// Clicks the one widget with exactly this accessible name, scrolled into view.
    fn click(&mut self, label: &str) {
        self.get_by_label(label).scroll_to_me();
        self.run();
        self.get_by_label(label).click();
        self.run();
    }

    fn note_text(&self, id: NoteId) -> String {
        self.session().note(id).unwrap().text.clone()
    }

    fn note(&self, text: &str) -> &Note {
        self.session().notes.iter().find(|note| note.text == text).unwrap_or_else(|| panic!("no note {text:?}"))
    }

    /// The wheel canvas's button for the note that says `text`.
    fn wheel_note_label(&self, text: &str) -> String {
        let middle = format!(": {text} — ");
        self.get_by(move |node| {
            node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with("Note, ") && l.contains(&middle))
        })
        .accesskit_node()
        .label()
        .unwrap()
    }

    fn click_wheel_note(&mut self, text: &str) {
        let label = self.wheel_note_label(text);
        self.get_by_label(&label).click();
        self.run();
    }

    /// Which workspace tab shows: the one tab button marked selected.
    fn tab(&self) -> String {
        let tabs = ["Prompt wheel", "Needs map", "All notes", "Action plan", "Agenda"];
        let shown: Vec<&str> = tabs
            .into_iter()
            .filter(|tab| {
                self.query_all_by_label(tab).any(|node| node.accesskit_node().toggled() == Some(Toggled::True))
            })
            .collect();
        assert_eq!(shown.len(), 1, "one tab shows: {shown:?}");
        shown[0].to_owned()
    }

    /// Presses the pointer at `from`, moves in steps to `to` and lets go.
    fn drag(&mut self, from: Pos2, to: Pos2) {
        self.hover_at(from);
        self.run();
        self.drag_at(from);
        self.run();
        for step in 1..=10 {
            self.hover_at(from.lerp(to, step as f32 / 10.0));
            self.run();
        }
        self.drop_at(to);
        self.run();
    }
}

/// The first few words of a note, as labels quote it.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 8 {
        out.push_str(" …");
    }
    out
}

/// Two notes in one band of the first prompt (the one selected when the wheel opens), and a
/// note in its other band.
fn first_prompt_notes(session: &Session) -> (Vec<String>, String, WheelBand) {
    let key = session.wheel.prompts[0].key.clone();
    for band in [WheelBand::Assumption, WheelBand::Opportunity] {
        let here: Vec<String> = session.notes_on_prompt(&key, band).map(|note| note.text.clone()).collect();
        let other_band = if band == WheelBand::Assumption { WheelBand::Opportunity } else { WheelBand::Assumption };
        let other = session.notes_on_prompt(&key, other_band).next();
        if here.len() >= 2
            && let Some(other) = other
        {
            return (here, other.text.clone(), other_band);
        }
    }
    panic!("the example's first prompt has notes in both bands");
}

#[test]
fn open_a_vote_cast_dots_for_two_voters_close_it_and_see_the_totals() {
    let mut app = App::example(BRISTOL);
    let (band_notes, other, _) = first_prompt_notes(app.session());
    let (a, b, c) = (band_notes[0].clone(), band_notes[1].clone(), other);

    // The facilitator opens the voting panel from the keyboard and opens a vote over the wheel.
    app.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    app.click("Every note on the prompt wheel");
    app.click("Each participant has their own dots");
    app.click("Open the vote");
    let vote = app.session().open_vote().expect("a vote is open").clone();
    assert_eq!((vote.scope, vote.voters, vote.dots_per_voter), (VoteScope::Wheel, VoterKind::Participants, 3));
    let colin = Voter::Participant(app.session().participants[0].id);
    let emily = Voter::Participant(app.session().participants[1].id);
    assert_eq!(app.session().voter_name(colin), "Colin");
    assert_eq!(app.session().voter_name(emily), "Emily");

    // The first voter is chosen: each click on a note on the canvas is one of Colin's dots.
    app.get_by_label("Voting now: Colin");
    app.click_wheel_note(&a);
    app.click_wheel_note(&a);
    app.click_wheel_note(&b);
    app.get_by_label("Colin: 0 dots left");
    // A fourth dot is refused, and the banner says why.
    app.click_wheel_note(&c);
    assert_eq!(app.session().open_vote().unwrap().dots_used_by(colin), 3);
    assert!(app.state().notice_text().unwrap().contains("used all 3 of their dots"), "{:?}", app.state().notice_text());

    // While the vote is open the canvas shows no counts.
    assert!(!app.wheel_note_label(&a).contains("in the vote"));

    // Next voter: Emily. C gets a dot, the comma key takes it back from the selected note, B gets two.
    app.click("Emily: 3 dots left");
    app.get_by_label("Voting now: Emily");
    app.click_wheel_note(&c);
    app.press(Key::Comma);
    assert_eq!(app.session().open_vote().unwrap().dots_used_by(emily), 0, "the comma took the dot back");
    app.click_wheel_note(&b);
    app.click_wheel_note(&b);
    app.click_wheel_note(&c);
    app.get_by_label("Emily: 0 dots left");

    app.click("Close the vote and show the totals");
    let closed = app.session().last_closed_vote().expect("the vote is closed").clone();
    assert!(app.session().open_vote().is_none());
    let (id_a, id_b, id_c) = (app.note(&a).id, app.note(&b).id, app.note(&c).id);
    assert_eq!((closed.dots_on(id_b), closed.dots_on(id_a), closed.dots_on(id_c)), (3, 2, 1));
    assert_eq!(closed.dots_by_on(colin, id_a), 2, "votes are saved per voter");
    assert_eq!(closed.dots_by_on(emily, id_b), 2);

    // The totals show on the canvas's notes and in the ranked results.
    assert!(app.wheel_note_label(&b).ends_with(", 3 dots in the vote"), "{}", app.wheel_note_label(&b));
    assert!(app.wheel_note_label(&a).ends_with(", 2 dots in the vote"));
    app.get_by_label(&format!("Rank 1: {b} — 3 dots"));
    app.get_by_label(&format!("Rank 2: {a} — 2 dots"));
    app.get_by_label(&format!("Rank 3: {c} — 1 dot"));

    // Closing is one undoable step: undo reopens the vote with its dots.
    app.undo();
    assert_eq!(app.session().open_vote().map(|vote| vote.dots.len()), Some(6));
    assert!(!app.wheel_note_label(&b).contains("in the vote"), "counts hide again while it is open");
}

#[test]
fn equal_dots_share_a_rank_in_the_results() {
    let mut app = App::example(BRISTOL);
    let (band_notes, other, _) = first_prompt_notes(app.session());
    app.click("Workshop");
    app.get_by_label_contains("Dot voting…").click();
    app.run();
    app.click("Each organisation has one set of dots");
    app.click("Open the vote");
    assert_eq!(app.session().open_vote().unwrap().voters, VoterKind::Organisations);
    let first = app.session().voter_name(Voter::Organisation(app.session().organisations[0].id));
    app.get_by_label(&format!("Voting now: {first}"));
    app.click_wheel_note(&band_notes[0]);
    app.click_wheel_note(&other);
    app.click("Close the vote and show the totals");
    app.get_by_label(&format!("Rank 1: {} — 1 dot", band_notes[0]));
    app.get_by_label(&format!("Rank 1: {other} — 1 dot"));
}

#[test]
fn group_two_notes_move_the_group_fold_it_and_leave_it() {
    let mut app = App::example(BRISTOL);
    let (band_notes, other, other_band) = first_prompt_notes(app.session());
    let (a, b) = (band_notes[0].clone(), band_notes[1].clone());
    let key = app.session().wheel.prompts[0].key.clone();
    let steps = app.undo_steps();

    // Select a note, "Group with…" in its panel, tick the other, give a heading.
    app.click_wheel_note(&a);
    app.click("Group with…");
    app.get_by_label("Heading for the group").type_text("Two welfare questions");
    app.run();
    app.click(&b);
    app.click("Group them");
    let group = app.session().groups.last().expect("a group").clone();
    assert_eq!(group.heading, "Two welfare questions");
    let members: Vec<NoteId> = app.session().group_members(group.id).map(|note| note.id).collect();
    assert_eq!(members, vec![app.note(&a).id, app.note(&b).id]);
    assert_eq!(app.undo_steps(), steps + 1, "grouping is one undo step");

    // The heading is on the canvas; drag it onto the other band of the prompt.
    let heading = "Group “Two welfare questions”, 2 notes, click to fold its notes away; drag to move the group";
    let from = app.get_by_label(heading).rect().center();
    let to = app.get_by_label(&app.wheel_note_label(&other)).rect().center();
    app.drag(from, to);
    for id in &members {
        let note = app.session().note(*id).unwrap();
        assert_eq!(note.placement, Placement::Wheel { prompt: key.clone(), band: other_band }, "the whole group moved");
        assert_eq!(note.group, Some(group.id), "and stayed together");
    }
    assert_eq!(app.undo_steps(), steps + 2, "the move is one undo step");

    // Click the heading to fold the group into one card; its notes leave the canvas.
    app.click(heading);
    assert!(app.session().group(group.id).unwrap().collapsed);
    app.get_by_label(
        "Group “Two welfare questions”, 2 notes, collapsed: click to show its notes; drag to move the group",
    );
    assert!(app.query_all_by_label_contains(&format!(": {a} — ")).next().is_none(), "folded notes are hidden");
    app.click("Group “Two welfare questions”, 2 notes, collapsed: click to show its notes; drag to move the group");
    assert!(!app.session().group(group.id).unwrap().collapsed);

    // A note leaves its group from the right-click menu; the last one out removes the group.
    let label = app.wheel_note_label(&a);
    app.get_by_label(&label).click_secondary();
    app.run();
    app.click("Take out of the group “Two welfare questions”");
    assert_eq!(app.note(&a).group, None);
    assert_eq!(app.note(&b).group, Some(group.id));
    app.click_wheel_note(&b);
    app.click("Leave the group");
    assert!(app.session().group(group.id).is_none(), "the last note out removes the group");
    app.undo();
    assert_eq!(app.note(&b).group, Some(group.id), "undo puts the note back in its group");
}

#[test]
fn group_two_needs_on_the_map_and_slide_the_group_along_the_arc() {
    let mut app = App::example(NEEDS_MAP);
    app.click("Needs map");
    let needs: Vec<(NoteId, String, f32)> = app
        .session()
        .notes
        .iter()
        .filter_map(|note| match note.placement {
            Placement::Map { arc: common_ground::model::MapArc::Need, along } => {
                Some((note.id, note.text.clone(), along))
            }
            _ => None,
        })
        .take(2)
        .collect();
    let card = |text: &str| format!("Need: {text}.");
    app.get_by_label_contains(&card(&needs[0].1)).click();
    app.run();
    app.click("Group with…");
    app.get_by_label("Heading for the group").type_text("Isolation");
    app.run();
    app.get_by_role_and_label(Role::CheckBox, &needs[1].1).click();
    app.run();
    app.click("Group them");
    let group = app.session().groups.last().unwrap().id;
    assert!(
        app.get_by_label_contains(&card(&needs[0].1))
            .accesskit_node()
            .label()
            .unwrap()
            .contains("In the group “Isolation”")
    );

    let heading = "Group “Isolation”, 2 notes, click to fold its notes away; drag to move the group";
    let from = app.get_by_label(heading).rect().center();
    app.drag(from, from + Vec2::new(250.0, 0.0));
    let alongs: Vec<f32> = app
        .session()
        .group_members(group)
        .map(|note| match note.placement {
            Placement::Map { along, .. } => along,
            _ => panic!("left the map"),
        })
        .collect();
    assert!(alongs[0] > needs[0].2 + 0.05, "the group slid along the arc: {alongs:?}");
    let gap_before = needs[1].2 - needs[0].2;
    assert!(((alongs[1] - alongs[0]) - gap_before).abs() < 1e-3 || alongs.iter().any(|along| *along >= 0.999));
}

#[test]
fn create_actions_from_a_note_and_a_map_link_and_agree_them() {
    let mut app = App::example(NEEDS_MAP);
    app.click("Needs map");
    let steps = app.undo_steps();
    let need = app
        .session()
        .notes
        .iter()
        .find(|note| note.placement.map_arc() == Some(common_ground::model::MapArc::Need))
        .unwrap()
        .clone();

    // From a note: select it, and use its panel's button.
    app.get_by_label_contains(&format!("Need: {}.", need.text)).click();
    app.run();
    app.click("Create an action from this note");
    let action = app.session().actions.last().unwrap().clone();
    assert_eq!(action.linked_notes, vec![need.id]);
    assert_eq!(action.what, need.text);
    assert_eq!(app.undo_steps(), steps + 1);
    let number = app.session().actions.len();
    app.get_by_label(&format!("Open action {number} in the action plan"));

    // From a link: right-click its marker on the map.
    let link = app.session().links[0].clone();
    let marker = format!(
        "Link from need “{}” to “{}”: {}",
        short(&app.note_text(link.need)),
        short(&app.note_text(link.help)),
        link.kind.label()
    );
    app.get_by_label(&marker).click();
    app.run();
    app.click("Create an action from this link");
    let from_link = app.session().actions.last().unwrap().clone();
    assert_eq!(from_link.linked_links, vec![link.id], "the action answers the link");
    assert_eq!(app.undo_steps(), steps + 2);

    // The action plan shows both, their note and link by their words, and agrees them.
    app.click("Action plan");
    let number = app.session().actions.len();
    app.click(&format!("Action {number} agreed"));
    assert!(app.session().actions[number - 1].agreed);
    app.click(&format!("Action {} agreed", number - 1));
    assert!(app.session().actions[number - 2].agreed);

    // A linked note or link is a link: it shows the note or link on the map, selected.
    app.click(&format!("Show note {}", short(&need.text)));
    assert_eq!(app.tab(), "Needs map", "the linked note is shown on its canvas");
    app.get_by_label("Selected need");
    app.click("Action plan");
    let words = format!(
        "“{}” with “{}” ({})",
        short(&app.note_text(link.need)),
        short(&app.note_text(link.help)),
        link.kind.label().to_lowercase()
    );
    app.click(&format!("Show map link {words}"));
    assert_eq!(app.tab(), "Needs map");
    app.get_by_label("Selected link");

    // Supporting organisations and the lead are part of the action; all undoable.
    app.click("Action plan");
    let org = app.session().organisations[1].name.clone();
    app.click(&format!("{org} supports action {number}"));
    assert_eq!(app.session().actions[number - 1].supporting, vec![app.session().organisations[1].id]);
    app.undo();
    assert!(app.session().actions[number - 1].supporting.is_empty());
}

#[test]
fn moving_through_the_agenda_brings_up_each_steps_canvas() {
    let mut app = App::example(BRISTOL);
    let agenda = app.session().agenda.clone();
    assert_eq!(agenda.steps.len(), 6);
    assert_eq!(agenda.current, None);
    app.get_by_label("Start the workshop");
    assert_eq!(app.tab(), "Prompt wheel");

    // Page Down (a presenter's clicker) starts the workshop and moves on.
    app.press(Key::PageDown);
    assert_eq!(app.session().agenda.current, Some(agenda.steps[0].id));
    app.get_by_label("Welcome and introductions  ·  15 min");
    app.get_by_label("Step 1 of 6");
    app.click("Next step");
    assert_eq!(app.session().agenda.current_step().unwrap().activity, Activity::Wheel);
    assert_eq!(app.tab(), "Prompt wheel");
    app.press(Key::PageDown);
    assert_eq!(app.session().agenda.current_step().unwrap().activity, Activity::Map);
    assert_eq!(app.tab(), "Needs map");
    app.press(Key::PageDown);
    assert_eq!(app.session().agenda.current_step().unwrap().activity, Activity::Vote);
    app.get_by_label("Open the vote");
    app.press(Key::PageDown);
    assert_eq!(app.session().agenda.current_step().unwrap().activity, Activity::Actions);
    assert_eq!(app.tab(), "Action plan");
    app.press(Key::PageUp);
    assert_eq!(app.session().agenda.current_step().unwrap().activity, Activity::Vote);

    // The Agenda tab lists the steps; going to one from there switches too, and the current
    // one is marked.
    app.click("Workshop");
    app.click("Agenda…");
    assert_eq!(app.tab(), "Agenda");
    app.get_by_label("Step 4 (now)");
    app.click("Go to step 3");
    assert_eq!(app.tab(), "Needs map");
    assert_eq!(app.session().agenda.current, Some(agenda.steps[2].id));

    // Reorder and time a step, all undoable.
    app.click("Agenda");
    app.click("Move step 2 later");
    assert_eq!(app.session().agenda.steps[2].id, agenda.steps[1].id);
    app.undo();
    assert_eq!(app.session().agenda.steps[1].id, agenda.steps[1].id);
}

#[test]
fn an_old_workshop_without_an_agenda_is_offered_the_suggested_one() {
    let mut app = App::open(|folder| {
        let mut session: Session = common_ground::examples::EXAMPLES[0].session().unwrap();
        session.agenda = common_ground::model::Agenda::default();
        let path = folder.join("old.ron");
        save_session(&session, &path).unwrap();
        path
    });
    app.get_by_label("This workshop has no agenda yet.");
    app.click("Use the suggested agenda");
    assert_eq!(app.session().agenda.steps.len(), 6);
    app.get_by_label("Start the workshop");
    app.undo();
    assert!(app.session().agenda.steps.is_empty(), "one undo step takes it away again");
}

#[test]
fn keys_choose_the_next_voter_and_the_next_step_after_a_click_on_the_canvas() {
    let mut app = App::example(BRISTOL);
    let (band_notes, _, _) = first_prompt_notes(app.session());
    app.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    app.click("Open the vote");
    app.click_wheel_note(&band_notes[0]);
    app.press(Key::V);
    app.get_by_label("Voting now: Emily");
    app.press(Key::PageDown);
    assert!(app.session().agenda.current.is_some());
}

//! Grouping notes under a short heading, shared by both canvases: the "Group with…" box, the
//! group and action controls of a selected note, the right-click items, and how a group's
//! heading is drawn.

use super::intents::Intents;
use super::notes_view::short;
use super::plan_view::{action_from_note, linked_actions_ui};
use super::widgets::text_field;
use crate::model::{Edit, Note, NoteGroup, NoteId, Session};
// Which notes can join a group is the model's rule; the group dialog finds it here.
pub use crate::model::neighbours;
use egui::{RichText, Ui};

/// The "Group with…" box, open for one note.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDialog {
    /// The note it was opened from; it is always in the group.
    anchor: NoteId,
    /// The other notes ticked to join it.
    chosen: Vec<NoteId>,
    /// The heading typed so far.
    heading: String,
    /// Whether the heading field has had the keyboard yet.
    focused: bool,
}

impl GroupDialog {
    /// The box for grouping `note` with others in its band or on its arc.
    pub fn for_note(note: NoteId) -> Self {
        Self { anchor: note, chosen: Vec::new(), heading: String::new(), focused: false }
    }
}

/// The words a screen reader says for a group's heading, and that tests find it by.
pub fn heading_label(group: &NoteGroup, count: usize) -> String {
    let state = if group.collapsed { "collapsed: click to show its notes" } else { "click to fold its notes away" };
    format!("Group “{}”, {count} note{}, {state}; drag to move the group", group.display_heading(), plural(count))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The right-click menu of a group's heading: rename, fold or unfold, ungroup.
pub fn heading_menu_ui(ui: &mut Ui, group: &NoteGroup, intents: &mut Intents) {
    ui.set_min_width(260.0);
    text_field(ui, intents, "Group heading", &group.heading, format!("group.heading.{}", group.id), false, |heading| {
        Edit::UpdateGroup(NoteGroup { heading, ..group.clone() })
    });
    let fold = if group.collapsed { "Show the group's notes" } else { "Fold the group into one card" };
    if ui.button(fold).clicked() {
        intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
        ui.close();
    }
    if ui.button("Ungroup").on_hover_text("The notes stay where they are, without the heading.").clicked() {
        intents.edit(Edit::RemoveGroup(group.id));
        ui.close();
    }
}

/// The right-click items of a note for group work: group it, take it out of its group, make an
/// action of it.
pub fn note_menu_items(
    ui: &mut Ui,
    session: &Session,
    note: &Note,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    if let Some(group) = note.group.and_then(|id| session.group(id)) {
        if ui.button(format!("Take out of the group “{}”", group.display_heading())).clicked() {
            intents.edit(Edit::SetNoteGroup { id: note.id, group: None });
            ui.close();
        }
    } else if neighbours(session, note).next().is_some() && ui.button("Group with…").clicked() {
        *dialog = Some(GroupDialog::for_note(note.id));
        ui.close();
    }
    if ui.button("Create an action from this note").clicked() {
        intents.edit(action_from_note(session, note));
        ui.close();
    }
}

/// The selected note's group and actions, in a canvas's side panel.
pub fn note_group_work_ui(
    ui: &mut Ui,
    session: &Session,
    note: &Note,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    ui.add_space(4.0);
    match note.group.and_then(|id| session.group(id)) {
        Some(group) => {
            let count = session.group_members(group.id).count();
            ui.label(RichText::new(format!("In a group of {count} notes")).strong());
            text_field(
                ui,
                intents,
                "Group heading",
                &group.heading,
                format!("group.heading.{}", group.id),
                false,
                |heading| Edit::UpdateGroup(NoteGroup { heading, ..group.clone() }),
            );
            ui.horizontal_wrapped(|ui| {
                let fold = if group.collapsed { "Show the group's notes" } else { "Fold the group" };
                if ui.button(fold).clicked() {
                    intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
                }
                if ui.button("Leave the group").on_hover_text("Take this note out of its group.").clicked() {
                    intents.edit(Edit::SetNoteGroup { id: note.id, group: None });
                }
                if ui.button("Ungroup all").on_hover_text("Remove the heading; the notes stay.").clicked() {
                    intents.edit(Edit::RemoveGroup(group.id));
                }
            });
        }
        None => {
            let can_group = neighbours(session, note).next().is_some();
            let button = ui
                .add_enabled(can_group, egui::Button::new("Group with…"))
                .on_hover_text("Gather this note with others that say much the same, under a short heading.")
                .on_disabled_hover_text("There are no other notes here to group it with.");
            if button.clicked() {
                *dialog = Some(GroupDialog::for_note(note.id));
            }
        }
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Create an action from this note").clicked() {
            intents.edit(action_from_note(session, note));
        }
    });
    linked_actions_ui(ui, session, |action| action.linked_notes.contains(&note.id), intents);
}

/// The "Group with…" box: tick the notes that belong with this one, give them a heading.
pub fn group_dialog_ui(
    ctx: &egui::Context,
    session: &Session,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    let Some(state) = dialog else { return };
    let Some(anchor) = session.note(state.anchor) else {
        *dialog = None;
        return;
    };
    let mut done = false;
    let modal = egui::Modal::new(egui::Id::unique("group with dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        crate::ui::accessibility::mark_heading(&ui.heading(format!("Group “{}” with…", short(&anchor.text))), 2);
        let label = ui.label("Heading for the group");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.heading)
                    .hint_text("e.g. Money and who holds it")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !state.focused {
            field.request_focus();
            state.focused = true;
        }
        ui.label(RichText::new("Notes in the same place that belong with it:").strong());
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for other in neighbours(session, anchor) {
                let mut ticked = state.chosen.contains(&other.id);
                let mut words = other.text.clone();
                if let Some(group) = other.group.and_then(|id| session.group(id)) {
                    words.push_str(&format!(" (now in “{}”)", group.display_heading()));
                }
                if ui.checkbox(&mut ticked, words).changed() {
                    if ticked {
                        state.chosen.push(other.id);
                    } else {
                        state.chosen.retain(|id| *id != other.id);
                    }
                }
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            let ready = !state.chosen.is_empty();
            let group = ui.add_enabled(ready, egui::Button::new("Group them"));
            let group = group.on_disabled_hover_text("Tick at least one other note.");
            if group.clicked() {
                let mut members = vec![state.anchor];
                members.extend(state.chosen.iter().copied());
                let heading = state.heading.trim().to_owned();
                intents.edit(Edit::group_notes(session.groups.len(), NoteGroup::new(heading), &members));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if done || modal.should_close() {
        *dialog = None;
    }
}

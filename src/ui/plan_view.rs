//! The action plan: what will be done, who leads it, by when, and which notes it came from.

use super::intents::Intents;
use super::notes_view::{note_choices, short};
use super::widgets::{date_field, organisation_picker, section_heading, text_field};
use crate::model::{Action, Edit, Session};
use egui::{RichText, Ui};
use std::collections::HashMap;

/// Draw the action plan. `date_drafts` holds half-typed dates by field.
pub fn plan_ui(ui: &mut Ui, session: &Session, date_drafts: &mut HashMap<String, String>, intents: &mut Intents) {
    section_heading(ui, &format!("Action plan ({})", session.actions.len()));
    if session.actions.is_empty() {
        ui.label(RichText::new("Agree what happens next: what, which organisation leads, and by when.").weak());
    }
    if ui.button("Add action").clicked() {
        intents.edit(Edit::InsertAction { index: session.actions.len(), action: Action::new("") });
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (index, action) in session.actions.iter().enumerate() {
            action_ui(ui, session, index, action, date_drafts, intents);
        }
    });
}

fn action_ui(
    ui: &mut Ui,
    session: &Session,
    index: usize,
    action: &Action,
    date_drafts: &mut HashMap<String, String>,
    intents: &mut Intents,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        text_field(
            ui,
            intents,
            &format!("Action {}", index + 1),
            &action.what,
            format!("action.what.{}", action.id),
            true,
            |what| Edit::UpdateAction(Action { what, ..action.clone() }),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label("Lead");
            let label = format!("Lead organisation of action {}", index + 1);
            if let Some(lead) = organisation_picker(ui, session, ("lead", action.id), &label, action.lead) {
                intents.edit(Edit::UpdateAction(Action { lead, ..action.clone() }));
            }
            let key = format!("action.date.{}", action.id);
            let mut draft = date_drafts.remove(&key);
            date_field(ui, "By when", action.by_when, &mut draft, |by_when| {
                intents.edit(Edit::UpdateAction(Action { by_when, ..action.clone() }));
            });
            if let Some(draft) = draft {
                date_drafts.insert(key, draft);
            }
        });
        for linked in &action.linked_notes {
            ui.horizontal(|ui| {
                let text =
                    session.note(*linked).map_or_else(|| "(a deleted note)".to_owned(), |note| short(&note.text));
                ui.label(RichText::new(format!("From note: “{text}”")).italics());
                if ui.small_button("Unlink").accessible_name(format!("Unlink note {text}")).clicked() {
                    let linked_notes = action.linked_notes.iter().copied().filter(|id| id != linked).collect();
                    intents.edit(Edit::UpdateAction(Action { linked_notes, ..action.clone() }));
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            let unlinked: Vec<_> =
                note_choices(session).into_iter().filter(|(id, _)| !action.linked_notes.contains(id)).collect();
            if !unlinked.is_empty() {
                let mut chosen = None;
                let response = egui::ComboBox::from_id_salt(("link note", action.id))
                    .selected_text("Link a note…")
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for (id, text) in &unlinked {
                            ui.selectable_value(&mut chosen, Some(*id), text);
                        }
                    });
                let _ = response.response.accessible_name(format!("Link a note to action {}", index + 1));
                if let Some(id) = chosen {
                    let mut linked_notes = action.linked_notes.clone();
                    linked_notes.push(id);
                    intents.edit(Edit::UpdateAction(Action { linked_notes, ..action.clone() }));
                }
            }
            if ui.button("Remove action").accessible_name(format!("Remove action {}", index + 1)).clicked() {
                intents.edit(Edit::RemoveAction(action.id));
            }
        });
    });
}

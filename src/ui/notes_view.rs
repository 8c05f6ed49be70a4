//! The notes list: every sticky note in the workshop, where it sits, and a box to write new ones.

use super::intents::Intents;
use super::widgets::{colour32, organisation_picker, section_heading, text_field};
use crate::model::{Edit, Note, OrganisationId, Placement, Session, placement_label};
use egui::{RichText, Ui};
use time::OffsetDateTime;

/// The half-written note in the compose box.
#[derive(Debug, Default)]
pub struct NoteDraft {
    /// Its text.
    pub text: String,
    /// Who is saying it.
    pub author: String,
    /// For which organisation.
    pub organisation: Option<OrganisationId>,
}

/// Draw the compose box and every note.
pub fn notes_ui(ui: &mut Ui, session: &Session, draft: &mut NoteDraft, now: OffsetDateTime, intents: &mut Intents) {
    section_heading(ui, "Write a note");
    compose_ui(ui, session, draft, now, intents);
    ui.separator();
    section_heading(ui, &format!("Notes ({})", session.notes.len()));
    if session.notes.is_empty() {
        ui.label(RichText::new("No notes yet. What the room says goes here, one idea per note.").weak());
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for note in session.notes.iter().rev() {
            note_card_ui(ui, session, note, now, intents);
        }
    });
}

fn compose_ui(ui: &mut Ui, session: &Session, draft: &mut NoteDraft, now: OffsetDateTime, intents: &mut Intents) {
    let label = ui.label("Note text");
    let text_field = ui
        .add(
            egui::TextEdit::multiline(&mut draft.text)
                .hint_text("What did the room say? (Ctrl+Enter adds it)")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let mut add =
        text_field.has_focus() && ui.input_mut(|input| input.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    ui.horizontal_wrapped(|ui| {
        if let Some(choice) =
            organisation_picker(ui, session, "compose organisation", "Organisation of the new note", draft.organisation)
        {
            draft.organisation = choice;
        }
        let author_label = ui.label("Author");
        ui.add(egui::TextEdit::singleline(&mut draft.author).hint_text("Anonymous").desired_width(200.0))
            .labelled_by(author_label.id);
        add |= ui.button("Add note").clicked();
    });
    let text = draft.text.trim();
    if add && !text.is_empty() {
        let mut note = Note::new(text, Placement::Unplaced, now);
        note.organisation = draft.organisation;
        note.author = Some(draft.author.trim().to_owned()).filter(|author| !author.is_empty());
        note.hidden = session.private_writing;
        intents.edit(Edit::InsertNote { index: session.notes.len(), note });
        draft.text.clear();
    }
}

fn note_card_ui(ui: &mut Ui, session: &Session, note: &Note, now: OffsetDateTime, intents: &mut Intents) {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let stripe = organisation.map_or(ui.visuals().weak_text_color(), |org| colour32(org.colour));
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(3.0, stripe)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let tag = organisation.map_or_else(|| "—".to_owned(), crate::model::Organisation::short_label);
            ui.label(RichText::new(tag).strong().color(stripe));
            ui.label(RichText::new(placement_label(session, &note.placement)).weak());
        });
        text_field(ui, intents, "Note", &note.text, format!("note.text.{}", note.id), true, |text| {
            Edit::EditNoteText { id: note.id, text, at: now }
        });
        ui.horizontal_wrapped(|ui| {
            if let Some(organisation) =
                organisation_picker(ui, session, ("note org", note.id), "Organisation of this note", note.organisation)
            {
                intents.edit(Edit::SetNoteOrganisation { id: note.id, organisation, at: now });
            }
            ui.label(RichText::new(format!("by {}", note.author_label())).weak());
            if ui.button("Delete").accessible_name(format!("Delete note: {}", short(&note.text))).clicked() {
                intents.edit(Edit::DeleteNote(note.id));
            }
        });
    });
}

/// The first few words of a note, for labels.
pub fn short(text: &str) -> String {
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(8).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

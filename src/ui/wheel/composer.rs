//! The box for writing a new note: opens where it was asked for, Enter saves, Escape cancels.

use super::{WheelView, band_words};
use crate::model::Session;
use crate::ui::accessibility::mark_dialog;
use crate::ui::intents::Intents;
use crate::ui::widgets::{
    NoteBoxEscape, keep_tab_inside, note_box_discard_warning, note_box_escape, note_source_fields,
};
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use time::OffsetDateTime;

/// Draws the composer window while a note is being written.
pub(super) fn composer_ui(
    ctx: &egui::Context,
    session: &Session,
    view: &mut WheelView,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let Some(composer) = &mut view.composer else { return };
    // Read before the box draws its list: Esc in an open list closes that list, not the box.
    let list_was_open = egui::Popup::is_any_open(ctx);
    let box_id = egui::Id::unique("wheel note composer escape");
    let question = session.wheel.prompt(&composer.prompt).map_or("", |prompt| prompt.question.as_str());
    let (word, heading) = band_words(composer.band);
    let mut window = egui::Window::new(format!("New {word}"))
        .id(egui::Id::unique("wheel note composer"))
        .collapsible(false)
        .resizable(false)
        .default_width(460.0);
    window = match composer.near {
        Some(near) => window.default_pos(near),
        None => window.anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO),
    };
    let mut save = false;
    let mut cancel = false;
    let shown = window.show(ctx, |ui| {
        ui.label(RichText::new(question).strong().size(20.0));
        ui.label(RichText::new(heading).weak());
        let label = ui.label(format!("What is the {word}?"));
        let text = ui.add(
            egui::TextEdit::multiline(&mut composer.text)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                // Enter saves; Shift+Enter starts a new line.
                .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
                .hint_text("Type the note, then press Enter"),
        );
        let text = text.labelled_by(label.id);
        if composer.wants_focus {
            text.request_focus();
            composer.wants_focus = false;
        }
        if text.has_focus() && ui.input(|input| input.key_pressed(Key::Enter) && !input.modifiers.shift) {
            save = true;
        }
        save |=
            note_source_fields(ui, session, "composer organisation", &mut composer.organisation, &mut composer.author);
        note_box_discard_warning(ui, box_id, &composer.text);
        ui.horizontal(|ui| {
            let can_save = !composer.text.trim().is_empty();
            if ui.add_enabled(can_save, egui::Button::new(format!("Add {word}"))).clicked() {
                save = true;
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
            ui.label(RichText::new("Enter adds · Esc twice discards").weak());
        });
    });
    match note_box_escape(ctx, box_id, list_was_open, &composer.text) {
        NoteBoxEscape::Keep => {}
        NoteBoxEscape::Asked => composer.wants_focus = true,
        NoteBoxEscape::Discard => cancel = true,
    }
    if let Some(shown) = &shown {
        mark_dialog(&shown.response, &format!("New {word}"));
    }
    if let Some(shown) = shown
        && !cancel
        && !save
    {
        // Only while the box stays open, so the keyboard can go to the new note once it closes.
        keep_tab_inside(ctx, shown.response.layer_id);
    }
    if cancel {
        view.composer = None;
        // Back to the note that was selected before the box opened, if there is one.
        if let Some(note) = view.selected_note {
            view.focus_note(ctx, note);
        }
    } else if save {
        view.finish_note(session, now, intents);
        // The keyboard goes to the new note, on the wheel or in the focus view.
        if let Some(note) = view.selected_note {
            view.focus_note(ctx, note);
        }
    }
}

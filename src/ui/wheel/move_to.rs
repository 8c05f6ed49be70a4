//! "Move to…": the keyboard's way to move a note to another prompt or ring, chosen from a list.

use super::{WheelView, band_words};
use crate::model::{Edit, Placement, Session, WheelBand};
use crate::ui::intents::Intents;
use crate::ui::notes_view::short;

/// The list of places the selected note can go, one button each; Tab or the arrows move along
/// it, Enter moves the note, Esc closes it.
pub(super) fn move_chooser_ui(ctx: &egui::Context, session: &Session, view: &mut WheelView, intents: &mut Intents) {
    let Some(id) = view.moving else { return };
    let Some(note) = session.note(id) else {
        view.moving = None;
        return;
    };
    let Some((current_prompt, current_band)) = note.placement.wheel_spot() else {
        view.moving = None;
        return;
    };
    let mut chosen = None;
    let response = egui::Modal::new(egui::Id::unique("wheel move chooser")).show(ctx, |ui| {
        ui.set_width(720.0);
        crate::ui::accessibility::mark_heading(&ui.heading(format!("Move “{}” to…", short(&note.text))), 2);
        egui::ScrollArea::vertical().max_height(600.0).show(ui, |ui| {
            for prompt in &session.wheel.prompts {
                for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                    let here = prompt.key == current_prompt && band == current_band;
                    let words = format!("{} — {}", prompt.question, band_words(band).1);
                    let response = ui.add_enabled(!here, egui::Button::new(words).wrap());
                    // The keyboard starts on the other ring of the note's own prompt, the most
                    // usual move.
                    if prompt.key == current_prompt
                        && band != current_band
                        && !ui.ctx().memory(|memory| memory.focused().is_some())
                    {
                        response.request_focus();
                    }
                    if response.clicked() {
                        chosen = Some(Placement::Wheel { prompt: prompt.key.clone(), band });
                    }
                }
            }
        });
        ui.separator();
        ui.button("Cancel").clicked()
    });
    if let Some(placement) = chosen {
        if let Placement::Wheel { prompt, .. } = &placement
            && let Some(index) = session.wheel.index_of(prompt)
        {
            view.select(session, index);
        }
        intents.edit(Edit::MoveNote { id, placement });
        view.selected_note = Some(id);
        view.moving = None;
        // The keyboard follows the note to its new place, so a second move is one more M.
        view.focus_note(ctx, id);
    } else if response.inner || response.should_close() {
        view.moving = None;
        view.focus_note(ctx, id);
    }
}

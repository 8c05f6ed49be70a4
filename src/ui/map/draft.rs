//! Writing a new note on the map: a box at the note's spot on its arc; Enter adds it, Escape
//! cancels.

use super::{FocusTarget, MapNoteDraft, NeedsMapState, Selection};
use crate::canvas::map::scene::{DOT_RADIUS, Scene};
use crate::canvas::map::style::MapPalette;
use crate::guide::map::needs_map;
use crate::model::{Edit, MapArc, Note, Placement, Session};
use crate::ui::intents::Intents;
use crate::ui::widgets::{
    NoteBoxEscape, keep_tab_inside, note_box_discard_warning, note_box_escape, note_source_fields,
};
use egui::{Align2, Color32, Id, Key, Stroke, Ui};
use time::OffsetDateTime;

pub(super) fn draft_ui(
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let Some(draft) = &mut state.draft else { return };
    let shape = scene.frame.arc(draft.arc);
    let spot = state.viewport.to_screen(shape.point_at(draft.along));
    let outward = shape.outward_at(draft.along);
    let pivot = if outward.y < 0.0 { Align2::CENTER_BOTTOM } else { Align2::CENTER_TOP };
    ui.painter().circle(
        spot,
        DOT_RADIUS * state.viewport.zoom.max(0.6),
        Color32::TRANSPARENT,
        Stroke::new(3.0, MapPalette::new(ui.visuals()).selection),
    );

    let (title, hint) = match draft.arc {
        MapArc::Need => ("New need", "What is the need?"),
        MapArc::Help => ("New source of help", "Who or what could help?"),
    };
    let stage = needs_map().arc(draft.arc).stage_at(draft.along).map_or("", |stage| stage.label.as_str());
    let mut outcome = DraftOutcome::Open;
    // Read before the box draws its list: Esc in an open list closes that list, not the box.
    let list_was_open = egui::Popup::is_any_open(ui.ctx());
    let box_id = Id::unique("needs map draft escape");
    let shown = egui::Area::new(Id::unique("needs map draft"))
        // In the windows' layer, under the pop-up layer, so its organisation list opens above it.
        .order(egui::Order::Middle)
        .fixed_pos(spot + outward * 24.0)
        .pivot(pivot)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(420.0);
                let label = ui.label(egui::RichText::new(title).strong().size(22.0));
                ui.label(egui::RichText::new(format!("at {stage}")).weak());
                let field = ui
                    .add(egui::TextEdit::singleline(&mut draft.text).hint_text(hint).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if !draft.focus_requested {
                    field.request_focus();
                    draft.focus_requested = true;
                }
                if field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
                    outcome = DraftOutcome::Add;
                }
                let entered = note_source_fields(
                    ui,
                    session,
                    "needs map draft organisation",
                    &mut draft.organisation,
                    &mut draft.author,
                );
                if entered {
                    outcome = DraftOutcome::Add;
                }
                note_box_discard_warning(ui, box_id, &draft.text);
                ui.horizontal(|ui| {
                    if ui.button("Add").on_hover_text("Or press Enter in the text").clicked() {
                        outcome = DraftOutcome::Add;
                    }
                    if ui.button("Cancel").on_hover_text("Or press Esc twice").clicked() {
                        outcome = DraftOutcome::Cancel;
                    }
                });
            });
        });
    match note_box_escape(ui.ctx(), box_id, list_was_open, &draft.text) {
        NoteBoxEscape::Keep => {}
        NoteBoxEscape::Asked => draft.focus_requested = false,
        NoteBoxEscape::Discard => outcome = DraftOutcome::Cancel,
    }
    crate::ui::accessibility::mark_dialog(&shown.response, title);
    match outcome {
        // Only while the box stays open, so the keyboard can go to the new note once it closes.
        DraftOutcome::Open => keep_tab_inside(ui.ctx(), shown.response.layer_id),
        DraftOutcome::Cancel => {
            state.draft = None;
            // Back to the map itself, where N or H starts another note.
            state.focus_after(FocusTarget::Canvas);
        }
        DraftOutcome::Add => add_draft(ui, session, state, now, intents),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DraftOutcome {
    Open,
    Add,
    Cancel,
}

fn add_draft(ui: &Ui, session: &Session, state: &mut NeedsMapState, now: OffsetDateTime, intents: &mut Intents) {
    let Some(draft) = state.draft.take() else { return };
    let text = draft.text.trim();
    if text.is_empty() {
        // Nothing to add yet: keep the box open and the cursor in it.
        state.draft = Some(MapNoteDraft { focus_requested: false, ..draft });
        return;
    }
    let mut note = Note::new(text, Placement::Map { arc: draft.arc, along: draft.along }, now);
    let author = draft.author.trim();
    note.author = (!author.is_empty()).then(|| author.to_owned());
    note.organisation = draft.organisation;
    note.hidden = session.private_writing;
    state.selection = Some(Selection::Note(note.id));
    state.last_organisation = draft.organisation;
    state.last_author = author.to_owned();
    // The keyboard goes to the new note on the canvas (it appears next frame, which egui allows),
    // so the next key acts on it and Tab carries on from it. The id is the canvas's card id.
    let card = ui.scope_id().with("needs map").with(("note", note.id));
    ui.memory_mut(|memory| memory.request_focus(card));
    intents.edit(Edit::InsertNote { index: session.notes.len(), note });
}

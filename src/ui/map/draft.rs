//! Writing a new note on the map: a box at the note's spot on its arc; Enter adds it, Escape
//! cancels.

use super::{MapNoteDraft, NeedsMapState, Selection};
use crate::canvas::map::scene::{DOT_RADIUS, Scene};
use crate::canvas::map::style::MapPalette;
use crate::guide::map::needs_map;
use crate::model::{Edit, MapArc, Note, Placement, Session};
use crate::ui::intents::Intents;
use crate::ui::widgets::note_source_fields;
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
    egui::Area::new(Id::unique("needs map draft"))
        .order(egui::Order::Foreground)
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
                note_source_fields(
                    ui,
                    session,
                    "needs map draft organisation",
                    &mut draft.organisation,
                    &mut draft.author,
                );
                ui.horizontal(|ui| {
                    if ui.button("Add").on_hover_text("Or press Enter in the text").clicked() {
                        outcome = DraftOutcome::Add;
                    }
                    if ui.button("Cancel").on_hover_text("Or press Escape").clicked() {
                        outcome = DraftOutcome::Cancel;
                    }
                });
            });
        });
    if ui.input(|input| input.key_pressed(Key::Escape)) && !ui.ctx().any_popup_open() {
        outcome = DraftOutcome::Cancel;
    }
    match outcome {
        DraftOutcome::Open => {}
        DraftOutcome::Cancel => state.draft = None,
        DraftOutcome::Add => add_draft(session, state, now, intents),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DraftOutcome {
    Open,
    Add,
    Cancel,
}

fn add_draft(session: &Session, state: &mut NeedsMapState, now: OffsetDateTime, intents: &mut Intents) {
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
    intents.edit(Edit::InsertNote { index: session.notes.len(), note });
}

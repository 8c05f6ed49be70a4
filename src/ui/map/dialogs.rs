//! The map's dialogs: choosing what to link a note to from a list (the keyboard way to link),
//! and "About this map" with the guide's caveat and credit.

use super::canvas::link_or_existing;
use super::{FocusTarget, NeedsMapState, Selection};
use crate::guide::map::needs_map;
use crate::model::{Edit, MapArc, Placement, Session};
use crate::ui::intents::Intents;
use crate::ui::notes_view::short;
use egui::RichText;

/// The "Link to…" list for the selected note: every note on the other arc, one button each.
pub(super) fn link_chooser_ui(
    ctx: &egui::Context,
    session: &Session,
    state: &mut NeedsMapState,
    intents: &mut Intents,
) {
    if !state.choosing_link {
        return;
    }
    let Some(Selection::Note(id)) = state.live_selection(session) else {
        state.choosing_link = false;
        return;
    };
    let Some(note) = session.note(id) else { return };
    let Some(arc) = note.placement.map_arc() else { return };
    let other_arc = match arc {
        MapArc::Need => MapArc::Help,
        MapArc::Help => MapArc::Need,
    };
    let mut chosen = None;
    let response = egui::Modal::new(egui::Id::unique("needs map link chooser")).show(ctx, |ui| {
        ui.set_width(620.0);
        crate::ui::accessibility::mark_heading(&ui.heading(format!("Link “{}” to…", short(&note.text))), 2);
        let candidates: Vec<_> = session.notes_on_arc(other_arc).collect();
        if candidates.is_empty() {
            let missing = match other_arc {
                MapArc::Need => "There are no needs on the map yet.",
                MapArc::Help => "There are no sources of help on the map yet.",
            };
            ui.label(missing);
        }
        egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
            for (index, candidate) in candidates.iter().enumerate() {
                let linked = session.links_of(id).any(|link| link.need == candidate.id || link.help == candidate.id);
                let organisation = session.organisation_name(candidate.organisation);
                let words = format!("{} ({organisation})", candidate.text);
                let button = egui::Button::new(words).wrap();
                let response = ui.add_enabled(!linked, button);
                if index == 0 && !ui.ctx().memory(|memory| memory.focused().is_some()) {
                    response.request_focus();
                }
                if linked {
                    ui.label(RichText::new("Already linked").weak());
                }
                if response.clicked() {
                    chosen = Some(candidate.id);
                }
            }
        });
        ui.separator();
        ui.button("Cancel").clicked()
    });
    if let Some(other) = chosen {
        let (need, help) = if arc == MapArc::Need { (id, other) } else { (other, id) };
        state.selection = Some(Selection::Link(link_or_existing(session, need, help, intents)));
        state.choosing_link = false;
        // Back to the note the link was made from, to link it again or move on with Tab.
        state.focus_after(FocusTarget::Note(id));
    } else if response.inner || response.should_close() {
        state.choosing_link = false;
        state.focus_after(FocusTarget::Note(id));
    }
}

/// The "Move to…" list for the selected note: the stages of its arc, one button each; the note
/// moves to the middle of the stage chosen. (The arrow keys slide a note that has the keyboard.)
pub(super) fn stage_chooser_ui(
    ctx: &egui::Context,
    session: &Session,
    state: &mut NeedsMapState,
    intents: &mut Intents,
) {
    if !state.choosing_stage {
        return;
    }
    let Some(Selection::Note(id)) = state.live_selection(session) else {
        state.choosing_stage = false;
        return;
    };
    let Some(note) = session.note(id) else { return };
    let Placement::Map { arc, along } = note.placement else { return };
    let content = needs_map().arc(arc);
    let current = content.stage_at(along).map(|stage| stage.label.clone());
    let mut chosen = None;
    let response = egui::Modal::new(egui::Id::unique("needs map stage chooser")).show(ctx, |ui| {
        ui.set_width(620.0);
        crate::ui::accessibility::mark_heading(&ui.heading(format!("Move “{}” to…", short(&note.text))), 2);
        ui.label(RichText::new(format!("A stage of “{}”", content.title)).weak());
        for (index, stage) in content.stages.iter().enumerate() {
            let here = current.as_deref() == Some(stage.label.as_str());
            let words = if here { format!("{} (here now)", stage.label) } else { stage.label.clone() };
            let response = ui.add(egui::Button::new(words).wrap());
            if index == 0 && !ui.ctx().memory(|memory| memory.focused().is_some()) {
                response.request_focus();
            }
            if response.clicked() {
                chosen = Some(stage.middle());
            }
        }
        ui.separator();
        ui.button("Cancel").clicked()
    });
    if let Some(along) = chosen {
        intents.edit(Edit::MoveNote { id, placement: Placement::Map { arc, along } });
        state.choosing_stage = false;
        // The keyboard follows the note to its new place.
        state.focus_after(FocusTarget::Note(id));
    } else if response.inner || response.should_close() {
        state.choosing_stage = false;
        state.focus_after(FocusTarget::Note(id));
    }
}

/// "About this map": what the guide says the map is and is not, and where it comes from.
pub(super) fn about_ui(ctx: &egui::Context, state: &mut NeedsMapState) {
    if !state.about_open {
        return;
    }
    let content = needs_map();
    let response = egui::Modal::new(egui::Id::unique("needs map about")).show(ctx, |ui| {
        ui.set_width(720.0);
        crate::ui::accessibility::mark_heading(&ui.heading(&content.title), 2);
        ui.label(&content.caption);
        ui.add_space(6.0);
        ui.label(RichText::new(&content.caveat).strong());
        ui.add_space(6.0);
        ui.label(&content.continuum);
        ui.add_space(6.0);
        ui.label(RichText::new(&content.credit).italics());
        ui.add_space(6.0);
        ui.button("Close").clicked()
    });
    if response.inner || response.should_close() {
        state.about_open = false;
    }
}

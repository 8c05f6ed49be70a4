//! The notes and group headings on the wheel as widgets: what they say to a screen reader, their
//! clicks, drags and right-click menus. They are painted by [`crate::canvas::wheel`].

use super::super::{WheelView, band_words};
use super::{Frame, Highlights, interaction};
use crate::canvas::marks::{group_tint, paint_heading_card};
use crate::canvas::wheel::geometry::WheelHit;
use crate::model::{Edit, Note, NoteGroup, Placement, Session, WheelBand};
use crate::ui::groups::{heading_label, heading_menu_ui, note_menu_items};
use crate::ui::intents::Intents;
use crate::ui::room::CanvasMode;
use crate::ui::vote::dots_words;
use egui::{Id, Rect, Response, Sense, Ui, Vec2, WidgetInfo};
use time::OffsetDateTime;

/// Where a group's heading is drawn this frame.
pub(super) struct HeadingPlace<'a> {
    pub(super) rect: Rect,
    pub(super) group: &'a NoteGroup,
    pub(super) count: usize,
}

/// A group's heading on the wheel: click to fold or unfold it, drag it to move the whole group
/// to another band or prompt, right-click to rename or ungroup. Returns the band under the
/// pointer while it is being dragged. It is painted with the rest of the wheel, outlined when
/// `highlights` says so; while dragged, here, under the pointer.
pub(super) fn group_heading_ui(
    ui: &mut Ui,
    frame: &Frame<'_>,
    session: &Session,
    view: &mut WheelView,
    place: HeadingPlace<'_>,
    intents: &mut Intents,
    highlights: &mut Highlights,
) -> Option<WheelHit> {
    let Frame { painter, canvas, viewport, geometry, .. } = frame;
    let HeadingPlace { rect, group, count } = place;
    // On the projection the heading is only read out: nobody folds or drags it there.
    let (sense, role) = interaction(frame.mode, Sense::click_and_drag());
    let id = Id::unique(("wheel group", group.id, frame.mode.is_projected()));
    let response = ui.interact(rect.intersect(*canvas), id, sense);
    response.widget_info(|| WidgetInfo::labeled(role, true, heading_label(group, count)));
    if response.clicked() {
        intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
    }
    if !frame.mode.is_projected() {
        response.context_menu(|ui| heading_menu_ui(ui, group, intents));
    }
    if response.drag_started() {
        let grab = response.interact_pointer_pos().map_or(Vec2::ZERO, |pointer| pointer - rect.center());
        view.canvas.dragging_group = Some((group.id, grab));
    }
    let tint = group_tint(session, group.id);
    let dragged = view.canvas.dragging_group.filter(|(id, _)| *id == group.id);
    let Some((_, grab)) = dragged else {
        if response.hovered() || response.has_focus() {
            highlights.headings.push((group.id, rect, count));
        }
        return None;
    };
    highlights.dragged_group = Some(group.id);
    let pointer = ui.ctx().pointer_latest_pos()?;
    let target = geometry.hit(viewport.to_world(pointer));
    let layer = painter.clone().with_layer_id(egui::LayerId::new(egui::Order::Tooltip, Id::unique("wheel group drag")));
    paint_heading_card(
        &layer,
        Rect::from_center_size(pointer - grab, rect.size()),
        group,
        count,
        tint,
        viewport.zoom,
        true,
    );
    if response.drag_stopped() {
        view.canvas.dragging_group = None;
        if let Some(WheelHit { segment, band }) = target
            && let Some(prompt) = session.wheel.prompts.get(segment)
        {
            let placement = Placement::Wheel { prompt: prompt.key.clone(), band };
            let here = session.group_members(group.id).next().map(|note| &note.placement);
            if here != Some(&placement) {
                intents.edit(Edit::MoveGroup { id: group.id, placement });
            }
            view.select(session, segment);
        }
    }
    target
}

/// Moves a dropped note to the band under the pointer, if that is somewhere new.
pub(super) fn finish_drag(session: &Session, note: &Note, target: Option<WheelHit>, intents: &mut Intents) {
    let Some(WheelHit { segment, band }) = target else { return };
    let Some(prompt) = session.wheel.prompts.get(segment) else { return };
    let placement = Placement::Wheel { prompt: prompt.key.clone(), band };
    if placement != note.placement {
        intents.edit(Edit::MoveNote { id: note.id, placement });
    }
}

/// Where a note's card sits on the wheel, and the prompt and band it answers.
pub(super) struct NotePlace<'a> {
    /// The card on screen.
    pub(super) rect: Rect,
    /// The canvas, which clips what can be clicked.
    pub(super) canvas: Rect,
    /// The prompt's question, for the screen reader.
    pub(super) question: &'a str,
    /// The ring.
    pub(super) band: WheelBand,
}

/// A note as a widget: clickable, draggable, and described for screen readers, with its dots when
/// a closed vote's totals show. A hidden note on the projection says only that it is hidden, so a
/// screen reader never gives it away early.
pub(super) fn note_widget(
    ui: &mut Ui,
    mode: CanvasMode,
    place: NotePlace<'_>,
    session: &Session,
    note: &Note,
    dots: Option<u32>,
) -> Response {
    let NotePlace { rect, canvas, question, band } = place;
    let (sense, role) = interaction(mode, Sense::click_and_drag());
    let response = ui.interact(rect.intersect(canvas), Id::unique(("wheel note", note.id, mode.is_projected())), sense);
    let words = band_words(band).0;
    // Written only when asked for (a screen reader, an event): every card, every frame, would
    // otherwise copy its note's words into a new string.
    let label = || {
        if note.hidden && mode.is_projected() {
            format!("Hidden note, {words} on “{question}”")
        } else {
            let hidden = if note.hidden { "Hidden note (blank on the projection), " } else { "Note, " };
            format!(
                "{hidden}{words} on “{question}”: {} — {}, {}{}",
                note.text,
                session.organisation_name(note.organisation),
                note.author_label(),
                dots.map_or_else(String::new, |dots| format!(", {} in the vote", dots_words(dots))),
            )
        }
    };
    response.widget_info(|| WidgetInfo::labeled(role, true, label()));
    // Its focus ring is painted with the card (see `paint_layers`).
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    response
}

/// Right-click menu of a note: edit, change band or organisation, delete.
pub(super) fn note_context_menu(
    response: &Response,
    session: &Session,
    note: &Note,
    view: &mut WheelView,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    // Only a card right-clicked now, or whose menu is open, has a menu to show: asking egui for
    // every card's menu every frame (it builds a popup to find it closed) cost about 4% of the
    // 2,000-note wheel's frame.
    let menu = egui::Popup::default_response_id(response);
    if !response.secondary_clicked() && !egui::Popup::is_id_open(&response.ctx, menu) {
        return;
    }
    response.context_menu(|ui| {
        if ui.button("Edit this note").clicked() {
            view.selected_note = Some(note.id);
            ui.close();
        }
        if let Placement::Wheel { prompt, band } = &note.placement {
            let other = match band {
                WheelBand::Assumption => WheelBand::Opportunity,
                WheelBand::Opportunity => WheelBand::Assumption,
            };
            let label = format!("Move to {}", band_words(other).1.to_lowercase());
            if ui.button(label).clicked() {
                intents.edit(Edit::MoveNote {
                    id: note.id,
                    placement: Placement::Wheel { prompt: prompt.clone(), band: other },
                });
                ui.close();
            }
        }
        ui.menu_button("Organisation", |ui| {
            for (choice, name) in std::iter::once((None, "No organisation"))
                .chain(session.organisations.iter().map(|org| (Some(org.id), org.name.as_str())))
            {
                if ui.selectable_label(note.organisation == choice, name).clicked() {
                    intents.edit(Edit::SetNoteOrganisation { id: note.id, organisation: choice, at: now });
                    ui.close();
                }
            }
        });
        ui.separator();
        note_menu_items(ui, session, note, &mut view.group_dialog, intents);
        ui.separator();
        if ui.button("Delete note").clicked() {
            intents.edit(Edit::DeleteNote(note.id));
            ui.close();
        }
    });
}

//! The projected view: only what the room should see — the canvas, the question it answers,
//! the agenda step and the timer — in the projector's high-contrast look, with no controls.
//! The projector window and presentation mode both draw it with [`projection_ui`].

use super::timer::SIGNAL_TIME;
use super::{ProjectorLook, RoomTimer};
use crate::guide::map::needs_map;
use crate::model::Session;
use crate::ui::join_panel::{JoinInfo, join_card_ui};
use crate::ui::map::{NeedsMapState, needs_map_projection_ui};
use crate::ui::vote::VoteOnCanvas;
use crate::ui::wheel::{WheelView, wheel_projection_ui};
use egui::{Align, Color32, CornerRadius, Frame, Layout, Margin, RichText, Stroke, Ui};
use std::time::Duration;

/// Which canvas the projection shows: the one the console last showed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProjectedCanvas {
    /// The prompt wheel (or its focus view).
    #[default]
    Wheel,
    /// The needs map.
    Map,
}

/// Everything the projection is drawn from. The views are the console's own, so the projection
/// follows its selection and focus.
pub struct Projection<'a> {
    /// The workshop.
    pub session: &'a Session,
    /// Which state of the workshop it is (see
    /// [`Document::revision`](crate::document::Document::revision)), so layouts are kept until it
    /// changes.
    pub revision: u64,
    /// The canvas to show.
    pub canvas: ProjectedCanvas,
    /// The console's wheel view.
    pub wheel: &'a mut WheelView,
    /// The console's map view.
    pub map: &'a mut NeedsMapState,
    /// Light or dark, and the type size.
    pub look: ProjectorLook,
    /// The time box.
    pub timer: &'a RoomTimer,
    /// The clock's time now.
    pub now: Duration,
    /// While joining from phones is open: the QR code, address and room code to show beside the
    /// canvas.
    pub join: Option<&'a JoinInfo>,
    /// Which closed vote's totals the notes show (nobody casts dots on a projection).
    pub voting: VoteOnCanvas,
}

/// Draws the projection into `ui`: a header with the question, the agenda step and the timer,
/// and the canvas under it. Nothing here can be clicked or typed in.
pub fn projection_ui(ui: &mut Ui, projection: Projection<'_>) {
    let Projection { session, revision, canvas, wheel, map, look, timer, now, join, voting } = projection;
    ui.style_mut().visuals = look.visuals();
    // Words on a projection are there to be read, not selected.
    ui.style_mut().interaction.selectable_labels = false;
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, look.background());

    let (kicker, question) = match canvas {
        ProjectedCanvas::Wheel => {
            let count = session.wheel.prompts.len();
            match wheel.selected(session) {
                Some(prompt) => {
                    let index = wheel.selected_index(session);
                    let discussed = if prompt.discussed { " · discussed" } else { "" };
                    (format!("Prompt {} of {count}{discussed}", index + 1), prompt.question.clone())
                }
                None => (String::new(), String::new()),
            }
        }
        ProjectedCanvas::Map => {
            let content = needs_map();
            (content.title.clone(), content.focus_question.clone())
        }
    };
    Frame::NONE.inner_margin(Margin { left: 28, right: 28, top: 16, bottom: 6 }).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            let timer_width = if timer.is_set() { look.size(230.0) } else { 0.0 };
            let words_width = (ui.available_width() - timer_width - 24.0).max(200.0);
            ui.allocate_ui_with_layout(egui::vec2(words_width, 0.0), Layout::top_down(Align::LEFT), |ui| {
                header_words_ui(ui, session, look, &kicker, &question);
            });
            if timer.is_set() {
                ui.with_layout(Layout::right_to_left(Align::TOP), |ui| timer_ui(ui, timer, look, now));
            }
        });
    });
    let line = ui.cursor().top();
    ui.painter().hline(rect.x_range(), line, Stroke::new(2.0, look.quiet()));
    ui.add_space(4.0);
    let mut canvas_rect = ui.available_rect_before_wrap();
    if let Some(info) = join {
        // The join card takes a column on the right; the canvas fits itself into the rest.
        let width = look.size(340.0).min(canvas_rect.width() * 0.35);
        let card_rect =
            egui::Rect::from_min_max(egui::pos2(canvas_rect.right() - width, canvas_rect.top()), canvas_rect.max);
        canvas_rect.max.x = card_rect.left();
        let qr_size = (width - 24.0).min(card_rect.height() * 0.55).max(120.0);
        ui.scope_builder(egui::UiBuilder::new().max_rect(card_rect.shrink(12.0)), |ui| {
            ui.label(RichText::new("Join from your phone").size(look.size(26.0)).strong().color(look.text()));
            ui.add_space(8.0);
            join_card_ui(ui, info, qr_size);
        });
    }
    ui.scope_builder(egui::UiBuilder::new().max_rect(canvas_rect), |ui| match canvas {
        ProjectedCanvas::Wheel => wheel_projection_ui(ui, session, revision, wheel, look, voting),
        ProjectedCanvas::Map => needs_map_projection_ui(ui, session, revision, map, look, voting),
    });
}

/// The question the room is answering, what step of the agenda this is, and whether notes are
/// being written in private.
fn header_words_ui(ui: &mut Ui, session: &Session, look: ProjectorLook, kicker: &str, question: &str) {
    let mut small = Vec::new();
    if let Some(step) = session.agenda.current_step() {
        let minutes = step.minutes.map_or_else(String::new, |minutes| format!(" · {minutes} min"));
        small.push(format!("Now: {}{minutes}", step.title));
    }
    if !kicker.is_empty() {
        small.push(kicker.to_owned());
    }
    if !small.is_empty() {
        ui.label(RichText::new(small.join("   ·   ")).size(look.size(20.0)).color(look.quiet()));
    }
    ui.label(RichText::new(question).size(look.size(44.0)).strong().color(look.text()));
    let hidden = session.hidden_notes().count();
    let private = match (session.private_writing, hidden) {
        (true, 0) => Some("Writing in private: notes show as blank cards until they are revealed".to_owned()),
        (_, 0) => None,
        (_, 1) => Some("1 note hidden until it is revealed".to_owned()),
        (_, count) => Some(format!("{count} notes hidden until they are revealed")),
    };
    if let Some(private) = private {
        ui.label(RichText::new(private).size(look.size(20.0)).italics().color(look.accent()));
    }
}

/// The countdown, large, in a box; paused it says so; at the end the box glows amber and slowly
/// breathes for a while, then stays amber — a signal, not an alarm.
fn timer_ui(ui: &mut Ui, timer: &RoomTimer, look: ProjectorLook, now: Duration) {
    let Some(time) = timer.display(now) else { return };
    let up = timer.is_up(now);
    let amber = Color32::from_rgb(255, 196, 48);
    let (fill, ink, caption) = if up {
        let since_end = timer.overrun(now).as_secs_f32();
        let breath = if since_end < SIGNAL_TIME.as_secs_f32() {
            0.5 + 0.5 * (since_end * std::f32::consts::PI / 1.5).cos()
        } else {
            1.0
        };
        (look.background().lerp_to_gamma(amber, 0.55 + 0.45 * breath), Color32::BLACK, "Time is up")
    } else if timer.is_paused() {
        (look.background(), look.quiet(), "Paused")
    } else {
        (look.background(), look.text(), "Time left")
    };
    let frame = Frame::NONE
        .fill(fill)
        .stroke(Stroke::new(3.0, if up { amber } else { look.text() }))
        .corner_radius(CornerRadius::same(14))
        .inner_margin(Margin::symmetric(20, 6));
    frame.show(ui, |ui| {
        ui.set_max_width(look.size(190.0));
        ui.vertical_centered(|ui| {
            ui.label(RichText::new(caption).size(look.size(18.0)).color(ink));
            ui.label(RichText::new(time).size(look.size(58.0)).strong().monospace().color(ink));
        });
    });
}

//! The map's key and status badges in the panels: widgets drawn with the canvas's own line
//! styles and symbols ([`crate::canvas::map::style`]), and the palettes chosen for a theme or the
//! projector.

use super::answer::NeedStatus;
use crate::canvas::map::style::{MapPalette, link_shapes, paint_status_icon};
use crate::model::LinkKind;
use crate::ui::room::ProjectorLook;
use egui::{FontId, Rect, Vec2, pos2, vec2};

impl MapPalette {
    /// The palette for `visuals`.
    pub fn new(visuals: &egui::Visuals) -> Self {
        Self::for_theme(visuals.dark_mode)
    }

    /// The palette for the projector: black on white or white on black, its own highlight.
    pub fn projected(look: ProjectorLook) -> Self {
        Self {
            dark: look.dark(),
            text: look.text(),
            quiet: look.quiet(),
            background: look.background(),
            selection: look.accent(),
        }
    }
}

/// A short line in the style of `kind`, laid out in a row of a panel or the key.
pub fn link_sample_ui(ui: &mut egui::Ui, kind: LinkKind, width: f32) {
    let palette = MapPalette::new(ui.visuals());
    let (sample, response) = ui.allocate_exact_size(vec2(width, 20.0), egui::Sense::hover());
    let style = match kind {
        LinkKind::MeetsNow => "Solid line",
        LinkKind::CouldWithSupport => "Dashed line",
        LinkKind::Gap => "Dotted line",
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, style));
    let y = sample.center().y;
    let ends = [pos2(sample.left(), y), pos2(sample.right(), y)];
    ui.painter().extend(link_shapes(&ends, kind, palette.link(kind), 1.0));
}

/// A row in a panel showing a need status as its drawn symbol and words on the status colours.
pub fn status_badge_ui(ui: &mut egui::Ui, status: NeedStatus, palette: MapPalette) -> egui::Response {
    let (fill, ink) = palette.status(status);
    let font = FontId::proportional(17.0);
    let galley = ui.painter().layout_no_wrap(status.label().to_owned(), font, ink);
    let icon = galley.size().y * 0.8;
    let size = vec2(icon + galley.size().x + 22.0, galley.size().y + 6.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, fill);
    let icon_rect = Rect::from_center_size(pos2(rect.left() + 6.0 + icon / 2.0, rect.center().y), Vec2::splat(icon));
    paint_status_icon(painter, icon_rect, status, ink);
    painter.galley(pos2(icon_rect.right() + 8.0, rect.top() + 3.0), galley, ink);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, status.label()));
    response
}

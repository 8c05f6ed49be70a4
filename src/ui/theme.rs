//! Type sizes and spacing for a room: a laptop wired to a projector, read from the back.

use egui::{FontFamily, FontId, TextStyle};

/// Body text size in points. egui's default (12.5) is too small on a projector.
pub const BODY_SIZE: f32 = 18.0;

/// Apply the app's text sizes and spacing to `ctx`.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(30.0, FontFamily::Proportional)),
            (TextStyle::Name("Subheading".into()), FontId::new(22.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(BODY_SIZE, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(16.0, FontFamily::Monospace)),
            (TextStyle::Button, FontId::new(BODY_SIZE, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(14.0, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 30.0;
    });
}

/// The text style for section headings inside panels.
pub fn subheading() -> TextStyle {
    TextStyle::Name("Subheading".into())
}

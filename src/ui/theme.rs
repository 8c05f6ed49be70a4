//! Type sizes and spacing for a room: a laptop wired to a projector, read from the back.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Visuals};

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
        // Drop-down lists show every choice a workshop has (rarely more than a dozen sectors or
        // organisations) instead of egui's five rows at this type size behind a thin scrollbar.
        style.spacing.combo_height = 720.0;
        // egui's default scroll bars float over the panel's content, so a scrolling side panel
        // hid the end of its text ("4 of 11 discusse") and ran its fields under the bar. A solid
        // bar takes its own strip beside the content instead.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        readable_console(&mut style.visuals);
    });
}

/// Text at least 4.5:1 and controls' edges at least 3:1 (WCAG) against the console's panels,
/// windows and text fields, in both the dark and the light console theme. egui's defaults dim
/// weak text to 2.70:1 and leave checkbox and text-field edges at 1.56:1 and 1.16:1.
fn readable_console(visuals: &mut Visuals) {
    let gray = Color32::from_gray;
    if visuals.dark_mode {
        visuals.widgets.noninteractive.fg_stroke.color = gray(210);
        visuals.weak_text_color = Some(gray(160));
        visuals.error_fg_color = Color32::from_rgb(255, 110, 110);
        visuals.widgets.noninteractive.bg_stroke.color = gray(130);
        visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, gray(130));
    } else {
        visuals.widgets.noninteractive.fg_stroke.color = gray(50);
        visuals.weak_text_color = Some(gray(95));
        visuals.hyperlink_color = Color32::from_rgb(0, 90, 170);
        visuals.warn_fg_color = Color32::from_rgb(176, 72, 0);
        visuals.error_fg_color = Color32::from_rgb(200, 0, 0);
        visuals.widgets.noninteractive.bg_stroke.color = gray(120);
        visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, gray(120));
    }
}

/// The text style for section headings inside panels.
pub fn subheading() -> TextStyle {
    TextStyle::Name("Subheading".into())
}

/// The frame of a panel inside the central panel (the wheel's and the map's side panels, the
/// map's key): egui's own, less its fill, which is the central panel's, already painted beneath.
/// Painted twice, it cost a software renderer (no graphics card) some 0.4 million pixels a frame.
pub fn nested_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::side_top_panel(style).fill(Color32::TRANSPARENT)
}

/// Where the window is kept in egui's memory as cleared to the panels' colour.
fn cleared_to_panel_fill_id() -> egui::Id {
    egui::Id::unique("common-ground: the window is cleared to the panels' colour")
}

/// Says that the window of `ctx` is cleared to the panels' colour before each frame (eframe does
/// so with [`clear_colour`]), so the panels that fill the window need paint no fill of their own:
/// on a computer without a graphics card that fill was a million pixels a frame shaded, where
/// clearing them is a plain fill of memory.
pub fn install_cleared_to_panel_fill(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(cleared_to_panel_fill_id(), true));
}

/// Whether the window is cleared to the panels' colour (see [`install_cleared_to_panel_fill`]).
pub fn cleared_to_panel_fill(ctx: &egui::Context) -> bool {
    ctx.data(|data| data.get_temp(cleared_to_panel_fill_id())).unwrap_or(false)
}

/// The colour eframe clears the window to before each frame: the panels' own, so that where the
/// panels paint no fill (see [`install_cleared_to_panel_fill`]) the window looks the same.
pub fn clear_colour(visuals: &Visuals) -> [f32; 4] {
    visuals.panel_fill.to_normalized_gamma_f32()
}

/// The frame of a panel that fills part of the window: egui's, with no fill where the window is
/// cleared to the panels' colour already.
pub fn window_panel_frame(ctx: &egui::Context, frame: egui::Frame) -> egui::Frame {
    if cleared_to_panel_fill(ctx) { frame.fill(Color32::TRANSPARENT) } else { frame }
}

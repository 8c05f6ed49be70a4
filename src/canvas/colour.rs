//! Colours shared by the canvases and the panels: the model's colours as egui's, and the ink
//! that reads on them.

use crate::model::Rgb;
use egui::Color32;

/// An organisation colour as an egui colour.
pub fn colour32(colour: Rgb) -> Color32 {
    Color32::from_rgb(colour.r, colour.g, colour.b)
}

/// Black or white, whichever has the higher WCAG contrast ratio on `background` (the rule is
/// [`Rgb::text_colour`], shared with the exports).
pub fn ink_on(background: Color32) -> Color32 {
    colour32(Rgb::new(background.r(), background.g(), background.b()).text_colour())
}

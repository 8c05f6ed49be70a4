//! Pan and zoom for the canvases: the mouse and touch gestures that move a canvas's
//! [`Viewport`] (where its world sits on the screen, kept beneath the widgets in
//! [`crate::canvas::viewport`]). Both the prompt wheel and the needs map use them, so they pan and
//! zoom alike.

pub use crate::canvas::viewport::Viewport;
use egui::{Rect, Response, Ui};

/// Applies the pointer's pan and zoom to `viewport`: dragging the background (primary or
/// middle button) pans, the mouse wheel and a pinch zoom about the pointer, and sideways scrolling
/// pans. Returns whether the person moved the view, so a canvas can stop fitting itself.
pub fn pan_and_zoom(ui: &Ui, background: &Response, canvas: Rect, viewport: &mut Viewport) -> bool {
    let mut moved = false;
    if background.dragged_by(egui::PointerButton::Primary) || background.dragged_by(egui::PointerButton::Middle) {
        viewport.origin += background.drag_delta();
        moved = true;
    }
    if ui.rect_contains_pointer(canvas) {
        let (scroll, pinch, pointer) =
            ui.input(|input| (input.smooth_scroll_delta, input.zoom_delta(), input.pointer.hover_pos()));
        if let Some(pointer) = pointer.filter(|pointer| canvas.contains(*pointer)) {
            // Ctrl+wheel arrives as a pinch; a plain wheel scrolls, which on a canvas zooms too.
            let factor = pinch * (scroll.y * 0.002).exp();
            if (factor - 1.0).abs() > 1e-4 {
                viewport.zoom_about(pointer, factor);
                moved = true;
            }
            if scroll.x != 0.0 {
                viewport.origin.x += scroll.x;
                moved = true;
            }
        }
    }
    moved
}

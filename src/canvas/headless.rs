//! Painting a canvas without a window: an egui context of its own, run for one pass with the
//! app's fonts, hands back the shapes a painter was given. The exports turn those shapes into
//! pictures, so text in a picture is laid out by the same fonts and layout as on the screen.

use egui::epaint::ClippedShape;
use egui::{Context, LayerId, Painter, Pos2, RawInput, Rect, vec2};
use std::sync::{LazyLock, Mutex, PoisonError};

/// How far the headless screen reaches: far beyond any picture, so nothing is clipped.
const REACH: f32 = 1.0e6;

/// One context for every picture, so fonts load once; a lock keeps two pictures from sharing a pass.
static CONTEXT: LazyLock<Mutex<Context>> = LazyLock::new(|| {
    let context = Context::default();
    context.set_fonts(crate::fonts::font_definitions());
    Mutex::new(context)
});

/// Runs `paint` with a painter over an unbounded canvas (one point a pixel, the fonts the app
/// draws with) and returns the shapes it painted, in order, with what `paint` returned.
pub fn paint_shapes<R>(paint: impl FnOnce(&Painter) -> R) -> (Vec<ClippedShape>, R) {
    let context = CONTEXT.lock().unwrap_or_else(PoisonError::into_inner);
    let input =
        RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(REACH, REACH))), ..RawInput::default() };
    context.begin_pass(input);
    let result = paint(&context.layer_painter(LayerId::background()));
    let output = context.end_pass();
    (output.shapes, result)
}

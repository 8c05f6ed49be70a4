//! Measuring text for the map's layout without keeping what was laid out. egui's own text layout
//! keeps every galley laid out in a frame until the end of the next one; a galley holds each
//! glyph and a mesh of its triangles, some 6 KB for a card's words, so measuring the 10,000
//! cards of a large workshop as its map opens held some 60 MB for two frames, at the peak of the
//! app's memory, for words that are never drawn at that size. Here a card is laid out by epaint
//! with the same fonts, options and pixels per point as the screen's, its size read, and the
//! layout dropped at once.

use egui::epaint::text::{FontDefinitions, Fonts, TextOptions, ViewportKey};
use egui::text::LayoutJob;
use egui::{Context, Galley};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The widest the measuring fonts' atlas is. epaint makes its glyph atlas as wide as the largest
/// texture the renderer takes (16,384 pixels with glow here): 2 MB at its first 32 rows, and as
/// much again for each band of glyphs. Measuring needs the glyphs' sizes, not their pictures, and
/// at this width the atlas starts at 256 KB; the sizes do not depend on it.
const MEASURING_ATLAS_SIDE: usize = 2048;

/// The screen's text options as the measuring fonts take them: the same but for the atlas's width.
fn measuring_options(options: TextOptions) -> TextOptions {
    TextOptions { max_texture_side: options.max_texture_side.min(MEASURING_ATLAS_SIDE), ..options }
}

/// epaint's fonts as the screen last had them, kept for measuring: made once, and again only if
/// the screen's fonts or text options change.
struct MeasuringFonts {
    /// The screen's text options they were made for.
    options: TextOptions,
    definitions: FontDefinitions,
    fonts: Fonts,
}

/// One set for every map, so the fonts are loaded and their glyphs rasterised once; the lock
/// keeps two layouts (the console's and the projection's, or a picture's) from sharing it at once.
static MEASURING: Mutex<Option<MeasuringFonts>> = Mutex::new(None);

/// Whether two sets of font definitions are the same fonts in the same order. The app's share one
/// copy of each font file, so they are told the same by where the files are, cheaply; files are
/// compared byte for byte (megabytes) only when they are not the same copy.
fn same_fonts(a: &FontDefinitions, b: &FontDefinitions) -> bool {
    a.families == b.families
        && a.font_data.len() == b.font_data.len()
        && a.font_data.iter().zip(&b.font_data).all(|((name_a, data_a), (name_b, data_b))| {
            name_a == name_b && (Arc::ptr_eq(data_a, data_b) || data_a == data_b)
        })
}

/// Lays text out as `ctx` lays it out on the screen, for its size, keeping nothing: hold one
/// while measuring many texts, then drop it.
pub struct TextMeasurer {
    kept: MutexGuard<'static, Option<MeasuringFonts>>,
    options: TextOptions,
    definitions: FontDefinitions,
    pixels_per_point: f32,
}

impl TextMeasurer {
    /// A measurer with `ctx`'s fonts, text options and pixels per point.
    pub fn new(ctx: &Context) -> Self {
        let (options, definitions) = ctx.fonts(|fonts| (*fonts.options(), fonts.definitions().clone()));
        let mut kept = MEASURING.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.as_ref().is_some_and(|kept| kept.options != options || !same_fonts(&kept.definitions, &definitions)) {
            *kept = None;
        }
        if let Some(kept) = kept.as_mut() {
            // Lets epaint start its font atlas afresh when it is nearly full, as the screen's does.
            kept.fonts.begin_pass(measuring_options(options), ViewportKey::default());
        }
        Self { kept, options, definitions, pixels_per_point: ctx.pixels_per_point() }
    }

    /// `job` laid out as the screen would lay it out, owned by the caller and kept by nobody else.
    pub fn lay_out(&mut self, mut job: LayoutJob) -> Galley {
        // The screen's layout rounds the width text wraps to (see epaint's galley cache); so must
        // this, or a card's words could wrap differently here.
        if job.wrap.max_width.is_finite() {
            job.wrap.max_width = job.wrap.max_width.round();
        }
        let (options, definitions) = (self.options, &self.definitions);
        let kept = self.kept.get_or_insert_with(|| MeasuringFonts {
            options,
            definitions: definitions.clone(),
            fonts: Fonts::new(measuring_options(options), definitions.clone()),
        });
        kept.fonts.layout_uncached(self.pixels_per_point, Arc::new(job))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::map::style::MapPalette;
    use crate::canvas::map::text::{card_text_job, wrapped_job};
    use crate::model::{Note, Placement, Session};
    use egui::{Color32, RawInput};
    use time::OffsetDateTime;

    /// A context with the app's fonts, run once so it has them, at `pixels_per_point`, with a
    /// renderer that takes textures as large as glow does here (so its atlas is wider than the
    /// measuring fonts').
    fn screen(pixels_per_point: f32) -> Context {
        let ctx = Context::default();
        ctx.set_fonts(crate::fonts::font_definitions());
        ctx.set_pixels_per_point(pixels_per_point);
        let _ = ctx.run_ui(RawInput { max_texture_side: Some(16_384), ..RawInput::default() }, |_| {});
        ctx
    }

    #[test]
    fn text_measures_as_the_screen_lays_it_out_and_is_not_kept() {
        let session = Session::default();
        let texts = [
            "Somewhere to meet",
            "A long need that wraps onto a second line and a third and then is cut short with an ellipsis because it goes on",
            "Help in our own language: مرحبا · স্বাগতম · ਜੀ ਆਇਆਂ ਨੂੰ · 我们需要用自己的语言得到帮助 😀",
            "Antidisestablishmentarianismantidisestablishmentarianism",
        ];
        for pixels_per_point in [1.0, 1.5] {
            let ctx = screen(pixels_per_point);
            for text in texts {
                let mut note = Note::new(text, Placement::Unplaced, OffsetDateTime::UNIX_EPOCH);
                note.author = Some("Asha".to_owned());
                let jobs = [
                    card_text_job(&session, &note, MapPalette::for_theme(false), 1.0, 197.3, 3),
                    wrapped_job(text, 14.0, Color32::BLACK, 197.0, 2),
                    wrapped_job(text, 19.0, Color32::BLACK, f32::INFINITY, 1),
                ];
                for job in jobs {
                    #[allow(
                        clippy::redundant_closure_for_method_calls,
                        reason = "the method path does not satisfy the borrow's lifetime"
                    )]
                    let galleys_kept = || ctx.fonts(|fonts| fonts.num_galleys_in_cache());
                    let kept_before = galleys_kept();
                    let measured = TextMeasurer::new(&ctx).lay_out(job.clone());
                    assert_eq!(galleys_kept(), kept_before, "nothing kept");
                    let on_screen = ctx.fonts_mut(|fonts| fonts.layout_job(job));
                    assert_eq!(measured.size(), on_screen.size(), "{text:?} at {pixels_per_point}");
                    assert_eq!(measured.rows.len(), on_screen.rows.len(), "{text:?} at {pixels_per_point}");
                }
            }
        }
    }
}

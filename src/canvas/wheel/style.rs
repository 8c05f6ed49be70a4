//! How the wheel looks in light and dark: the colours of its rings, notes and labels, and the
//! proportions of a note card. Shared by the canvas and the exported pictures, so an exported
//! wheel looks like the one on the screen.

use egui::Color32;

/// The strip of a note that speaks for no organisation.
pub const NO_ORGANISATION: Color32 = Color32::from_gray(140);
/// The outline of a note.
pub const NOTE_OUTLINE: Color32 = Color32::from_gray(120);

/// The colours of the wheel, for the light or dark theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// The inner ring.
    pub assumption: Color32,
    /// The outer ring.
    pub opportunity: Color32,
    /// The inner ring of the selected prompt.
    pub selected_assumption: Color32,
    /// The outer ring of the selected prompt.
    pub selected_opportunity: Color32,
    /// Ring and segment lines.
    pub lines: Color32,
    /// The outline of the selected prompt.
    pub selected_outline: Color32,
    /// Labels and headings.
    pub text: Color32,
    /// Hints.
    pub quiet_text: Color32,
    /// A note's paper.
    pub note_fill: Color32,
    /// A note's words.
    pub note_text: Color32,
    /// The tick of a discussed prompt.
    pub discussed: Color32,
}

impl Palette {
    /// The palette for the dark or the light theme.
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                assumption: Color32::from_rgb(33, 52, 72),
                opportunity: Color32::from_rgb(58, 52, 28),
                selected_assumption: Color32::from_rgb(40, 82, 120),
                selected_opportunity: Color32::from_rgb(100, 84, 30),
                lines: Color32::from_gray(110),
                selected_outline: Color32::from_rgb(255, 214, 92),
                text: Color32::from_gray(240),
                quiet_text: Color32::from_gray(185),
                note_fill: Color32::from_rgb(250, 247, 232),
                note_text: Color32::from_gray(20),
                discussed: Color32::from_rgb(0, 140, 90),
            }
        } else {
            Self {
                assumption: Color32::from_rgb(226, 238, 250),
                opportunity: Color32::from_rgb(252, 241, 214),
                selected_assumption: Color32::from_rgb(180, 212, 245),
                selected_opportunity: Color32::from_rgb(250, 219, 150),
                lines: Color32::from_gray(150),
                selected_outline: Color32::from_rgb(20, 60, 140),
                text: Color32::from_gray(15),
                quiet_text: Color32::from_gray(70),
                note_fill: Color32::WHITE,
                note_text: Color32::from_gray(15),
                discussed: Color32::from_rgb(0, 120, 80),
            }
        }
    }

    /// The projector's high-contrast colours: black or white text and lines, stronger rings, in
    /// the projector's dark or light look with its `accent`, `text` and `quiet` colours.
    pub fn projected(dark: bool, accent: Color32, text: Color32, quiet: Color32) -> Self {
        if dark {
            Self {
                assumption: Color32::from_rgb(16, 44, 84),
                opportunity: Color32::from_rgb(72, 56, 0),
                selected_assumption: Color32::from_rgb(26, 84, 150),
                selected_opportunity: Color32::from_rgb(128, 98, 0),
                lines: Color32::from_gray(200),
                selected_outline: accent,
                text,
                quiet_text: quiet,
                note_fill: Color32::from_rgb(255, 253, 240),
                note_text: Color32::BLACK,
                discussed: Color32::from_rgb(0, 170, 110),
            }
        } else {
            Self {
                assumption: Color32::from_rgb(208, 228, 252),
                opportunity: Color32::from_rgb(253, 233, 184),
                selected_assumption: Color32::from_rgb(150, 196, 246),
                selected_opportunity: Color32::from_rgb(250, 204, 106),
                lines: Color32::from_gray(60),
                selected_outline: accent,
                text,
                quiet_text: quiet,
                note_fill: Color32::WHITE,
                note_text: Color32::BLACK,
                discussed: Color32::from_rgb(0, 110, 70),
            }
        }
    }

    /// The fills of a segment's inner and outer ring.
    pub fn segment_fills(&self, segment: usize, selected: bool) -> (Color32, Color32) {
        if selected {
            (self.selected_assumption, self.selected_opportunity)
        } else if segment.is_multiple_of(2) {
            (self.assumption, self.opportunity)
        } else {
            // Alternate segments differ slightly so neighbours are told apart at a glance.
            (self.assumption.gamma_multiply(0.93), self.opportunity.gamma_multiply(0.93))
        }
    }
}

/// Black or white, whichever has the higher WCAG contrast ratio on `background`.
pub fn contrast_text(background: Color32) -> Color32 {
    crate::canvas::colour::ink_on(background)
}

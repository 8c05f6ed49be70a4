//! How the projection looks: high-contrast light or dark, and how large its type is.

use egui::{Color32, Visuals};

/// The projector's colour scheme. Both are high contrast: black on white, or white on black.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProjectorTheme {
    /// Black on white, for a lit room.
    #[default]
    Light,
    /// White on black, for a darkened room or a dim projector.
    Dark,
}

impl ProjectorTheme {
    /// Both themes, in the order they are offered.
    pub const ALL: [ProjectorTheme; 2] = [ProjectorTheme::Light, ProjectorTheme::Dark];

    /// The theme's name.
    pub fn label(self) -> &'static str {
        match self {
            ProjectorTheme::Light => "High contrast light",
            ProjectorTheme::Dark => "High contrast dark",
        }
    }
}

/// The smallest and largest type scale offered.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 1.0..=2.0;

/// How the projection is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProjectorLook {
    /// Light or dark.
    pub theme: ProjectorTheme,
    /// How much larger than normal the projection's type is, 1.0 to 2.0.
    pub scale: f32,
}

impl Default for ProjectorLook {
    fn default() -> Self {
        Self { theme: ProjectorTheme::default(), scale: 1.25 }
    }
}

impl ProjectorLook {
    /// Whether the theme is dark.
    pub fn dark(self) -> bool {
        self.theme == ProjectorTheme::Dark
    }

    /// The page behind everything.
    pub fn background(self) -> Color32 {
        if self.dark() { Color32::BLACK } else { Color32::WHITE }
    }

    /// Main text.
    pub fn text(self) -> Color32 {
        if self.dark() { Color32::WHITE } else { Color32::BLACK }
    }

    /// Secondary text, still well above the contrast a projector washes out.
    pub fn quiet(self) -> Color32 {
        if self.dark() { Color32::from_gray(215) } else { Color32::from_gray(45) }
    }

    /// The highlight: what is selected, the live prompt.
    pub fn accent(self) -> Color32 {
        if self.dark() { Color32::from_rgb(255, 221, 0) } else { Color32::from_rgb(0, 45, 140) }
    }

    /// A size in points at this look's scale.
    pub fn size(self, points: f32) -> f32 {
        points * self.scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end())
    }

    /// egui's visuals for the projection: high contrast, the canvases' colours follow them.
    pub fn visuals(self) -> Visuals {
        let mut visuals = if self.dark() { Visuals::dark() } else { Visuals::light() };
        visuals.override_text_color = Some(self.text());
        visuals.panel_fill = self.background();
        visuals.window_fill = self.background();
        visuals.extreme_bg_color = self.background();
        visuals
    }
}

/// Where a canvas is being drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CanvasMode {
    /// The facilitator's console: everything works; hidden notes show their words, marked hidden.
    Console,
    /// The projection: read-only, in the projector's look; hidden notes are blank cards.
    Projected(ProjectorLook),
}

impl CanvasMode {
    /// The projector's look, when projected.
    pub fn projected(self) -> Option<ProjectorLook> {
        match self {
            CanvasMode::Console => None,
            CanvasMode::Projected(look) => Some(look),
        }
    }

    /// Whether this is the projection.
    pub fn is_projected(self) -> bool {
        self.projected().is_some()
    }

    /// A fixed-size text's size here: larger on the projection as its scale says.
    pub fn text_size(self, points: f32) -> f32 {
        self.projected().map_or(points, |look| look.size(points))
    }
}

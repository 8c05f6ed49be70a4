//! What the app remembers between runs, through eframe's storage (`app.ron` in the data folder):
//! the console's light or dark look, the projector's theme and type size, and the folder last
//! used for a file. Never anything of the workshop, which lives only in its own file; eframe keeps
//! the window's size and place beside these.

use super::room::{ProjectorLook, ProjectorTheme, SCALE_RANGE};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The key the preferences are stored under.
pub const STORAGE_KEY: &str = "preferences";

/// The console's look: the system's, or always light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsoleTheme {
    /// Light or dark as the computer is set.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ConsoleTheme {
    /// The egui preference that gives this look.
    pub fn to_egui(self) -> egui::ThemePreference {
        match self {
            ConsoleTheme::System => egui::ThemePreference::System,
            ConsoleTheme::Light => egui::ThemePreference::Light,
            ConsoleTheme::Dark => egui::ThemePreference::Dark,
        }
    }

    /// The look an egui preference gives.
    pub fn from_egui(preference: egui::ThemePreference) -> Self {
        match preference {
            egui::ThemePreference::System => ConsoleTheme::System,
            egui::ThemePreference::Light => ConsoleTheme::Light,
            egui::ThemePreference::Dark => ConsoleTheme::Dark,
        }
    }
}

/// What is remembered. Every field has a default, so a file from an older version, without some
/// of them, keeps the rest; one that cannot be read at all gives the defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The console's look.
    pub console_theme: ConsoleTheme,
    /// The projector's theme.
    pub projector_theme: ProjectorTheme,
    /// The projector's type scale (1.0 to 2.0).
    pub projector_scale: f32,
    /// The folder a workshop or export was last opened from or saved to, where the file chooser
    /// starts.
    pub last_folder: Option<PathBuf>,
}

impl Default for Preferences {
    fn default() -> Self {
        let look = ProjectorLook::default();
        Self {
            console_theme: ConsoleTheme::default(),
            projector_theme: look.theme,
            projector_scale: look.scale,
            last_folder: None,
        }
    }
}

impl Preferences {
    /// The projector's look these preferences give (a stored scale out of range is brought in).
    pub fn projector_look(&self) -> ProjectorLook {
        let default = ProjectorLook::default();
        let scale = if self.projector_scale.is_finite() {
            self.projector_scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end())
        } else {
            default.scale
        };
        ProjectorLook { theme: self.projector_theme, scale }
    }

    /// Keeps `look` as the projector's look.
    pub fn remember_projector_look(&mut self, look: ProjectorLook) {
        self.projector_theme = look.theme;
        self.projector_scale = look.scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_survive_being_written_and_read_back() {
        let mut preferences = Preferences { console_theme: ConsoleTheme::Dark, ..Preferences::default() };
        preferences.remember_projector_look(ProjectorLook { theme: ProjectorTheme::Dark, scale: 1.75 });
        preferences.last_folder = Some(PathBuf::from("/home/sam/Workshops"));
        let text = ron::to_string(&preferences).unwrap();
        let read: Preferences = ron::from_str(&text).unwrap();
        assert_eq!(read, preferences);
        assert_eq!(read.projector_look(), ProjectorLook { theme: ProjectorTheme::Dark, scale: 1.75 });
    }

    #[test]
    fn what_a_stored_file_cannot_say_is_left_at_its_default() {
        let read: Preferences = ron::from_str("(console_theme: Light, projector_scale: 9.0)").unwrap();
        assert_eq!(read.console_theme, ConsoleTheme::Light);
        assert_eq!(read.last_folder, None);
        assert_eq!(read.projector_look().scale, 2.0, "a scale out of range is brought in");
        assert_eq!(read.projector_look().theme, ProjectorTheme::Light);
    }
}

//! The needs map's own commands: each one's button label, explanation and keys live in this one
//! table, so the toolbar, its tooltips and the keyboard never disagree. The keys are single
//! letters, so they only act while no text field has the keyboard.

use egui::{Key, Modifiers};

/// Something the facilitator can do on the map from its toolbar or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapCommand {
    /// Write a new need on the need arc.
    AddNeed,
    /// Write a new source of help on the help arc.
    AddHelp,
    /// Link the selected note to a note on the other arc, chosen from a list.
    LinkSelected,
    /// Delete the selected note or link.
    DeleteSelected,
    /// Show the whole map.
    FitToScreen,
    /// Make the map bigger.
    ZoomIn,
    /// Make the map smaller.
    ZoomOut,
    /// Select nothing.
    ClearSelection,
}

impl MapCommand {
    /// Every command, in toolbar order.
    pub const ALL: [MapCommand; 8] = [
        MapCommand::AddNeed,
        MapCommand::AddHelp,
        MapCommand::LinkSelected,
        MapCommand::DeleteSelected,
        MapCommand::FitToScreen,
        MapCommand::ZoomIn,
        MapCommand::ZoomOut,
        MapCommand::ClearSelection,
    ];

    /// The label on its button.
    pub fn label(self) -> &'static str {
        match self {
            MapCommand::AddNeed => "Add a need",
            MapCommand::AddHelp => "Add a source of help",
            MapCommand::LinkSelected => "Link to…",
            MapCommand::DeleteSelected => "Delete",
            MapCommand::FitToScreen => "Fit to screen",
            MapCommand::ZoomIn => "Zoom in",
            MapCommand::ZoomOut => "Zoom out",
            MapCommand::ClearSelection => "Deselect",
        }
    }

    /// One sentence on what it does, shown on hover.
    pub fn explanation(self) -> &'static str {
        match self {
            MapCommand::AddNeed => "Write a need on the “What is the need?” arc. You can also double-click the arc.",
            MapCommand::AddHelp => {
                "Write a source of help on the “Potential sources of help” arc. You can also double-click the arc."
            }
            MapCommand::LinkSelected => {
                "Link the selected note to one on the other arc, chosen from a list. With the mouse, drag from a \
                 note's dot on its arc to a note on the other arc."
            }
            MapCommand::DeleteSelected => "Delete the selected note (with its links) or the selected link.",
            MapCommand::FitToScreen => "Show the whole map. Drag the background to move it; scroll to zoom.",
            MapCommand::ZoomIn => "Make the map bigger.",
            MapCommand::ZoomOut => "Make the map smaller.",
            MapCommand::ClearSelection => "Select nothing.",
        }
    }

    /// The keys that run it; the first is the one shown on its button.
    pub fn keys(self) -> &'static [Key] {
        match self {
            MapCommand::AddNeed => &[Key::N],
            MapCommand::AddHelp => &[Key::H],
            MapCommand::LinkSelected => &[Key::L],
            MapCommand::DeleteSelected => &[Key::Delete, Key::Backspace],
            MapCommand::FitToScreen => &[Key::F],
            MapCommand::ZoomIn => &[Key::Plus, Key::Equals],
            MapCommand::ZoomOut => &[Key::Minus],
            MapCommand::ClearSelection => &[Key::Escape],
        }
    }

    /// The main key as text for buttons and tooltips, e.g. "N".
    pub fn key_text(self) -> &'static str {
        match self.keys().first() {
            // "Delete  Delete" on the Delete button would read as a stutter.
            Some(Key::Delete) => "Del",
            Some(key) => key.symbol_or_name(),
            None => "",
        }
    }

    /// The commands whose keys were pressed this frame, consuming the presses. Keys held with
    /// Ctrl or ⌘ are left alone: those belong to the app's own commands.
    pub fn pressed(input: &mut egui::InputState) -> Vec<MapCommand> {
        MapCommand::ALL
            .into_iter()
            .filter(|command| {
                // Every key is tried (no short-circuit) so each press is consumed.
                command.keys().iter().fold(false, |pressed, &key| input.consume_key(Modifiers::NONE, key) | pressed)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_map_commands_share_a_key_and_each_has_words() {
        let mut seen = HashSet::new();
        for command in MapCommand::ALL {
            assert!(!command.keys().is_empty(), "{command:?} has a key");
            assert!(!command.label().is_empty() && command.explanation().ends_with('.'));
            for key in command.keys() {
                assert!(seen.insert(*key), "{command:?} reuses {key:?}");
            }
        }
        assert_eq!(MapCommand::AddNeed.key_text(), "N");
    }
}

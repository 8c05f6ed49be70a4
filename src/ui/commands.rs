//! The one table of commands: each command's menu label, explanation and shortcut live here, so
//! menus, keyboard shortcuts and (later) the shortcuts sheet can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the facilitator can ask the app to do from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a new workshop.
    NewWorkshop,
    /// Open a workshop file with the system's file dialog.
    Open,
    /// Open a workshop file by typing its path.
    OpenTypedPath,
    /// Save now (workshops also save themselves as you work).
    Save,
    /// Save to a file of your choosing.
    SaveAs,
    /// Close the workshop and go back to the start screen.
    CloseWorkshop,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 8] = [
        Command::NewWorkshop,
        Command::Open,
        Command::OpenTypedPath,
        Command::Save,
        Command::SaveAs,
        Command::CloseWorkshop,
        Command::Undo,
        Command::Redo,
    ];

    /// The label in menus and on buttons.
    pub fn label(self) -> &'static str {
        match self {
            Command::NewWorkshop => "New workshop",
            Command::Open => "Open…",
            Command::OpenTypedPath => "Open by typing a path…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::CloseWorkshop => "Close workshop",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
        }
    }

    /// One sentence on what it does, shown on hover.
    pub fn explanation(self) -> &'static str {
        match self {
            Command::NewWorkshop => "Start a new, empty workshop. It saves itself as you work.",
            Command::Open => "Open a workshop file (.ron) with the file chooser.",
            Command::OpenTypedPath => "Open a workshop file by typing where it is, e.g. /home/sam/workshop.ron.",
            Command::Save => "Write the workshop to its file now. It also saves itself within two seconds of a change.",
            Command::SaveAs => "Save the workshop to a file and folder you choose, and keep working there.",
            Command::CloseWorkshop => "Save and close this workshop, and go back to the start screen.",
            Command::Undo => "Undo the last change.",
            Command::Redo => "Redo the change you just undid.",
        }
    }

    /// The keyboard shortcut, if it has one. `COMMAND` is Ctrl, or ⌘ on a Mac.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = Modifiers::COMMAND;
        let command_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        match self {
            Command::NewWorkshop => Some(KeyboardShortcut::new(command, Key::N)),
            Command::Open => Some(KeyboardShortcut::new(command, Key::O)),
            Command::OpenTypedPath => None,
            Command::Save => Some(KeyboardShortcut::new(command, Key::S)),
            Command::SaveAs => Some(KeyboardShortcut::new(command_shift, Key::S)),
            Command::CloseWorkshop => Some(KeyboardShortcut::new(command, Key::W)),
            Command::Undo => Some(KeyboardShortcut::new(command, Key::Z)),
            Command::Redo => Some(KeyboardShortcut::new(command_shift, Key::Z)),
        }
    }

    /// Further keys that also run the command (Ctrl+Y is Redo on Windows and in many apps).
    fn extra_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        match self {
            Command::Redo => &[REDO_Y],
            _ => &[],
        }
    }

    /// The shortcut as text for menus, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut().map(|shortcut| ctx.format_shortcut(&shortcut)).unwrap_or_default()
    }

    /// The command whose shortcut was pressed this frame, consuming the key press. Shortcuts
    /// with more modifiers are checked first so Ctrl+Shift+S is never taken as Ctrl+S.
    pub fn from_shortcuts(input: &mut egui::InputState) -> Option<Command> {
        let mut bindings: Vec<(KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .flat_map(|&command| {
                command
                    .shortcut()
                    .into_iter()
                    .chain(command.extra_shortcuts().iter().copied())
                    .map(move |s| (s, command))
            })
            .collect();
        bindings.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        bindings.into_iter().find(|(shortcut, _)| input.consume_shortcut(shortcut)).map(|(_, command)| command)
    }
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt) + u8::from(modifiers.shift) + u8::from(modifiers.ctrl || modifiers.command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashSet::new();
        for command in Command::ALL {
            for shortcut in command.shortcut().into_iter().chain(command.extra_shortcuts().iter().copied()) {
                assert!(seen.insert((shortcut.modifiers, shortcut.logical_key)), "{command:?} reuses a shortcut");
            }
        }
    }
}

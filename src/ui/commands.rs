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
    /// Choose the next prompt on the wheel.
    NextPrompt,
    /// Choose the previous prompt on the wheel.
    PreviousPrompt,
    /// Write an assumption on the selected prompt.
    AddAssumption,
    /// Write an opportunity on the selected prompt.
    AddOpportunity,
    /// Show or hide the guide's examples for the selected prompt.
    ToggleGuide,
    /// Show the selected prompt large, or go back to the whole wheel.
    ToggleFocusView,
    /// Mark the selected prompt as discussed (or not).
    MarkDiscussed,
    /// Show the whole canvas.
    FitToScreen,
    /// Zoom in on the canvas.
    ZoomIn,
    /// Zoom out of the canvas.
    ZoomOut,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 18] = [
        Command::NewWorkshop,
        Command::Open,
        Command::OpenTypedPath,
        Command::Save,
        Command::SaveAs,
        Command::CloseWorkshop,
        Command::Undo,
        Command::Redo,
        Command::NextPrompt,
        Command::PreviousPrompt,
        Command::AddAssumption,
        Command::AddOpportunity,
        Command::ToggleGuide,
        Command::ToggleFocusView,
        Command::MarkDiscussed,
        Command::FitToScreen,
        Command::ZoomIn,
        Command::ZoomOut,
    ];

    /// Whether the command acts on the prompt wheel (and so only while it is showing).
    pub fn is_for_wheel(self) -> bool {
        matches!(
            self,
            Command::NextPrompt
                | Command::PreviousPrompt
                | Command::AddAssumption
                | Command::AddOpportunity
                | Command::ToggleGuide
                | Command::ToggleFocusView
                | Command::MarkDiscussed
        )
    }

    /// Whether the command acts on the canvas that is showing (pan and zoom).
    pub fn is_for_canvas(self) -> bool {
        matches!(self, Command::FitToScreen | Command::ZoomIn | Command::ZoomOut)
    }

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
            Command::NextPrompt => "Next prompt",
            Command::PreviousPrompt => "Previous prompt",
            Command::AddAssumption => "Add an assumption",
            Command::AddOpportunity => "Add an opportunity",
            Command::ToggleGuide => "Show or hide the guide's examples",
            Command::ToggleFocusView => "Focus on the prompt",
            Command::MarkDiscussed => "Mark the prompt as discussed",
            Command::FitToScreen => "Fit to screen",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
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
            Command::NextPrompt => "Choose the next prompt on the wheel, clockwise.",
            Command::PreviousPrompt => "Choose the previous prompt on the wheel, anticlockwise.",
            Command::AddAssumption => "Write a note in the inner ring of the selected prompt: what people assume.",
            Command::AddOpportunity => {
                "Write a note in the outer ring of the selected prompt: an opportunity people see."
            }
            Command::ToggleGuide => {
                "Show the guide's examples and what others said about the selected prompt, or hide them again."
            }
            Command::ToggleFocusView => {
                "Show the selected prompt large with all its notes, or go back to the whole wheel."
            }
            Command::MarkDiscussed => "Tick the selected prompt as discussed, or untick it.",
            Command::FitToScreen => "Zoom and move the canvas so all of it shows.",
            Command::ZoomIn => "Make the canvas bigger.",
            Command::ZoomOut => "Make the canvas smaller.",
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
            // Single keys work on the canvas while no text box has the keyboard.
            Command::NextPrompt => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowRight)),
            Command::PreviousPrompt => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowLeft)),
            Command::AddAssumption => Some(KeyboardShortcut::new(Modifiers::NONE, Key::A)),
            Command::AddOpportunity => Some(KeyboardShortcut::new(Modifiers::NONE, Key::O)),
            Command::ToggleGuide => Some(KeyboardShortcut::new(Modifiers::NONE, Key::E)),
            Command::ToggleFocusView => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F)),
            Command::MarkDiscussed => Some(KeyboardShortcut::new(Modifiers::NONE, Key::D)),
            Command::FitToScreen => Some(KeyboardShortcut::new(command, Key::Num0)),
            Command::ZoomIn => Some(KeyboardShortcut::new(command, Key::Equals)),
            Command::ZoomOut => Some(KeyboardShortcut::new(command, Key::Minus)),
        }
    }

    /// Further keys that also run the command (Ctrl+Y is Redo on Windows and in many apps).
    fn extra_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        const ZOOM_IN_PLUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
        const NEXT_DOWN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::ArrowDown);
        const PREVIOUS_UP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp);
        match self {
            Command::Redo => &[REDO_Y],
            Command::ZoomIn => &[ZOOM_IN_PLUS],
            Command::NextPrompt => &[NEXT_DOWN],
            Command::PreviousPrompt => &[PREVIOUS_UP],
            _ => &[],
        }
    }

    /// The shortcut as text for menus, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut().map(|shortcut| ctx.format_shortcut(&shortcut)).unwrap_or_default()
    }

    /// The command whose shortcut was pressed this frame, consuming the key press. Shortcuts
    /// with more modifiers are checked first so Ctrl+Shift+S is never taken as Ctrl+S. Only
    /// commands `available` says yes to are considered; keys without Ctrl are left alone while
    /// `typing` (a text box has the keyboard), so typing "a" never adds a note.
    pub fn from_shortcuts(
        input: &mut egui::InputState,
        typing: bool,
        available: impl Fn(Command) -> bool,
    ) -> Option<Command> {
        let mut bindings: Vec<(KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .filter(|&&command| available(command))
            .flat_map(|&command| {
                command
                    .shortcut()
                    .into_iter()
                    .chain(command.extra_shortcuts().iter().copied())
                    .map(move |s| (s, command))
            })
            .collect();
        bindings.retain(|(shortcut, _)| !typing || !shortcut.modifiers.is_none());
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

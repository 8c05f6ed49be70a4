//! The commands' keys: which shortcuts run each command, how they read in menus, and which
//! command a key press this frame asks for.

use super::{Command, MapCommand, RoomCommand, VoteCommand, WheelCommand};
use egui::{Key, KeyboardShortcut, Modifiers};

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    /// The keys that run the command, the one shown in menus first. `COMMAND` is Ctrl, or ⌘ on
    /// a Mac. Keys without Ctrl act only while no text box has the keyboard.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::NewWorkshop => const { &[ctrl(Key::N)] },
            Command::Open => const { &[ctrl(Key::O)] },
            Command::OpenTypedPath | Command::ShowAgenda | Command::ShowActionPlan | Command::Export(_) => &[],
            // The first three tabs, in the order they are shown (the agenda's steps bring up the
            // action plan; the agenda is in the Workshop menu).
            Command::ShowWheel => const { &[ctrl(Key::Num1)] },
            Command::ShowMap => const { &[ctrl(Key::Num2)] },
            Command::ShowNotes => const { &[ctrl(Key::Num3)] },
            Command::Save => const { &[ctrl(Key::S)] },
            Command::SaveAs => const { &[ctrl_shift(Key::S)] },
            Command::CloseWorkshop => const { &[ctrl(Key::W)] },
            Command::Undo => const { &[ctrl(Key::Z)] },
            // Ctrl+Y is Redo on Windows and in many apps.
            Command::Redo => const { &[ctrl_shift(Key::Z), ctrl(Key::Y)] },
            Command::ShowShortcuts => const { &[key(Key::F1), key(Key::Questionmark)] },
            Command::Room(command) => match command {
                RoomCommand::TogglePresentation => const { &[key(Key::F5)] },
                RoomCommand::LeavePresentation => const { &[key(Key::Escape)] },
                RoomCommand::ToggleProjectorWindow => const { &[key(Key::F6)] },
                RoomCommand::ToggleFullScreen => const { &[key(Key::F11)] },
                RoomCommand::RevealAll => const { &[key(Key::R)] },
                RoomCommand::TogglePrivateWriting => const { &[key(Key::W)] },
                RoomCommand::SetTimer => const { &[key(Key::T)] },
                RoomCommand::PauseTimer => const { &[key(Key::P)] },
                RoomCommand::AddMinute => const { &[key(Key::Plus)] },
                RoomCommand::OpenScribe => const { &[key(Key::S)] },
            },
            Command::Wheel(command) => match command {
                WheelCommand::NextPrompt => const { &[key(Key::ArrowRight), key(Key::ArrowDown)] },
                WheelCommand::PreviousPrompt => const { &[key(Key::ArrowLeft), key(Key::ArrowUp)] },
                WheelCommand::AddAssumption => const { &[key(Key::A)] },
                WheelCommand::AddOpportunity => const { &[key(Key::O)] },
                WheelCommand::ToggleGuide => const { &[key(Key::E)] },
                WheelCommand::ToggleFocusView => const { &[key(Key::F)] },
                WheelCommand::MarkDiscussed => const { &[key(Key::D)] },
                WheelCommand::FitToScreen => const { &[ctrl(Key::Num0)] },
                WheelCommand::ZoomIn => const { &[ctrl(Key::Equals), ctrl(Key::Plus)] },
                WheelCommand::ZoomOut => const { &[ctrl(Key::Minus)] },
                WheelCommand::MoveSelected => const { &[key(Key::M)] },
            },
            Command::Map(command) => match command {
                MapCommand::AddNeed => const { &[key(Key::N)] },
                MapCommand::AddHelp => const { &[key(Key::H)] },
                MapCommand::LinkSelected => const { &[key(Key::L)] },
                MapCommand::MoveSelected => const { &[key(Key::M)] },
                MapCommand::DeleteSelected => const { &[key(Key::Delete), key(Key::Backspace)] },
                // The same keys as the wheel's, so F means one thing (the wheel's focus view) and
                // + is free for the timer's extra minute.
                MapCommand::FitToScreen => const { &[ctrl(Key::Num0)] },
                MapCommand::ZoomIn => const { &[ctrl(Key::Equals), ctrl(Key::Plus)] },
                MapCommand::ZoomOut => const { &[ctrl(Key::Minus)] },
                MapCommand::ClearSelection => const { &[key(Key::Escape)] },
            },
            Command::NextStep => const { &[key(Key::PageDown)] },
            Command::PreviousStep => const { &[key(Key::PageUp)] },
            Command::DotVoting => const { &[ctrl_shift(Key::D)] },
            Command::JoinFromPhones => const { &[ctrl_shift(Key::J)] },
            Command::WidenSidePanel => const { &[ctrl(Key::OpenBracket)] },
            Command::NarrowSidePanel => const { &[ctrl(Key::CloseBracket)] },
            // A full stop puts a dot; the comma beside it takes one back. (P and T are the timer's.)
            Command::Vote(command) => match command {
                VoteCommand::PutDot => const { &[key(Key::Period)] },
                VoteCommand::TakeBackDot => const { &[key(Key::Comma)] },
                VoteCommand::NextVoter => const { &[key(Key::V)] },
                VoteCommand::PreviousVoter => const { &[shift(Key::V)] },
            },
        }
    }

    /// The main shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// The main shortcut as text for menus and buttons, e.g. "Ctrl+Shift+S" or "N".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            // "Delete  Delete" on a Delete button would read as a stutter.
            Some(shortcut) if shortcut.logical_key == Key::Delete => "Del".to_owned(),
            Some(shortcut) => key_words(ctx, shortcut),
            None => String::new(),
        }
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
        Self::from_shortcuts_keeping_typed(input, typing, available).map(|pressed| pressed.command)
    }

    /// [`Command::from_shortcuts`], also handing back what was typed after a plain key's command
    /// in the same frame. On a busy computer one frame can hold "A" and the first letters of the
    /// note it opens a box for; the box is not there to take them yet, so the caller keeps them
    /// for the box ([`PressedCommand::typed_after`]) instead of losing them.
    pub fn from_shortcuts_keeping_typed(
        input: &mut egui::InputState,
        typing: bool,
        available: impl Fn(Command) -> bool,
    ) -> Option<PressedCommand> {
        let mut bindings: Vec<(KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .filter(|&&command| available(command))
            .flat_map(|&command| command.shortcuts().iter().map(move |&shortcut| (shortcut, command)))
            .collect();
        bindings.retain(|(shortcut, _)| !typing || !shortcut.modifiers.is_none());
        bindings.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        let mut key_press_at = 0;
        let (shortcut, command) = bindings.into_iter().find(|(shortcut, _)| {
            key_press_at = input
                .events
                .iter()
                .position(|event| matches!(event, egui::Event::Key { key, pressed: true, .. } if *key == shortcut.logical_key))
                .unwrap_or(0);
            input.consume_shortcut(shortcut)
        })?;
        let mut typed_after = String::new();
        if !shortcut.modifiers.command && !shortcut.modifiers.ctrl {
            typed_after = take_text_after_key(&mut input.events, key_press_at, shortcut.logical_key);
        }
        Some(PressedCommand { command, typed_after })
    }
}

/// A command pressed on the keyboard, with what was typed after its key in the same frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PressedCommand {
    /// The command the key runs.
    pub command: Command,
    /// Text typed after the command's key within the same frame, meant for the box it opens.
    pub typed_after: String,
}

/// Takes the typed text out of this frame's events once a plain key's command has been taken
/// (its key press was at `key_press_at`, already removed): the key's own letter is dropped (were
/// it left, a box the command opens, the timer's minutes or the scribe's note, would start with a
/// stray "t" or "s"), and what was typed after it is handed back. Text typed before the key had no
/// box to go to and is dropped, as before.
fn take_text_after_key(events: &mut Vec<egui::Event>, key_press_at: usize, key: Key) -> String {
    let mut typed_after = String::new();
    // The key's letter is the first text after its press, unless the key types nothing (F5, arrows).
    let mut own_letter_pending = key.symbol_or_name().chars().count() == 1;
    let mut index = 0;
    events.retain(|event| {
        let at = index;
        index += 1;
        let egui::Event::Text(text) = event else { return true };
        if at >= key_press_at {
            if own_letter_pending && text.eq_ignore_ascii_case(key.symbol_or_name()) {
                own_letter_pending = false;
            } else {
                own_letter_pending = false;
                typed_after.push_str(text);
            }
        }
        false
    });
    typed_after
}

/// A shortcut as people read it: "Ctrl+S", "F1", "+", "?", "Right arrow". Symbols for the keys
/// that have one the built-in fonts can draw; the fonts have no arrows, so arrows are words.
pub fn key_words(ctx: &egui::Context, shortcut: KeyboardShortcut) -> String {
    let key = shortcut.logical_key;
    let words = match key {
        Key::ArrowLeft => "Left arrow",
        Key::ArrowRight => "Right arrow",
        Key::ArrowUp => "Up arrow",
        Key::ArrowDown => "Down arrow",
        Key::Num0 => "0",
        // A lone "." or "," in a sentence reads as punctuation, so these get their names too.
        Key::Period => "Full stop (.)",
        Key::Comma => "Comma (,)",
        Key::Plus | Key::Minus | Key::Equals | Key::Questionmark => key.symbol_or_name(),
        _ => key.name(),
    };
    let formatted = ctx.format_shortcut(&shortcut);
    let modifiers = formatted.strip_suffix(key.name()).unwrap_or("");
    format!("{modifiers}{words}")
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt) + u8::from(modifiers.shift) + u8::from(modifiers.ctrl || modifiers.command)
}

#[cfg(test)]
mod tests {
    use super::super::{Command, Scope};
    use std::collections::HashSet;

    #[test]
    fn no_two_commands_that_can_act_together_share_a_shortcut() {
        // The app's and the room's commands are always live, with one canvas's beside them or, while
        // presenting, the presentation's keys first (so Esc leaves it rather than clearing a selection).
        // An open vote's keys are live beside any of them.
        for scopes in [
            [Scope::App, Scope::Room, Scope::Vote, Scope::Wheel],
            [Scope::App, Scope::Room, Scope::Vote, Scope::Map],
            [Scope::App, Scope::Room, Scope::Vote, Scope::Presenting],
        ] {
            let mut seen = HashSet::new();
            for command in Command::ALL.into_iter().filter(|command| scopes.contains(&command.scope())) {
                for shortcut in command.shortcuts() {
                    assert!(seen.insert((shortcut.modifiers, shortcut.logical_key)), "{command:?} reuses a shortcut");
                }
            }
        }
    }

    #[test]
    fn every_canvas_command_has_words_and_a_key() {
        for command in Command::ALL.into_iter().filter(|command| command.scope() != Scope::App) {
            assert!(!command.label().is_empty() && command.explanation().ends_with('.'), "{command:?}");
            assert!(command.shortcut().is_some(), "{command:?} has a key");
        }
    }
}

//! The one table of commands: each command's menu label, explanation and shortcut live here, so
//! menus, toolbars, keyboard shortcuts and (later) the shortcuts sheet can never disagree.
//!
//! Commands belong to a [`Scope`]: the app's own work everywhere, and each canvas's commands only
//! while that canvas is showing, so one key (F, say) can mean something on each canvas.

mod keys;

pub use keys::key_words;

use crate::export::Format;

/// Something the facilitator can ask the app to do from a menu, a button or the keyboard.
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
    /// Show or hide the sheet of every shortcut.
    ShowShortcuts,
    /// Something to do in the room: the projection, the timer, private writing, the scribe.
    Room(RoomCommand),
    /// Something to do on the prompt wheel.
    Wheel(WheelCommand),
    /// Something to do on the needs map.
    Map(MapCommand),
    /// Start the workshop's agenda, or go on to its next step.
    NextStep,
    /// Go back to the agenda's previous step.
    PreviousStep,
    /// Show the agenda, to change its steps.
    ShowAgenda,
    /// Show the prompt wheel's tab.
    ShowWheel,
    /// Show the needs map's tab.
    ShowMap,
    /// Show the tab of all notes.
    ShowNotes,
    /// Show or hide the dot voting panel.
    DotVoting,
    /// Show the action plan.
    ShowActionPlan,
    /// Something to do while a dot vote is open.
    Vote(VoteCommand),
    /// Export the workshop: a summary, tables or pictures, to a file or folder the person chooses.
    Export(Format),
    /// Show the panel that lets people join from their phones (and start or stop joining).
    JoinFromPhones,
    /// Make the panel beside the canvas wider (its divider moves towards the canvas).
    WidenSidePanel,
    /// Make the panel beside the canvas narrower.
    NarrowSidePanel,
}

/// The commands of an open dot vote, for the scribe casting dots for each voter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VoteCommand {
    /// Put one of the chosen voter's dots on the selected note.
    PutDot,
    /// Take one of the chosen voter's dots back from the selected note.
    TakeBackDot,
    /// Choose the next voter in the list.
    NextVoter,
    /// Choose the previous voter in the list.
    PreviousVoter,
}

/// The prompt wheel's commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WheelCommand {
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
    /// Show the whole wheel.
    FitToScreen,
    /// Zoom in on the wheel.
    ZoomIn,
    /// Zoom out of the wheel.
    ZoomOut,
    /// Move the selected note to another prompt or ring, chosen from a list.
    MoveSelected,
}

/// Running the workshop in the room: the projection, the timer, private writing, the scribe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoomCommand {
    /// Show the projection in this window, or go back to the console.
    TogglePresentation,
    /// Leave the projection shown in this window.
    LeavePresentation,
    /// Open or close the projector's own window.
    ToggleProjectorWindow,
    /// Put the projection full screen, or back in a window.
    ToggleFullScreen,
    /// Show every hidden note on the projection at once.
    RevealAll,
    /// Turn private writing on or off.
    TogglePrivateWriting,
    /// Set the timer and start it.
    SetTimer,
    /// Pause the timer, or carry on.
    PauseTimer,
    /// Give the timer one more minute.
    AddMinute,
    /// Open the scribe's quick-add box.
    OpenScribe,
}

/// The needs map's commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapCommand {
    /// Write a new need on the need arc.
    AddNeed,
    /// Write a new source of help on the help arc.
    AddHelp,
    /// Link the selected note to a note on the other arc, chosen from a list.
    LinkSelected,
    /// Move the selected note to another stage of its arc, chosen from a list.
    MoveSelected,
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

/// Where a command applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere in the app.
    App,
    /// While a workshop is open.
    Room,
    /// While the projection fills the main window; these keys come before the canvas's own.
    Presenting,
    /// While the prompt wheel is showing.
    Wheel,
    /// While the needs map is showing.
    Map,
    /// While a dot vote is open, beside whichever canvas is showing.
    Vote,
}

impl Scope {
    /// Every scope, in the order the shortcuts sheet lists them.
    pub const ALL: [Scope; 6] = [Scope::App, Scope::Room, Scope::Presenting, Scope::Wheel, Scope::Map, Scope::Vote];

    /// Where the commands of this scope work, as a heading.
    pub fn title(self) -> &'static str {
        match self {
            Scope::App => "Everywhere",
            Scope::Room => "In the room (with a workshop open)",
            Scope::Presenting => "While presenting",
            Scope::Wheel => "On the prompt wheel",
            Scope::Map => "On the needs map",
            Scope::Vote => "While a dot vote is open",
        }
    }
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 61] = [
        Command::NewWorkshop,
        Command::Open,
        Command::OpenTypedPath,
        Command::Save,
        Command::SaveAs,
        Command::CloseWorkshop,
        Command::Undo,
        Command::Redo,
        Command::ShowShortcuts,
        Command::Room(RoomCommand::TogglePresentation),
        Command::Room(RoomCommand::LeavePresentation),
        Command::Room(RoomCommand::ToggleProjectorWindow),
        Command::Room(RoomCommand::ToggleFullScreen),
        Command::Room(RoomCommand::RevealAll),
        Command::Room(RoomCommand::TogglePrivateWriting),
        Command::Room(RoomCommand::SetTimer),
        Command::Room(RoomCommand::PauseTimer),
        Command::Room(RoomCommand::AddMinute),
        Command::Room(RoomCommand::OpenScribe),
        Command::Wheel(WheelCommand::NextPrompt),
        Command::Wheel(WheelCommand::PreviousPrompt),
        Command::Wheel(WheelCommand::AddAssumption),
        Command::Wheel(WheelCommand::AddOpportunity),
        Command::Wheel(WheelCommand::ToggleGuide),
        Command::Wheel(WheelCommand::ToggleFocusView),
        Command::Wheel(WheelCommand::MarkDiscussed),
        Command::Wheel(WheelCommand::FitToScreen),
        Command::Wheel(WheelCommand::ZoomIn),
        Command::Wheel(WheelCommand::ZoomOut),
        Command::Wheel(WheelCommand::MoveSelected),
        Command::Map(MapCommand::AddNeed),
        Command::Map(MapCommand::AddHelp),
        Command::Map(MapCommand::LinkSelected),
        Command::Map(MapCommand::MoveSelected),
        Command::Map(MapCommand::DeleteSelected),
        Command::Map(MapCommand::FitToScreen),
        Command::Map(MapCommand::ZoomIn),
        Command::Map(MapCommand::ZoomOut),
        Command::Map(MapCommand::ClearSelection),
        Command::NextStep,
        Command::PreviousStep,
        Command::ShowAgenda,
        Command::ShowWheel,
        Command::ShowMap,
        Command::ShowNotes,
        Command::DotVoting,
        Command::ShowActionPlan,
        Command::Vote(VoteCommand::PutDot),
        Command::Vote(VoteCommand::TakeBackDot),
        Command::Vote(VoteCommand::NextVoter),
        Command::Vote(VoteCommand::PreviousVoter),
        Command::Export(Format::Markdown),
        Command::Export(Format::Html),
        Command::Export(Format::Pdf),
        Command::Export(Format::Xlsx),
        Command::Export(Format::Csv),
        Command::Export(Format::Svg),
        Command::Export(Format::Png),
        Command::JoinFromPhones,
        Command::WidenSidePanel,
        Command::NarrowSidePanel,
    ];

    /// Whether the command opens a box to type in: what is typed straight after its key belongs
    /// to that box, not to the other one-key commands (see `CommonGroundApp::hand_typed_ahead_to_box`).
    pub fn opens_text_box(self) -> bool {
        matches!(
            self,
            Command::Wheel(WheelCommand::AddAssumption | WheelCommand::AddOpportunity)
                | Command::Map(MapCommand::AddNeed | MapCommand::AddHelp)
                | Command::Room(RoomCommand::SetTimer | RoomCommand::OpenScribe)
        )
    }

    /// Where the command applies.
    pub fn scope(self) -> Scope {
        match self {
            Command::Room(RoomCommand::LeavePresentation) => Scope::Presenting,
            Command::Room(_)
            | Command::WidenSidePanel
            | Command::NarrowSidePanel
            | Command::ShowWheel
            | Command::ShowMap
            | Command::ShowNotes => Scope::Room,
            Command::Wheel(_) => Scope::Wheel,
            Command::Map(_) => Scope::Map,
            Command::Vote(_) => Scope::Vote,
            _ => Scope::App,
        }
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
            Command::ShowShortcuts => "Keyboard shortcuts",
            Command::Room(command) => match command {
                RoomCommand::TogglePresentation => "Present in this window",
                RoomCommand::LeavePresentation => "Back to the console",
                RoomCommand::ToggleProjectorWindow => "Projector window",
                RoomCommand::ToggleFullScreen => "Full screen",
                RoomCommand::RevealAll => "Reveal all",
                RoomCommand::TogglePrivateWriting => "Private writing",
                RoomCommand::SetTimer => "Set the timer…",
                RoomCommand::PauseTimer => "Pause or resume the timer",
                RoomCommand::AddMinute => "+1 minute",
                RoomCommand::OpenScribe => "Scribe box",
            },
            Command::Wheel(command) => match command {
                WheelCommand::NextPrompt => "Next prompt",
                WheelCommand::PreviousPrompt => "Previous prompt",
                WheelCommand::AddAssumption => "Add an assumption",
                WheelCommand::AddOpportunity => "Add an opportunity",
                WheelCommand::ToggleGuide => "Show or hide the guide's examples",
                WheelCommand::ToggleFocusView => "Focus on the prompt",
                WheelCommand::MarkDiscussed => "Mark the prompt as discussed",
                WheelCommand::FitToScreen => "Fit to screen",
                WheelCommand::ZoomIn => "Zoom in",
                WheelCommand::ZoomOut => "Zoom out",
                WheelCommand::MoveSelected => "Move to…",
            },
            Command::Map(command) => match command {
                MapCommand::AddNeed => "Add a need",
                MapCommand::AddHelp => "Add a source of help",
                MapCommand::LinkSelected => "Link to…",
                MapCommand::MoveSelected => "Move to…",
                MapCommand::DeleteSelected => "Delete",
                MapCommand::FitToScreen => "Fit to screen",
                MapCommand::ZoomIn => "Zoom in",
                MapCommand::ZoomOut => "Zoom out",
                MapCommand::ClearSelection => "Deselect",
            },
            Command::NextStep => "Next step",
            Command::PreviousStep => "Previous step",
            Command::ShowAgenda => "Agenda",
            Command::ShowWheel => "Prompt wheel",
            Command::ShowMap => "Needs map",
            Command::ShowNotes => "All notes",
            Command::DotVoting => "Dot voting",
            Command::ShowActionPlan => "Action plan",
            Command::JoinFromPhones => "Let people join from their phones…",
            Command::WidenSidePanel => "Widen the side panel",
            Command::NarrowSidePanel => "Narrow the side panel",
            Command::Vote(command) => match command {
                VoteCommand::PutDot => "Put a dot on the selected note",
                VoteCommand::TakeBackDot => "Take a dot back from the selected note",
                VoteCommand::NextVoter => "Next voter",
                VoteCommand::PreviousVoter => "Previous voter",
            },
            Command::Export(format) => match format {
                Format::Markdown => "Summary as Markdown (.md)…",
                Format::Html => "Summary as a web page (.html)…",
                Format::Pdf => "Summary as PDF (.pdf)…",
                Format::Xlsx => "Tables as a spreadsheet (.xlsx)…",
                Format::Csv => "Tables as CSV files, for data tools (.csv)…",
                Format::Svg => "Pictures of the wheel and map (.svg)…",
                Format::Png => "Pictures of the wheel and map (.png)…",
            },
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
            Command::ShowShortcuts => "List every keyboard shortcut, by where it works.",
            Command::Room(command) => match command {
                RoomCommand::TogglePresentation => {
                    "Show only what the room should see (the canvas, the question, the agenda step and the timer) \
                     in this window, for one screen. Esc comes back."
                }
                RoomCommand::LeavePresentation => "Leave the projection and show the facilitator's console again.",
                RoomCommand::ToggleProjectorWindow => {
                    "Open a second window for the projector that shows only the canvas, the question, the agenda \
                     step and the timer, and follows this one; or close it."
                }
                RoomCommand::ToggleFullScreen => {
                    "Make the projection fill its screen, or put it back in a window (the projector window when it \
                     is open, otherwise this window while presenting)."
                }
                RoomCommand::RevealAll => "Show every hidden note on the projection, all at once.",
                RoomCommand::TogglePrivateWriting => {
                    "While on, new notes show as blank cards on the projection until you reveal them all."
                }
                RoomCommand::SetTimer => {
                    "Type the minutes and press Enter to start the timer; Enter alone uses the agenda step's time box."
                }
                RoomCommand::PauseTimer => "Pause the timer, or carry on from where it stopped.",
                RoomCommand::AddMinute => "Give the timer one more minute.",
                RoomCommand::OpenScribe => {
                    "Open the quick-add box to type notes for people in the room onto the selected prompt or arc."
                }
            },
            Command::Wheel(command) => match command {
                WheelCommand::NextPrompt => "Choose the next prompt on the wheel, clockwise.",
                WheelCommand::PreviousPrompt => "Choose the previous prompt on the wheel, anticlockwise.",
                WheelCommand::AddAssumption => {
                    "Write a note in the inner ring of the selected prompt: what people assume."
                }
                WheelCommand::AddOpportunity => {
                    "Write a note in the outer ring of the selected prompt: an opportunity people see."
                }
                WheelCommand::ToggleGuide => {
                    "Show the guide's examples and what others said about the selected prompt, or hide them again."
                }
                WheelCommand::ToggleFocusView => {
                    "Show the selected prompt large with all its notes, or go back to the whole wheel."
                }
                WheelCommand::MarkDiscussed => "Tick the selected prompt as discussed, or untick it.",
                WheelCommand::FitToScreen => "Zoom and move the canvas so all of it shows.",
                WheelCommand::ZoomIn => "Make the canvas bigger.",
                WheelCommand::ZoomOut => "Make the canvas smaller.",
                WheelCommand::MoveSelected => {
                    "Move the selected note to another prompt or ring, chosen from a list. Tab reaches the notes."
                }
            },
            Command::Map(command) => match command {
                MapCommand::AddNeed => {
                    "Write a need on the “What is the need?” arc. You can also double-click the arc."
                }
                MapCommand::AddHelp => {
                    "Write a source of help on the “Potential sources of help” arc. You can also double-click the arc."
                }
                MapCommand::LinkSelected => {
                    "Link the selected note to one on the other arc, chosen from a list. With the mouse, drag from a \
                     note's dot on its arc to a note on the other arc."
                }
                MapCommand::MoveSelected => {
                    "Move the selected note to another stage of its arc, chosen from a list. The arrow keys also \
                     slide a note that has the keyboard (Tab reaches the notes)."
                }
                MapCommand::DeleteSelected => "Delete the selected note (with its links) or the selected link.",
                MapCommand::FitToScreen => "Show the whole map. Drag the background to move it; scroll to zoom.",
                MapCommand::ZoomIn => "Make the map bigger.",
                MapCommand::ZoomOut => "Make the map smaller.",
                MapCommand::ClearSelection => "Select nothing.",
            },
            Command::NextStep => {
                "Start the agenda, or go on to its next step; the canvas the step needs comes up (a presenter's \
                 clicker sends Page Down)."
            }
            Command::PreviousStep => "Go back to the agenda's previous step.",
            Command::ShowAgenda => "Show the agenda: its steps, their time boxes and which one the room is on.",
            Command::ShowWheel => "Show the prompt wheel's tab.",
            Command::ShowMap => "Show the needs map's tab.",
            Command::ShowNotes => "Show every note of the workshop in one list, wherever it is.",
            Command::DotVoting => {
                "Show the dot voting panel: open a vote, cast each voter's dots, close it to show the totals."
            }
            Command::ShowActionPlan => "Show the action plan: what will be done, who leads, who supports, by when.",
            Command::WidenSidePanel => {
                "Move the divider between the canvas and the panel beside it, to give the panel more room \
                 (the keyboard's way to drag the divider)."
            }
            Command::NarrowSidePanel => {
                "Move the divider between the canvas and the panel beside it, to give the canvas more room \
                 (the keyboard's way to drag the divider)."
            }
            Command::JoinFromPhones => {
                "Let people add notes from their own phones over this laptop's network: no internet, no accounts. \
                 Shows a QR code, an address and a room code; stop joining at any time."
            }
            Command::Vote(command) => match command {
                VoteCommand::PutDot => "Put one of the chosen voter's dots on the note selected on the canvas.",
                VoteCommand::TakeBackDot => "Take one of the chosen voter's dots back from the selected note.",
                VoteCommand::NextVoter => "Choose the next voter in the vote's list.",
                VoteCommand::PreviousVoter => "Choose the previous voter in the vote's list.",
            },
            Command::Export(format) => match format {
                Format::Markdown => {
                    "Write the workshop's summary as Markdown text, for an email, a wiki or the minutes."
                }
                Format::Html => {
                    "Write the workshop's summary as one web page with the wheel and the map in it, to open in \
                     any browser, print or send."
                }
                Format::Pdf => "Write the workshop's summary as a PDF on A4 pages, with the wheel and the map.",
                Format::Xlsx => {
                    "Write the notes, map links, actions and vote results as one spreadsheet, a sheet each, to open \
                     in Excel, LibreOffice or Numbers. Every cell holds what was typed, as text: nothing is run \
                     as a formula."
                }
                Format::Csv => {
                    "Write the notes, map links, actions and vote results as CSV files into a folder, for data \
                     tools. A cell that begins with = + - or @ gets a ' in front, so no spreadsheet runs it."
                }
                Format::Svg => "Write pictures of the wheel and the map (SVG, sharp at any size) into a folder.",
                Format::Png => "Write pictures of the wheel and the map (PNG, for slides) into a folder.",
            },
        }
    }
}

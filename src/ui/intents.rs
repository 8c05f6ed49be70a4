//! What views hand back to the app.

use super::Command;
use crate::model::{Edit, GestureKey, LinkId, NoteId, StepId};
use std::path::PathBuf;

/// One thing the person did in a view this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Run a command from the command table.
    Command(Command),
    /// Change the workshop, as part of `gesture` when given (typing in one field, one drag).
    Edit {
        /// The change.
        edit: Edit,
        /// The gesture it belongs to.
        gesture: Option<GestureKey>,
    },
    /// The current gesture is over (a field lost focus, a drag ended).
    EndGesture,
    /// Open a file from the recent list.
    OpenRecent(PathBuf),
    /// Start a new workshop from the example at this index of [`crate::examples::EXAMPLES`].
    OpenExample(usize),
    /// Reopen the crashed session at this index of the recovery list.
    Recover(usize),
    /// Stop offering the crashed session at this index.
    DismissRecovery(usize),
    /// Clear the message banner.
    DismissNotice,
    /// Open a file an export wrote (a folder, in the file manager) in the computer's program for it.
    OpenExported(PathBuf),
    /// Show a file an export wrote, selected in its folder.
    ShowExportedInFolder(PathBuf),
    /// Go to a step of the agenda (`None`: back to "not started"), showing what the step needs.
    GoToStep(Option<StepId>),
    /// Show a note on its canvas, selected.
    ShowNote(NoteId),
    /// Show a link on the needs map, selected.
    ShowLink(LinkId),
    /// Show the action plan tab.
    ShowActionPlan,
}

/// Collects intents while a frame is drawn.
#[derive(Debug, Default)]
pub struct Intents(pub Vec<Intent>);

impl Intents {
    /// A change that is a gesture of its own (a click).
    pub fn edit(&mut self, edit: Edit) {
        self.0.push(Intent::Edit { edit, gesture: None });
    }

    /// A change that folds into the gesture `key` (typing in one field).
    pub fn edit_in(&mut self, edit: Edit, key: impl Into<GestureKey>) {
        self.0.push(Intent::Edit { edit, gesture: Some(key.into()) });
    }

    /// Anything else.
    pub fn push(&mut self, intent: Intent) {
        self.0.push(intent);
    }
}

//! Helpers shared by the tests: model edits here, the app in a harness in [`harness`].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "shared test helpers: each test file uses some of them, and stops at the first thing not as expected"
)]

pub mod harness;
pub mod picture;

use common_ground::model::{Edit, History, Session};
use time::macros::datetime;

/// A fixed moment, so sessions built in tests compare equal.
pub fn now() -> time::OffsetDateTime {
    datetime!(2026-11-22 10:00 UTC)
}

/// Applies `edit` through a history, checks undo restores the exact session and redo the
/// edited one; returns the edited session.
pub fn assert_undo_redo(start: Session, edit: Edit) -> Session {
    let mut session = start.clone();
    let mut history = History::default();
    history.apply(&mut session, edit.clone()).unwrap_or_else(|e| panic!("{edit:?} failed: {e}"));
    let edited = session.clone();
    assert_ne!(edited, start, "{edit:?} changed nothing");
    assert!(history.undo(&mut session).unwrap());
    assert_eq!(session, start, "undo of {edit:?}");
    assert!(history.redo(&mut session).unwrap());
    assert_eq!(session, edited, "redo of {edit:?}");
    assert_eq!(edited.integrity_problem(), None, "{edit:?} left the session inconsistent");
    edited
}

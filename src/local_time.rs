//! The computer's offset from UTC, so the summaries and the app show the time on the room's
//! clocks (a UK workshop in summer is an hour ahead of UTC) while the workshop file keeps UTC.
//!
//! On Linux the `time` crate can only look the time zone up while the program has one thread
//! (reading the zone while another thread changes the environment is unsound), so `main` looks it
//! up first thing, before any thread starts, and it is kept for the rest of the run. A session
//! that runs across the night the clocks change keeps the offset it started with.

use std::sync::OnceLock;
use time::{OffsetDateTime, UtcOffset};

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Looks up the computer's offset from UTC and keeps it for [`now_local`]; call it before any
/// thread starts. Where the system will not say, the offset is UTC's.
pub fn remember_local_offset() -> UtcOffset {
    *LOCAL_OFFSET.get_or_init(|| UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC))
}

/// The offset kept by [`remember_local_offset`], or UTC's where it was never looked up (tests).
pub fn local_offset() -> UtcOffset {
    LOCAL_OFFSET.get().copied().unwrap_or(UtcOffset::UTC)
}

/// The moment now, in the computer's local time.
pub fn now_local() -> OffsetDateTime {
    OffsetDateTime::now_utc().to_offset(local_offset())
}

//! The room's timer: a time box that counts down on the projection, pauses, takes an extra
//! minute, and says gently when the time is up. It reads the time it is given, so tests can
//! drive it with a manual clock.

use std::time::Duration;

/// One minute.
const MINUTE: Duration = Duration::from_mins(1);
/// How long after the end the timer's signal keeps breathing before it settles.
pub const SIGNAL_TIME: Duration = Duration::from_secs(20);

/// Whether the timer is counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// Not set.
    Idle,
    /// Counting down to `ends_at` (clock time).
    Running { ends_at: Duration },
    /// Stopped with `left` to go.
    Paused { left: Duration },
}

/// The time box of the current activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomTimer {
    run: Run,
    /// What the timer was last set to, offered again next time.
    length: Duration,
}

impl Default for RoomTimer {
    fn default() -> Self {
        Self { run: Run::Idle, length: 5 * MINUTE }
    }
}

impl RoomTimer {
    /// Start counting down `length` from `now`.
    pub fn start(&mut self, length: Duration, now: Duration) {
        self.length = length;
        self.run = Run::Running { ends_at: now + length };
    }

    /// What the timer was last set to.
    pub fn length(&self) -> Duration {
        self.length
    }

    /// Pause a running timer, or carry on with a paused one.
    pub fn toggle_pause(&mut self, now: Duration) {
        self.run = match self.run {
            Run::Running { ends_at } => Run::Paused { left: ends_at.saturating_sub(now) },
            Run::Paused { left } => Run::Running { ends_at: now + left },
            Run::Idle => Run::Idle,
        };
    }

    /// One more minute; after the time is up, a minute from now.
    pub fn add_minute(&mut self, now: Duration) {
        self.run = match self.run {
            Run::Running { ends_at } => Run::Running { ends_at: ends_at.max(now) + MINUTE },
            Run::Paused { left } => Run::Paused { left: left + MINUTE },
            Run::Idle => Run::Running { ends_at: now + MINUTE },
        };
    }

    /// Clear the timer off the projection.
    pub fn stop(&mut self) {
        self.run = Run::Idle;
    }

    /// Whether the timer is set (running, paused or finished).
    pub fn is_set(&self) -> bool {
        self.run != Run::Idle
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        matches!(self.run, Run::Paused { .. })
    }

    /// Time left, if the timer is set.
    pub fn remaining(&self, now: Duration) -> Option<Duration> {
        match self.run {
            Run::Idle => None,
            Run::Running { ends_at } => Some(ends_at.saturating_sub(now)),
            Run::Paused { left } => Some(left),
        }
    }

    /// Whether the time box is over.
    pub fn is_up(&self, now: Duration) -> bool {
        self.remaining(now) == Some(Duration::ZERO)
    }

    /// The time left as the room reads it, "12:05"; `None` when the timer is not set.
    pub fn display(&self, now: Duration) -> Option<String> {
        let left = self.remaining(now)?;
        // Rounded up, so the timer shows 0:00 only when the time is really up.
        let seconds = left.as_millis().div_ceil(1000);
        Some(format!("{}:{:02}", seconds / 60, seconds % 60))
    }

    /// How long ago the time ran out (zero while there is time left).
    pub fn overrun(&self, now: Duration) -> Duration {
        match self.run {
            Run::Running { ends_at } => now.saturating_sub(ends_at),
            _ => Duration::ZERO,
        }
    }

    /// How long until what the timer shows next changes, for asking for the next repaint.
    pub fn next_change(&self, now: Duration) -> Option<Duration> {
        match self.run {
            Run::Running { ends_at } if ends_at > now => {
                let left = ends_at.saturating_sub(now);
                let into_second = (left.as_millis() % 1000) as u64;
                Some(Duration::from_millis(if into_second == 0 { 1000 } else { into_second }))
            }
            // The end signal breathes slowly for a while, so it needs frames of its own.
            Run::Running { ends_at } if now.saturating_sub(ends_at) < SIGNAL_TIME => Some(Duration::from_millis(100)),
            _ => None,
        }
    }
}

/// Minutes typed by the facilitator, e.g. "10" or "2.5"; `None` for anything else.
pub fn parse_minutes(text: &str) -> Option<Duration> {
    let minutes: f64 = text.trim().replace(',', ".").parse().ok()?;
    (minutes.is_finite() && minutes > 0.0 && minutes <= 600.0).then(|| Duration::from_secs_f64(minutes * 60.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(seconds: u64) -> Duration {
        Duration::from_secs(seconds)
    }

    #[test]
    fn counts_down_pauses_and_takes_a_minute_more() {
        let mut timer = RoomTimer::default();
        assert_eq!(timer.display(secs(0)), None);
        timer.start(secs(300), secs(10));
        assert_eq!(timer.display(secs(10)).as_deref(), Some("5:00"));
        assert_eq!(timer.display(secs(71)).as_deref(), Some("3:59"));
        timer.toggle_pause(secs(70));
        assert_eq!(timer.display(secs(500)).as_deref(), Some("4:00"));
        timer.toggle_pause(secs(500));
        timer.add_minute(secs(500));
        assert_eq!(timer.display(secs(500)).as_deref(), Some("5:00"));
        assert!(!timer.is_up(secs(799)));
        assert!(timer.is_up(secs(800)));
        assert_eq!(timer.display(secs(900)).as_deref(), Some("0:00"));
        timer.add_minute(secs(900));
        assert_eq!(timer.display(secs(900)).as_deref(), Some("1:00"));
        timer.stop();
        assert!(!timer.is_set());
    }

    #[test]
    fn minutes_are_read_as_people_type_them() {
        assert_eq!(parse_minutes("10"), Some(secs(600)));
        assert_eq!(parse_minutes(" 2,5 "), Some(secs(150)));
        assert_eq!(parse_minutes("0"), None);
        assert_eq!(parse_minutes("ten"), None);
    }
}

//! The room's defences: random codes and device tokens, rate limits, and the caps on what a
//! phone may send.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The letters a room code is made of: capitals and digits without the look-alikes (0/O, 1/I/L),
/// so a code read off a projector is typed right first time.
pub const ROOM_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// How long a room code is: 31⁵ ≈ 29 million codes. With the room-wide cap on wrong codes
/// (30 a minute by default) trying them all takes about 95 weeks; see [`JoinLimits`].
pub const ROOM_CODE_LENGTH: usize = 5;

/// How many connections the server keeps open where the process's open-file limit cannot be
/// read (macOS' usual limit is 256, Windows has no such small limit): room for a full room's
/// phones, with idle connections closed to make way, and far below any usual limit.
pub const FALLBACK_CONNECTION_CAP: usize = 100;

/// The limits a room enforces. The defaults suit a room of up to a hundred or so people.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinLimits {
    /// The longest note, in characters.
    pub max_note_chars: usize,
    /// The longest name or organisation a participant can type, in characters.
    pub max_name_chars: usize,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How many phones may join.
    pub max_devices: usize,
    /// Changes (notes added, edited, withdrawn) one phone may make in a burst…
    pub device_burst: u32,
    /// …and how many more per minute after that.
    pub device_per_minute: u32,
    /// Changes the whole room may make in a burst…
    pub room_burst: u32,
    /// …and per minute after that.
    pub room_per_minute: u32,
    /// Room-code attempts (right or wrong) one network address may make in a burst…
    pub join_burst: u32,
    /// …and per minute after that.
    pub join_per_minute: u32,
    /// Wrong room codes in a row after which an address is locked out…
    pub wrong_codes_before_lockout: u32,
    /// …for this long, during which no code from it gets a verdict, right or wrong.
    pub lockout: Duration,
    /// Wrong room codes the whole room takes in a burst…
    pub room_wrong_burst: u32,
    /// …and per minute after that; once spent, no code gets a verdict until it refills.
    pub room_wrong_per_minute: u32,
    /// How many phones may join from one network address.
    pub max_devices_per_address: usize,
    /// A phone that has sent no note is forgotten after this long without a request…
    pub idle_device_expiry: Duration,
    /// …and one that has sent notes after this long.
    pub idle_writer_expiry: Duration,
    /// How long a connection may take to send a request's headers, including waiting idle
    /// for the next request on a kept-alive connection.
    pub header_timeout: Duration,
    /// How long a request's body may take to arrive.
    pub body_timeout: Duration,
    /// After this long a connection is closed once its request in flight is answered (so a
    /// client that never reads its answers cannot hold one for ever).
    pub connection_lifetime: Duration,
    /// The most connections open at once; when full, the connection idle longest is closed to
    /// make way for a new one. Well below the process's open-file limit, so the app's own files
    /// (autosave, rescue copy, exports) always have room.
    pub max_connections: usize,
}

impl Default for JoinLimits {
    fn default() -> Self {
        Self {
            max_note_chars: 280,
            max_name_chars: 80,
            max_body_bytes: 8 * 1024,
            max_devices: 150,
            device_burst: 10,
            device_per_minute: 20,
            room_burst: 300,
            room_per_minute: 1200,
            join_burst: 10,
            join_per_minute: 10,
            wrong_codes_before_lockout: 5,
            lockout: Duration::from_mins(5),
            room_wrong_burst: 30,
            room_wrong_per_minute: 30,
            max_devices_per_address: 4,
            idle_device_expiry: Duration::from_mins(15),
            idle_writer_expiry: Duration::from_hours(3),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            connection_lifetime: Duration::from_mins(2),
            max_connections: connection_cap(open_file_limit()),
        }
    }
}

/// The process's soft limit on open files, where it can be read (Linux, from
/// `/proc/self/limits`; no unsafe code or extra crate needed).
pub fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|line| line.starts_with("Max open files"))?;
    let soft = line.trim_start_matches("Max open files").split_whitespace().next()?;
    // "unlimited" leaves the fallback in charge.
    soft.parse().ok()
}

/// How many connections to allow under an open-file limit of `limit`: a quarter of it (three
/// quarters stay for the app's own files, fonts, windows and threads), between 32 and 1,024;
/// [`FALLBACK_CONNECTION_CAP`] when the limit is unknown.
pub fn connection_cap(limit: Option<u64>) -> usize {
    limit.map_or(FALLBACK_CONNECTION_CAP, |limit| usize::try_from(limit / 4).unwrap_or(1024).clamp(32, 1024))
}

/// A token bucket: `capacity` requests at once, refilled at `per_minute`.
#[derive(Clone, Debug)]
pub struct RateLimit {
    tokens: f64,
    capacity: f64,
    per_second: f64,
    last: Instant,
}

impl RateLimit {
    /// A full bucket.
    pub fn new(capacity: u32, per_minute: u32, now: Instant) -> Self {
        Self {
            tokens: f64::from(capacity),
            capacity: f64::from(capacity),
            per_second: f64::from(per_minute) / 60.0,
            last: now,
        }
    }

    /// Take one request's worth; `Err` with how long until one is free when the bucket is empty.
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.available(now)?;
        self.tokens -= 1.0;
        Ok(())
    }

    /// Whether one request's worth could be taken now, without taking it; `Err` with how long
    /// until one is free.
    pub fn available(&mut self, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.capacity);
        if self.tokens >= 1.0 {
            Ok(())
        } else if self.per_second > 0.0 {
            Err(Duration::from_secs_f64(((1.0 - self.tokens) / self.per_second).max(1.0)))
        } else {
            Err(Duration::from_mins(1))
        }
    }
}

/// Random bytes from the operating system.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        // The OS generator failing is all but impossible; a v4 UUID (itself from the OS
        // generator, with its own fallbacks) keeps codes unpredictable rather than panicking.
        for chunk in bytes.chunks_mut(16) {
            let uuid = uuid::Uuid::new_v4();
            chunk.copy_from_slice(&uuid.as_bytes()[..chunk.len()]);
        }
    }
    bytes
}

/// A fresh random room code.
pub fn new_room_code() -> String {
    // 256 is not a multiple of 31, so bytes at or above 248 are skipped to keep every letter
    // equally likely.
    let limit = (256 / ROOM_CODE_ALPHABET.len() * ROOM_CODE_ALPHABET.len()) as u8;
    let mut code = String::with_capacity(ROOM_CODE_LENGTH);
    while code.len() < ROOM_CODE_LENGTH {
        for byte in random_bytes::<16>() {
            if byte < limit && code.len() < ROOM_CODE_LENGTH {
                code.push(char::from(ROOM_CODE_ALPHABET[usize::from(byte) % ROOM_CODE_ALPHABET.len()]));
            }
        }
    }
    code
}

/// A room code as typed, tidied for comparison: spaces and dashes dropped, in capitals.
pub fn normalise_room_code(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

/// A fresh device token: 128 random bits as hex.
pub fn new_device_token() -> String {
    random_bytes::<16>().iter().fold(String::with_capacity(32), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_codes_use_only_unmistakable_letters() {
        for _ in 0..200 {
            let code = new_room_code();
            assert_eq!(code.len(), ROOM_CODE_LENGTH);
            assert!(code.bytes().all(|c| ROOM_CODE_ALPHABET.contains(&c)), "{code}");
        }
        assert_ne!(new_room_code(), new_room_code());
    }

    #[test]
    fn typed_codes_are_tidied() {
        assert_eq!(normalise_room_code(" ab-c 7d "), "ABC7D");
    }

    #[test]
    fn rate_limit_allows_a_burst_then_refills() {
        let start = Instant::now();
        let mut limit = RateLimit::new(2, 60, start);
        assert!(limit.take(start).is_ok());
        assert!(limit.take(start).is_ok());
        assert!(limit.take(start).is_err());
        assert!(limit.take(start + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn the_connection_cap_leaves_most_files_to_the_app() {
        assert_eq!(connection_cap(Some(1024)), 256);
        assert_eq!(connection_cap(Some(256)), 64);
        assert_eq!(connection_cap(Some(64)), 32);
        assert_eq!(connection_cap(Some(1 << 20)), 1024);
        assert_eq!(connection_cap(None), FALLBACK_CONNECTION_CAP);
        if cfg!(target_os = "linux") {
            let limit = open_file_limit().expect("Linux reports its open-file limit");
            assert!((JoinLimits::default().max_connections as u64) <= limit / 4 + 32);
        }
    }

    #[test]
    fn device_tokens_are_long_and_fresh() {
        let token = new_device_token();
        assert_eq!(token.len(), 32);
        assert_ne!(token, new_device_token());
        assert!(same_secret(&token, &token.clone()));
        assert!(!same_secret(&token, &new_device_token()));
    }
}

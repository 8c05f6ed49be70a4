//! The door of the room: which room-code attempts get a verdict at all.
//!
//! Every attempt from a phone without a valid device cookie counts, right or wrong, against its
//! network address. A few wrong codes in a row lock the address out for a while, and the whole
//! room takes only so many wrong codes a minute. While either holds, no code gets a verdict:
//! the right code is answered exactly as a wrong one, so a guesser learns nothing. The checks
//! run before the code is compared, which is what keeps the answer independent of it.

use super::safety::{JoinLimits, RateLimit};
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Above this many remembered addresses, those with nothing against them are forgotten.
const ADDRESSES_KEPT: usize = 1024;

/// What the door says to one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Door {
    /// The code was compared and is right.
    Right,
    /// The code was compared and is wrong.
    Wrong,
    /// This address tried too often or got too many codes wrong: no verdict for this long.
    AddressLocked(Duration),
    /// The room has had too many wrong codes lately: no verdict for this long.
    RoomLocked(Duration),
}

#[derive(Debug)]
struct Address {
    attempts: RateLimit,
    wrong_in_a_row: u32,
    locked_until: Option<Instant>,
    last_seen: Instant,
}

/// The room-code limits of one room.
#[derive(Debug)]
pub(super) struct Gate {
    addresses: HashMap<IpAddr, Address>,
    room_wrong: RateLimit,
}

impl Gate {
    /// A gate with nothing held against anyone.
    pub(super) fn new(limits: &JoinLimits, now: Instant) -> Self {
        Self {
            addresses: HashMap::new(),
            room_wrong: RateLimit::new(limits.room_wrong_burst, limits.room_wrong_per_minute, now),
        }
    }

    /// Decide on one attempt from `address`; `is_right` compares the code and is only called
    /// when the attempt may have a verdict.
    pub(super) fn attempt(
        &mut self,
        address: IpAddr,
        limits: &JoinLimits,
        now: Instant,
        is_right: impl FnOnce() -> bool,
    ) -> Door {
        self.forget_old(limits, now);
        let record = self.addresses.entry(address).or_insert_with(|| Address {
            attempts: RateLimit::new(limits.join_burst, limits.join_per_minute, now),
            wrong_in_a_row: 0,
            locked_until: None,
            last_seen: now,
        });
        record.last_seen = now;
        if let Some(until) = record.locked_until {
            if now < until {
                return Door::AddressLocked(until - now);
            }
            record.locked_until = None;
            record.wrong_in_a_row = 0;
        }
        if let Err(wait) = record.attempts.take(now) {
            return Door::AddressLocked(wait);
        }
        if let Err(wait) = self.room_wrong.available(now) {
            return Door::RoomLocked(wait);
        }
        if is_right() {
            record.wrong_in_a_row = 0;
            return Door::Right;
        }
        // `available` said there is one to take.
        let _ = self.room_wrong.take(now);
        record.wrong_in_a_row += 1;
        if record.wrong_in_a_row >= limits.wrong_codes_before_lockout {
            record.locked_until = Some(now + limits.lockout);
        }
        Door::Wrong
    }

    /// Keeps the memory of addresses bounded: past [`ADDRESSES_KEPT`], forget those neither
    /// locked out nor seen within the lock-out time.
    fn forget_old(&mut self, limits: &JoinLimits, now: Instant) {
        if self.addresses.len() < ADDRESSES_KEPT {
            return;
        }
        self.addresses.retain(|_, record| {
            record.locked_until.is_some_and(|until| now < until)
                || now.saturating_duration_since(record.last_seen) < limits.lockout
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn limits() -> JoinLimits {
        JoinLimits {
            join_burst: 100,
            join_per_minute: 100,
            wrong_codes_before_lockout: 3,
            lockout: Duration::from_mins(1),
            room_wrong_burst: 5,
            room_wrong_per_minute: 60,
            ..JoinLimits::default()
        }
    }

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn a_locked_address_gets_no_verdict_even_for_the_right_code() {
        let limits = limits();
        let start = Instant::now();
        let mut gate = Gate::new(&limits, start);
        for _ in 0..3 {
            assert_eq!(gate.attempt(A, &limits, start, || false), Door::Wrong);
        }
        let mut compared = false;
        let locked = gate.attempt(A, &limits, start, || {
            compared = true;
            true
        });
        assert!(matches!(locked, Door::AddressLocked(wait) if wait == Duration::from_mins(1)));
        assert!(!compared, "the code is not even looked at");
        assert_eq!(gate.attempt(B, &limits, start, || true), Door::Right, "other addresses are not locked");
        let later = start + Duration::from_secs(61);
        assert_eq!(gate.attempt(A, &limits, later, || true), Door::Right, "the lock-out ends");
    }

    #[test]
    fn the_room_takes_only_so_many_wrong_codes() {
        let limits = limits();
        let start = Instant::now();
        let mut gate = Gate::new(&limits, start);
        for n in 0..5u8 {
            let address = IpAddr::V4(Ipv4Addr::new(10, 0, 1, n));
            assert_eq!(gate.attempt(address, &limits, start, || false), Door::Wrong);
        }
        assert!(matches!(gate.attempt(B, &limits, start, || true), Door::RoomLocked(_)));
        // One wrong code's worth refills each second (60 a minute).
        assert_eq!(gate.attempt(B, &limits, start + Duration::from_secs(1), || true), Door::Right);
    }

    #[test]
    fn every_attempt_counts_against_the_address() {
        let limits = JoinLimits { join_burst: 2, join_per_minute: 1, ..limits() };
        let start = Instant::now();
        let mut gate = Gate::new(&limits, start);
        assert_eq!(gate.attempt(A, &limits, start, || true), Door::Right);
        assert_eq!(gate.attempt(A, &limits, start, || true), Door::Right);
        assert!(matches!(gate.attempt(A, &limits, start, || true), Door::AddressLocked(_)));
    }
}

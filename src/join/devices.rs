//! The phones that have joined: their tokens, who they said they are, their notes and rate
//! limits; how many may join (in all and from one address) and when an idle one is forgotten.

use super::page::AboutYou;
use super::safety::{JoinLimits, RateLimit, new_device_token};
use super::{RoomSnapshot, server::JoinedDevice};
use crate::model::NoteId;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// Names one joined phone for the facilitator's console (the token itself never leaves the
/// server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceId(u64);

impl std::fmt::Display for DeviceId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "phone {}", self.0)
    }
}

/// Who a participant said they are.
#[derive(Clone, Debug, Default)]
pub(super) struct Profile {
    pub(super) about: AboutYou,
}

impl Profile {
    /// The note's author line.
    pub(super) fn author(&self) -> Option<String> {
        match (&self.about.name, &self.about.other_organisation) {
            (Some(name), Some(other)) => Some(format!("{name} ({other})")),
            (Some(name), None) => Some(name.clone()),
            (None, Some(other)) => Some(format!("Anonymous ({other})")),
            (None, None) => None,
        }
    }

    /// Their organisation, in words.
    pub(super) fn organisation_label(&self, snapshot: &RoomSnapshot) -> String {
        if let Some(id) = self.about.organisation {
            return snapshot
                .organisations
                .iter()
                .find(|(org, _)| *org == id)
                .map_or_else(|| "An organisation no longer listed".to_owned(), |(_, name)| name.clone());
        }
        self.about.other_organisation.clone().unwrap_or_else(|| "No organisation".to_owned())
    }
}

/// One joined phone.
pub(super) struct Device {
    pub(super) id: DeviceId,
    pub(super) address: IpAddr,
    pub(super) profile: Option<Profile>,
    pub(super) notes: Vec<NoteId>,
    pub(super) limit: RateLimit,
    pub(super) last_seen: Instant,
}

/// Why a phone with the right code could not join.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Full {
    /// The room has its most phones.
    Room,
    /// This address has its most phones.
    Address,
}

/// Every joined phone, and the room-wide limit on changes.
pub(super) struct Devices {
    pub(super) by_token: HashMap<String, Device>,
    pub(super) room_limit: RateLimit,
    next_id: u64,
}

impl Devices {
    /// No phones yet.
    pub(super) fn new(limits: &JoinLimits, now: Instant) -> Self {
        Self {
            by_token: HashMap::new(),
            room_limit: RateLimit::new(limits.room_burst, limits.room_per_minute, now),
            next_id: 1,
        }
    }

    /// Forget phones idle past their expiry: their slots are free again, and their cookie no
    /// longer works (the notes they sent stay in the workshop).
    pub(super) fn expire(&mut self, limits: &JoinLimits, now: Instant) {
        self.by_token.retain(|_, device| {
            let expiry = if device.notes.is_empty() { limits.idle_device_expiry } else { limits.idle_writer_expiry };
            now.saturating_duration_since(device.last_seen) < expiry
        });
    }

    /// Let a phone in from `address`: its new token, or why not.
    pub(super) fn admit(&mut self, address: IpAddr, limits: &JoinLimits, now: Instant) -> Result<String, Full> {
        self.expire(limits, now);
        if self.by_token.len() >= limits.max_devices {
            return Err(Full::Room);
        }
        if self.by_token.values().filter(|device| device.address == address).count() >= limits.max_devices_per_address {
            return Err(Full::Address);
        }
        let token = new_device_token();
        let id = DeviceId(self.next_id);
        self.next_id += 1;
        let limit = RateLimit::new(limits.device_burst, limits.device_per_minute, now);
        self.by_token
            .insert(token.clone(), Device { id, address, profile: None, notes: Vec::new(), limit, last_seen: now });
        Ok(token)
    }

    /// The phone with `token`, if it has joined and not expired; it counts as seen now.
    pub(super) fn seen(&mut self, token: &str, limits: &JoinLimits, now: Instant) -> Option<&mut Device> {
        let device = self.by_token.get(token)?;
        let expiry = if device.notes.is_empty() { limits.idle_device_expiry } else { limits.idle_writer_expiry };
        if now.saturating_duration_since(device.last_seen) >= expiry {
            self.by_token.remove(token);
            return None;
        }
        let device = self.by_token.get_mut(token)?;
        device.last_seen = now;
        Some(device)
    }

    /// Sign a phone out; returns the notes it sent.
    pub(super) fn remove(&mut self, id: DeviceId) -> Vec<NoteId> {
        let token = self.by_token.iter().find(|(_, device)| device.id == id).map(|(token, _)| token.clone());
        token.and_then(|token| self.by_token.remove(&token)).map_or_else(Vec::new, |device| device.notes)
    }

    /// The phones that have said who they are, for the console.
    pub(super) fn people(&self, snapshot: &RoomSnapshot, now: Instant) -> Vec<JoinedDevice> {
        let mut people: Vec<JoinedDevice> = self
            .by_token
            .values()
            .filter_map(|device| {
                let profile = device.profile.as_ref()?;
                Some(JoinedDevice {
                    device: device.id,
                    organisation: profile.organisation_label(snapshot),
                    name: profile.about.name.clone(),
                    notes: device.notes.len(),
                    idle: now.saturating_duration_since(device.last_seen),
                })
            })
            .collect();
        people.sort_by(|a, b| {
            a.organisation.cmp(&b.organisation).then(a.name.cmp(&b.name)).then(a.device.cmp(&b.device))
        });
        people
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;
    use std::time::Duration;

    #[test]
    fn an_address_gets_only_so_many_phones_and_idle_ones_make_way() {
        let limits = JoinLimits { max_devices: 3, max_devices_per_address: 2, ..JoinLimits::default() };
        let start = Instant::now();
        let mut devices = Devices::new(&limits, start);
        let one = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let two = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        let first = devices.admit(one, &limits, start).unwrap();
        devices.admit(one, &limits, start).unwrap();
        assert_eq!(devices.admit(one, &limits, start), Err(Full::Address));
        let writer = devices.admit(two, &limits, start).unwrap();
        devices.by_token.get_mut(&writer).unwrap().notes.push(NoteId::new_random());
        assert_eq!(devices.admit(two, &limits, start), Err(Full::Room));
        // A silent phone expires sooner than one that has written.
        let later = start + limits.idle_device_expiry + Duration::from_secs(1);
        assert!(devices.seen(&first, &limits, later).is_none(), "an idle phone is forgotten");
        assert!(devices.seen(&writer, &limits, later).is_some(), "a phone that wrote is kept longer");
        assert!(devices.admit(one, &limits, later).is_ok(), "its slot is free again");
    }
}

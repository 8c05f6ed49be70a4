//! Partner organisations and the sectors they come from.

use super::{OrganisationId, Rgb};
use serde::{Deserialize, Serialize};

/// The sector a partner organisation belongs to, in the guide's own terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sector {
    /// Statutory health services: mental health trusts and teams, primary care.
    StatutoryHealth,
    /// Local authority and social care.
    LocalAuthority,
    /// Regeneration partnerships and local strategic partnerships.
    Regeneration,
    /// Voluntary organisations.
    Voluntary,
    /// Community groups.
    Community,
    /// Service users and carers, a voice of their own.
    ServiceUsersAndCarers,
    /// Colleges and other education.
    Education,
    /// Anything else.
    #[default]
    Other,
}

impl Sector {
    /// Every sector, in the order they are offered.
    pub const ALL: [Sector; 8] = [
        Sector::StatutoryHealth,
        Sector::LocalAuthority,
        Sector::Regeneration,
        Sector::Voluntary,
        Sector::Community,
        Sector::ServiceUsersAndCarers,
        Sector::Education,
        Sector::Other,
    ];

    /// The sector's name as people say it.
    pub fn label(self) -> &'static str {
        match self {
            Sector::StatutoryHealth => "Statutory health services",
            Sector::LocalAuthority => "Local authority / social care",
            Sector::Regeneration => "Regeneration / local strategic partnership",
            Sector::Voluntary => "Voluntary",
            Sector::Community => "Community",
            Sector::ServiceUsersAndCarers => "Service users and carers",
            Sector::Education => "Education",
            Sector::Other => "Other",
        }
    }
}

/// A partner organisation taking part in the workshop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Stable id.
    pub id: OrganisationId,
    /// The organisation's name, e.g. "Bristol Assertive Outreach Team".
    pub name: String,
    /// Which sector it belongs to.
    pub sector: Sector,
    /// The colour its notes carry.
    pub colour: Rgb,
    /// A short name the room knows it by (e.g. "AOT"), shown on notes instead of the initials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
}

impl Organisation {
    /// A new organisation with a fresh id.
    pub fn new(name: impl Into<String>, sector: Sector, colour: Rgb) -> Self {
        Self { id: OrganisationId::new_random(), name: name.into(), sector, colour, short_name: None }
    }

    /// Up to three initials, shown on notes so colour is never the only cue ("Bristol Assertive
    /// Outreach Team" → "BAO"); falls back to "?" for a blank name.
    pub fn initials(&self) -> String {
        let small_words = ["and", "of", "the", "for", "&", "/", "-"];
        let initials: String = self
            .name
            .split_whitespace()
            .filter(|word| !small_words.contains(&word.to_lowercase().as_str()))
            .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
            .flat_map(char::to_uppercase)
            .take(3)
            .collect();
        if initials.is_empty() { "?".to_owned() } else { initials }
    }

    /// What notes carry beside the colour: the short name when one is set, else the initials.
    pub fn short_label(&self) -> String {
        match self.short_name.as_deref().map(str::trim) {
            Some(short) if !short.is_empty() => short.to_owned(),
            _ => self.initials(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_small_words_and_cap_at_three() {
        let org = |name: &str| Organisation::new(name, Sector::Other, Rgb::new(0, 0, 0));
        assert_eq!(org("Bristol Assertive Outreach Team").initials(), "BAO");
        assert_eq!(org("City of Bristol College").initials(), "CBC");
        assert_eq!(org("Mind").initials(), "M");
        assert_eq!(org("   ").initials(), "?");
        assert_eq!(org("Service users and carers").initials(), "SUC");
        assert_eq!(org("Bristol Mind").short_label(), "BM");
        let named = Organisation { short_name: Some(" AOT ".into()), ..org("Bristol Assertive Outreach Team") };
        assert_eq!(named.short_label(), "AOT");
    }
}

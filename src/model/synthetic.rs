//! Made-up workshops of any size, for the benchmarks and for tests at scale.
//!
//! A real workshop has tens to hundreds of notes; a facilitator who keeps a year of sessions, or a
//! large conference, reaches thousands. [`synthetic_session`] builds such a workshop: notes of
//! realistic length spread over every prompt and ring of the wheel and along both arcs of the
//! needs map, with organisations, authors, tags and links. It is deterministic (the same count
//! always gives the same session, ids included), so benchmark runs compare like with like.

use super::{
    Link, LinkId, LinkKind, MapArc, Note, NoteId, Organisation, OrganisationId, Placement, Rgb, Sector, Session,
    WheelBand, WorkshopDetails,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Words notes are made of: the vocabulary of the guide's workshops.
const WORDS: [&str; 48] = [
    "people",
    "community",
    "support",
    "housing",
    "advice",
    "worker",
    "college",
    "course",
    "money",
    "benefits",
    "mental",
    "health",
    "team",
    "group",
    "carers",
    "volunteers",
    "funding",
    "referral",
    "waiting",
    "list",
    "trust",
    "partners",
    "meeting",
    "local",
    "services",
    "young",
    "older",
    "family",
    "friends",
    "isolation",
    "stress",
    "debt",
    "jobs",
    "training",
    "outreach",
    "centre",
    "library",
    "church",
    "mosque",
    "drop-in",
    "evening",
    "weekend",
    "transport",
    "language",
    "confidence",
    "welcome",
    "listening",
    "together",
];

/// People who said things; a quarter of the notes are anonymous.
const AUTHORS: [&str; 6] = ["Emily", "Sam", "Priya", "Joe", "Amira", "Tom"];

/// Organisations of every sector, one palette colour each.
const ORGANISATIONS: [(&str, Sector); 8] = [
    ("Bristol Assertive Outreach Team", Sector::StatutoryHealth),
    ("City of Bristol College", Sector::Education),
    ("Bristol Mind", Sector::Voluntary),
    ("Easton Community Centre", Sector::Community),
    ("Social Services East", Sector::LocalAuthority),
    ("Lawrence Hill Regeneration", Sector::Regeneration),
    ("Service User Research Group", Sector::ServiceUsersAndCarers),
    ("Citizens Advice", Sector::Other),
];

/// The groups the guide names as particularly vulnerable, used as tags on some needs.
const TAGS: [&str; 4] = ["homeless people", "disabled people", "ex-offenders", "people with alcohol or drug problems"];

/// A small deterministic random number generator (`SplitMix64`), so the same count always gives
/// the same workshop without a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// A fraction in `0.0..=1.0`.
    fn fraction(&mut self) -> f32 {
        (self.next() >> 40) as f32 / ((1u64 << 24) - 1) as f32
    }

    fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(((u128::from(self.next()) << 64) | u128::from(self.next())).to_le_bytes())
            .into_uuid()
    }
}

/// A workshop with `note_count` notes: half on the wheel (every prompt, both rings), half on the
/// needs map (needs and sources of help alternating, spread along each arc), every need linked
/// to one or two sources of help (one link in eight a gap, one in four "with support"), and one
/// need in five tagged with a vulnerable group.
pub fn synthetic_session(note_count: usize) -> Session {
    let mut random = SplitMix(0x00C0_FFEE ^ note_count as u64);
    let start: OffsetDateTime = datetime!(2026-03-12 10:00 UTC);
    let organisations: Vec<Organisation> = ORGANISATIONS
        .iter()
        .zip(Rgb::PALETTE)
        .map(|(&(name, sector), colour)| Organisation {
            id: OrganisationId(random.uuid()),
            ..Organisation::new(name, sector, colour)
        })
        .collect();
    let mut session = Session {
        details: WorkshopDetails {
            title: format!("Synthetic workshop of {note_count} notes"),
            date: Some(start.date()),
            venue: "Easton Community Centre".to_owned(),
            purpose: "Measuring how Common Ground copes with a year of workshops in one file.".to_owned(),
            facilitator: "Benchmark".to_owned(),
        },
        organisations,
        ..Session::default()
    };
    let prompt_keys: Vec<String> = session.wheel.prompts.iter().map(|prompt| prompt.key.clone()).collect();
    let (mut needs, mut helps) = (Vec::new(), Vec::new());
    for index in 0..note_count {
        let placement = if index % 2 == 0 {
            let band = if random.below(2) == 0 { WheelBand::Assumption } else { WheelBand::Opportunity };
            Placement::Wheel { prompt: prompt_keys[random.below(prompt_keys.len())].clone(), band }
        } else {
            let arc = if index % 4 == 1 { MapArc::Need } else { MapArc::Help };
            Placement::Map { arc, along: random.fraction() }
        };
        let words = 4 + random.below(22);
        let mut text: String = (0..words).map(|_| WORDS[random.below(WORDS.len())]).collect::<Vec<_>>().join(" ");
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let created = start + Duration::seconds(index as i64 * 7);
        let mut note = Note::new(text, placement, created);
        note.id = NoteId(random.uuid());
        note.organisation = (random.below(10) != 0).then(|| session.organisations[random.below(8)].id);
        note.author = (random.below(4) != 0).then(|| AUTHORS[random.below(AUTHORS.len())].to_owned());
        match note.placement.map_arc() {
            Some(MapArc::Need) => {
                if random.below(5) == 0 {
                    note.tags.push(TAGS[random.below(TAGS.len())].to_owned());
                }
                needs.push(note.id);
            }
            Some(MapArc::Help) => helps.push(note.id),
            None => {}
        }
        session.notes.push(note);
    }
    if !helps.is_empty() {
        for &need in &needs {
            for _ in 0..=random.below(2) {
                let kind = match random.below(8) {
                    0 => LinkKind::Gap,
                    1 | 2 => LinkKind::CouldWithSupport,
                    _ => LinkKind::MeetsNow,
                };
                let help = helps[random.below(helps.len())];
                if !session.links.iter().rev().take(2).any(|link| link.need == need && link.help == help) {
                    session.links.push(Link { id: LinkId(random.uuid()), need, help, kind });
                }
            }
        }
    }
    session
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_synthetic_session_is_consistent_spread_out_and_the_same_every_time() {
        let session = synthetic_session(2_000);
        assert_eq!(session.notes.len(), 2_000);
        assert_eq!(session.integrity_problem(), None);
        assert_eq!(session, synthetic_session(2_000), "deterministic");
        let on_wheel = session.notes.iter().filter(|note| note.placement.wheel_spot().is_some()).count();
        let needs = session.notes_on_arc(MapArc::Need).count();
        let helps = session.notes_on_arc(MapArc::Help).count();
        assert_eq!((on_wheel, needs, helps), (1_000, 500, 500));
        for prompt in &session.wheel.prompts {
            for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                assert!(
                    session.notes_on_prompt(&prompt.key, band).count() > 10,
                    "every ring of {} has notes",
                    prompt.key
                );
            }
        }
        assert!(session.links.len() >= needs, "every need is linked");
        assert!(LinkKind::ALL.iter().all(|kind| session.links.iter().any(|link| link.kind == *kind)));
        assert!(session.notes.iter().any(|note| !note.tags.is_empty()));
    }
}

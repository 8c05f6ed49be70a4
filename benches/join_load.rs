//! Load benchmark (not a timed test): 50 simulated participants post 20 notes each, all at
//! once, over real HTTP to the joining server on 127.0.0.1. Checks that no note is lost or
//! duplicated, and reports p50/p95 from the moment a post starts to the moment its note is in
//! the session (and to the moment the phone has its answer).
//!
//! Run with `cargo bench --bench join_load`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "a benchmark or test program, not library API; it stops at the first thing not as expected"
)]

#[path = "../tests/phone/mod.rs"]
mod phone;

use common_ground::join::{HeadlessOwner, JoinLimits, RoomFocus, SessionOwner};
use common_ground::model::{Edit, EditError, Session, WorkshopDetails};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const PARTICIPANTS: usize = 50;
const NOTES_EACH: usize = 20;

/// The headless session owner, noting when each note went into the session.
struct RecordingOwner {
    inner: HeadlessOwner,
    arrived: HashMap<String, Instant>,
}

impl SessionOwner for RecordingOwner {
    fn session(&self) -> &Session {
        &self.inner.session
    }

    fn apply_from_phone(&mut self, edit: Edit) -> Result<(), EditError> {
        let text = match &edit {
            Edit::InsertNote { note, .. } => Some(note.text.clone()),
            _ => None,
        };
        self.inner.apply_from_phone(edit)?;
        if let Some(text) = text {
            self.arrived.insert(text, Instant::now());
        }
        Ok(())
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

fn main() {
    let session = Session::new_workshop(WorkshopDetails { title: "Load".into(), ..Default::default() });
    let prompt = session.wheel.prompts[0].key.clone();
    // Room for 50 phones sending 20 notes each at once: the defaults would (rightly) slow a
    // single phone sending twenty notes in a burst, which is not what is measured here.
    // Every simulated phone is on 127.0.0.1, so the per-address limits (meant for one phone
    // per address) are raised to let all fifty join from it.
    let limits = JoinLimits {
        max_devices: PARTICIPANTS,
        max_devices_per_address: PARTICIPANTS,
        join_burst: PARTICIPANTS as u32,
        device_burst: NOTES_EACH as u32,
        room_burst: (PARTICIPANTS * NOTES_EACH) as u32,
        ..JoinLimits::default()
    };
    let focus = RoomFocus::Wheel { prompt: prompt.clone(), question: String::new() };
    let owner =
        RecordingOwner { inner: HeadlessOwner { session, ..HeadlessOwner::default() }, arrived: HashMap::new() };
    let room = phone::TestRoom::start_with(owner, limits, Some(focus));
    let (base, code) = (room.base.clone(), room.code.clone());

    let start_line = Arc::new(Barrier::new(PARTICIPANTS));
    let phones: Vec<_> = (0..PARTICIPANTS)
        .map(|participant| {
            let (base, code, prompt, start_line) = (base.clone(), code.clone(), prompt.clone(), start_line.clone());
            std::thread::spawn(move || {
                let mut phone = phone::Phone::new(&base);
                assert_eq!(phone.post_form("/join", &[("code", &code)]).status, 303);
                let name = format!("Participant {participant}");
                assert_eq!(phone.post_form("/about-you", &[("organisation", "none"), ("name", &name)]).status, 303);
                start_line.wait();
                let mut sent = Vec::new();
                for n in 0..NOTES_EACH {
                    let text = format!("participant {participant} note {n}");
                    let started = Instant::now();
                    let reply = if n % 2 == 0 {
                        phone.add_to_wheel(&text, "assumption", &prompt)
                    } else {
                        phone.add_to_map(&text, if n % 4 == 1 { "need" } else { "help" })
                    };
                    assert_eq!(reply.status, 303, "{}", reply.body);
                    sent.push((text, started, started.elapsed()));
                }
                sent
            })
        })
        .collect();
    let began = Instant::now();
    let sent: Vec<(String, Instant, Duration)> = phones.into_iter().flat_map(|phone| phone.join().unwrap()).collect();
    let wall = began.elapsed();
    let (session, arrived) = room.with(|_, owner| (owner.inner.session.clone(), owner.arrived.clone()));

    let expected: HashSet<&str> = sent.iter().map(|(text, ..)| text.as_str()).collect();
    let notes = &session.notes;
    let in_session: HashSet<&str> = notes.iter().map(|note| note.text.as_str()).collect();
    assert_eq!(expected.len(), PARTICIPANTS * NOTES_EACH);
    assert_eq!(notes.len(), PARTICIPANTS * NOTES_EACH, "notes lost or duplicated");
    assert_eq!(in_session, expected, "the notes in the session are exactly the notes sent");
    assert_eq!(session.integrity_problem(), None);

    let mut to_session: Vec<Duration> =
        sent.iter().map(|(text, started, _)| arrived[text.as_str()].saturating_duration_since(*started)).collect();
    let mut to_answer: Vec<Duration> = sent.iter().map(|(.., answered)| *answered).collect();
    to_session.sort();
    to_answer.sort();
    println!("join_load: {PARTICIPANTS} participants x {NOTES_EACH} notes = {} notes, all at once", sent.len());
    println!("  lost: 0, duplicated: 0 (checked)");
    println!("  wall time: {:.2?} ({:.0} notes/s)", wall, sent.len() as f64 / wall.as_secs_f64());
    println!(
        "  post -> note in session: p50 {:.2?}, p95 {:.2?}, max {:.2?}",
        percentile(&to_session, 0.5),
        percentile(&to_session, 0.95),
        to_session[to_session.len() - 1]
    );
    println!(
        "  post -> phone has its answer: p50 {:.2?}, p95 {:.2?}",
        percentile(&to_answer, 0.5),
        percentile(&to_answer, 0.95)
    );
}

//! The joining server over real HTTP on 127.0.0.1 (ephemeral port): joining, notes onto the
//! wheel and the map, editing and withdrawing, approval, and every kind of bad request, each
//! of which must get a clear answer and change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod phone;

use common_ground::join::{JoinLimits, RoomFocus};
use common_ground::model::{MapArc, Organisation, Placement, Rgb, Sector, Session, WheelBand, WorkshopDetails};
use phone::TestRoom;

fn workshop() -> Session {
    let mut session =
        Session::new_workshop(WorkshopDetails { title: "Hartcliffe partners".into(), ..Default::default() });
    session.organisations.push(Organisation::new(
        "Hartcliffe Community Trust",
        Sector::Community,
        Rgb::new(20, 90, 200),
    ));
    session.organisations.push(Organisation::new(
        "City Council <Adult Care>",
        Sector::LocalAuthority,
        Rgb::new(200, 90, 20),
    ));
    session
}

fn first_prompt(session: &Session) -> (String, String) {
    let prompt = &session.wheel.prompts[0];
    (prompt.key.clone(), prompt.question.clone())
}

fn room_with(session: Session, limits: JoinLimits) -> TestRoom {
    let focus = Some(RoomFocus::Wheel { prompt: first_prompt(&session).0, question: first_prompt(&session).1 });
    TestRoom::start(session, limits, focus)
}

fn room() -> TestRoom {
    room_with(workshop(), JoinLimits::default())
}

fn org_id(session: &Session, index: usize) -> String {
    session.organisations[index].id.to_string()
}

#[test]
fn a_phone_joins_and_its_notes_reach_the_wheel_and_the_map() {
    let session = workshop();
    let (prompt, question) = first_prompt(&session);
    let trust = org_id(&session, 0);
    let room = room_with(session, JoinLimits::default());
    let mut phone = room.phone();

    let start = phone.get(&format!("/?code={}", room.code));
    assert_eq!(start.status, 200);
    assert!(start.body.contains("Room code") && start.body.contains(&room.code), "the code from the QR is filled in");
    let joined = phone.post_form("/join", &[("code", &room.code.to_lowercase())]);
    assert_eq!((joined.status, joined.location.as_deref()), (303, Some("/about-you")));
    assert!(phone.cookie.as_deref().is_some_and(|cookie| cookie.starts_with("cg_device=")));

    let about = phone.get("/about-you");
    assert!(about.body.contains("Hartcliffe Community Trust"));
    assert!(about.body.contains("City Council &lt;Adult Care&gt;"), "organisation names are escaped");
    let chosen = phone.post_form("/about-you", &[("organisation", &trust), ("name", "Amira"), ("other", "")]);
    assert_eq!((chosen.status, chosen.location.as_deref()), (303, Some("/")));

    let page = phone.get("/");
    assert!(page.body.contains(&question), "the page asks the prompt of the moment");
    assert!(page.body.contains("An assumption") && page.body.contains("An opportunity"));

    let added = phone.add_to_wheel("People know where the drop-in is", "assumption", &prompt);
    assert_eq!((added.status, added.location.as_deref()), (303, Some("/?done=added")));
    assert_eq!(phone.add_to_wheel("A stall at the Saturday market", "opportunity", &prompt).status, 303);
    assert_eq!(phone.add_to_map("Somewhere to go at night", "need").status, 303);
    assert_eq!(phone.add_to_map("The church hall's cafe", "help").status, 303);

    let session = room.session();
    assert_eq!(session.notes.len(), 4);
    let note = |text: &str| session.notes.iter().find(|note| note.text == text).unwrap();
    let assumption = note("People know where the drop-in is");
    assert_eq!(assumption.placement, Placement::Wheel { prompt: prompt.clone(), band: WheelBand::Assumption });
    assert_eq!(assumption.author.as_deref(), Some("Amira"));
    assert_eq!(assumption.organisation, Some(session.organisations[0].id));
    assert!(!assumption.hidden);
    assert_eq!(
        note("A stall at the Saturday market").placement.wheel_spot(),
        Some((prompt.as_str(), WheelBand::Opportunity))
    );
    assert_eq!(note("Somewhere to go at night").placement.map_arc(), Some(MapArc::Need));
    assert_eq!(note("The church hall's cafe").placement.map_arc(), Some(MapArc::Help));
    assert_eq!(session.integrity_problem(), None);

    let mine = phone.get("/?done=added");
    assert!(mine.body.contains("Your note is in"));
    for text in ["People know where the drop-in is", "A stall at the Saturday market", "Somewhere to go at night"] {
        assert!(mine.body.contains(text), "their own notes are listed: {text}");
    }
    let people = room.with(|host, _| host.people());
    assert_eq!(people.len(), 1);
    assert_eq!(
        (people[0].organisation.as_str(), people[0].name.as_deref(), people[0].notes),
        ("Hartcliffe Community Trust", Some("Amira"), 4)
    );
}

#[test]
fn notes_from_phones_are_not_the_facilitators_undo_steps() {
    let session = workshop();
    let prompt = first_prompt(&session).0;
    let room = room_with(session, JoinLimits::default());
    let mut phone = room.joined_phone("none", "");
    assert_eq!(phone.add_to_wheel("Undo cannot take me", "assumption", &prompt).status, 303);
    let (steps, undone, notes) = room.with(|_, owner| {
        let steps = owner.history.undo_len();
        let undone = owner.history.undo(&mut owner.session).unwrap();
        (steps, undone, owner.session.notes.len())
    });
    assert_eq!((steps, undone, notes), (0, false, 1), "the note is the participant's; undo leaves it");
    let note = room.session().notes[0].clone();
    assert_eq!(note.author, None, "an empty name stays anonymous");
    assert_eq!(note.organisation, None);
}

#[test]
fn private_writing_keeps_phone_notes_hidden() {
    let mut session = workshop();
    session.private_writing = true;
    let room = room_with(session, JoinLimits::default());
    let mut phone = room.joined_phone("none", "Jo");
    assert_eq!(phone.add_to_map("Quiet note", "need").status, 303);
    assert!(room.session().notes[0].hidden);
    assert!(phone.get("/").body.contains("hidden until the facilitator reveals it"));
}

#[test]
fn another_organisation_can_be_typed_in() {
    let room = room();
    let mut phone = room.phone();
    phone.post_form("/join", &[("code", &room.code)]);
    let about = phone.post_form("/about-you", &[("organisation", "other"), ("other", "Hope Cafe"), ("name", "")]);
    assert_eq!(about.status, 303);
    assert_eq!(phone.add_to_map("Warm space", "help").status, 303);
    let note = room.session().notes[0].clone();
    assert_eq!((note.author.as_deref(), note.organisation), (Some("Anonymous (Hope Cafe)"), None));
    assert_eq!(room.with(|host, _| host.people())[0].organisation, "Hope Cafe");
}

#[test]
fn a_phone_edits_and_withdraws_only_its_own_notes() {
    let session = workshop();
    let prompt = first_prompt(&session).0;
    let room = room_with(session, JoinLimits::default());
    let mut mine = room.joined_phone("none", "Sam");
    let mut theirs = room.joined_phone("none", "Kim");
    mine.add_to_wheel("First thoughts", "assumption", &prompt);
    theirs.add_to_map("Kim's need", "need");
    let session = room.session();
    let my_id = session.notes.iter().find(|note| note.text == "First thoughts").unwrap().id;
    let their_id = session.notes.iter().find(|note| note.text == "Kim's need").unwrap().id;

    let edited = mine.post_form(&format!("/notes/{my_id}/edit"), &[("text", "Second thoughts")]);
    assert_eq!((edited.status, edited.location.as_deref()), (303, Some("/?done=edited")));
    assert_eq!(room.session().note(my_id).unwrap().text, "Second thoughts");

    let before = room.session();
    let refused = mine.post_form(&format!("/notes/{their_id}/edit"), &[("text", "Hijacked")]);
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("only change notes written on this phone"));
    assert_eq!(mine.post_form(&format!("/notes/{their_id}/withdraw"), &[]).status, 403);
    assert_eq!(mine.post_form("/notes/not-a-note/withdraw", &[]).status, 404);
    assert_eq!(room.session(), before, "nothing changed");

    let withdrawn = mine.post_form(&format!("/notes/{my_id}/withdraw"), &[]);
    assert_eq!((withdrawn.status, withdrawn.location.as_deref()), (303, Some("/?done=withdrawn")));
    let session = room.session();
    assert!(session.note(my_id).is_none());
    assert!(session.note(their_id).is_some());
    assert!(!mine.get("/").body.contains("Second thoughts"));
    // A note the facilitator has deleted can no longer be changed from the phone.
    room.with(move |_, owner| {
        owner.history.apply(&mut owner.session, common_ground::model::Edit::DeleteNote(their_id)).unwrap();
    });
    let gone = theirs.post_form(&format!("/notes/{their_id}/edit"), &[("text", "again")]);
    assert_eq!(gone.status, 409);
    assert!(gone.body.contains("no longer in the workshop"));
}

#[test]
fn with_approval_notes_wait_until_the_facilitator_lets_them_in() {
    let session = workshop();
    let prompt = first_prompt(&session).0;
    let room = room_with(session, JoinLimits::default());
    room.with(|host, _| host.approval_required = true);
    let mut phone = room.joined_phone("none", "Lee");
    let first = phone.add_to_wheel("Approve me", "assumption", &prompt);
    assert_eq!(first.location.as_deref(), Some("/?done=waiting"));
    phone.add_to_map("Reject me", "need");
    assert!(room.session().notes.is_empty(), "nothing enters before approval");
    let page = phone.get("/");
    assert!(page.body.contains("Waiting for the facilitator to approve it"));

    let waiting =
        room.with(|host, _| host.waiting().iter().map(|w| (w.note.id, w.note.text.clone())).collect::<Vec<_>>());
    assert_eq!(waiting.len(), 2);
    let (approve, reject) = (waiting[0].0, waiting[1].0);
    // Editing a waiting note changes what will go in.
    assert_eq!(phone.post_form(&format!("/notes/{approve}/edit"), &[("text", "Approve me, edited")]).status, 303);
    room.with(move |host, owner| {
        host.approve(approve, owner).unwrap();
        host.reject(reject, &owner.session.clone());
    });
    let session = room.session();
    assert_eq!(session.notes.len(), 1);
    assert_eq!(session.notes[0].text, "Approve me, edited");
    assert!(room.with(|host, _| host.waiting().is_empty()));
    let page = phone.get("/");
    assert!(page.body.contains("On the wall") && !page.body.contains("Reject me"));
}

#[test]
fn the_page_asks_what_the_room_is_working_on() {
    let room = room();
    let mut phone = room.joined_phone("none", "");
    room.with(|host, owner| host.publish(&owner.session, Some(RoomFocus::Map)));
    let page = phone.get("/");
    assert!(page.body.contains("The needs map") && page.body.contains("A source of help"));
    let question = room.with(|host, owner| {
        let prompt = owner.session.wheel.prompts[3].clone();
        host.publish(&owner.session, Some(RoomFocus::Wheel { prompt: prompt.key, question: prompt.question.clone() }));
        prompt.question
    });
    assert!(phone.get("/").body.contains(&common_ground::join::page::escape(&question)));
}

/// Sends a bad request and checks the answer's status and words, and that the session and the
/// list of joined phones did not change.
fn refused(room: &TestRoom, status: u16, words: &str, send: impl FnOnce() -> phone::Reply) {
    let session = room.session();
    let people = room.with(|host, _| host.people().len());
    let reply = send();
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(reply.body.contains(words), "expected “{words}” in {}", reply.body);
    assert!(reply.body.starts_with("<!doctype html>"), "a readable page, not a bare error");
    assert_eq!(room.session(), session, "a bad request changed the session");
    assert_eq!(room.with(|host, _| host.people().len()), people);
}

#[test]
fn every_bad_request_gets_a_clear_answer_and_changes_nothing() {
    let session = workshop();
    let prompt = first_prompt(&session).0;
    let room = room_with(session, JoinLimits::default());
    let mut stranger = room.phone();
    refused(&room, 403, "not the room code", || stranger.post_form("/join", &[("code", "ZZZZZ")]));
    assert!(stranger.cookie.is_none(), "a wrong code gets no device token");
    refused(&room, 401, "has not joined", || stranger.add_to_map("sneaky", "need"));
    stranger.cookie = Some("cg_device=0123456789abcdef0123456789abcdef".into());
    refused(&room, 401, "has not joined", || stranger.add_to_map("forged token", "need"));

    let mut phone = room.joined_phone("none", "Pat");
    refused(&room, 422, "not on this workshop", || {
        phone.post_form("/about-you", &[("organisation", &uuid::Uuid::new_v4().to_string()), ("name", "x")])
    });
    refused(&room, 400, "The form could not be read", || phone.post_form("/about-you", &[("name", "x")]));
    let oversized = vec![b'a'; 64 * 1024];
    refused(&room, 413, "Too much at once", || {
        phone.post_raw("/notes", "application/x-www-form-urlencoded", &oversized)
    });
    refused(&room, 400, "not valid UTF-8", || {
        phone.post_raw("/notes", "application/x-www-form-urlencoded", b"kind=need&text=caf\xe9")
    });
    refused(&room, 400, "not valid UTF-8", || {
        phone.post_raw("/notes", "application/x-www-form-urlencoded", b"kind=need&text=%FF%FE")
    });
    refused(&room, 400, "The form could not be read", || {
        phone.post_raw("/notes", "application/x-www-form-urlencoded", b"kind=need&text")
    });
    refused(&room, 400, "given twice", || {
        phone.post_raw("/notes", "application/x-www-form-urlencoded", b"kind=need&text=a&text=b")
    });
    refused(&room, 400, "assumption, opportunity, need or help", || phone.add_to_map("note", "sideways"));
    refused(&room, 400, "which question", || phone.post_form("/notes", &[("text", "t"), ("kind", "assumption")]));
    refused(&room, 422, "not on the wheel", || phone.add_to_wheel("note", "assumption", "no-such-prompt"));
    refused(&room, 415, "Not a form", || phone.post_raw("/notes", "application/json", b"{\"text\":\"hi\"}"));
    let long = "x".repeat(281);
    refused(&room, 413, "at most 280", || phone.add_to_wheel(&long, "assumption", &prompt));
    refused(&room, 400, "empty", || phone.add_to_map("   ", "need"));
    refused(&room, 413, "at most 80", || {
        phone.post_form("/about-you", &[("organisation", "none"), ("name", &"n".repeat(81))])
    });
    refused(&room, 404, "nothing at this address", || phone.get("/admin"));
    refused(&room, 405, "does not take that kind", || phone.get("/notes"));
    // And the phone still works after all that.
    assert_eq!(phone.add_to_wheel(&"x".repeat(280), "assumption", &prompt).status, 303);
    assert_eq!(room.session().notes.len(), 1);
}

#[test]
fn everything_a_person_wrote_is_escaped_in_the_page() {
    let room = room();
    let mut phone = room.joined_phone("other", "<b>Bold</b>");
    phone.post_form(
        "/about-you",
        &[("organisation", "other"), ("other", "\"><script>alert(1)</script>"), ("name", "<b>Bold</b>")],
    );
    phone.add_to_map("<img src=x onerror=alert(1)> & more", "need");
    let page = phone.get("/").body;
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<b>Bold"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"));
}

#[test]
fn line_breaks_stay_and_other_control_characters_go() {
    let room = room();
    let mut phone = room.joined_phone("none", "");
    assert_eq!(phone.add_to_map("  line one\r\nline two\u{7}end  ", "need").status, 303);
    assert_eq!(room.session().notes[0].text, "line one\nline two end");
}

#[test]
fn rate_limits_per_phone_and_for_the_room() {
    let limits = JoinLimits {
        device_burst: 3,
        device_per_minute: 1,
        room_burst: 5,
        room_per_minute: 1,
        ..JoinLimits::default()
    };
    let room = room_with(workshop(), limits);
    let mut busy = room.joined_phone("none", "");
    for n in 0..3 {
        assert_eq!(busy.add_to_map(&format!("note {n}"), "need").status, 303);
    }
    let slowed = busy.add_to_map("one too many", "need");
    assert_eq!(slowed.status, 429);
    assert!(slowed.retry_after.is_some() && slowed.body.contains("Wait a moment"));
    let mut other = room.joined_phone("none", "");
    assert_eq!(other.add_to_map("room note 4", "need").status, 303);
    assert_eq!(other.add_to_map("room note 5", "need").status, 303);
    let room_full = other.add_to_map("room note 6", "need");
    assert_eq!(room_full.status, 429);
    assert!(room_full.body.contains("Everyone is writing at once"));
    assert_eq!(room.session().notes.len(), 5);
}

#[test]
fn wrong_codes_are_rate_limited_and_the_room_has_a_cap() {
    let limits = JoinLimits { join_burst: 2, join_per_minute: 1, max_devices: 2, ..JoinLimits::default() };
    let room = room_with(workshop(), limits);
    let mut guesser = room.phone();
    assert_eq!(guesser.post_form("/join", &[("code", "AAAAA")]).status, 403);
    assert_eq!(guesser.post_form("/join", &[("code", "BBBBB")]).status, 403);
    let stopped = guesser.post_form("/join", &[("code", "CCCCC")]);
    assert_eq!(stopped.status, 429);
    assert!(stopped.body.contains("Too many wrong room codes"));
    let right = guesser.post_form("/join", &[("code", &room.code)]);
    assert_eq!(right.status, 429, "while locked out, not even the right code gets in");
    assert!(guesser.cookie.is_none());
    // Every attempt from an address counts, so the room's cap is shown from a fresh room.
    let room = room_with(workshop(), JoinLimits { max_devices: 2, ..JoinLimits::default() });
    room.joined_phone("none", "");
    room.joined_phone("none", "");
    let mut third = room.phone();
    let full = third.post_form("/join", &[("code", &room.code)]);
    assert_eq!(full.status, 503);
    assert!(full.body.contains("The room is full"));
    assert!(third.cookie.is_none());
}

#[test]
fn the_server_stops_when_joining_ends() {
    let room = room();
    let address = room.base.trim_start_matches("http://").to_owned();
    assert!(address.starts_with("127.0.0.1:"), "it listens only where it was asked to");
    assert!(std::net::TcpStream::connect(&address).is_ok());
    drop(room);
    assert!(std::net::TcpStream::connect(&address).is_err(), "nothing listens once joining has ended");
}

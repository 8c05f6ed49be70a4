//! The joining server's defences over real HTTP on 127.0.0.1 (and other loopback addresses,
//! standing in for other phones on the network): the room code cannot be guessed, idle and
//! slow connections cannot shut phones out or use up the laptop's open files, and one person
//! cannot fill the room. Counts and times are kept small so the tests stay quick and steady on
//! a busy two-core machine.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod phone;

use common_ground::document::Document;
use common_ground::join::{JoinLimits, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, RoomFocus};
use common_ground::model::{Session, WorkshopDetails};
use common_ground::store::{DataDir, RecoveryJournal};
use phone::TestRoom;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn workshop() -> Session {
    Session::new_workshop(WorkshopDetails { title: "Defences".into(), ..Default::default() })
}

fn room(limits: JoinLimits) -> TestRoom {
    TestRoom::start(workshop(), limits, Some(RoomFocus::Map))
}

fn server_address(room: &TestRoom<impl Sized>) -> SocketAddr {
    room.base.trim_start_matches("http://").parse().unwrap()
}

/// One answer to a raw request.
struct Answer {
    status: u16,
    text: String,
}

impl Answer {
    fn sets_cookie(&self) -> bool {
        self.text.to_ascii_lowercase().contains("set-cookie: cg_device=")
    }
}

/// Posts the room code from the loopback address `from` (127.0.0.x), as a phone at another
/// address on the network would.
fn join_from(from: Ipv4Addr, server: SocketAddr, code: &str) -> Answer {
    // std cannot choose a connection's own address; tokio's socket can, then hands it back.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let stream = runtime.block_on(async move {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::from((from, 0))).unwrap();
        socket.connect(server).await.unwrap()
    });
    let mut stream = stream.into_std().unwrap();
    stream.set_nonblocking(false).unwrap();
    let body = format!("code={code}");
    let request = format!(
        "POST /join HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    Answer { status, text }
}

fn other_address(n: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, n)
}

/// A wrong code of the right shape, different from the room's.
fn wrong_code(room_code: &str, n: usize) -> String {
    let letters = ROOM_CODE_ALPHABET;
    let code: String = (0..ROOM_CODE_LENGTH).map(|i| char::from(letters[(n + i * 7) % letters.len()])).collect();
    if code == room_code { "AAAAB".to_owned() } else { code }
}

#[test]
fn a_locked_out_address_gets_no_verdict_even_for_the_right_code() {
    let limits = JoinLimits { wrong_codes_before_lockout: 3, lockout: Duration::from_mins(1), ..JoinLimits::default() };
    let room = room(limits);
    let mut guesser = room.phone();
    for n in 0..3 {
        let wrong = guesser.post_form("/join", &[("code", &wrong_code(&room.code, n))]);
        assert_eq!(wrong.status, 403, "a wrong code is answered as wrong, at first");
    }
    let right = guesser.post_form("/join", &[("code", &room.code)]);
    let wrong = guesser.post_form("/join", &[("code", &wrong_code(&room.code, 9))]);
    for locked in [&right, &wrong] {
        assert_eq!(locked.status, 429);
        assert!(locked.body.contains("Too many wrong room codes from this device"), "{}", locked.body);
        assert!(locked.retry_after.is_some());
    }
    assert!(guesser.cookie.is_none(), "the right code is refused while locked out");
    let shape = |body: &str| body.replace(char::is_numeric, "");
    assert_eq!(shape(&right.body), shape(&wrong.body), "right and wrong get the same answer");
    // A phone at another address is not locked out.
    let elsewhere = join_from(other_address(2), server_address(&room), &room.code);
    assert_eq!(elsewhere.status, 303);
    assert!(elsewhere.sets_cookie());
}

#[test]
fn guesses_answered_per_minute_per_address_and_for_the_room() {
    let limits = JoinLimits::default();
    let room = room(limits.clone());
    let server = server_address(&room);

    // One address, guessing as fast as it can for a second: only the first few get a verdict.
    let started = Instant::now();
    let mut answered = 0;
    let mut attempts = 0;
    while started.elapsed() < Duration::from_secs(1) {
        let answer = join_from(other_address(10), server, &wrong_code(&room.code, attempts));
        attempts += 1;
        assert!(matches!(answer.status, 403 | 429), "{}", answer.text);
        answered += usize::from(answer.status == 403);
    }
    assert_eq!(answered, limits.wrong_codes_before_lockout as usize, "{attempts} attempts, {answered} answered");
    let right = join_from(other_address(10), server, &room.code);
    assert_eq!(right.status, 429, "and then not even the right code");
    // With the lock-out this long, one address gets at most this many verdicts a minute.
    let per_minute = f64::from(limits.wrong_codes_before_lockout) / limits.lockout.as_secs_f64() * 60.0;
    assert!(per_minute <= 1.0, "{per_minute} a minute from one address");

    // Many addresses at once: the room as a whole answers only its burst, then its rate.
    let started = Instant::now();
    let mut room_answered = 0;
    for address in 20..60u8 {
        for n in 0..limits.wrong_codes_before_lockout as usize {
            let answer = join_from(other_address(address), server, &wrong_code(&room.code, n));
            room_answered += usize::from(answer.status == 403);
        }
    }
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    let allowed =
        f64::from(limits.room_wrong_burst) - answered as f64 + f64::from(limits.room_wrong_per_minute) * minutes + 1.0;
    assert!(room_answered as f64 <= allowed, "{room_answered} verdicts for the room, at most {allowed}");
    let fresh = join_from(other_address(99), server, &room.code);
    assert_eq!(fresh.status, 429, "once the room's wrong codes are spent, no verdict for anyone");
    assert!(fresh.text.contains("in this room"));

    // At that rate, trying every code takes weeks, not hours.
    let codes = (ROOM_CODE_ALPHABET.len() as f64).powi(ROOM_CODE_LENGTH as i32);
    let weeks = codes / f64::from(limits.room_wrong_per_minute) / (60.0 * 24.0 * 7.0);
    assert!(weeks > 52.0, "a full search takes {weeks:.0} weeks");
}

#[test]
fn devices_are_limited_per_address_and_idle_ones_expire() {
    let limits = JoinLimits {
        max_devices_per_address: 2,
        idle_device_expiry: Duration::from_millis(600),
        ..JoinLimits::default()
    };
    let room = room(limits);
    let server = server_address(&room);
    let mut writer = room.joined_phone("none", "Writes");
    let silent = room.joined_phone("none", "Silent");
    assert_eq!(writer.add_to_map("A note keeps my phone", "need").status, 303);
    let third = join_from(Ipv4Addr::LOCALHOST, server, &room.code);
    assert_eq!(third.status, 503);
    assert!(third.text.contains("Too many phones from here") && !third.sets_cookie());
    assert_eq!(join_from(other_address(3), server, &room.code).status, 303, "another address still can");

    std::thread::sleep(Duration::from_millis(800));
    let mut silent = silent;
    assert_eq!(silent.get("/about-you").status, 401, "a phone idle too long is forgotten");
    assert_eq!(writer.get("/").status, 200, "one that has written is kept longer");
    let again = join_from(Ipv4Addr::LOCALHOST, server, &room.code);
    assert_eq!(again.status, 303, "the forgotten phone's slot is free again");
    assert_eq!(room.with(|host, _| host.people().len()), 1, "the console lists only phones still in");
}

#[test]
fn the_facilitator_pauses_joining_rejects_all_and_removes_a_phone() {
    let room = room(JoinLimits::default());
    let mut flooder = room.joined_phone("none", "Flood");
    let mut other = room.joined_phone("none", "Kim");
    for n in 0..3 {
        assert_eq!(flooder.add_to_map(&format!("flood {n}"), "need").status, 303);
    }
    assert_eq!(other.add_to_map("A real need", "need").status, 303);
    room.with(|host, _| host.approval_required = true);
    assert_eq!(flooder.add_to_map("flood waiting", "need").location.as_deref(), Some("/?done=waiting"));
    assert_eq!(other.add_to_map("Kim waiting", "need").location.as_deref(), Some("/?done=waiting"));

    room.with(|host, owner| host.reject_all(&owner.session));
    assert!(room.with(|host, _| host.waiting().is_empty()));

    room.with(|host, _| host.set_paused(true));
    let paused = join_from(other_address(4), server_address(&room), &room.code);
    assert_eq!(paused.status, 503);
    assert!(paused.text.contains("Joining is paused") && !paused.sets_cookie());
    assert_eq!(other.get("/").status, 200, "phones already in carry on");
    room.with(|host, _| host.set_paused(false));
    assert_eq!(join_from(other_address(4), server_address(&room), &room.code).status, 303);

    let removed = room.with(|host, owner| {
        let device = host.people().into_iter().find(|person| person.name.as_deref() == Some("Flood")).unwrap().device;
        let edit = host.remove_device(device, &owner.session).unwrap();
        owner.history.apply(&mut owner.session, edit).unwrap();
        owner.session.notes.iter().map(|note| note.text.clone()).collect::<Vec<_>>()
    });
    assert_eq!(removed, ["A real need"], "everything the phone sent is gone, the others' notes stay");
    assert_eq!(flooder.add_to_map("more", "need").status, 401, "the removed phone is signed out");
    let restored = room.with(|_, owner| {
        assert!(owner.history.undo(&mut owner.session).unwrap());
        owner.session.notes.len()
    });
    assert_eq!(restored, 4, "the removal is one undoable step");
}

/// Opens `count` connections that never send anything.
fn idle_connections(server: SocketAddr, count: usize) -> Vec<TcpStream> {
    (0..count).map(|_| TcpStream::connect(server).unwrap()).collect()
}

/// Opens `count` connections that start a request and stall: half in the headers, half in the
/// body.
fn slow_connections(server: SocketAddr, count: usize) -> Vec<TcpStream> {
    (0..count)
        .map(|n| {
            let mut stream = TcpStream::connect(server).unwrap();
            let start = if n % 2 == 0 {
                "POST /join HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n".to_owned()
            } else {
                "POST /join HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: 200\r\n\r\ncode=AB"
                    .to_owned()
            };
            stream.write_all(start.as_bytes()).unwrap();
            stream
        })
        .collect()
}

#[cfg(target_os = "linux")]
fn open_files() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[test]
fn idle_and_slow_connections_neither_shut_phones_out_nor_stop_autosave() {
    let data = tempfile::tempdir().unwrap();
    let journal = RecoveryJournal::new(DataDir::at(data.path()));
    let document = Document::new_untitled(workshop(), journal);
    let limits = JoinLimits {
        max_connections: 40,
        header_timeout: Duration::from_secs(3),
        body_timeout: Duration::from_secs(3),
        ..JoinLimits::default()
    };
    let room = TestRoom::start_with(document, limits, Some(RoomFocus::Map));
    let server = server_address(&room);
    #[cfg(target_os = "linux")]
    let files_before = open_files();

    let idle = idle_connections(server, 300);
    let slow = slow_connections(server, 100);
    // Let the server accept them all (and close what is over its cap).
    std::thread::sleep(Duration::from_millis(300));
    #[cfg(target_os = "linux")]
    {
        let held_by_server = open_files().saturating_sub(files_before + idle.len() + slow.len());
        println!("with {} idle and slow connections open, the server holds {held_by_server} files", 400);
        assert!(held_by_server <= 40 + 8, "the server holds {held_by_server} files, its cap is 40");
    }

    let started = Instant::now();
    let mut phone = room.joined_phone("none", "Still gets in");
    assert_eq!(phone.add_to_map("Posted past the crowd", "need").status, 303);
    let took = started.elapsed();
    println!("a phone joined and posted past them in {took:?}");
    assert!(took < Duration::from_secs(2), "joining and posting took {took:?}");

    let saved = room.with(|_, document: &mut Document| {
        document.save().map(|()| std::fs::read_to_string(document.location().path()).unwrap())
    });
    let file = saved.expect("the autosave has files to write to");
    assert!(file.contains("Posted past the crowd"));

    // The slow ones are cut off once their time is up: the server closes them.
    let mut stalled = slow.into_iter().last().unwrap();
    stalled.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = Vec::new();
    let cut_off = Instant::now();
    let _ = stalled.read_to_end(&mut answer);
    assert!(cut_off.elapsed() < Duration::from_secs(8), "a stalled request is cut off after its timeout");
    drop(idle);
}

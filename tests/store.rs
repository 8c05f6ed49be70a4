//! Workshop files: round trips, the version-1 fixture, atomic saves, and every kind of bad file.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::examples::EXAMPLES;
use common_ground::model::{
    Action, Link, LinkKind, MapArc, Note, Organisation, Participant, Placement, Rgb, Sector, Session, WheelBand,
    WheelPrompt, WorkshopDetails,
};
use common_ground::store::{
    CURRENT_FORMAT_VERSION, LoadProblem, MAX_FILE_BYTES, backup_path, load_session, parse_session, save_session,
    session_to_ron,
};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn example() -> Session {
    EXAMPLES[0].session().expect("the example parses")
}

fn current_version_line() -> String {
    format!("format_version: {CURRENT_FORMAT_VERSION}")
}

#[test]
fn save_then_load_gives_the_same_session() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workshop.ron");
    save_session(&example(), &path).unwrap();
    assert_eq!(load_session(&path).unwrap(), example());
}

#[test]
fn a_hand_edited_file_that_does_not_start_with_its_version_still_loads() {
    // Saved files start "(format_version: N,", which is read without a second parse; a file a
    // person rearranged, or began with a comment, is read the slower way, to the same session.
    let text = session_to_ron(&example());
    let rest = text.trim_start().strip_prefix("(").unwrap().trim_start();
    let (version_line, fields) = rest.split_once('\n').unwrap();
    assert_eq!(version_line.trim(), format!("format_version: {CURRENT_FORMAT_VERSION},"));
    let fields = fields.trim_end().trim_end_matches(')');
    let moved = format!("// Our Tuesday workshop\n({fields}\n    format_version: {CURRENT_FORMAT_VERSION},\n)");
    assert_eq!(parse_session(moved.as_bytes()).unwrap(), example());
    let commented = format!("// Our Tuesday workshop\n{text}");
    assert_eq!(parse_session(commented.as_bytes()).unwrap(), example());
}

#[test]
fn the_file_is_readable_ron_with_a_format_version() {
    let text = session_to_ron(&example());
    assert!(text.contains(&format!("format_version: {CURRENT_FORMAT_VERSION}")), "{text}");
    assert!(text.contains("title: \"Community involvement"), "{text}");
    assert!(text.contains("colour: \"#0072b2\""), "{text}");
    assert!(text.contains("placement: Wheel("), "{text}");
    assert!(text.lines().count() > 50, "pretty-printed, one field a line");
}

#[test]
fn format_version_2_fixture_loads_forever_without_loss() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v2.ron");
    let session = load_session(&path).expect("the version 2 fixture must always load");
    assert_eq!(session.details.title, "Community involvement: education and work after outreach");
    assert_eq!(session.organisations.len(), 5);
    assert_eq!(session.participants.len(), 7);
    assert_eq!(session.notes.len(), 54);
    assert_eq!(session.links.len(), 5);
    assert_eq!(session.actions.len(), 2);
    assert_eq!(session.wheel.prompts.len(), 12, "the guide's eleven and one of the workshop's own");
    let own = &session.wheel.prompts[3];
    assert_eq!((own.question.as_str(), own.discussed), ("Who speaks for carers?", true));
    let on_own: Vec<_> = session.notes_on_prompt(&own.key, WheelBand::Assumption).collect();
    assert_eq!(on_own.len(), 1);
    assert_eq!(on_own[0].tags, vec!["carers".to_owned()]);
    assert_eq!(session.notes.iter().filter(|note| note.placement == Placement::Unplaced).count(), 2);
    assert!(session.actions[0].linked_notes.contains(&session.links[0].need));
    // Version 3's additions start empty: nothing is invented for an old file.
    assert!(session.groups.is_empty() && session.votes.is_empty() && session.agenda.steps.is_empty());
    assert!(!session.private_writing && session.notes.iter().all(|note| !note.hidden && note.group.is_none()));
    assert!(session.actions.iter().all(|action| !action.agreed && action.supporting.is_empty()));

    // Without loss: every field of the old file reads the same once saved in the new format.
    let old_text = std::fs::read_to_string(&path).unwrap();
    let new_text = session_to_ron(&session);
    assert!(new_text.contains(&current_version_line()));
    let fields_of = |text: &str| -> ron::Map {
        let ron::Value::Map(file) = ron::from_str::<ron::Value>(text).unwrap() else { panic!("not a map") };
        let session = file.get(&ron::Value::String("session".into())).cloned().unwrap();
        let ron::Value::Map(fields) = session else { panic!("session is not a map") };
        fields
    };
    let old_fields = fields_of(&old_text);
    let new_fields = fields_of(&new_text);
    for (key, old_value) in old_fields.iter() {
        let mut new_value = new_fields.get(key).cloned().unwrap_or_else(|| panic!("{key:?} was lost"));
        if *key == ron::Value::String("actions".into()) {
            new_value = without_key(new_value, "agreed");
        }
        assert_eq!(&new_value, old_value, "{key:?} changed on the way to version {CURRENT_FORMAT_VERSION}");
    }
}

/// The value with `key` taken out of every map in a list (a field a newer version adds).
fn without_key(value: ron::Value, key: &str) -> ron::Value {
    match value {
        ron::Value::Seq(items) => ron::Value::Seq(items.into_iter().map(|item| without_key(item, key)).collect()),
        ron::Value::Map(map) => {
            ron::Value::Map(map.into_iter().filter(|(name, _)| *name != ron::Value::String(key.into())).collect())
        }
        other => other,
    }
}

#[test]
fn format_version_1_fixture_loads_forever() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron");
    let session = load_session(&path).expect("the version 1 fixture must always load");
    assert_eq!(session.details.title, "Community involvement: education and work after outreach");
    assert_eq!(session.details.date, Some(time::macros::date!(2026 - 03 - 12)));
    assert_eq!(session.organisations.len(), 5);
    assert_eq!(session.organisations[1].sector, Sector::Education);
    assert_eq!(session.organisations[0].colour, Rgb::new(0x00, 0x72, 0xb2));
    assert_eq!(session.participants.len(), 7);
    assert_eq!(session.participants[6].name, None);
    assert_eq!(session.notes.len(), 7);
    assert_eq!(
        session.notes[0].placement,
        Placement::Wheel { prompt: "whose-welfare".into(), band: WheelBand::Assumption }
    );
    assert_eq!(session.notes[4].placement, Placement::Map { arc: MapArc::Need, along: 0.7 });
    assert_eq!(session.notes[6].placement, Placement::Unplaced);
    assert_eq!(session.notes[2].author, None);
    assert_eq!(session.actions.len(), 2);
    assert_eq!(session.actions[0].linked_notes, vec![session.notes[1].id, session.notes[3].id]);
    // Version 1 had no wheel of its own and no links: it gets the guide's wheel.
    assert_eq!(session.wheel, common_ground::model::Wheel::from_guide());
    assert!(session.links.is_empty());
    assert!(session.notes.iter().all(|note| note.tags.is_empty()));
}

#[test]
fn every_example_workshop_loads_from_its_file() {
    for example in EXAMPLES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("workshops").join(example.file_name);
        let session = load_session(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!session.organisations.is_empty() && !session.notes.is_empty() && !session.actions.is_empty());
    }
}

#[test]
fn saving_keeps_the_previous_version_as_bak_and_leaves_no_temporary_files() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workshop.ron");
    let first = example();
    let mut second = example();
    second.details.title = "Second version".into();
    save_session(&first, &path).unwrap();
    assert!(!backup_path(&path).exists(), "no backup before there is a previous version");
    save_session(&second, &path).unwrap();
    assert_eq!(load_session(&path).unwrap(), second);
    assert_eq!(backup_path(&path), folder.path().join("workshop.ron.bak"));
    assert_eq!(load_session(&backup_path(&path)).unwrap(), first);
    let mut names: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["workshop.ron", "workshop.ron.bak"]);
}

#[test]
fn saving_into_a_missing_folder_fails_clearly_and_creates_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("no such folder").join("workshop.ron");
    let error = save_session(&example(), &path).unwrap_err();
    assert!(error.to_string().starts_with("Couldn't save “workshop.ron”"), "{error}");
    assert!(!folder.path().join("no such folder").exists());
}

/// Writes `bytes` to a file, tries to load it, and checks the error names the file, matches
/// `expected`, and that the file's bytes are untouched.
fn assert_refused(name: &str, bytes: &[u8], expected: impl Fn(&LoadProblem) -> bool, words: &str) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let error = load_session(&path).expect_err(name);
    let message = error.to_string();
    assert!(expected(&error.problem), "{name}: unexpected problem {:?}", error.problem);
    assert!(message.contains(name), "{name}: message does not name the file: {message}");
    assert!(message.contains(words), "{name}: message should say {words:?}: {message}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}: the file was changed");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1, "{name}: something else was written");
}

#[test]
fn a_damaged_file_is_refused_with_its_line() {
    let mut text = session_to_ron(&example());
    text = text.replacen("organisations: [", "organisations: [[[ oops", 1);
    assert_refused("damaged.ron", text.as_bytes(), |p| matches!(p, LoadProblem::Damaged { .. }), "damaged at line");
}

#[test]
fn a_truncated_file_is_refused_as_cut_off() {
    let text = session_to_ron(&example());
    // Cut at many points: inside strings, between fields, mid-number; each must read as cut off.
    for fraction in [0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
        let mut end = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = &text.as_bytes()[..end];
        assert_refused("truncated.ron", cut, |p| matches!(p, LoadProblem::Truncated { .. }), "ends too early");
    }
}

#[test]
fn an_empty_file_is_refused() {
    assert_refused("empty.ron", b"", |p| matches!(p, LoadProblem::Empty), "is empty");
    assert_refused("blank.ron", b"  \n\n ", |p| matches!(p, LoadProblem::Empty), "is empty");
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1024 * 1024).unwrap();
    drop(file);
    let error = load_session(&path).unwrap_err();
    assert!(matches!(error.problem, LoadProblem::TooLarge { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("huge.ron") && message.contains("MB"), "{message}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1024 * 1024);
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let depth = 100_000;
    let text = format!("(format_version: 1, session: {}{})", "[".repeat(depth), "]".repeat(depth));
    assert_refused("deep.ron", text.as_bytes(), |p| matches!(p, LoadProblem::TooDeep), "nested");
    // Also where the probe skips the value as unknown data.
    let text = format!("(extra: {}{}, format_version: 1)", "(".repeat(depth), ")".repeat(depth));
    assert_refused("deep-extra.ron", text.as_bytes(), |p| matches!(p, LoadProblem::TooDeep), "nested");
}

#[test]
fn wrongly_typed_fields_are_refused() {
    let text = session_to_ron(&example()).replacen(&current_version_line(), "format_version: \"one\"", 1);
    assert_refused("typed.ron", text.as_bytes(), |p| matches!(p, LoadProblem::Damaged { .. }), "damaged");
    let text = session_to_ron(&example()).replacen("sector: Voluntary", "sector: 42", 1);
    assert_refused("sector.ron", text.as_bytes(), |p| matches!(p, LoadProblem::Damaged { .. }), "damaged");
    let text = session_to_ron(&example()).replacen("colour: \"#009e73\"", "colour: \"green\"", 1);
    assert_refused("colour.ron", text.as_bytes(), |p| matches!(p, LoadProblem::Damaged { .. }), "not a colour");
}

#[test]
fn a_file_from_a_newer_version_is_refused_with_both_versions() {
    let text = session_to_ron(&example()).replacen(&current_version_line(), "format_version: 7", 1);
    assert_refused(
        "newer.ron",
        text.as_bytes(),
        |p| matches!(p, LoadProblem::NewerVersion { found: 7, supported: CURRENT_FORMAT_VERSION }),
        "newer version of Common Ground",
    );
}

#[test]
fn other_files_are_refused() {
    assert_refused(
        "picture.ron",
        &[0x89, b'P', b'N', b'G', 0xff, 0xfe, 0],
        |p| matches!(p, LoadProblem::NotText),
        "not a text file",
    );
    assert_refused(
        "other.ron",
        b"(name: \"a game save\")",
        |p| matches!(p, LoadProblem::NotAWorkshop),
        "not a Common Ground",
    );
    assert_refused(
        "zero.ron",
        b"(format_version: 0, session: ())",
        |p| matches!(p, LoadProblem::UnknownVersion(0)),
        "format version 0",
    );
}

#[test]
fn duplicate_ids_are_refused_as_inconsistent() {
    let mut session = example();
    session.notes.push(session.notes[0].clone());
    let text = session_to_ron(&session);
    assert_refused("twice.ron", text.as_bytes(), |p| matches!(p, LoadProblem::Inconsistent(_)), "two notes share");
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let error = load_session(&PathBuf::from("/nonexistent/folder/gone.ron")).unwrap_err();
    assert!(matches!(error.problem, LoadProblem::NotFound));
    assert_eq!(error.to_string(), "Couldn't open “gone.ron”: there is no file there");
}

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, new lines, RON syntax and non-Latin scripts must all survive.
    prop_oneof![Just(String::new()), "\\PC{0,40}", "[a-z\"\\\\(),:\n\t ]{0,20}", "[αβγ中文😀‘’–]{0,10}"]
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

prop_compose! {
    fn arbitrary_session()(
        details in (text(), prop::option::of(0i32..2_000_000), text(), text(), text()),
        organisations in prop::collection::vec((text(), 0usize..8, any::<(u8, u8, u8)>()), 0..5),
        participant_specs in prop::collection::vec((optional_text(), any::<prop::sample::Index>(), any::<bool>()), 0..5),
        note_specs in prop::collection::vec(
            (text(), optional_text(), any::<prop::sample::Index>(), any::<bool>(), 0u8..3, 0.0f32..=1.0, 0i64..2_000_000_000),
            0..8,
        ),
        action_specs in prop::collection::vec((text(), any::<prop::sample::Index>(), prop::option::of(0i32..2_000_000)), 0..4),
        extra_prompts in prop::collection::vec((text(), any::<bool>()), 0..5),
        tag_specs in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(text(), 1..3)), 0..3),
        link_specs in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..3), 0..6),
    ) -> Session {
        let julian = |day: i32| time::Date::from_julian_day(2_400_000 + day).unwrap();
        let mut session = Session {
            details: WorkshopDetails {
                title: details.0, date: details.1.map(julian), venue: details.2, purpose: details.3, facilitator: details.4,
            },
            ..Session::default()
        };
        for (name, sector, (r, g, b)) in organisations {
            session.organisations.push(Organisation::new(name, Sector::ALL[sector], Rgb::new(r, g, b)));
        }
        let pick_org = |index: &prop::sample::Index, some: bool, session: &Session| {
            (some && !session.organisations.is_empty()).then(|| index.get(&session.organisations).id)
        };
        for (name, index, some) in participant_specs {
            let organisation = pick_org(&index, some, &session);
            session.participants.push(Participant::new(name, organisation));
        }
        for (body, author, index, some, kind, along, seconds) in note_specs {
            let at = time::OffsetDateTime::from_unix_timestamp(seconds).unwrap();
            let placement = match kind {
                0 => Placement::Unplaced,
                1 => Placement::Wheel { prompt: "money".into(), band: if some { WheelBand::Assumption } else { WheelBand::Opportunity } },
                _ => Placement::Map { arc: if some { MapArc::Need } else { MapArc::Help }, along },
            };
            let mut note = Note::new(body, placement, at);
            note.author = author;
            note.organisation = pick_org(&index, some, &session);
            session.notes.push(note);
        }
        for (what, index, due) in action_specs {
            let mut action = Action::new(what);
            action.lead = pick_org(&index, true, &session);
            action.by_when = due.map(julian);
            if !session.notes.is_empty() {
                action.linked_notes.push(index.get(&session.notes).id);
            }
            session.actions.push(action);
        }
        for (question, discussed) in extra_prompts {
            session.wheel.prompts.push(WheelPrompt { discussed, ..WheelPrompt::new_custom(question) });
        }
        for (index, tags) in tag_specs {
            if !session.notes.is_empty() {
                let position = index.index(session.notes.len());
                session.notes[position].tags = tags;
            }
        }
        let needs: Vec<_> = session.notes_on_arc(MapArc::Need).map(|note| note.id).collect();
        let helps: Vec<_> = session.notes_on_arc(MapArc::Help).map(|note| note.id).collect();
        for (need, help, kind) in link_specs {
            if !needs.is_empty() && !helps.is_empty() {
                let (need, help) = (*need.get(&needs), *help.get(&helps));
                if !session.links.iter().any(|link| link.need == need && link.help == help) {
                    session.links.push(Link::new(need, help, LinkKind::ALL[kind]));
                }
            }
        }
        session
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_session_survives_a_round_trip_through_its_file(session in arbitrary_session()) {
        let text = session_to_ron(&session);
        let back = parse_session(text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, session);
    }
}

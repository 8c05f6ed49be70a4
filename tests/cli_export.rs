//! `common-ground export` run as a person runs it, with no window and no display: every format,
//! and the ways it can go wrong (a damaged or hostile file, a missing file, a folder that cannot
//! be written), each with a clear message, a non-zero exit and never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MOMENT: &str = "2026-03-12T17:00:00Z";

fn example_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("workshops").join(name)
}

/// Runs the app's binary with `arguments`, without any display to open a window on.
fn run(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_common-ground"))
        .args(arguments)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

fn export(session: &Path, format: &str, out: &Path) -> Output {
    run(&[
        "export",
        &session.display().to_string(),
        "--format",
        format,
        "--out",
        &out.display().to_string(),
        "--generated-at",
        MOMENT,
    ])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure as the issue asks: a non-zero exit, a message naming the file and the problem, and
/// no panic.
fn assert_refused(output: &Output, names: &str, problem: &str) {
    let message = stderr(output);
    assert!(!output.status.success(), "the export should fail: {message}");
    assert_ne!(output.status.code(), Some(101), "a panic exits with 101: {message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(message.contains(names), "the message names “{names}”: {message}");
    assert!(message.contains(problem), "the message says “{problem}”: {message}");
    assert_eq!(message.trim().lines().count(), 1, "one clear line: {message}");
}

#[test]
fn every_format_exports_from_the_command_line_without_a_display() {
    let out = tempfile::tempdir().unwrap();
    let session = example_path("bristol-outreach.ron");
    for (format, names) in [
        ("md", vec!["summary.md"]),
        ("html", vec!["summary.html"]),
        ("pdf", vec!["summary.pdf"]),
        ("xlsx", vec!["tables.xlsx"]),
        ("csv", vec!["notes.csv", "links.csv", "actions.csv", "votes.csv"]),
        ("svg", vec!["wheel.svg", "map.svg"]),
        ("png", vec!["wheel.png", "map.png"]),
    ] {
        let several = names.len() > 1;
        let target = if several { out.path().join(format) } else { out.path().join(names[0]) };
        let output = export(&session, format, &target);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        let printed = String::from_utf8_lossy(&output.stdout).into_owned();
        for name in names {
            let path = if several { target.join(name) } else { target.clone() };
            let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{format}: {} was written", path.display()));
            assert!(bytes.len() > 50, "{format}: {name} has more than a header in it");
            assert!(printed.contains(&path.display().to_string()), "{format}: the written path is printed: {printed}");
            let start = match format {
                "pdf" => &b"%PDF-"[..],
                // An xlsx workbook is a zip archive.
                "xlsx" => &b"PK\x03\x04"[..],
                "png" => &b"\x89PNG"[..],
                "svg" => &b"<svg"[..],
                "html" => &b"<!DOCTYPE html>"[..],
                "csv" => &b"\xEF\xBB\xBF"[..],
                _ => &b"# "[..],
            };
            assert!(bytes.starts_with(start), "{format}: {name} is that kind of file");
        }
    }
}

#[test]
fn the_same_moment_gives_the_same_file_and_a_folder_gets_the_workshop_s_name() {
    let out = tempfile::tempdir().unwrap();
    let session = example_path("needs-map-example.ron");
    let first = out.path().join("first.pdf");
    assert!(export(&session, "pdf", &first).status.success());
    // Given an existing folder, a single-file export goes in it, named after the workshop file.
    assert!(export(&session, "pdf", out.path()).status.success());
    let second = out.path().join("needs-map-example.pdf");
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "same workshop, same moment, same bytes"
    );
    // SOURCE_DATE_EPOCH fixes the moment when --generated-at is not given.
    let epoch = Command::new(env!("CARGO_BIN_EXE_common-ground"))
        .args([
            "export",
            &session.display().to_string(),
            "--format",
            "md",
            "--out",
            &out.path().join("epoch.md").display().to_string(),
        ])
        .env("SOURCE_DATE_EPOCH", "1773334800")
        .output()
        .unwrap();
    assert!(epoch.status.success());
    let markdown = std::fs::read_to_string(out.path().join("epoch.md")).unwrap();
    assert!(markdown.contains("on 12 March 2026 at 17:00 UTC"), "{markdown}");
}

#[test]
fn an_out_path_ending_with_a_slash_is_a_folder_and_missing_folders_are_made() {
    let out = tempfile::tempdir().unwrap();
    let session = example_path("bristol-outreach.ron");
    for format in ["md", "pdf", "xlsx", "csv"] {
        let folder = out.path().join(format!("new-{format}")).join("and-below");
        let output = export(&session, format, Path::new(&format!("{}/", folder.display())));
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        let written =
            if format == "csv" { folder.join("notes.csv") } else { folder.join(format!("bristol-outreach.{format}")) };
        assert!(written.is_file(), "{format}: {} is written", written.display());
        let printed = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(printed.contains(&written.display().to_string()), "{format}: {printed}");
    }
    // Without the slash, a single-file export's path is the file itself, in folders made for it.
    let file = out.path().join("made").join("summary");
    assert!(export(&session, "md", &file).status.success());
    assert!(file.is_file(), "the file is named as given");
}

#[test]
fn a_damaged_or_hostile_file_is_refused_with_its_name_and_problem() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("out.md");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("damaged.ron", b"(\n    format_version: 3,\n    session: (details: 42),\n)\n".to_vec(), "damaged at line 3"),
        ("cut-off.ron", b"(\n    format_version: 3,\n    session: (\n        details: (".to_vec(), "ends too early"),
        (
            "deep.ron",
            format!("(format_version: 3, session: {}{})", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            "nested",
        ),
        ("binary.ron", vec![0xff, 0xfe, 0x00, 0x9f, 0x92, 0x96], "not a text file"),
        ("future.ron", b"(format_version: 99, session: ())".to_vec(), "newer version of Common Ground"),
    ];
    for (name, bytes, problem) in cases {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = export(&path, "md", &out);
        assert_refused(&output, name, problem);
        assert!(!out.exists(), "{name}: nothing is written");
    }
}

#[test]
fn a_missing_file_is_refused_with_its_name() {
    let folder = tempfile::tempdir().unwrap();
    let output = export(&folder.path().join("no-such-workshop.ron"), "html", &folder.path().join("out.html"));
    assert_refused(&output, "no-such-workshop.ron", "there is no file there");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_refused_with_its_name() {
    let folder = tempfile::tempdir().unwrap();
    let session = example_path("bristol-outreach.ron");
    // A path through a file can never be a folder, whoever runs the export (root included).
    let blocker = folder.path().join("blocker");
    std::fs::write(&blocker, "a file, not a folder").unwrap();
    for format in ["csv", "png", "pdf"] {
        let output = export(&session, format, &blocker.join("exports").join("out"));
        assert_refused(&output, "blocker", "part of the path is a file, not a folder");
    }
    // Several files need a folder, not a file.
    assert_refused(&export(&session, "svg", &blocker), "blocker", "it is a file");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a file, not a folder", "the file is untouched");

    // A folder without write permission (meaningful only when not running as root, who may write anywhere).
    let locked = folder.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let root = std::fs::write(locked.join("probe"), "").is_ok();
        if !root {
            assert_refused(&export(&session, "csv", &locked), "locked", "you do not have permission to write there");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn an_unknown_format_is_refused_before_anything_is_read() {
    let folder = tempfile::tempdir().unwrap();
    let output = export(&example_path("bristol-outreach.ron"), "docx", &folder.path().join("out"));
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("“docx” is not an export format; use one of md, html, csv, svg, png, pdf"),
        "{}",
        stderr(&output)
    );
}

/// The line a summary ends with, saying when it was made, from the Markdown summary of the
/// example made with `time_zone` as the computer's (`TZ`) and no moment given.
fn made_on_line(time_zone: &str, moment: Option<&str>) -> String {
    let out = tempfile::tempdir().unwrap();
    let summary = out.path().join("summary.md");
    let session = example_path("bristol-outreach.ron").display().to_string();
    let summary_arg = summary.display().to_string();
    let mut arguments = vec!["export", &session, "--format", "md", "--out", &summary_arg];
    if let Some(moment) = moment {
        arguments.extend(["--generated-at", moment]);
    }
    let output = Command::new(env!("CARGO_BIN_EXE_common-ground"))
        .args(&arguments)
        .env("TZ", time_zone)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&summary).unwrap();
    text.lines().find(|line| line.contains("Summary made with Common Ground on")).unwrap().to_owned()
}

#[test]
fn a_summary_made_now_says_the_time_on_the_computer_s_clock() {
    // Fixed offsets with no summer time, so the test reads the same all year (POSIX TZ strings
    // count west of Greenwich as positive: "IST-5:30" is 5 hours 30 ahead of UTC).
    let before = time::OffsetDateTime::now_utc();
    let line = made_on_line("IST-5:30", None);
    let after = time::OffsetDateTime::now_utc();
    assert!(line.contains("+05:30"), "the offset of the computer's clock: {line}");
    let offset = time::UtcOffset::from_hms(5, 30, 0).unwrap();
    let hour_minute = |moment: time::OffsetDateTime| {
        let local = moment.to_offset(offset);
        format!("{:02}:{:02}", local.hour(), local.minute())
    };
    assert!(
        line.contains(&hour_minute(before)) || line.contains(&hour_minute(after)),
        "the time on that clock, not UTC's: {line}"
    );
    assert!(made_on_line("UTC0", None).contains(" UTC"), "a computer on UTC says UTC");
    assert!(made_on_line("CET-1", None).contains("+01:00"));
}

#[test]
fn a_moment_given_keeps_its_own_offset_whatever_the_computer_s_clock() {
    let line = made_on_line("IST-5:30", Some(MOMENT));
    assert!(line.contains("12 March 2026 at 17:00 UTC"), "{line}");
    let line = made_on_line("UTC0", Some("2026-07-01T18:00:00+01:00"));
    assert!(line.contains("1 July 2026 at 18:00 +01:00"), "{line}");
}

#[test]
fn without_a_screen_the_app_says_so_in_one_plain_line() {
    let output = run(&[]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert_eq!(message.trim().lines().count(), 1, "one line: {message}");
    assert!(message.contains("no screen"), "{message}");
    assert!(message.contains("`common-ground export`"), "it names what works without one: {message}");
    assert!(!message.contains(".so") && !message.contains('/'), "no library or path: {message}");
}

//! `common-ground export` run as a person runs it, with no window and no display: every format,
//! and the ways it can go wrong (a damaged or hostile file, a missing file, a folder that cannot
//! be written), each with a clear message, a non-zero exit and never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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

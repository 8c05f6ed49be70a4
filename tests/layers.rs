//! The layers never reach upward: `model` names nothing else of ours, `guide` only `model`,
//! `canvas` only `model` and `guide`, and nothing outside `ui` names `ui`.
//!
//! The test reads the source tree, strips comments and string literals, and resolves every path
//! that starts at `crate::` or climbs with `super::` (including `use crate::{ui, …}` groups and
//! `super::super::ui`) to the top-level module it names.
#![allow(clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crate's top-level modules, the layers the rules speak of.
const MODULES: [&str; 9] = ["model", "guide", "canvas", "store", "document", "export", "join", "examples", "ui"];

/// One path in a file that names a top-level module of ours.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Reference {
    line: usize,
    module: String,
    /// The path as far as it names single things, from the top-level module: `ui::vote::dots_words`.
    path: String,
}

/// What a file in `layer` may name, as a list of the modules it must not.
fn forbidden(layer: &str) -> Vec<&'static str> {
    let allowed: &[&str] = match layer {
        "model" => &["model"],
        "guide" => &["guide", "model"],
        "canvas" => &["canvas", "model", "guide"],
        "ui" => return Vec::new(),
        // Everything else (store, document, export, join, examples, the crate root) may use the
        // layers beneath it, but never the UI.
        _ => return vec!["ui"],
    };
    MODULES.into_iter().filter(|module| !allowed.contains(module)).collect()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/`: `src/export/wheel.rs` → `[export, wheel]`,
/// `src/export/mod.rs` → `[export]`, `src/lib.rs` → `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_owned());
    }
    parts
}

/// The source with comments and the insides of string and character literals blanked out
/// (newlines kept, so line numbers stay right).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !is_ident(chars.get(i.wrapping_sub(1))) {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body_start = j + 1;
            let rest: String = chars[body_start..].iter().collect();
            let body_len = rest.find(&closing).map_or(rest.chars().count(), |at| rest[..at].chars().count());
            let end = (body_start + body_len + closing.chars().count()).min(chars.len());
            out.extend(chars[i..end].iter().map(|c| blank(*c)));
            i = body_start + body_len + closing.chars().count();
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            // A character literal such as '"' or '\''; a lifetime ('a) is left alone.
            let end = if chars[i + 1] == '\\' {
                (i + 3..chars.len()).find(|&k| chars[k] == '\'').unwrap_or(chars.len() - 1)
            } else {
                i + 2
            };
            for _ in i..=end {
                out.push(' ');
            }
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Whether the `'` at `i` opens a character literal rather than a lifetime or label.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    matches!((chars.get(i + 1), chars.get(i + 2)), (Some('\\'), _) | (Some(_), Some('\'')))
}

/// Reads an identifier starting at `i`, skipping white space first; returns it and where it ends.
fn ident_at(chars: &[char], mut i: usize) -> (String, usize) {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    let start = i;
    while is_ident(chars.get(i)) {
        i += 1;
    }
    (chars[start..i].iter().collect(), i)
}

/// Skips white space and one `::`, if there is one there.
fn double_colon_at(chars: &[char], mut i: usize) -> Option<usize> {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    (chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':')).then_some(i + 2)
}

/// The names at the top level of a `{ … }` group starting at `open`: `{ui, model::Edit}` →
/// `ui`, `model`.
fn group_heads(chars: &[char], open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expecting = true;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
                i += 1;
            }
            '}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                expecting = true;
                i += 1;
            }
            c if depth == 1 && expecting && (c.is_alphabetic() || c == '_') => {
                let (name, end) = ident_at(chars, i);
                heads.push(name);
                expecting = false;
                i = end;
            }
            _ => i += 1,
        }
    }
    heads
}

/// Every reference in `code` (a file at `module`) to a top-level module of ours, by resolving
/// paths that start with `crate` or `super`.
fn references(code: &str, module: &[String]) -> Vec<Reference> {
    let chars: Vec<char> = code.chars().collect();
    let line_of = |at: usize| chars[..at].iter().filter(|c| **c == '\n').count() + 1;
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars.get(i.wrapping_sub(1))) || !(chars[i].is_alphabetic()) {
            i += 1;
            continue;
        }
        let (word, end) = ident_at(&chars, i);
        if word != "crate" && word != "super" {
            i = end.max(i + 1);
            continue;
        }
        // Climb: `crate` is the root; each `super` goes up one from the file's module.
        let start = i;
        let mut depth: Option<usize> = if word == "crate" { Some(0) } else { Some(module.len().saturating_sub(1)) };
        let mut at = end;
        let mut heads = Vec::new();
        let mut tail: Vec<String> = Vec::new();
        while let Some(after) = double_colon_at(&chars, at) {
            let mut j = after;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if chars.get(j) == Some(&'{') {
                heads = group_heads(&chars, j);
                break;
            }
            let (next, next_end) = ident_at(&chars, j);
            if next == "super" {
                depth = depth.and_then(|d| d.checked_sub(1));
                at = next_end;
                continue;
            }
            if !next.is_empty() {
                heads.push(next);
                at = next_end;
                // The rest of the path, up to a group or its end.
                while let Some(after) = double_colon_at(&chars, at) {
                    let (segment, segment_end) = ident_at(&chars, after);
                    if segment.is_empty() {
                        break;
                    }
                    tail.push(segment);
                    at = segment_end;
                }
            }
            break;
        }
        if let Some(depth) = depth {
            for head in heads {
                // At the root a name is a top-level module; deeper, the path is inside the file's
                // own top-level module, which is that module.
                let (module_named, path) = if depth == 0 {
                    (head.clone(), std::iter::once(head).chain(tail.iter().cloned()).collect::<Vec<_>>().join("::"))
                } else {
                    (module[0].clone(), module[0].clone())
                };
                if MODULES.contains(&module_named.as_str()) {
                    found.push(Reference { line: line_of(start), module: module_named, path });
                }
            }
        }
        i = at.max(end);
    }
    found
}

/// Upward references that the one-drawing-path work (issue 15) removes on the branches moving
/// the painting beneath the widgets: each is a file under `src/` and the start of the path it
/// may still name until then. Nothing else may reach upward, and an entry that no longer
/// matches anything must be taken off the list (the test fails until it is), so the list only
/// shrinks. It is empty since the wheel and map branches were merged: the twin painters are
/// gone and the exports take palettes and marks from `src/canvas`.
const AWAITING_THE_PAINTING_MOVES: [(&str, &str); 0] = [];

/// Which entry of `list` (file, path prefix) the reference at `path` in `file` is, if any.
fn awaiting(list: &[(&str, &str)], file: &Path, path: &str) -> Option<usize> {
    list.iter().position(|(awaiting_file, prefix)| {
        Path::new(awaiting_file) == file && (path == *prefix || path.starts_with(&format!("{prefix}::")))
    })
}

/// Every reference in the source tree that reaches a layer it must not, and which entries of
/// [`AWAITING_THE_PAINTING_MOVES`] matched one.
fn violations() -> (Vec<String>, BTreeSet<usize>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out = BTreeSet::new();
    let mut matched = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src").to_owned();
        if relative == Path::new("main.rs") {
            // The binary is its own crate, above every layer.
            continue;
        }
        let module = module_path(&relative);
        let layer = module.first().map_or("", String::as_str);
        let forbidden = forbidden(layer);
        let source = std::fs::read_to_string(&file).expect("source file is readable");
        for reference in references(&code_only(&source), &module) {
            if !forbidden.contains(&reference.module.as_str()) {
                continue;
            }
            match awaiting(&AWAITING_THE_PAINTING_MOVES, &relative, &reference.path) {
                Some(entry) => {
                    matched.insert(entry);
                }
                None => {
                    out.insert((relative.clone(), reference.line, layer.to_owned(), reference.path));
                }
            }
        }
    }
    let found = out
        .into_iter()
        .map(|(file, line, layer, path)| format!("src/{}:{line} (in `{layer}`) names `crate::{path}`", file.display()))
        .collect();
    (found, matched)
}

#[test]
fn no_layer_reaches_upward() {
    let (found, matched) = violations();
    assert!(found.is_empty(), "{} references reach upward:\n{}", found.len(), found.join("\n"));
    let done: Vec<_> = AWAITING_THE_PAINTING_MOVES
        .iter()
        .enumerate()
        .filter(|(entry, _)| !matched.contains(entry))
        .map(|(_, (file, path))| format!("src/{file}: crate::{path}"))
        .collect();
    assert!(done.is_empty(), "these no longer reach upward: take them off the awaiting list:\n{}", done.join("\n"));
}

#[test]
fn the_reader_resolves_groups_climbs_and_ignores_comments_and_strings() {
    let export_wheel = ["export".to_owned(), "wheel".to_owned()];
    let modules = |code: &str, module: &[String]| -> Vec<String> {
        references(&code_only(code), module).into_iter().map(|reference| reference.module).collect()
    };
    let paths = |code: &str| -> Vec<String> {
        references(&code_only(code), &export_wheel).into_iter().map(|reference| reference.path).collect()
    };
    assert_eq!(
        paths("crate::ui::vote::dots_words(3); use crate::ui::map::{scene, style};"),
        ["ui::vote::dots_words", "ui::map"]
    );
    let list = [("export/map.rs", "ui"), ("export/pdf.rs", "ui::map::style::text_on")];
    assert_eq!(awaiting(&list, Path::new("export/map.rs"), "ui::map::scene"), Some(0));
    assert_eq!(awaiting(&list, Path::new("export/pdf.rs"), "ui::map::style::text_on"), Some(1));
    assert_eq!(awaiting(&list, Path::new("export/pdf.rs"), "ui::map::style::text_on_other"), None);
    assert_eq!(awaiting(&list, Path::new("export/tables.rs"), "ui::map::style::text_on"), None);
    assert_eq!(modules("use crate::ui::groups::band_items;", &export_wheel), ["ui"]);
    assert_eq!(modules("use crate::{model::Edit, ui, guide::map};", &export_wheel), ["model", "ui", "guide"]);
    assert_eq!(modules("use super::super::ui::wheel;", &export_wheel), ["ui"]);
    assert_eq!(modules("use super::{svg, text};", &export_wheel), ["export", "export"]);
    assert_eq!(modules("let x = crate :: ui :: map::free_spot_on(s, a);", &export_wheel), ["ui"]);
    assert!(modules("// see crate::ui::map\n/* crate::ui */ let s = \"crate::ui\";", &export_wheel).is_empty());
    assert!(modules("let c = '\"'; let r = r#\"crate::ui\"#; fn f<'a>(x: &'a str) {}", &export_wheel).is_empty());
    assert!(modules("let supercrate = 1; my_crate::ui::x();", &export_wheel).is_empty());
    // The rules themselves.
    assert_eq!(forbidden("guide"), ["canvas", "store", "document", "export", "join", "examples", "ui"]);
    assert!(forbidden("export").contains(&"ui") && !forbidden("export").contains(&"canvas"));
}

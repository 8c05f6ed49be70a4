//! Summaries people can take away after a workshop: Markdown, HTML, a spreadsheet workbook, CSV
//! tables, SVG and PNG pictures of the canvases, and a PDF.
//!
//! Every format is a pure function from a [`Session`] to bytes: nothing here draws on the
//! screen, opens a dialog or touches a file, except [`write_export`], the thin writer the
//! command line and the app share. The same session with the same [`ExportOptions`] always gives
//! the same bytes; the only moment in them is [`ExportOptions::generated_at`], which tests fix.

mod document;
mod html;
mod map;
mod markdown;
mod marks;
mod markup;
mod outlined;
mod pdf;
mod pdf_picture;
mod pdf_structure;
mod pdf_text;
mod png;
mod shapes;
mod shaping;
mod summary;
mod svg;
mod system_fonts;
pub mod tables;
mod text;
mod wheel;
pub mod workbook;

use crate::model::Session;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use time::OffsetDateTime;

pub use map::map_svg;
pub use markdown::escape_markdown;
pub use markup::escape;
pub use outlined::with_text_outlined;
pub use png::{svg_to_png, svg_to_rgba};
pub use shaping::undrawable_characters;
pub use wheel::wheel_svg;

/// A kind of export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A Markdown summary.
    Markdown,
    /// A printable web page with the canvases in it.
    Html,
    /// The tables of notes, links, actions and votes as one spreadsheet workbook, a sheet each.
    Xlsx,
    /// The same tables as CSV files, for data tools.
    Csv,
    /// Pictures of the wheel and the map as SVG.
    Svg,
    /// Pictures of the wheel and the map as PNG.
    Png,
    /// A PDF summary on A4 pages.
    Pdf,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 7] =
        [Format::Markdown, Format::Html, Format::Pdf, Format::Xlsx, Format::Csv, Format::Svg, Format::Png];

    /// The name on the command line (`--format md`) and the file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// What the format gives, in words for menus and messages.
    pub fn description(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown summary",
            Format::Html => "web page summary (HTML)",
            Format::Xlsx => "tables as a spreadsheet (XLSX)",
            Format::Csv => "spreadsheet tables (CSV)",
            Format::Svg => "pictures of the wheel and map (SVG)",
            Format::Png => "pictures of the wheel and map (PNG)",
            Format::Pdf => "PDF summary",
        }
    }

    /// Whether the export is several files, written into a folder.
    pub fn is_several_files(self) -> bool {
        matches!(self, Format::Csv | Format::Svg | Format::Png)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not an export format; use one of md, html, csv, svg, png, pdf, xlsx")]
pub struct UnknownFormat(String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_lowercase();
        let wanted = match wanted.as_str() {
            "markdown" => "md",
            "htm" => "html",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|format| format.extension() == wanted)
            .ok_or_else(|| UnknownFormat(text.to_owned()))
    }
}

/// Choices that are not part of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// When the summary was made, as written in it.
    pub generated_at: OffsetDateTime,
}

/// One file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// Its name, e.g. `notes.csv`; for single-file formats, the name suggested when no path is given.
    pub name: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A picture or document could not be drawn (a bug rather than a problem with the workshop).
    #[error("the export could not be drawn ({0})")]
    Drawing(String),
    /// The output could not be written.
    #[error("Couldn't write “{}”: {}", path.display(), describe_io(source))]
    Write {
        /// Where it was being written.
        path: PathBuf,
        /// Why not.
        #[source]
        source: std::io::Error,
    },
    /// The output path names a file where a folder is needed, or the other way round.
    #[error("Couldn't write to “{}”: {problem}", path.display())]
    WrongKindOfPath {
        /// The path given.
        path: PathBuf,
        /// What is wrong with it.
        problem: &'static str,
    },
}

/// The session as the room has seen it: notes written in private and not yet revealed are left
/// out (with their links, dots and places in actions, as deleting them would), since a summary
/// goes to every partner. Returns that session and how many notes were left out.
/// The rule is the model's ([`Session::as_revealed`]); this names it where exports are made.
pub fn as_revealed(session: &Session) -> (Session, usize) {
    session.as_revealed()
}

/// An input/output error in words that say what to do about it.
fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "the folder it would go in does not exist".to_owned(),
        ErrorKind::PermissionDenied => "you do not have permission to write there".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        // Making a folder where a file already is fails with "already exists".
        ErrorKind::NotADirectory | ErrorKind::AlreadyExists => "part of the path is a file, not a folder".to_owned(),
        ErrorKind::IsADirectory => "there is a folder of that name".to_owned(),
        // Keep the system's words, without the temporary file's name that some errors carry.
        _ => error.to_string().split(" at path ").next().unwrap_or_default().to_owned(),
    }
}

/// The session exported in `format`: one file, or several for CSV, SVG and PNG. Notes written in
/// private and not yet revealed are left out (see [`as_revealed`]).
pub fn export(session: &Session, format: Format, options: &ExportOptions) -> Result<Vec<ExportFile>, ExportError> {
    let (revealed, left_out) = as_revealed(session);
    let session = &revealed;
    let file = |name: &str, bytes: Vec<u8>| ExportFile { name: name.to_owned(), bytes };
    let blocks = || document::blocks(&summary::Summary::of(session, options, left_out));
    Ok(match format {
        Format::Markdown => vec![file("summary.md", markdown::to_markdown(&blocks()).into_bytes())],
        Format::Html => vec![file("summary.html", html::to_html(&blocks(), session).into_bytes())],
        Format::Pdf => vec![file("summary.pdf", pdf::to_pdf(&blocks(), session, options)?)],
        Format::Xlsx => vec![file("tables.xlsx", workbook::to_xlsx(session, options)?)],
        Format::Csv => tables::all_tables(session)
            .iter()
            .map(|table| Ok(file(&format!("{}.csv", table.name), tables::to_csv(table)?)))
            .collect::<Result<_, ExportError>>()?,
        // Self-contained: the words are drawn as outlines too, for viewers without the fonts.
        Format::Svg => vec![
            file("wheel.svg", with_text_outlined(&wheel_svg(session))?.into_bytes()),
            file("map.svg", with_text_outlined(&map_svg(session))?.into_bytes()),
        ],
        // Drawn from the outlined picture, so the glyphs are placed as in the SVG and the PDF.
        Format::Png => vec![
            file("wheel.png", svg_to_png(&with_text_outlined(&wheel_svg(session))?)?),
            file("map.png", svg_to_png(&with_text_outlined(&map_svg(session))?)?),
        ],
    })
}

/// What an export in `format` cannot draw, as a sentence for the person: the characters that no
/// font has, bundled or on this computer, and the notes (or "elsewhere in the workshop") that hold
/// them, which the PDF and the pictures show as boxes. None when everything is drawn, and for the
/// formats that leave drawing the words to the reader's own program.
pub fn undrawn_text(session: &Session, format: Format) -> Option<String> {
    // Every format with pictures in it: the web page's pictures draw their words as outlines too.
    if !matches!(format, Format::Pdf | Format::Html | Format::Svg | Format::Png) {
        return None;
    }
    let (revealed, _) = as_revealed(session);
    let quoted = |characters: &[char]| {
        characters
            .iter()
            .map(|character| format!("“{character}” (U+{:04X})", u32::from(*character)))
            .collect::<Vec<_>>()
    };
    let mut places: Vec<String> = Vec::new();
    for note in &revealed.notes {
        let missing = undrawable_characters(&format!("{} {}", note.text, note.author.as_deref().unwrap_or("")));
        if !missing.is_empty() {
            let words: String = note.text.chars().take(40).collect();
            let cut = if note.text.chars().count() > 40 { "…" } else { "" };
            places.push(format!("{} in the note “{words}{cut}”", quoted(&missing).join(", ")));
        }
    }
    // The rest of the workshop's words (its details, names, actions, prompts), as saved, with
    // every character as it is (RON would otherwise escape the ones it cannot print).
    let unescaped = ron::ser::PrettyConfig::new().escape_strings(false);
    let rest = ron::ser::to_string_pretty(&Session { notes: Vec::new(), ..revealed }, unescaped).unwrap_or_default();
    let missing = undrawable_characters(&rest);
    if !missing.is_empty() {
        places.push(format!("{} elsewhere in the workshop", quoted(&missing).join(", ")));
    }
    (!places.is_empty()).then(|| {
        format!(
            "Some characters have no font on this computer and show as boxes in the {}: {}. Installing a font \
             that has them and exporting again draws them.",
            format.description(),
            places.join("; ")
        )
    })
}

/// Writes an export to `out`: for a single file, to `out` (or into `out` named `default_stem`
/// plus the extension, when `out` is an existing folder or ends with a `/`, as `new-folder/`);
/// for several files, into the folder `out`. Missing folders are made. Each file is replaced
/// whole or not at all. Returns the paths written.
pub fn write_export(
    files: &[ExportFile],
    format: Format,
    out: &Path,
    default_stem: &str,
) -> Result<Vec<PathBuf>, ExportError> {
    let write = |path: PathBuf, bytes: &[u8]| {
        crate::store::write_atomically_without_backup(&path, bytes)
            .map(|()| path.clone())
            .map_err(|source| ExportError::Write { path, source })
    };
    if format.is_several_files() {
        if out.is_file() {
            return Err(ExportError::WrongKindOfPath {
                path: out.to_owned(),
                problem: "it is a file, and this export is several files, so it needs a folder",
            });
        }
        std::fs::create_dir_all(out).map_err(|source| ExportError::Write { path: out.to_owned(), source })?;
        files.iter().map(|file| write(out.join(&file.name), &file.bytes)).collect()
    } else {
        let path = if out.is_dir() || names_a_folder(out) {
            out.join(format!("{default_stem}.{}", format.extension()))
        } else {
            out.to_owned()
        };
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ExportError::Write { path: folder.to_owned(), source })?;
        }
        files.iter().take(1).map(|file| write(path.clone(), &file.bytes)).collect()
    }
}

/// Whether `path` is written as a folder, ending with a path separator (`exports/`, or
/// `exports\` on Windows), so that a single-file export goes inside it even before it exists.
fn names_a_folder(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().chars().next_back().is_some_and(std::path::is_separator)
}

//! Fonts found on the computer, for characters none of the bundled fonts has (rare Chinese
//! characters beyond the bundled set, scripts nobody in these partnerships has written yet).
//!
//! The computer's fonts are listed once a run, the first time an export meets such a character,
//! and each character's font is remembered; a font that is used is read once and kept for the
//! rest of the run, so the PDF and the pictures can embed and draw it.

use super::shaping::FontFile;
use resvg::usvg::fontdb;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

/// The computer's fonts, listed when first needed.
static DATABASE: LazyLock<fontdb::Database> = LazyLock::new(|| {
    let mut database = fontdb::Database::new();
    database.load_system_fonts();
    database
});

/// The fonts taken from the computer so far, and which of them each character asked about is
/// drawn with (none: no font on the computer has it).
#[derive(Default)]
struct Found {
    fonts: Vec<(fontdb::ID, FontFile)>,
    by_character: HashMap<char, Option<usize>>,
}

static FOUND: LazyLock<Mutex<Found>> = LazyLock::new(Mutex::default);

/// Which font of the computer's draws `character`, as a number for [`font`]: one already taken
/// when it has the character, else the first regular, upright face that has it (then any face).
pub(super) fn font_for(character: char) -> Option<usize> {
    let mut found = FOUND.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = found.by_character.get(&character) {
        return *known;
    }
    let mut chosen = found.fonts.iter().position(|(_, file)| has(*file, character));
    if chosen.is_none() {
        let taken: Vec<fontdb::ID> = found.fonts.iter().map(|(id, _)| *id).collect();
        let mut faces: Vec<&fontdb::FaceInfo> = DATABASE.faces().filter(|face| !taken.contains(&face.id)).collect();
        // Plain faces first: the words around are in regular, upright type.
        faces.sort_by_key(|face| (face.style != fontdb::Style::Normal, face.weight.0.abs_diff(400)));
        let face = faces.into_iter().find(|face| {
            DATABASE
                .with_face_data(face.id, |data, index| {
                    ttf_parser::Face::parse(data, index).is_ok_and(|face| face.glyph_index(character).is_some())
                })
                .unwrap_or(false)
        });
        if let Some(file) = face.and_then(|face| read(face.id)) {
            found.fonts.push(file);
            chosen = Some(found.fonts.len() - 1);
        }
    }
    found.by_character.insert(character, chosen);
    chosen
}

/// The font numbered `number` by [`font_for`].
pub(super) fn font(number: usize) -> Option<FontFile> {
    FOUND.lock().unwrap_or_else(PoisonError::into_inner).fonts.get(number).map(|(_, file)| *file)
}

fn has(file: FontFile, character: char) -> bool {
    ttf_parser::Face::parse(file.data, file.index).is_ok_and(|face| face.glyph_index(character).is_some())
}

/// A face's file, read and kept for the rest of the run: the shapers, the PDF's fonts and the
/// pictures' outlines borrow it for as long as they live. Only fonts that draw something are
/// read, once each.
fn read(id: fontdb::ID) -> Option<(fontdb::ID, FontFile)> {
    DATABASE.with_face_data(id, |data, index| {
        let data: &'static [u8] = Box::leak(data.to_vec().into_boxed_slice());
        (id, FontFile { data, index })
    })
}

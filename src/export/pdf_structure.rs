//! The PDF's logical structure: which headings, paragraphs, lists, tables and figures the text
//! on its pages belongs to, in reading order, so a screen reader (or a reflowing viewer) reads the
//! summary as the HTML reads, and the outline of its sections for a viewer's bookmarks panel.
//!
//! Layout opens elements as it goes and reserves a slot for each piece of text or picture it
//! places; drawing fills each slot with the marked content krilla gives back; the tag tree is then
//! built from the elements with their slots in layout order. The outline is built from the
//! places layout found the headings at.

use crate::model::{MapArc, Session};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree};
use std::num::NonZeroU16;

/// What an element of the structure is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Role {
    /// A heading of level 1 (the title) to 4, with its words (some readers list headings by them).
    Heading(u8, String),
    /// A paragraph.
    Paragraph,
    /// A list, numbered or bulleted.
    List {
        /// Whether it is numbered.
        numbered: bool,
    },
    /// An item of a list.
    Item,
    /// An item's bullet or number.
    Label,
    /// An item's words.
    Body,
    /// Labelled facts, as a table of two columns.
    Table,
    /// A row of the table.
    Row,
    /// A row's label.
    HeaderCell,
    /// A row's value.
    Cell,
    /// A picture of a canvas, with the words a reader hears in its place.
    Figure(String),
    /// The words above a picture that say what it is.
    Caption,
}

/// A child of an element: another element, or a piece of content, by its slot.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Child {
    Element(usize),
    Content(usize),
}

#[derive(Clone, Debug, PartialEq)]
struct Element {
    role: Role,
    children: Vec<Child>,
}

/// The document's elements as layout opens them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Structure {
    elements: Vec<Element>,
    /// The elements at the root, in reading order.
    roots: Vec<usize>,
    /// The elements open now, innermost last.
    open: Vec<usize>,
    slots: usize,
}

impl Structure {
    /// Opens an element inside the innermost open one (or at the root); content goes into it until
    /// it is closed.
    pub(super) fn open(&mut self, role: Role) {
        let index = self.elements.len();
        self.elements.push(Element { role, children: Vec::new() });
        match self.open.last() {
            Some(&parent) => self.elements[parent].children.push(Child::Element(index)),
            None => self.roots.push(index),
        }
        self.open.push(index);
    }

    /// Closes the innermost open element.
    pub(super) fn close(&mut self) {
        self.open.pop();
    }

    /// How many elements are open now.
    pub(super) fn depth(&self) -> usize {
        self.open.len()
    }

    /// Sets aside the elements opened since the structure was `depth` deep, so what comes next
    /// goes in beside them (a picture placed at a page turn, in the middle of a list, belongs to
    /// its section, not to the list); [`Structure::take_up`] reopens them.
    pub(super) fn set_aside(&mut self, depth: usize) -> Vec<usize> {
        self.open.split_off(depth.min(self.open.len()))
    }

    /// Reopens elements [`Structure::set_aside`] set aside.
    pub(super) fn take_up(&mut self, set_aside: Vec<usize>) {
        self.open.extend(set_aside);
    }

    /// A slot for a piece of content in the innermost open element, or none when no element is
    /// open (the content is then drawn as an artifact: decoration, not reading matter).
    pub(super) fn content(&mut self) -> Option<usize> {
        let &parent = self.open.last()?;
        let slot = self.slots;
        self.slots += 1;
        self.elements[parent].children.push(Child::Content(slot));
        Some(slot)
    }

    /// How many slots layout reserved.
    pub(super) fn slot_count(&self) -> usize {
        self.slots
    }

    /// The tag tree, with each slot's content as drawing marked it (`filled[slot]`). Elements
    /// left with nothing in them are dropped by krilla.
    pub(super) fn tag_tree(&self, filled: &mut [Option<Identifier>]) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("en".to_owned()));
        for &root in &self.roots {
            tree.push(self.group(root, filled));
        }
        tree
    }

    fn group(&self, index: usize, filled: &mut [Option<Identifier>]) -> TagGroup {
        let element = &self.elements[index];
        let mut group = TagGroup::new(tag_of(&element.role));
        for child in &element.children {
            match *child {
                Child::Element(child) => group.push(Node::Group(self.group(child, filled))),
                // Each identifier has exactly one parent: it is taken out of its slot.
                Child::Content(slot) => {
                    if let Some(identifier) = filled.get_mut(slot).and_then(Option::take) {
                        group.push(Node::Leaf(identifier));
                    }
                }
            }
        }
        group
    }
}

fn tag_of(role: &Role) -> TagKind {
    match role {
        Role::Heading(level, words) => {
            Tag::Hn(NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN), Some(words.clone())).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::List { numbered } => Tag::L(if *numbered { ListNumbering::Decimal } else { ListNumbering::Disc }).into(),
        Role::Item => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::Body => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Row => Tag::TR.into(),
        Role::HeaderCell => Tag::TH(TableHeaderScope::Row).into(),
        Role::Cell => Tag::TD.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Caption => Tag::Caption.into(),
    }
}

/// A heading's place, for the outline.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Bookmark {
    /// The heading's level.
    pub level: u8,
    /// Its words.
    pub text: String,
    /// The page it is on, from 0.
    pub page: usize,
    /// How far down the page its top is.
    pub y: f32,
}

/// The outline a viewer shows beside the pages: each section (a heading of level 2), with the
/// headings of level 3 inside it; each goes to where its heading is, at `left`.
pub(super) fn outline(bookmarks: &[Bookmark], left: f32) -> Outline {
    let node = |bookmark: &Bookmark| {
        OutlineNode::new(bookmark.text.clone(), XyzDestination::new(bookmark.page, Point::from_xy(left, bookmark.y)))
    };
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for bookmark in bookmarks {
        match bookmark.level {
            2 => {
                if let Some(done) = section.replace(node(bookmark)) {
                    outline.push_child(done);
                }
            }
            3 => {
                if let Some(section) = section.as_mut() {
                    section.push_child(node(bookmark));
                }
            }
            _ => {}
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// `count` and its noun, in the plural unless it is one.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// A note's or prompt's words shortened for a list read aloud.
fn short(words: &str) -> String {
    const LONGEST: usize = 80;
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= LONGEST {
        return words;
    }
    let cut: String = words.chars().take(LONGEST).collect();
    format!("{}…", cut.trim_end())
}

/// The words read in place of the wheel's picture: each prompt and how many notes it holds.
pub(super) fn wheel_description(session: &Session) -> String {
    let on_wheel = |key: &str| {
        session.notes.iter().filter(|note| note.placement.wheel_spot().is_some_and(|(prompt, _)| prompt == key)).count()
    };
    let prompts: Vec<String> = session
        .wheel
        .prompts
        .iter()
        .map(|prompt| format!("“{}” ({})", short(&prompt.question), counted(on_wheel(&prompt.key), "note")))
        .collect();
    let total: usize = session.wheel.prompts.iter().map(|prompt| on_wheel(&prompt.key)).sum();
    format!(
        "The prompt wheel of “{}”, with {} in {}: {}. The inner ring of each prompt holds assumptions, the outer \
         ring opportunities.",
        session.display_title(),
        counted(total, "note"),
        counted(session.wheel.prompts.len(), "prompt"),
        prompts.join("; "),
    )
}

/// The words read in place of the map's picture: the needs and sources of help by name, and how
/// many links join them.
pub(super) fn map_description(session: &Session) -> String {
    let on_arc = |arc: MapArc| -> Vec<String> {
        session
            .notes
            .iter()
            .filter(|note| note.placement.map_arc() == Some(arc))
            .map(|note| format!("“{}”", short(&note.text)))
            .collect()
    };
    let (needs, sources) = (on_arc(MapArc::Need), on_arc(MapArc::Help));
    let listed = |names: &[String]| if names.is_empty() { String::new() } else { format!(": {}", names.join("; ")) };
    format!(
        "The needs map of “{}”. The arc of needs holds {}{}. The arc of sources of help holds {}{}. {} between them.",
        session.display_title(),
        counted(needs.len(), "need"),
        listed(&needs),
        counted(sources.len(), "source"),
        listed(&sources),
        counted(session.links.len(), "link"),
    )
}

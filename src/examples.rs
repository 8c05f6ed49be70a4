//! Example workshops from `workshops/`, embedded so they open wherever the app is installed.

use crate::model::Session;
use crate::store::{LoadProblem, parse_session};

/// An example workshop.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The name shown on the start screen.
    pub title: &'static str,
    /// One line on what it shows.
    pub description: &'static str,
    /// Its file name in `workshops/`.
    pub file_name: &'static str,
    /// The file's text.
    pub source: &'static str,
}

impl Example {
    /// The example as a session.
    pub fn session(&self) -> Result<Session, LoadProblem> {
        parse_session(self.source.as_bytes())
    }
}

/// The examples, in the order the start screen lists them.
pub const EXAMPLES: &[Example] = &[
    Example {
        title: "Bristol inter-agency outreach group",
        description: "An assertive outreach team, a college, a voluntary organisation and a service-user researcher \
                      plan education and work opportunities together.",
        file_name: "bristol-outreach.ron",
        source: include_str!("../workshops/bristol-outreach.ron"),
    },
    Example {
        title: "Needs map: Easton and Lawrence Hill",
        description: "Fifteen needs beside fifteen sources of help, with what meets each need now, what could with \
                      support, and the gaps.",
        file_name: "needs-map-example.ron",
        source: include_str!("../workshops/needs-map-example.ron"),
    },
];

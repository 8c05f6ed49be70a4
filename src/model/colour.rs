//! An organisation's colour, stored in the file as a readable `"#rrggbb"` string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A colour as red, green and blue bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Rgb {
    /// A colour from its three channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// The colours offered to new organisations, in order.
    ///
    /// This is the Okabe–Ito palette (plus two neutrals), chosen because its colours stay
    /// distinguishable under the common colour-vision deficiencies; notes also carry the
    /// organisation's name, so colour is never the only cue.
    pub const PALETTE: [Rgb; 8] = [
        Rgb::new(0xE6, 0x9F, 0x00), // orange
        Rgb::new(0x56, 0xB4, 0xE9), // sky blue
        Rgb::new(0x00, 0x9E, 0x73), // bluish green
        Rgb::new(0xF0, 0xE4, 0x42), // yellow
        Rgb::new(0x00, 0x72, 0xB2), // blue
        Rgb::new(0xD5, 0x5E, 0x00), // vermillion
        Rgb::new(0xCC, 0x79, 0xA7), // reddish purple
        Rgb::new(0x99, 0x99, 0x99), // grey
    ];

    /// Names for the [`Self::PALETTE`] colours, in the same order, so a colour can be chosen by
    /// name with the keyboard or a screen reader.
    pub const PALETTE_NAMES: [&'static str; 8] =
        ["Orange", "Sky blue", "Bluish green", "Yellow", "Blue", "Vermillion", "Reddish purple", "Grey"];

    /// The palette colour for the `index`-th organisation, cycling when there are more.
    pub fn palette_colour(index: usize) -> Rgb {
        Self::PALETTE[index % Self::PALETTE.len()]
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// Why a colour string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a colour like \"#1a2b3c\"")]
pub struct ParseRgbError(String);

impl FromStr for Rgb {
    type Err = ParseRgbError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseRgbError(text.chars().take(40).collect());
        let hex = text.strip_prefix('#').ok_or_else(error)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(error());
        }
        let channel = |range: std::ops::Range<usize>| u8::from_str_radix(&hex[range], 16).map_err(|_| error());
        Ok(Rgb::new(channel(0..2)?, channel(2..4)?, channel(4..6)?))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_text_round_trips() {
        let colour = Rgb::new(0x0a, 0xbc, 0xff);
        assert_eq!(colour.to_string(), "#0abcff");
        assert_eq!("#0abcff".parse::<Rgb>(), Ok(colour));
        assert_eq!("#0ABCFF".parse::<Rgb>(), Ok(colour));
    }

    #[test]
    fn malformed_colours_are_rejected() {
        for text in ["", "#", "0abcff", "#0abcf", "#0abcffa", "#gggggg", "#ééé"] {
            assert!(text.parse::<Rgb>().is_err(), "{text:?} should not parse");
        }
    }
}

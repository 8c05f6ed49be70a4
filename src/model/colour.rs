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

    /// Black, the dark ink for text on light colours.
    pub const BLACK: Rgb = Rgb::new(0, 0, 0);

    /// White, the light ink for text on dark colours.
    pub const WHITE: Rgb = Rgb::new(0xFF, 0xFF, 0xFF);

    /// The colour's relative luminance, 0 (black) to 1 (white), as WCAG 2 defines it.
    pub fn relative_luminance(self) -> f64 {
        let linear = |channel: u8| {
            let value = f64::from(channel) / 255.0;
            if value <= 0.040_45 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// The WCAG 2 contrast ratio between two colours, 1 (none) to 21 (black on white).
    pub fn contrast_ratio(self, other: Rgb) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The ink for text on this colour: black or white, whichever has the higher WCAG contrast
    /// ratio. One of the two always reaches at least 4.5:1 (the crossing point is √21 ≈ 4.58:1),
    /// so initials on any organisation colour are readable; every canvas and export asks here.
    #[must_use]
    pub fn text_colour(self) -> Rgb {
        if self.contrast_ratio(Self::BLACK) >= self.contrast_ratio(Self::WHITE) { Self::BLACK } else { Self::WHITE }
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
    fn contrast_ratios_follow_the_wcag_formula() {
        assert!((Rgb::BLACK.contrast_ratio(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb::WHITE.contrast_ratio(Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #5f5f5f on #1b1b1b, the console's dim text named in issue 19: 2.70:1.
        let dim = Rgb::new(0x5f, 0x5f, 0x5f).contrast_ratio(Rgb::new(0x1b, 0x1b, 0x1b));
        assert!((dim - 2.70).abs() < 0.01, "{dim}");
    }

    #[test]
    fn text_on_every_colour_reaches_four_and_a_half_to_one() {
        // The palette by name, then every colour on a coarse grid of the cube.
        for (name, colour) in Rgb::PALETTE_NAMES.iter().zip(Rgb::PALETTE) {
            let ratio = colour.text_colour().contrast_ratio(colour);
            assert!(ratio >= 4.5, "{name} {colour}: {ratio:.2}:1");
        }
        for r in (0..=255).step_by(15) {
            for g in (0..=255).step_by(15) {
                for b in (0..=255).step_by(15) {
                    let colour = Rgb::new(r, g, b);
                    assert!(colour.text_colour().contrast_ratio(colour) >= 4.5, "{colour}");
                }
            }
        }
        // White reads on the palette's blue; black on bluish green, vermillion and reddish purple,
        // where white was 3.06–3.87:1.
        assert_eq!(Rgb::new(0x00, 0x72, 0xB2).text_colour(), Rgb::WHITE);
        for colour in [Rgb::new(0x00, 0x9E, 0x73), Rgb::new(0xD5, 0x5E, 0x00), Rgb::new(0xCC, 0x79, 0xA7)] {
            assert_eq!(colour.text_colour(), Rgb::BLACK, "{colour}");
        }
    }

    #[test]
    fn malformed_colours_are_rejected() {
        for text in ["", "#", "0abcff", "#0abcf", "#0abcffa", "#gggggg", "#ééé"] {
            assert!(text.parse::<Rgb>().is_err(), "{text:?} should not parse");
        }
    }
}

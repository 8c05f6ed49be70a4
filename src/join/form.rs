//! Reading the body of a plain HTML form post (`application/x-www-form-urlencoded`).
//!
//! Written out rather than left to a lenient decoder because a participant's phone must get a
//! clear answer for every bad body: bytes that are not UTF-8 (raw or percent-encoded), broken
//! percent escapes, a field given twice or a field missing are each refused with their own
//! message instead of being silently patched up.

use percent_encoding::percent_decode;
use std::collections::HashMap;

/// Why a form body was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// The body, or a value once decoded, is not UTF-8 text.
    NotUtf8,
    /// The body is not shaped like a form; the text says how.
    Malformed(String),
}

/// The fields of one form post.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormFields(HashMap<String, String>);

impl FormFields {
    /// Decode a form body.
    pub fn parse(body: &[u8]) -> Result<Self, FormError> {
        let text = std::str::from_utf8(body).map_err(|_| FormError::NotUtf8)?;
        let mut fields = HashMap::new();
        for pair in text.split('&').filter(|pair| !pair.is_empty()) {
            let Some((name, value)) = pair.split_once('=') else {
                return Err(FormError::Malformed(format!("the part “{}” has no value", shorten(pair))));
            };
            let name = decode(name)?;
            let value = decode(value)?;
            if fields.contains_key(&name) {
                return Err(FormError::Malformed(format!("the field “{}” is given twice", shorten(&name))));
            }
            fields.insert(name, value);
        }
        Ok(Self(fields))
    }

    /// A field that must be present.
    pub fn required(&self, name: &str) -> Result<&str, FormError> {
        self.0
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| FormError::Malformed(format!("the field “{name}” is missing")))
    }

    /// A field that may be absent or blank; `None` when it is either. Surrounding spaces are
    /// dropped.
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|value| value.trim()).filter(|value| !value.is_empty())
    }
}

fn decode(part: &str) -> Result<String, FormError> {
    let bytes = part.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        if *byte == b'%' {
            let escape = bytes.get(index + 1..index + 3);
            if !escape.is_some_and(|pair| pair.iter().all(u8::is_ascii_hexdigit)) {
                return Err(FormError::Malformed("a percent sign is not followed by two hex digits".to_owned()));
            }
        }
    }
    let spaced = part.replace('+', " ");
    percent_decode(spaced.as_bytes()).decode_utf8().map(std::borrow::Cow::into_owned).map_err(|_| FormError::NotUtf8)
}

/// At most 40 characters of something a client sent, for an error message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent_escapes() {
        let fields = FormFields::parse(b"text=Caf%C3%A9+at+10&empty=&name=+Sam+").unwrap();
        assert_eq!(fields.required("text"), Ok("Café at 10"));
        assert_eq!(fields.optional("empty"), None);
        assert_eq!(fields.optional("name"), Some("Sam"));
        assert!(matches!(fields.required("missing"), Err(FormError::Malformed(_))));
    }

    #[test]
    fn refuses_bad_bodies() {
        assert_eq!(FormFields::parse(b"text=\xff\xfe"), Err(FormError::NotUtf8));
        assert_eq!(FormFields::parse(b"text=%FF%FE"), Err(FormError::NotUtf8));
        assert!(matches!(FormFields::parse(b"text=50%"), Err(FormError::Malformed(_))));
        assert!(matches!(FormFields::parse(b"justtext"), Err(FormError::Malformed(_))));
        assert!(matches!(FormFields::parse(b"a=1&a=2"), Err(FormError::Malformed(_))));
    }
}

//! [`Class`]: record classes.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};
use crate::rdata::rtype::numeric_suffix;

/// A record class (RFC 1035 §3.2.4, IANA "DNS CLASSes"). Unknown classes
/// survive as their number and print as `CLASS<n>` (RFC 3597 §5). In an
/// OPT record this field is the UDP payload size instead.
///
/// ```
/// use dnswire::Class;
///
/// assert_eq!("chaos".parse::<Class>()?, Class::CH);
/// assert_eq!(Class::CH.to_string(), "CH");
/// assert_eq!(Class(42).to_string(), "CLASS42");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Class(pub u16);

impl Class {
    /// The Internet.
    pub const IN: Class = Class(1);
    /// Chaos.
    pub const CH: Class = Class(3);
    /// Hesiod.
    pub const HS: Class = Class(4);
    /// No class, in updates (RFC 2136).
    pub const NONE: Class = Class(254);
    /// Any class, in a question or an update (RFC 2136).
    pub const ANY: Class = Class(255);

    /// The mnemonic, for the classes that have one (as dig prints them).
    pub fn mnemonic(self) -> Option<&'static str> {
        Some(match self {
            Class::IN => "IN",
            Class::CH => "CH",
            Class::HS => "HS",
            Class::NONE => "NONE",
            Class::ANY => "ANY",
            _ => return None,
        })
    }
}

impl fmt::Display for Class {
    /// The mnemonic, or `CLASS<n>` (RFC 3597 §5). Honours width and fill.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(name) => f.pad(name),
            None => f.pad(crate::rdata::present::Numbered::new("CLASS", self.0).as_str()),
        }
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Class({self})")
    }
}

impl FromStr for Class {
    type Err = Error;

    /// A mnemonic (any case; also `CHAOS` and `HESIOD`, as IANA lists
    /// them) or `CLASS<n>`.
    fn from_str(text: &str) -> Result<Self> {
        let aliases = [("CHAOS", Class::CH), ("HESIOD", Class::HS)];
        for class in [Class::IN, Class::CH, Class::HS, Class::NONE, Class::ANY] {
            if class.mnemonic().is_some_and(|m| m.eq_ignore_ascii_case(text)) {
                return Ok(class);
            }
        }
        if let Some((_, class)) = aliases.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(text)) {
            return Ok(*class);
        }
        numeric_suffix(text, "CLASS").map(Class).ok_or(Error::BadText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_text_round_trips() {
        assert_eq!(Class(42).to_string(), "CLASS42");
        assert_eq!(format!("{:>4}", Class::IN), "  IN");
        assert_eq!("ch".parse::<Class>(), Ok(Class::CH));
        assert_eq!("Hesiod".parse::<Class>(), Ok(Class::HS));
        assert_eq!("CLASS42".parse::<Class>(), Ok(Class(42)));
        assert_eq!("CLASS".parse::<Class>(), Err(Error::BadText));
        // Every value; under Miri, one in 97 (the loop is the slow part).
        for value in (0..=u16::MAX).step_by(if cfg!(miri) { 97 } else { 1 }) {
            assert_eq!(Class(value).to_string().parse::<Class>(), Ok(Class(value)));
        }
    }
}

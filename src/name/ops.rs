//! Operations on names: counting labels, suffixes (subdomains, parents,
//! stripping a zone's name), DNSSEC's canonical order (RFC 4034 §6.1), and
//! `Display` that honours width, fill and alignment.
//!
//! Labels are compared as DNS compares them, ASCII case-insensitively. A
//! name has at most 127 labels, so the suffix operations take the labels
//! into a fixed array on the stack: no allocation.

use core::cmp::Ordering;
use core::fmt;

use super::{write_labels, Labels, Name, NameBuf, ToName, MAX_NAME_LEN};

/// The most labels a name can have (255 bytes: 127 one-byte labels and the
/// root).
const MAX_LABELS: usize = 127;

/// A name's labels, leftmost first, in an array.
struct LabelList<'a> {
    labels: [&'a [u8]; MAX_LABELS],
    len: usize,
}

impl<'a> LabelList<'a> {
    fn new(labels: Labels<'a>) -> Self {
        let mut list = LabelList { labels: [&[]; MAX_LABELS], len: 0 };
        // A name never has more; the iterator of one is cut off there.
        for label in labels.take(MAX_LABELS) {
            list.labels[list.len] = label;
            list.len += 1;
        }
        list
    }

    fn as_slice(&self) -> &[&'a [u8]] {
        &self.labels[..self.len]
    }
}

/// How many labels of `name` come before `suffix`, if `name` ends with it.
fn prefix_len(name: Labels<'_>, suffix: Labels<'_>) -> Option<usize> {
    let name = LabelList::new(name);
    let suffix = LabelList::new(suffix);
    let (name, suffix) = (name.as_slice(), suffix.as_slice());
    let before = name.len().checked_sub(suffix.len())?;
    name[before..].iter().zip(suffix).all(|(a, b)| a.eq_ignore_ascii_case(b)).then_some(before)
}

/// RFC 4034 §6.1: labels compared from the rightmost, each as a string of
/// lower-cased bytes (a label that is a prefix of another sorts first);
/// a name that is a suffix of another sorts before it.
fn canonical_cmp(a: Labels<'_>, b: Labels<'_>) -> Ordering {
    let a = LabelList::new(a);
    let b = LabelList::new(b);
    for (x, y) in a.as_slice().iter().rev().zip(b.as_slice().iter().rev()) {
        let order = x.iter().map(u8::to_ascii_lowercase).cmp(y.iter().map(u8::to_ascii_lowercase));
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len.cmp(&b.len)
}

/// The labels of any absolute name; `None` for one that is not (relative,
/// or text that is no name).
fn with_labels<T>(name: &(impl ToName + ?Sized), then: impl FnOnce(Labels<'_>) -> T) -> Option<T> {
    let mut scratch = [0; MAX_NAME_LEN];
    let wire = name.to_wire(&mut scratch).ok()?;
    Some(then(Labels { bytes: wire, pos: 0, floor: 0 }))
}

/// The name made of the first `count` labels of `labels`, relative.
fn leading(labels: Labels<'_>, count: usize) -> NameBuf {
    let mut name = NameBuf { bytes: [0; MAX_NAME_LEN], len: 0, absolute: false };
    let mut at = 0;
    for label in labels.take(count) {
        // Labels of a name: 255 bytes at most in all.
        name.bytes[at] = label.len() as u8;
        name.bytes[at + 1..at + 1 + label.len()].copy_from_slice(label);
        at += 1 + label.len();
    }
    name.len = at as u8;
    name
}

/// The operations that go by labels alone, for [`Name`] and [`NameBuf`]
/// alike; `$example` is a doc example for the type.
macro_rules! label_operations {
    ($type:ty, $absolute:expr, $example:literal) => {
        impl $type {
            /// The number of labels, the root not counted (`www.example.`
            /// has 2).
            ///
            /// ```
            /// use dnswire::NameBuf;
            ///
            /// let name: NameBuf = "www.example.".parse()?;
            /// let view = name.as_name().unwrap(); // the same name as a `Name`
            /// assert_eq!((name.label_count(), view.label_count()), (2, 2));
            /// assert_eq!(NameBuf::root().label_count(), 0);
            /// # Ok::<(), dnswire::Error>(())
            /// ```
            pub fn label_count(&self) -> usize {
                self.labels().count()
            }

            /// Whether this name is `other` or below it, label by label and
            /// ASCII case-insensitively (`www.Example.com.` is a subdomain
            /// of `example.com.`, `wwwexample.com.` is not). `false` when
            /// either is not an absolute name (a relative name is under
            /// nothing known).
            ///
            #[doc = $example]
            pub fn is_subdomain_of(&self, other: &(impl ToName + ?Sized)) -> bool {
                let absolute: fn(&Self) -> bool = $absolute;
                absolute(self) && self.ends_with(other)
            }

            /// Whether this name's last labels are those of `suffix`: the
            /// same as `is_subdomain_of` (for a relative name, label by
            /// label).
            ///
            /// ```
            /// use dnswire::NameBuf;
            ///
            /// let name: NameBuf = "www.Example.".parse()?;
            /// let view = name.as_name().unwrap(); // the same name as a `Name`
            /// assert!(name.ends_with("example.") && view.ends_with("example."));
            /// assert!(!name.ends_with("ample."));
            /// // A relative name ends with the labels, not under a zone.
            /// let host: NameBuf = "www.example".parse()?;
            /// assert!(host.ends_with("example.") && !host.is_subdomain_of("example."));
            /// # Ok::<(), dnswire::Error>(())
            /// ```
            pub fn ends_with(&self, suffix: &(impl ToName + ?Sized)) -> bool {
                with_labels(suffix, |suffix| prefix_len(self.labels(), suffix).is_some()).unwrap_or(false)
            }

            /// The labels before `suffix`, as a relative name (`www` for
            /// `www.example.com.` and `example.com.`; the empty relative
            /// name for the suffix itself); `None` if the name does not end
            /// with it.
            ///
            /// ```
            /// use dnswire::NameBuf;
            ///
            /// let name: NameBuf = "www.mail.example.com.".parse()?;
            /// let view = name.as_name().unwrap(); // the same name as a `Name`
            /// let prefix = view.strip_suffix("Example.com.").unwrap();
            /// assert!(!prefix.is_absolute());
            /// assert_eq!(prefix.to_string(), "www.mail");
            /// assert_eq!(name.strip_suffix(&name).unwrap().label_count(), 0);
            /// assert!(name.strip_suffix("example.org.").is_none());
            /// # Ok::<(), dnswire::Error>(())
            /// ```
            pub fn strip_suffix(&self, suffix: &(impl ToName + ?Sized)) -> Option<NameBuf> {
                let count = with_labels(suffix, |suffix| prefix_len(self.labels(), suffix))??;
                Some(leading(self.labels(), count))
            }
        }
    };
}

label_operations!(
    Name<'_>,
    |_| true,
    "```
use dnswire::{Message, MessageBuilder, Rtype, Class};

let mut buf = [0u8; 512];
let mut builder = MessageBuilder::new(&mut buf[..])?;
builder.push_question(\"www.Example.com.\", Rtype::A, Class::IN)?;
let message = Message::parse(builder.finish())?;
let name = message.question().unwrap().name;
assert!(name.is_subdomain_of(\"example.com.\"));
assert!(!name.is_subdomain_of(\"ample.com.\"));
assert_eq!(name.label_count(), 3);
assert_eq!(name.parent().unwrap().to_string(), \"Example.com.\");
assert_eq!(name.strip_suffix(\"example.com.\").unwrap().to_string(), \"www\");
# Ok::<(), dnswire::Error>(())
```"
);

label_operations!(
    NameBuf,
    |name| name.absolute,
    "```
use dnswire::NameBuf;

let name: NameBuf = \"_25._tcp.Mail.example.com.\".parse()?;
assert!(name.is_subdomain_of(\"example.com.\"));
assert!(name.is_subdomain_of(&name));
assert_eq!(name.label_count(), 5);
assert_eq!(name.parent().unwrap().to_string(), \"_tcp.Mail.example.com.\");
assert_eq!(name.strip_suffix(\"example.com.\").unwrap().to_string(), \"_25._tcp.Mail\");
# Ok::<(), dnswire::Error>(())
```"
);

impl<'a> Name<'a> {
    /// The name one label up (`example.com.` for `www.example.com.`), a
    /// view into the same message; `None` for the root.
    ///
    /// ```
    /// use dnswire::Name;
    ///
    /// let message = b"\x03www\x07example\x03com\x00";
    /// let parent = Name::parse_at(message, 0)?.parent().unwrap();
    /// assert_eq!(parent.to_string(), "example.com.");
    /// assert_eq!(parent.offset(), 4); // in the same bytes, no copy
    /// assert!(Name::root().parent().is_none());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn parent(&self) -> Option<Name<'a>> {
        let mut labels = self.labels();
        labels.next()?;
        // Where the iterator stopped: the start of the rest of the name.
        Some(Name { message: self.message, start: labels.pos.min(self.message.len()) })
    }
}

impl NameBuf {
    /// The name one label up; `None` for the root (and for an empty
    /// relative name).
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let name: NameBuf = "www.example.".parse()?;
    /// assert_eq!(name.parent().unwrap().to_string(), "example.");
    /// assert!(NameBuf::root().parent().is_none());
    /// // A relative name stays relative, down to the empty name.
    /// let host: NameBuf = "www.example".parse()?;
    /// let up = host.parent().unwrap();
    /// assert_eq!((up.to_string().as_str(), up.is_absolute()), ("example", false));
    /// assert!(up.parent().unwrap().parent().is_none());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn parent(&self) -> Option<NameBuf> {
        let first = *self.bytes.first()?;
        if self.len == 0 || (first == 0 && self.absolute) {
            return None;
        }
        let skip = 1 + usize::from(first);
        let mut parent = NameBuf { bytes: [0; MAX_NAME_LEN], len: self.len - skip as u8, absolute: self.absolute };
        let rest = &self.bytes[skip..usize::from(self.len)];
        parent.bytes[..rest.len()].copy_from_slice(rest);
        Some(parent)
    }
}

//--- Canonical order (RFC 4034 §6.1)

impl Ord for Name<'_> {
    /// DNSSEC's canonical order of names (RFC 4034 §6.1): by labels from
    /// the rightmost, each compared as lower-cased bytes.
    fn cmp(&self, other: &Self) -> Ordering {
        canonical_cmp(self.labels(), other.labels())
    }
}

impl PartialOrd for Name<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NameBuf {
    /// DNSSEC's canonical order of names (RFC 4034 §6.1); a relative name
    /// sorts before the absolute name of the same labels.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// // RFC 4034 §6.1's example, in its order.
    /// let text = ["example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.",
    ///     "zABC.a.EXAMPLE.", "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example."];
    /// let mut names: Vec<NameBuf> = text.iter().rev().map(|t| t.parse().unwrap()).collect();
    /// names.sort();
    /// assert_eq!(names.iter().map(|n| n.to_string()).collect::<Vec<_>>(), text);
    /// ```
    fn cmp(&self, other: &Self) -> Ordering {
        canonical_cmp(self.labels(), other.labels()).then(self.absolute.cmp(&other.absolute))
    }
}

impl PartialOrd for NameBuf {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

//--- Display with width, fill and alignment

/// Room for any name in presentation form: 255 bytes, each at most four
/// characters (`\DDD`), with the dots.
const MAX_TEXT_LEN: usize = 4 * MAX_NAME_LEN + 128;

/// A fixed buffer that `write!` fills.
struct TextBuf {
    bytes: [u8; MAX_TEXT_LEN],
    len: usize,
}

impl fmt::Write for TextBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let slot = self.bytes.get_mut(self.len..self.len + s.len()).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len += s.len();
        Ok(())
    }
}

/// Writes a name's labels, padded as `f` asks when it asks (only then is
/// the text written into a buffer first).
pub(super) fn display(f: &mut fmt::Formatter<'_>, labels: Labels<'_>, absolute: bool) -> fmt::Result {
    if f.width().is_none() && f.precision().is_none() {
        return write_labels(f, labels, absolute);
    }
    struct Plain<'a>(Labels<'a>, bool);
    impl fmt::Display for Plain<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_labels(f, self.0.clone(), self.1)
        }
    }
    let mut text = TextBuf { bytes: [0; MAX_TEXT_LEN], len: 0 };
    fmt::write(&mut text, format_args!("{}", Plain(labels, absolute)))?;
    // Only whole `str`s were written.
    f.pad(core::str::from_utf8(&text.bytes[..text.len]).map_err(|_| fmt::Error)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;
    use std::vec::Vec;
    use std::{format, vec};

    fn name(text: &str) -> NameBuf {
        text.parse().unwrap()
    }

    #[test]
    fn canonical_order_is_rfc4034s_example() {
        // RFC 4034 §6.1, in the order given there.
        let ordered = [
            "example.",
            "a.example.",
            "yljkjljk.a.example.",
            "Z.a.example.",
            "zABC.a.EXAMPLE.",
            "z.example.",
            "\\001.z.example.",
            "*.z.example.",
            "\\200.z.example.",
        ];
        let mut names: Vec<NameBuf> = ordered.iter().map(|t| name(t)).collect();
        // Any order in, the RFC's out: reversed, and rotated.
        for shift in 0..names.len() {
            names.rotate_left(shift);
            names.reverse();
            names.sort();
            let text: Vec<_> = names.iter().map(ToString::to_string).collect();
            assert_eq!(text, ordered);
        }
        // Views into a message sort the same way.
        let mut buf = [0u8; 1024];
        let mut builder = crate::MessageBuilder::new(&mut buf[..]).unwrap();
        for text in ordered.iter().rev() {
            builder.push_question(*text, crate::Rtype::A, crate::Class::IN).unwrap();
        }
        let message = crate::Message::parse(builder.finish()).unwrap();
        let mut views: Vec<Name<'_>> = message.questions().map(|q| q.name).collect();
        views.sort();
        assert_eq!(views.iter().map(ToString::to_string).collect::<Vec<_>>(), ordered);
    }

    #[test]
    fn order_agrees_with_equality() {
        assert_eq!(name("WWW.Example.").cmp(&name("www.example.")), Ordering::Equal);
        assert_eq!(name("www.example").cmp(&name("www.example.")), Ordering::Less);
        assert_ne!(name("www.example"), name("www.example."));
    }

    #[test]
    fn suffixes_go_by_whole_labels() {
        let n = name("www.example.com.");
        assert!(n.ends_with("example.com."));
        assert!(n.ends_with("EXAMPLE.COM."));
        assert!(n.ends_with("."));
        assert!(n.ends_with(&n));
        assert!(!n.ends_with("ample.com."));
        assert!(!n.ends_with("www.example.com.org."));
        // Not an absolute name: no answer but `false`.
        assert!(!n.ends_with("example.com"));
        // A relative name is under nothing known, though its labels end so.
        assert!(!name("www.example").is_subdomain_of("example."));
        assert!(name("www.example").ends_with("example."));
        assert!(!n.ends_with("bad..name."));
        assert_eq!(n.strip_suffix("com.").unwrap().to_string(), "www.example");
        assert_eq!(n.strip_suffix(".").unwrap(), name("www.example.com"));
        assert_eq!(n.strip_suffix(&n).unwrap().label_count(), 0);
        assert_eq!(n.strip_suffix("org."), None);
    }

    #[test]
    fn parents_up_to_the_root() {
        let mut n = name("a.b.c.");
        let mut seen = vec![n.to_string()];
        while let Some(parent) = n.parent() {
            seen.push(parent.to_string());
            n = parent;
        }
        assert_eq!(seen, ["a.b.c.", "b.c.", "c.", "."]);
        assert_eq!(name("www.example").parent().unwrap().to_string(), "example");
        assert_eq!(name("www").parent().unwrap().label_count(), 0);
    }

    #[test]
    fn a_views_parent_follows_its_pointers() {
        // www.example.com. then mail.example.com. with a pointer to
        // example.com. inside the first name.
        let mut buf = [0u8; 512];
        let mut builder = crate::MessageBuilder::new(&mut buf[..]).unwrap();
        builder.push_question("www.example.com.", crate::Rtype::A, crate::Class::IN).unwrap();
        builder.push_question("mail.example.com.", crate::Rtype::A, crate::Class::IN).unwrap();
        let message = crate::Message::parse(builder.finish()).unwrap();
        let names: Vec<_> = message.questions().map(|q| q.name).collect();
        let mut chain = Vec::new();
        let mut at = Some(names[1]);
        while let Some(n) = at {
            chain.push(n.to_string());
            at = n.parent();
        }
        assert_eq!(chain, ["mail.example.com.", "example.com.", "com.", "."]);
        assert!(names[1].parent().unwrap() == names[0].parent().unwrap());
    }

    #[test]
    fn display_honours_width_fill_and_alignment() {
        let n = name("a\\.b.example.");
        assert_eq!(format!("[{n:>15}]"), "[  a\\.b.example.]");
        assert_eq!(format!("[{n:*<15}]"), "[a\\.b.example.**]");
        assert_eq!(format!("[{n:^16}]"), "[ a\\.b.example.  ]");
        assert_eq!(format!("[{n:5}]"), "[a\\.b.example.]");
        assert_eq!(format!("[{n:.3}]"), "[a\\.]");
        // The longest text a name has: 127 labels of `\000`.
        let long: NameBuf = "\\000.".repeat(127).parse().unwrap();
        assert_eq!(format!("{long:>1}").len(), 127 * 5);
    }
}

//! SPF: type 99 ([RFC 7208 §3.1](https://www.rfc-editor.org/rfc/rfc7208#section-3.1), obsolete),
//! in TXT's form; the view is [`Txt`](crate::Txt).

pub(crate) use crate::rdata::txt::{decode, scan};

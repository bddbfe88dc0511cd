//! SMIMEA: an S/MIME certificate association ([RFC 8162](https://www.rfc-editor.org/rfc/rfc8162)),
//! in TLSA's form; the view is [`Tlsa`](crate::Tlsa).

pub(crate) use crate::rdata::tlsa::{decode, scan};

//! SIG: the signature of RFC 2535 and of SIG(0) transactions (RFC 2931).
//!
//! # Wire format
//! As [RRSIG](super::rrsig), but the signer is compressible when read
//! (RFC 3597 §4), so it is checked when the message is parsed. The view is
//! [`Rrsig`].

use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{skip_name, CheckedSuffixes, Name};
use crate::rdata::{check_rdata_name, Rrsig};

/// The fields before the signer.
const FIXED: usize = 18;

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    if rdata.len() <= FIXED {
        return Err(Error::RdataLength);
    }
    let after = check_rdata_name(message, rdata.start + FIXED, memo)?;
    if after > rdata.end {
        return Err(Error::RdataLength);
    }
    Ok(())
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Rrsig<'_, Name<'_>>> {
    let at = rdata.start + FIXED;
    let after = skip_name(message, at);
    crate::rdata::rrsig::decode_with(message, rdata, |fields| {
        fields.bytes(after - at)?;
        Ok(Name::new_checked(message, at))
    })
}

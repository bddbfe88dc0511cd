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

pub(crate) use crate::rdata::rrsig::scan;

use crate::rdata::rrsig::{assemble, FIXED};

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
    let after = skip_name(message, rdata.start + FIXED);
    Ok(assemble(message, rdata.clone(), after - rdata.start))
}

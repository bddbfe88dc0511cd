//! NS: an authoritative name server ([RFC 1035 §3.3.11](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.11)).
//!
//! # Wire format
//! One domain name, compressible (RFC 3597 §4), ending exactly at RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A name server record: `nsdname` serves the owner's zone.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Ns, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_authority("example.com.", Class::IN, 3600, &Ns { nsdname: "ns1.example.com." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Ns(ns) = message.authority().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(ns.nsdname.to_string(), "ns1.example.com.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Ns, nsdname, NS, compressed_name
}

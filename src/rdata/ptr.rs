//! PTR: a domain name pointer ([RFC 1035 §3.3.12](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.12)).
//!
//! # Wire format
//! One domain name, compressible (RFC 3597 §4), ending exactly at RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A pointer record, as in reverse lookups: the owner points to `ptrdname`.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Ptr, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("1.2.0.192.in-addr.arpa.", Class::IN, 3600, &Ptr { ptrdname: "mx1.example.com." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Ptr(ptr) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(ptr.to_string(), "mx1.example.com.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Ptr, ptrdname, PTR, compressed_name
}

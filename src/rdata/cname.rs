//! CNAME: the canonical name of an alias ([RFC 1035 §3.3.1](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.1)).
//!
//! # Wire format
//! One domain name, compressible (RFC 3597 §4), ending exactly at RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A canonical name record: the owner is an alias of `cname`.
    ///
    /// ```
    /// use dnswire::{Class, Cname, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("www.example.com.", Class::IN, 300, &Cname { cname: "host.example.com." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Cname(cname) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(cname.to_string(), "host.example.com.");
    /// // "example.com." was compressed to a pointer into the owner name.
    /// assert_eq!(message.as_bytes().len(), 12 + 17 + 10 + 7);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Cname, cname, CNAME, compressed_name
}

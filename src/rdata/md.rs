//! MD: a mail destination ([RFC 1035 §3.3.4](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.4), obsolete).
//!
//! # Wire format
//! One domain name, compressible when read (RFC 3597 §4), ending exactly at
//! RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A mail destination record (obsolete; MX replaced it).
    ///
    /// ```
    /// use dnswire::{Class, Md, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("a.example.", Class::IN, 300, &Md { madname: "b.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Md(rdata) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(rdata.to_string(), "b.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Md, madname, MD, compressed_name
}

//! MG: a mail group member ([RFC 1035 §3.3.6](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.6)).
//!
//! # Wire format
//! One domain name, compressible when read (RFC 3597 §4), ending exactly at
//! RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A mail group member record: `mgmname` is a mailbox in the owner's group.
    ///
    /// ```
    /// use dnswire::{Class, Mg, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("a.example.", Class::IN, 300, &Mg { mgmname: "b.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Mg(rdata) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(rdata.to_string(), "b.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Mg, mgmname, MG, compressed_name
}

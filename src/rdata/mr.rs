//! MR: a mailbox rename ([RFC 1035 §3.3.8](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.8)).
//!
//! # Wire format
//! One domain name, compressible when read (RFC 3597 §4), ending exactly at
//! RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A mail rename record: `newname` is the owner mailbox's new name.
    ///
    /// ```
    /// use dnswire::{Class, Mr, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("a.example.", Class::IN, 300, &Mr { newname: "b.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Mr(rdata) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(rdata.to_string(), "b.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Mr, newname, MR, compressed_name
}

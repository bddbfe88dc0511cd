//! MB: a mailbox's host ([RFC 1035 §3.3.3](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.3)).
//!
//! # Wire format
//! One domain name, compressible when read (RFC 3597 §4), ending exactly at
//! RDLENGTH.

crate::rdata::single_name_rdata! {
    /// A mailbox record: `madname` is the host that has the owner's mailbox.
    ///
    /// ```
    /// use dnswire::{Class, Mb, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("a.example.", Class::IN, 300, &Mb { madname: "b.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Mb(rdata) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(rdata.to_string(), "b.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Mb, madname, MB, compressed_name
}

//! RP: the responsible person ([RFC 1183 §2.2](https://www.rfc-editor.org/rfc/rfc1183#section-2.2)).
//!
//! # Wire format
//! ```text
//! MBOX-DNAME  domain name, compressible when read: the mailbox (`.` for none)
//! TXT-DNAME   domain name, compressible when read: where TXT records say more
//! ```
//! The builder writes both uncompressed (RFC 3597 §4).

crate::rdata::two_names_rdata! {
    /// A responsible-person record.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Rp};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("example.", Class::IN, 300, &Rp { mbox: "admin.example.", txt: "." })?;
    /// let message = Message::parse(builder.finish())?;
    /// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "admin.example. .");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Rp, mbox, txt, RP, uncompressed_name
}

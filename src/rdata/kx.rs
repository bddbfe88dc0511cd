//! KX: a key exchanger ([RFC 2230](https://www.rfc-editor.org/rfc/rfc2230)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16, lower is preferred
//! EXCHANGER   domain name, compressible when read (RFC 3597 §4)
//! ```

crate::rdata::number_and_name_rdata! {
    /// A key exchanger record.
    ///
    /// ```
    /// use dnswire::{Class, Kx, Message, MessageBuilder};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("example.", Class::IN, 300, &Kx { preference: 10, exchanger: "kx.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 kx.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Kx, preference, exchanger, KX
}

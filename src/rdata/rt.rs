//! RT: route through ([RFC 1183 §3.3](https://www.rfc-editor.org/rfc/rfc1183#section-3.3)).
//!
//! # Wire format
//! ```text
//! PREFERENCE         u16, lower is preferred
//! INTERMEDIATE-HOST  domain name, compressible when read (RFC 3597 §4)
//! ```

crate::rdata::number_and_name_rdata! {
    /// A route-through record.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Rt};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("example.", Class::IN, 300, &Rt { preference: 10, host: "relay.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 relay.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Rt, preference, host, RT
}

//! MINFO: mailbox or mail list information ([RFC 1035 §3.3.7](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.7)).
//!
//! # Wire format
//! ```text
//! RMAILBX  domain name, compressible: the mailbox responsible for the list
//! EMAILBX  domain name, compressible: the mailbox that receives errors
//! ```

crate::rdata::two_names_rdata! {
    /// A mailbox information record.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Minfo};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// let minfo = Minfo { rmailbx: "owner.example.", emailbx: "errors.example." };
    /// builder.push_answer("list.example.", Class::IN, 300, &minfo)?;
    /// let message = Message::parse(builder.finish())?;
    /// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "owner.example. errors.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Minfo, rmailbx, emailbx, MINFO, compressed_name
}

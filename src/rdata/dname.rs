//! DNAME: delegation of a subtree ([RFC 6672](https://www.rfc-editor.org/rfc/rfc6672)).
//!
//! # Wire format
//! One domain name, compressible when read (RFC 3597 §4), ending exactly at
//! RDLENGTH.
//! RFC 6672 §2.5 forbids sending it compressed, so the builder never does.

crate::rdata::single_name_rdata! {
    /// A delegation name record: names below the owner are aliases of the same names below `target`.
    ///
    /// ```
    /// use dnswire::{Class, Dname, Message, MessageBuilder, RData};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("a.example.", Class::IN, 300, &Dname { target: "b.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// let RData::Dname(rdata) = message.answers().next().unwrap().rdata() else { panic!() };
    /// assert_eq!(rdata.to_string(), "b.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Dname, target, DNAME, uncompressed_name
}

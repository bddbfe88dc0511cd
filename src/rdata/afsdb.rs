//! AFSDB: an AFS database server ([RFC 1183 §1](https://www.rfc-editor.org/rfc/rfc1183#section-1), RFC 5864).
//!
//! # Wire format
//! ```text
//! SUBTYPE   u16 (1: AFS cell database server, 2: DCE name server)
//! HOSTNAME  domain name, compressible when read (RFC 3597 §4)
//! ```

crate::rdata::number_and_name_rdata! {
    /// An AFS database location record.
    ///
    /// ```
    /// use dnswire::{Afsdb, Class, Message, MessageBuilder};
    ///
    /// let mut buf = [0u8; 128];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_answer("example.", Class::IN, 300, &Afsdb { subtype: 1, hostname: "afs.example." })?;
    /// let message = Message::parse(builder.finish())?;
    /// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "1 afs.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    Afsdb, subtype, hostname, AFSDB
}

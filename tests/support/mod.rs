//! What the resolver tests share: the scripted server, the hostile
//! answers, and a counting allocator.
#![allow(dead_code)]

pub mod counting;
pub mod hostile;
pub mod server;

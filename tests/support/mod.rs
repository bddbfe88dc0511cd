//! What the resolver tests share: the scripted server and the hostile
//! answers.
#![allow(dead_code)]

pub mod hostile;
pub mod server;

//! The app's own hooks: the worker protocol ([`analysis`]), the share link, autosave and restore
//! ([`persistence`]), and when the heavy views draw a new analysis ([`settled`]).

pub mod analysis;
pub mod persistence;
pub mod settled;

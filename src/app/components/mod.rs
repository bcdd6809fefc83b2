//! The views. Each renders part of the `Analysis` from context and dispatches selections.

pub mod app;
pub mod article;
pub mod events;
pub mod gestures;
pub mod input;
pub mod inspector;
pub mod map;
pub mod roving;
pub mod share;
pub mod timeline;

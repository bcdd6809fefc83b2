//! Browser I/O: the analysis worker, fetching lazy data, reading dropped files (in a worker of their own), storage.

pub mod engine;
pub mod export;
pub mod fetch;
pub mod files;
pub mod one_shot;
pub mod persist;
pub mod picture;

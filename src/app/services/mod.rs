//! Browser I/O: the analysis worker, fetching lazy data, reading dropped files, parsing HTML inertly.

pub mod engine;
pub mod fetch;
pub mod files;
pub mod persist;

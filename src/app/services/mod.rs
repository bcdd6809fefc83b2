//! Browser I/O: fetching lazy data, reading dropped files, parsing HTML inertly.

pub mod fetch;
pub mod files;
pub mod persist;

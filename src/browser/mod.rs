//! The only code that touches the DOM, files, downloads, the clock and the worker.

pub mod clock;
pub mod download;
pub mod files;
pub mod selection;
pub mod worker;

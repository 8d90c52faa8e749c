//! The only code that touches the DOM, files, downloads, the clock and the worker.

pub mod clock;
pub mod download;
pub mod files;
pub mod label_styles;
pub mod model;
pub mod offline;
pub mod panic;
pub mod reader;
pub mod selection;
pub mod storage;
pub mod visibility;
pub mod worker;
